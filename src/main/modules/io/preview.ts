// The import preview: read the file (xlsx or csv), pick the sheet and header row, map the columns
// (given, remembered or by synonyms), plan the rows, and keep the plan in memory for the commit and
// for the annotated problems workbook.
import { createHash, randomUUID } from 'node:crypto';
import type { Ctx, CoreServices } from '../../api/context';
import { AppError, notFound } from '../../api/errors';
import { getSetting } from '../../db/kv';
import { csvGrid } from './csv';
import {
  fillMerges,
  findHeaderRow,
  headerSignature,
  headerTexts,
  mapColumns,
  ASSET_FIELDS,
  type Column,
  type ImportField,
} from './header-map';
import { DICT_FIELDS, type DictKind } from './dict-fields';
import { planDictImport, type DictPlan } from './import-dicts';
import { planAssetImport, type AssetPlan, type ImportKey, type ImportMode } from './import-assets';
import { readXlsx, type Grid } from './read-workbook';
import { isZip } from './zip';
import type { ImportPreviewInput, ImportPreviewResult } from './contract';

interface PreviewBase {
  id: string;
  ownerUserId: number | null;
  createdAt: number;
  fileName: string;
  sha256: string;
  format: 'xlsx' | 'csv';
  file: Buffer;
  sheet: string;
  headerRow: number;
  columns: Column[];
  signature: string;
  mode: ImportMode;
  key: ImportKey;
}

export type StoredPreview = PreviewBase &
  ({ kind: 'assets'; plan: AssetPlan } | { kind: DictKind; plan: DictPlan });

const KEEP_MS = 2 * 60 * 60 * 1000;
const KEEP_COUNT = 8;
/** Problems returned inline; all of them go into the annotated workbook. */
export const MAX_PROBLEMS = 1000;

const stores = new WeakMap<CoreServices, Map<string, StoredPreview>>();

export function previewStore(core: CoreServices): Map<string, StoredPreview> {
  let s = stores.get(core);
  if (!s) stores.set(core, (s = new Map()));
  return s;
}

function remember(core: CoreServices, p: StoredPreview) {
  const store = previewStore(core);
  const now = Date.now();
  for (const [id, old] of store) if (now - old.createdAt > KEEP_MS) store.delete(id);
  while (store.size >= KEEP_COUNT) store.delete(store.keys().next().value!);
  store.set(p.id, p);
}

/** The caller's preview, or NOT_FOUND (also for someone else's). */
export function getPreview(ctx: Ctx, id: string): StoredPreview {
  const p = previewStore(ctx.core).get(id);
  if (!p || (p.ownerUserId !== ctx.user().userId && !ctx.user().permissions.has('system.manage')))
    throw notFound('importPreview', id);
  return p;
}

export const mappingKey = (kind: string, signature: string) => `io.mapping.${kind}.${signature}`;

function chooseSheet(
  sheets: { name: string; hidden: boolean }[],
  load: (i: number) => Grid,
  fields: readonly ImportField[],
  wanted?: string,
) {
  if (wanted !== undefined) {
    const i = sheets.findIndex((s) => s.name === wanted);
    if (i < 0) throw new AppError('VALIDATION', 'errors.io.noSuchSheet', { sheet: wanted });
    const grid = load(i);
    return { grid, header: findHeaderRow(grid, fields) };
  }
  // The first visible sheet whose header we recognise.
  let first: Grid | undefined;
  for (let i = 0; i < sheets.length; i++) {
    if (sheets[i]!.hidden) continue;
    const grid = load(i);
    first ??= grid;
    const header = findHeaderRow(grid, fields);
    if (header) return { grid, header };
  }
  return { grid: first, header: undefined };
}

export function buildPreview(ctx: Ctx, input: ImportPreviewInput): ImportPreviewResult {
  const file = Buffer.from(input.file, 'base64');
  if (!file.length) throw new AppError('VALIDATION', 'errors.io.unreadableFile');
  const format = isZip(file) ? 'xlsx' : 'csv';
  const kind = input.kind;
  // A dictionary import writes settings: it needs the right to change them, beside io.import.
  if (kind !== 'assets' && !ctx.user().permissions.has('settings.write'))
    throw new AppError('FORBIDDEN', 'errors.forbidden', { method: 'settings.write' });
  const fields: readonly ImportField[] = kind === 'assets' ? ASSET_FIELDS : DICT_FIELDS[kind];
  let sheets: { name: string; hidden: boolean }[];
  let picked: { grid: Grid | undefined; header: { row: number } | undefined };
  let encoding: string | undefined;
  if (format === 'xlsx') {
    const wb = readXlsx(file);
    sheets = wb.sheets;
    picked = chooseSheet(sheets, (i) => wb.sheet(i), fields, input.sheet);
  } else {
    if (/\.xls$/i.test(input.fileName)) throw new AppError('VALIDATION', 'errors.io.oldExcel');
    const name = input.fileName.replace(/\.[^.]*$/, '') || 'CSV';
    const csv = csvGrid(file, name);
    encoding = csv.encoding;
    sheets = [{ name, hidden: false }];
    picked = { grid: csv.grid, header: findHeaderRow(csv.grid, fields) };
  }
  const { grid, header } = picked;
  if (!grid || !header) throw new AppError('VALIDATION', 'errors.io.noHeader', { sheet: grid?.name ?? '' });

  const signature = headerSignature(input.kind, headerTexts(grid, header.row));
  const remembered = input.mapping
    ? undefined
    : getSetting<Record<string, string>>(ctx.sqlite, mappingKey(input.kind, signature));
  const columns = mapColumns(grid, header.row, input.mapping ?? remembered, fields);
  fillMerges(grid, header.row);
  const base: PreviewBase = {
    id: randomUUID(),
    ownerUserId: ctx.session?.userId ?? null,
    createdAt: Date.now(),
    fileName: input.fileName,
    sha256: createHash('sha256').update(file).digest('hex'),
    format,
    file,
    sheet: grid.name,
    headerRow: header.row,
    columns,
    signature,
    mode: input.mode,
    key: input.key,
  };
  const opts = { mode: input.mode, key: input.key, createMissing: input.createMissing };
  const stored: StoredPreview =
    kind === 'assets'
      ? { ...base, kind, plan: planAssetImport(ctx.sqlite, grid, header.row, columns, opts) }
      : { ...base, kind, plan: planDictImport(ctx.sqlite, kind, grid, header.row, columns, opts) };
  const plan = stored.plan;
  remember(ctx.core, stored);
  return {
    id: stored.id,
    counts: plan.counts,
    problems: plan.problems.slice(0, MAX_PROBLEMS),
    problemCount: plan.problems.length,
    ignored: plan.ignored,
    sheets,
    sheet: grid.name,
    headerRow: header.row + 1,
    columns: columns.map((c) => ({ column: c.letter, header: c.header, field: c.field, hidden: c.hidden })),
    fields: fields.map((f) => ({ field: f.field, header: f.headers[0]!, required: !!f.required })),
    mappingRemembered: !!remembered,
    toCreate: plan.toCreate,
    encoding,
  };
}
