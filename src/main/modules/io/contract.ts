// Excel/CSV import and export API: templates, import preview → commit (a job, one transaction),
// the problems as an annotated copy of the user's workbook, and list exports.
import { z } from 'zod';
import { method } from '../../api/contract';
import { AssetListInput } from '../assets/contract';

/** The settings dictionaries an import can bring in, in the order the templates list them. */
export const DICT_KINDS = [
  'categories',
  'locations',
  'departments',
  'custodians',
  'suppliers',
  'dictionaries',
] as const;

/** What an import brings in: asset cards (with opening balances), or one of the settings dictionaries. */
export const IMPORT_KINDS = ['assets', ...DICT_KINDS] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportTemplates {
  jobId: string;
  /** Every kind with a template: its key (io.templates / io.importPreview kind), label and file name. */
  kinds: { kind: ImportKind; label: string; fileName: string }[];
}

export const ImportPreviewInput = z.object({
  kind: z.enum(IMPORT_KINDS).default('assets'),
  /** The file, base64 (.xlsx, or .csv in UTF-8 or GBK/GB18030); at most ~40 MB decoded. */
  file: z.string().min(1).max(56_000_000),
  fileName: z.string().trim().min(1).max(255),
  /** Sheet name; default: the first visible sheet with a recognisable header row. */
  sheet: z.string().max(100).optional(),
  /** Column letter (or header text) → field name, '' to ignore; remembered per header layout. */
  mapping: z.record(z.string().max(200), z.string().max(40)).optional(),
  mode: z.enum(['insert', 'update', 'upsert']).default('insert'),
  key: z.enum(['assetCode', 'legacyId', 'externalRef']).default('assetCode'),
  /** Create locations, departments, custodians and suppliers named in the file but not found. */
  createMissing: z.boolean().default(false),
});
export type ImportPreviewInput = z.output<typeof ImportPreviewInput>;

export interface ImportPreviewResult {
  id: string;
  counts: { insert: number; update: number; skip: number; error: number };
  /** The first 1000 problems; `row` is the row number in the user's sheet, `column` its letter. */
  problems: {
    row: number;
    column: string;
    header: string;
    message: string;
    params?: Record<string, unknown>;
    severity: 'error' | 'warning';
  }[];
  problemCount: number;
  /** Subtotal rows and repeated header rows left out. */
  ignored: number;
  sheets: { name: string; hidden: boolean }[];
  sheet: string;
  /** 1-based. */
  headerRow: number;
  columns: { column: string; header: string; field: string | null; hidden: boolean }[];
  fields: { field: string; header: string; required: boolean }[];
  mappingRemembered: boolean;
  toCreate: { table: string; name: string }[];
  /** CSV only: the detected encoding. */
  encoding?: string;
}

/** A produced file (the result of a template, problems or export job). */
export interface IoFile {
  fileName: string;
  mime: string;
  size: number;
  /** Base64 content, for files up to 32 MB. */
  data?: string;
  /** Path inside the data folder (exports/...), for every export. */
  path?: string;
  rows?: number;
}

export interface ImportCommitResult {
  inserted: number;
  updated: number;
  skipped: number;
  created: { table: string; name: string; id: number }[];
}

export const EXPORT_COLUMNS = [
  'assetCode',
  'name',
  'categoryName',
  'model',
  'serialNo',
  'supplierName',
  'purchaseOrderRef',
  'purchaseDate',
  'inServiceDate',
  'cost',
  'residualRate',
  'residualValue',
  'lifeMonths',
  'method',
  'quantity',
  'unit',
  'locationName',
  'departmentName',
  'expenseDepartmentName',
  'custodianName',
  'status',
  'warrantyEnd',
  'legacyId',
  'externalRef',
  'notes',
  'createdAt',
  'updatedAt',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

const previewId = z.object({ previewId: z.string().uuid() });
const jobId = '{ jobId } — the job’s result (jobs.get) is ';

export const ioContract = {
  'io.templates': method<ImportTemplates>()({
    input: z.object({ kind: z.enum(IMPORT_KINDS).default('assets') }),
    access: 'io.import',
    mode: 'read',
    summary:
      'The import kinds (assets and every settings dictionary: categories, locations, departments, custodians, suppliers, dictionaries) and the template (.xlsx) for one of them: Chinese headers, a note on each, a notes sheet, and drop-down lists (data validation) for dictionary columns, built as a job.',
    returns: `{ jobId, kinds: [{ kind, label, fileName }] } — the job’s result (jobs.get) is IoFile { fileName, mime, size, data }`,
  }),
  'io.importPreview': method<ImportPreviewResult>()({
    input: ImportPreviewInput,
    access: 'io.import',
    mode: 'read',
    summary:
      'Read an .xlsx/.csv (title rows, merged cells, subtotal rows, hidden columns, several sheets), map its columns by synonyms (or the given / remembered mapping) and plan the import without writing: counts and every problem by sheet row and column.',
    returns:
      '{ id, counts { insert, update, skip, error }, problems [{ row, column, header, message, params?, severity }], problemCount, ignored, sheets, sheet, headerRow, columns, fields, mappingRemembered, toCreate, encoding? }',
  }),
  'io.problemsWorkbook': method<{ jobId: string }>()({
    input: previewId,
    access: 'io.import',
    mode: 'read',
    summary:
      'The user’s own workbook with every problem cell highlighted and explained in a comment (a CSV comes back as .xlsx), built as a job.',
    returns: `${jobId}IoFile`,
  }),
  'io.importCommit': method<{ jobId: string }>()({
    input: previewId.extend({
      /** Import the good rows even though others have problems (default: refuse while any row has one). */
      skipErrorRows: z.boolean().default(false),
    }),
    access: 'io.import',
    mode: 'write',
    summary:
      'Commit a preview as a job: checks run in cancellable chunks, then every row is written in ONE transaction (all or none) through the ledger’s own create/update rules, with a history event per card (source import) and one audit row for the whole import naming every card it wrote (id runs) and the file’s sha256.',
    returns: `${jobId}ImportCommitResult { inserted, updated, skipped, created }`,
  }),
  'io.export': method<{ jobId: string }>()({
    input: z.object({
      list: z.enum(['assets']).default('assets'),
      /** The same filters, search and sort as assets.list (paging is ignored: the whole list). */
      query: AssetListInput.default({ filters: {}, sort: [], offset: 0, limit: 50 }),
      columns: z.array(z.enum(EXPORT_COLUMNS)).min(1).max(EXPORT_COLUMNS.length).optional(),
      format: z.enum(['xlsx', 'csv']).default('xlsx'),
    }),
    access: 'io.export',
    mode: 'read',
    summary:
      'Export a list as the user sees it (filters, search, order, columns) to .xlsx or .csv (UTF-8 with BOM), with a count and totals row; rows are streamed from a snapshot taken by this call (a read-only connection), never held in memory; written to exports/ in the data folder as a job.',
    returns: `${jobId}IoFile { fileName, mime, size, path, data?, rows }`,
  }),
};
