// Month arithmetic for the engine: a period 'YYYY-MM' as a month index (year × 12 + month − 1).

export function periodIndex(period: string): number {
  return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
}

/** The month a 'YYYY-MM-DD' date falls in. */
export const dateMonthIndex = periodIndex;

export function periodOf(index: number): string {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${y}-${m < 10 ? '0' : ''}${m}`;
}
