// Depreciation API: the schedule preview for an asset that need not exist yet (the asset form shows it).
import { z } from 'zod';
import { method } from '../../api/contract';
import { dateStr, depreciationMethod, fen, periodStr, rate } from '../../api/schemas';
import type { Schedule } from './engine';
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
};
