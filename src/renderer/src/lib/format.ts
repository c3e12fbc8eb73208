// Display formats: money from fen as ¥1,234.56, dates YYYY-MM-DD, rates as percentages.

export function money(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${neg ? '-' : ''}¥${yuan.toLocaleString('en-US')}.${cents}`;
}

/** Parses user input in 元 ("1,234.5", "¥1234.56") to fen, exactly; null when not a number. */
export function parseMoney(text: string): number | null {
  const s = text.replace(/[¥￥,\s]/g, '');
  const m = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0') || 0);
  return m[1] ? -fen : fen;
}

export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '';
  return `${(Math.round(rate * 10000) / 100).toString()}%`;
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
