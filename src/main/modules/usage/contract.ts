// Units-of-production usage API (工作量): each asset's expected total units and its units per period,
// entered on a screen (batch) or imported from Excel.
import { z } from 'zod';
import { method } from '../../api/contract';
import { id, periodStr } from '../../api/schemas';
import { decimalToScaled } from '../depreciation/rational';

const units = z
  .number()
  .min(0)
  .max(1e9)
  .refine((u) => decimalToScaled(u, 6) !== null, 'validation.unitsDecimals');

export interface UsageRow {
  assetId: number;
  assetCode: string;
  assetName: string;
  /** Expected total units over the life; null while not entered (the asset charges nothing). */
  totalUnits: number | null;
  period: string;
  /** Units used in the period; null when none was entered (no charge, flagged no_usage). */
  units: number | null;
  /** Units used in earlier periods. */
  usedBefore: number;
  version: number | null;
}

export interface UsageProblem {
  /** 1-based sheet row, and the column letter. */
  row: number;
  column: string;
  message: string;
  params?: Record<string, unknown>;
}

export interface UsageImportResult {
  imported: number;
  totalsSet: number;
  problems: UsageProblem[];
  /** True when nothing was written (dry run, or problems found). */
  dryRun: boolean;
}

export const usageContract = {
  'usage.list': method<{ rows: UsageRow[]; total: number }>()({
    input: z.object({
      period: periodStr,
      /** One asset's history instead of the period's list: every period with usage up to `period`. */
      assetId: id.optional(),
      search: z.string().trim().max(100).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(2000).default(200),
    }),
    access: ['depreciation.read', 'assets.read'],
    mode: 'read',
    summary:
      'Units-of-production usage: for a period, every units-of-production asset on the books (in asset code order) with its total units, the units entered for the period (null: none, so no charge) and the units used before; with assetId, that asset’s usage per period.',
    returns:
      '{ rows: UsageRow { assetId, assetCode, assetName, totalUnits, period, units, usedBefore, version }[], total }',
  }),
  'usage.set': method<{ saved: number; totalsSaved: number }>()({
    input: z.object({
      /** Expected total units per asset. */
      totals: z
        .array(z.object({ assetId: id, totalUnits: units.refine((u) => u > 0, 'validation.positive') }))
        .max(20_000)
        .default([]),
      /** Units per asset and period; units null removes the entry. */
      entries: z
        .array(z.object({ assetId: id, period: periodStr, units: units.nullable() }))
        .max(20_000)
        .default([]),
    }),
    access: ['depreciation.run', 'assets.write'],
    mode: 'write',
    summary:
      'Saves usage in one batch (all or nothing): expected total units and units per period, for units-of-production assets only; a closed period refuses (PERIOD_CLOSED). A posted open period must be re-posted to take it in (depreciation.run shows changedSincePost).',
    returns: '{ saved, totalsSaved }',
  }),
  'usage.import': method<{ jobId: string }>()({
    input: z.object({
      /** .xlsx, base64; columns 资产编码, 期间 (YYYY-MM, or the `period` below), 工作量, optional 预计总工作量. */
      file: z.string().min(1).max(30_000_000),
      period: periodStr.optional(),
      dryRun: z.boolean().default(false),
    }),
    access: ['depreciation.run', 'assets.write'],
    mode: 'read',
    summary:
      'Imports usage from an Excel sheet (first sheet; header row with 资产编码/资产编号, 期间, 工作量/本期工作量, 预计总工作量) as a job: every problem by row and column; nothing is written when any row has a problem or dryRun is set, else all rows in one transaction.',
    returns:
      '{ jobId } — the job’s result is UsageImportResult { imported, totalsSet, problems: [{ row, column, message, params? }], dryRun }',
  }),
};
