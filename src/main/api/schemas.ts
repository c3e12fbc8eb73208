// Reusable input schemas (pure zod): ids, money in fen, dates, periods, paging and sorting.
import { z } from 'zod';
import { DEPRECIATION_METHODS } from './constants';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function realDate(s: string) {
  const [y, m, d] = s.split('-').map(Number);
  const dt = new Date(Date.UTC(y!, m! - 1, d!));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m! - 1 && dt.getUTCDate() === d;
}

export const id = z.number().int().positive();
/** Money in integer fen (分); never a float. Bounded so sums stay exact in a double. */
export const fen = z.number().int().min(0).max(1e15);
export const signedFen = z.number().int().min(-1e15).max(1e15);
export const dateStr = z.string().regex(DATE_RE, 'validation.date').refine(realDate, 'validation.date');
export const periodStr = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'validation.period');
/** A fraction with at most 4 decimals, 0 ≤ r < 1 (e.g. 0.05 for 5%). */
export const rate = z
  .number()
  .min(0)
  .max(0.9999)
  .refine((r) => Math.abs(r * 10000 - Math.round(r * 10000)) < 1e-6, 'validation.rateDecimals');
export const trimmed = (max = 200) => z.string().trim().max(max);
export const requiredText = (max = 200) => z.string().trim().min(1, 'validation.required').max(max);

export { DEPRECIATION_METHODS, type DepreciationMethod } from './constants';
export const depreciationMethod = z.enum(DEPRECIATION_METHODS);

export const paging = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
};

export const sortSpec = <F extends readonly [string, ...string[]]>(fields: F) =>
  z
    .array(z.object({ field: z.enum(fields), dir: z.enum(['asc', 'desc']).default('asc') }))
    .max(3)
    .default([]);

export const byId = z.object({ id });
export const versioned = { id, version: z.number().int().positive() };

export interface Page<T> {
  rows: T[];
  total: number;
}
