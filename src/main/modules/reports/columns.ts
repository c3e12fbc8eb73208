// What a report is made of, independent of the output format: columns with a kind, rows produced in
// chunks (no statement stays open between chunks, so a job can yield), and totals summed in integer fen.
export type ColKind = 'text' | 'money' | 'int' | 'units';

export interface Col {
  key: string;
  header: string;
  kind: ColKind;
  /** Excel width in characters; the PDF scales these to the page. */
  width: number;
  /** Totalled in the totals row. */
  total?: boolean;
}

export type Cell = string | number | null;

export interface ReportData {
  kind: string;
  title: string;
  /** Company and period line under the title. */
  subtitle: string;
  columns: Col[];
  /** Rows in chunks; money cells are integer fen. */
  chunks(): Generator<Cell[][], void, void>;
  /** Rows expected (for progress; may be an estimate). */
  estimatedRows: number;
  /** Extra sheets/sections after the main table (e.g. per-period totals), small. */
  appendix?: () => { title: string; columns: Col[]; rows: Cell[][] };
}

/** Sums the totalled columns of a chunk into `acc` (integer fen, exact). */
export function addTotals(columns: Col[], rows: Cell[][], acc: number[]): void {
  for (let c = 0; c < columns.length; c++) {
    if (!columns[c]!.total) continue;
    let s = acc[c] ?? 0;
    for (const r of rows) s += (r[c] as number | null) ?? 0;
    acc[c] = s;
  }
}

/** 1,234.56 from fen, exact (no floating point). */
export function yuanText(fen: number): string {
  const neg = fen < 0;
  const n = Math.abs(fen);
  const int = Math.floor(n / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${int}.${String(n % 100).padStart(2, '0')}`;
}
