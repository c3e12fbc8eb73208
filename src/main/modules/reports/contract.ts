// Reports API (报表): the accountant's schedules as an on-screen preview with paging, and as .xlsx
// (streamed) or .pdf files built by a job.
import { z } from 'zod';
import { method } from '../../api/contract';
import { dateStr, id, periodStr } from '../../api/schemas';
import type { IoFile } from '../io/contract';
import type { Cell, Col } from './columns';

export const REPORT_KINDS = [
  'depreciation_detail',
  'register',
  'movement',
  'allocation',
  'book_tax_difference',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const reportParams = z.object({
  /** depreciation_detail, book_tax_difference: the first and last month (to defaults to from). */
  from: periodStr.optional(),
  to: periodStr.optional(),
  /** depreciation_detail: forecast after the last posted month through a month, or each asset's end of life. */
  forecastTo: z.union([periodStr, z.literal('end_of_life')]).optional(),
  /** movement, allocation: the month. */
  period: periodStr.optional(),
  /** register: the date. */
  date: dateStr.optional(),
  /** depreciation_detail: only this category / expense department (as posted). */
  categoryId: id.optional(),
  departmentId: id.optional(),
});
export type ReportParams = z.output<typeof reportParams>;

export interface ReportPreview {
  kind: ReportKind;
  title: string;
  subtitle: string;
  columns: Col[];
  /** A page of rows; money cells in fen. */
  rows: Cell[][];
  total: number;
  /** Per column: the total in fen (or count) where the column is totalled, else null. */
  totals: (number | null)[];
}

const input = z.object({ kind: z.enum(REPORT_KINDS), params: reportParams.default({}) });

export const reportsContract = {
  'reports.preview': method<ReportPreview>()({
    input: input.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    access: 'reports.read',
    mode: 'read',
    summary:
      'A report for the screen: its columns (key, header, kind text|money|int, total?), a page of rows (money in fen), the row count and the exact totals. Kinds: depreciation_detail {from, to?, forecastTo?, categoryId?, departmentId?}, register {date}, movement {period}, allocation {period}, book_tax_difference {from, to?}.',
    returns: '{ kind, title, subtitle, columns, rows: Cell[][], total, totals: (number|null)[] }',
  }),
  'reports.export': method<{ jobId: string }>()({
    input: input.extend({ format: z.enum(['xlsx', 'pdf']).default('xlsx') }),
    access: 'reports.read',
    mode: 'read',
    summary:
      'Builds a report file as a job (progress on job.progress) from a snapshot of the ledger taken by this call: .xlsx through the streaming writer (frozen header, 元 formats, landscape print setup, totals rows as ROUND(SUM()) formulas carrying the exact totals; a report over 4 GB is refused with VALIDATION validation.reportTooLarge; very long reports continue on further sheets), or .pdf (landscape A4, CJK font, header repeated per page, totals, page numbers; at most 20,000 rows). Written to exports/ in the data folder.',
    returns:
      '{ jobId } — the job’s result is IoFile { fileName, mime, size, path, data? (base64, up to 32 MB), rows }',
  }),
};

export type ReportFile = IoFile;
