// Periods API (期间): the months of the ledger with their status and run, month-end close and reopen,
// and the movement summary a close checks.
import { z } from 'zod';
import { method } from '../../api/contract';
import { periodStr, requiredText } from '../../api/schemas';
import type { RunStatus } from '../depreciation/contract';
import type { MovementLine } from './movement';

export interface PeriodDto {
  period: string;
  status: 'open' | 'closed';
  runStatus: RunStatus;
  /** Assets on the books in the run, its charges and recognised impairment, fen (0 without a run). */
  assets: number;
  totalAmount: number;
  totalImpairment: number;
  postedAt: string | null;
  closedAt: string | null;
  closedBy: string | null;
  reopenedAt: string | null;
  reopenReason: string | null;
  /** What may be done with it now. */
  canPost: boolean;
  canClose: boolean;
  canReopen: boolean;
  version: number;
}

export const periodsContract = {
  'periods.list': method<PeriodDto[]>()({
    input: z.object({}),
    access: 'depreciation.read',
    mode: 'read',
    summary:
      'Every month from the ledger’s first period to the current one (or the last posted, if later), newest first: open/closed, the depreciation run’s status and totals, and whether it may be posted, closed or reopened now.',
    returns:
      'PeriodDto[] { period, status, runStatus, assets, totalAmount, totalImpairment, postedAt, closedAt, closedBy, reopenedAt, reopenReason, canPost, canClose, canReopen, version }',
  }),
  'periods.close': method<{ period: string; status: 'closed'; movement: MovementLine[] }>()({
    input: z.object({ period: periodStr }),
    access: 'periods.close',
    mode: 'write',
    summary:
      'Month-end close (月末结账): the earliest open month only; refuses unless its depreciation is posted, the posted entries still match the ledger (else re-post), and the movement summary reconciles per category to the fen. Then nothing dated in the month can be created, changed or deleted (PERIOD_CLOSED). Audited.',
    returns: '{ period, status: "closed", movement: MovementLine[] }',
  }),
  'periods.reopen': method<{ period: string; status: 'open' }>()({
    input: z.object({ period: periodStr, reason: requiredText(500) }),
    access: 'periods.reopen',
    mode: 'write',
    summary: 'Reopens the latest closed month (administrators only), with a reason; audited.',
    returns: '{ period, status: "open" }',
  }),
  'periods.movement': method<MovementLine[]>()({
    input: z.object({ period: periodStr }),
    access: 'depreciation.read',
    mode: 'read',
    summary:
      'The movement summary (增减变动表) of a posted month by category from its posted entries: opening NBV, additions, reductions, depreciation, impairment, closing NBV, and the difference (0 when it reconciles).',
    returns:
      'MovementLine[] { categoryId, categoryName, opening, additions, reductions, depreciation, impairment, closing, difference }',
  }),
};
