// Depreciation API: the schedule preview for an asset that need not exist yet (the asset form shows it).
import { z } from 'zod';
import { method } from '../../api/contract';
import { dateStr, depreciationMethod, fen, id, periodStr, rate, type Page } from '../../api/schemas';
import type { Schedule } from './engine';
import type { RunSummaryLine, RunTotals } from './run';
import { decimalToScaled } from './rational';

/** Up to 100 years, so every schedule stays a bounded loop. */
const months = z.number().int().min(1).max(1200);
/** Units of work (km, hours, pieces): non-negative, at most 6 decimals, kept exact. */
const units = z
  .number()
  .min(0)
  .max(1e12)
  .refine((u) => decimalToScaled(u, 6) !== null, 'validation.unitsDecimals');

const impairment = z.object({
  kind: z.literal('impairment'),
  date: dateStr,
  recoverableAmount: fen,
  remainingLifeMonths: months.optional(),
  residualValue: fen.optional(),
});
const estimateChange = z.object({
  kind: z.literal('estimate_change'),
  date: dateStr,
  totalLifeMonths: months.optional(),
  residualValue: fen.optional(),
  method: depreciationMethod.optional(),
});
const disposal = z.object({ kind: z.literal('disposal'), date: dateStr });

function monthsBetween(fromDate: string, toPeriod: string): number {
  return (
    (Number(toPeriod.slice(0, 4)) - Number(fromDate.slice(0, 4))) * 12 +
    Number(toPeriod.slice(5, 7)) -
    Number(fromDate.slice(5, 7))
  );
}

export const previewInput = z
  .object({
    method: depreciationMethod,
    cost: fen,
    residualValue: fen.optional(),
    residualRate: rate.optional(),
    lifeMonths: months,
    inServiceDate: dateStr,
    totalUnits: units.refine((u) => u > 0, 'validation.positive').optional(),
    usage: z
      .array(z.object({ period: periodStr, units }))
      .max(2400)
      .optional(),
    openingAccumulated: fen.optional(),
    openingMonths: z.number().int().min(0).max(1200).optional(),
    events: z
      .array(z.discriminatedUnion('kind', [impairment, estimateChange, disposal]))
      .max(100)
      .optional(),
    through: periodStr.optional(),
  })
  .superRefine((v, ctx) => {
    const problem = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    // Same keys as the asset form's residual fields.
    if (v.residualValue !== undefined && v.residualRate !== undefined) {
      problem(['residualValue'], 'validation.residualRateOrValue');
    }
    if (v.residualValue === undefined && v.residualRate === undefined) {
      problem(['residualValue'], 'validation.required');
    }
    const residual = v.residualValue ?? 0;
    if (residual > v.cost) problem(['residualValue'], 'validation.residualExceedsCost');
    const events = v.events ?? [];
    const needsUnits =
      v.method === 'units_of_production' ||
      events.some((e) => e.kind === 'estimate_change' && e.method === 'units_of_production');
    if (needsUnits && v.totalUnits === undefined) problem(['totalUnits'], 'validation.totalUnitsRequired');
    if ((v.openingAccumulated === undefined) !== (v.openingMonths === undefined)) {
      problem(['openingMonths'], 'validation.openingTogether');
    }
    if ((v.openingAccumulated ?? 0) > v.cost - residual) {
      problem(['openingAccumulated'], 'validation.openingAboveDepreciable');
    }
    events.forEach((e, i) => {
      if (e.date < v.inServiceDate) problem(['events', i, 'date'], 'validation.eventBeforeInService');
      if (e.kind !== 'disposal' && e.residualValue !== undefined && e.residualValue > v.cost) {
        problem(['events', i, 'residualValue'], 'validation.residualExceedsCost');
      }
      if (
        e.kind === 'estimate_change' &&
        e.totalLifeMonths === undefined &&
        e.residualValue === undefined &&
        e.method === undefined
      ) {
        problem(['events', i], 'validation.estimateChangeEmpty');
      }
    });
    const seen = new Set<string>();
    (v.usage ?? []).forEach((u, i) => {
      if (seen.has(u.period)) problem(['usage', i, 'period'], 'validation.duplicatePeriod');
      seen.add(u.period);
    });
    if (
      v.through !== undefined &&
      monthsBetween(v.inServiceDate, v.through) > 1200 + (v.openingMonths ?? 0)
    ) {
      problem(['through'], 'validation.throughTooFar');
    }
  });

export type PreviewInput = z.output<typeof previewInput>;

export interface EntryDto {
  period: string;
  assetId: number;
  assetCode: string;
  assetName: string;
  categoryId: number;
  expenseDepartmentId: number | null;
  cost: number;
  amount: number;
  accumulated: number;
  /** Impairment provision balance after the month. */
  impairment: number;
  /** Impairment recognised in the month. */
  impairmentCharge: number;
  netBookValue: number;
  /** The asset left the books this month (charged, nothing after). */
  disposed: boolean;
}

export type RunStatus = 'none' | 'previewed' | 'posted';

export interface RunPreview {
  mode: 'preview';
  period: string;
  /** Whether a post may name this period now. */
  postable: boolean;
  runStatus: RunStatus;
  totals: RunTotals;
  byCategory: RunSummaryLine[];
  byExpenseDepartment: RunSummaryLine[];
  /** Per asset, a page (offset/limit) in asset id order; `total` counts them all. */
  rows: EntryDto[];
  total: number;
  /** When posted: how many assets the posted entries differ from this computation for (0: up to date). */
  changedSincePost: number | null;
}

export interface RunPosting {
  mode: 'post';
  period: string;
  /** jobs.get(jobId) → result { period, runId, assets, totalAmount, totalImpairment, unchanged }. */
  jobId: string;
}

export const depreciationContract = {
  'depreciation.preview': method<Schedule>()({
    input: previewInput,
    access: 'public',
    mode: 'read',
    summary:
      'Monthly depreciation schedule for an asset that need not exist (money in fen): starts the month after inServiceDate, follows impairment / estimate_change / disposal events, runs through `through` (default: end of life).',
    returns:
      '{ residualValue, rows: [{ period, amount, accumulated, impairment (provision balance), netBookValue, flags?: ("no_usage"|"fully_depreciated"|"impairment"|"estimate_change"|"disposal")[] }] }',
  }),
  'depreciation.run': method<RunPreview | RunPosting>()({
    input: z.object({
      period: periodStr,
      post: z.boolean(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(0).max(5000).default(200),
    }),
    access: 'depreciation.run',
    mode: 'write',
    summary:
      'The monthly run (计提折旧). post=false: previews the whole period — each asset’s charge (paged by offset/limit) and totals by category and by expense department — and records the preview. post=true: starts a job that posts the period (progress as job.progress events); only the period after the last posted one, or the last posted one again while it is open, up to the current month. Posting is idempotent: the same ledger gives the same entries, and re-posting unchanged entries writes nothing.',
    returns:
      'post=false: { mode:"preview", period, postable, runStatus, totals {assets, amount, impairment}, byCategory, byExpenseDepartment: [{ id, name, assets, amount, impairment }], rows: EntryDto[], total, changedSincePost }; post=true: { mode:"post", period, jobId }',
  }),
  'depreciation.entries': method<Page<EntryDto>>()({
    input: z.object({
      period: periodStr.optional(),
      assetId: id.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(200),
    }),
    access: 'depreciation.read',
    mode: 'read',
    summary:
      'Posted depreciation entries (accounting book), by period and/or asset, in period then asset order.',
    returns:
      'Page<EntryDto { period, assetId, assetCode, assetName, categoryId, expenseDepartmentId, cost, amount, accumulated, impairment, impairmentCharge, netBookValue, disposed }>',
  }),
};
