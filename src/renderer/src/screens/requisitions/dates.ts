// Today's date in the user's time zone as YYYY-MM-DD (what date inputs and the API expect).
export function today(): string {
  return new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
