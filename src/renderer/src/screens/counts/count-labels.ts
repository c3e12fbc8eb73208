// Small pure helpers the count screens share: status tags, the progress fraction, the kinds.
import type { CountDto, CountStatus } from '../../../../main/modules/counts/contract';

export const STATUS_TAG: Record<CountStatus, string> = {
  draft: '',
  in_progress: 'accent',
  finished: 'warn',
  posted: 'ok',
  cancelled: 'danger',
};

/** Share of the expected list found so far (anywhere); null when nothing is expected or it is hidden. */
export function progressOf(c: CountDto): number | null {
  const t = c.totals;
  if (t.expected === undefined || !t.expected) return null;
  return Math.min(1, (t.found + (t.foundElsewhere ?? 0)) / t.expected);
}

export function todayLocal(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
