// Tax book API (税法账): an asset's tax terms (defaults from its category's tax class) and tax schedule.
import { z } from 'zod';
import { method } from '../../api/contract';
import { depreciationMethod, fen, id, periodStr } from '../../api/schemas';
import type { ScheduleRow } from '../depreciation/engine';
import type { TaxTerms } from './terms';

export const taxBookContract = {
  'tax.get': method<{ assetId: number; terms: TaxTerms; version: number | null; rows: ScheduleRow[] }>()({
    input: z.object({ assetId: id, through: periodStr.optional() }),
    access: 'reports.read',
    mode: 'read',
    summary:
      'An asset’s tax terms (life, method, residual — defaults from the tax class minimum life, straight line, the book residual; the one-off deduction for equipment ≤ 5,000,000 元 bought 2024–2027, deducted in full the month after in-service) and its tax schedule through `through` (default: end of life).',
    returns:
      '{ assetId, terms { lifeMonths, method, residualValue, oneOffEligible, oneOffApplied, oneOff, minLifeMonths, defaults }, version (null: all defaults), rows: ScheduleRow[] }',
  }),
  'tax.update': method<{ assetId: number; terms: TaxTerms; version: number }>()({
    input: z.object({
      assetId: id,
      /** null: back to the default. */
      lifeMonths: z.number().int().min(1).max(1200).nullable().optional(),
      method: depreciationMethod.exclude(['units_of_production']).nullable().optional(),
      residualValue: fen.nullable().optional(),
      /** auto: apply the one-off deduction when eligible; yes: apply (must be eligible); no: never. */
      oneOff: z.enum(['auto', 'yes', 'no']).optional(),
      /** The version read (omit when the asset has no tax terms yet). */
      version: z.number().int().positive().optional(),
    }),
    access: 'accounts.manage',
    mode: 'write',
    summary:
      'Sets an asset’s tax terms. The life may not be below 60% of its tax class minimum (accelerated treatment, 第九十八条); oneOff "yes" requires eligibility; CONFLICT when the version is stale.',
    returns: '{ assetId, terms, version }',
  }),
};
