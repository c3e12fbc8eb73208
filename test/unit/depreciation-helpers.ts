// Shared helpers for the depreciation engine tests (not a test file itself).
import {
  computeSchedule,
  type ScheduleInput,
  type ScheduleRow,
} from '../../src/main/modules/depreciation/engine';

export function rowsOf(input: ScheduleInput): ScheduleRow[] {
  return computeSchedule(input).rows;
}

export const amounts = (rows: ScheduleRow[]) => rows.map((r) => r.amount);

/** Sums of consecutive groups of months, e.g. depreciation years [12, 12, 6]. */
export function groupSums(rows: ScheduleRow[], lengths: number[], from = 0): number[] {
  const out: number[] = [];
  let i = from;
  for (const len of lengths) {
    out.push(rows.slice(i, i + len).reduce((a, r) => a + r.amount, 0));
    i += len;
  }
  return out;
}

/** `n` months charging `monthly`, the last one `closing`: one depreciation year as the rules lay it out. */
export const year = (monthly: number, closing: number, n = 12) => [
  ...Array<number>(n - 1).fill(monthly),
  closing,
];

export const byPeriod = (rows: ScheduleRow[], period: string) => {
  const row = rows.find((r) => r.period === period);
  if (!row) throw new Error(`no row for ${period}`);
  return row;
};

/** Seeded PRNG (mulberry32), so a failing random case can be replayed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)] };
}
