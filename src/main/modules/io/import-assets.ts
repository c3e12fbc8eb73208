// Planning an asset import from a mapped grid: each data row parsed, matched on the chosen key
// (asset code, legacy id or external reference), decided (insert, update, skip) and checked with the
// ledger's own rules (the create/update input schemas, category defaults, residual and date checks),
// so the preview says exactly what the commit will do. Nothing is written here.
import type { z } from 'zod';
import type { Sqlite } from '../../db/client';
import { zodProblems } from '../../api/dispatch';
import { AssetCreateInput, AssetUpdateInput } from '../assets/contract';
import {
  cardProblems,
  diffFields,
  ledgerStart,
  pickEditable,
  rateFromResidual,
  toBp,
  type EditableValues,
} from '../assets/fields';
import { assetRowsByIds, toAssetDto, type AssetRow } from '../assets/rows';
import { newCardValues, patchedValues, type CategoryDefaults } from '../assets/write';
import { fieldOf, type Column, type ImportField } from './header-map';
import type { Cell, Grid } from './read-workbook';
import { methodOf, RefResolver, statusOf } from './refs';
import {
  cellText,
  isBlank,
  parseAmount,
  parseDate,
  parseMonths,
  parseNumber,
  parseRate,
  type Parsed,
} from './values';

export type ImportMode = 'insert' | 'update' | 'upsert';
export type ImportKey = 'assetCode' | 'legacyId' | 'externalRef';

export interface ImportProblem {
  /** 1-based row number in the user's sheet. */
  row: number;
  /** The user's column letter ('' for the whole row). */
  column: string;
  header: string;
  message: string;
  params?: Record<string, unknown>;
  severity: 'error' | 'warning';
}

export type CreateInput = z.output<typeof AssetCreateInput>;

export interface PlannedOp {
  row: number;
  action: 'insert' | 'update';
  /** insert: the create input; update: the changed fields. Negative ids are settings rows to create. */
  input: Record<string, unknown>;
  assetId?: number;
  version?: number;
}

export interface AssetPlan {
  ops: PlannedOp[];
  counts: { insert: number; update: number; skip: number; error: number };
  /** Blank, subtotal and repeated header rows. */
  ignored: number;
  problems: ImportProblem[];
  toCreate: { table: string; name: string }[];
}

export interface PlanOptions {
  mode: ImportMode;
  key: ImportKey;
  createMissing: boolean;
}

// Chinese characters are not \w, so the end is a lookahead rather than \b.
export const SUBTOTAL =
  /^(合\s*计|小\s*计|总\s*计|共\s*计|总\s*额|total|subtotal|grand total|sum)(?![A-Za-z])/i;
const REF_FIELDS = [
  'categoryId',
  'supplierId',
  'locationId',
  'departmentId',
  'expenseDepartmentId',
  'custodianId',
];
const KEY_COLUMNS: Record<ImportKey, string> = {
  assetCode: 'asset_code',
  legacyId: 'legacy_id',
  externalRef: 'external_ref',
};
function parseCell(f: ImportField, col: Column, cell: Cell): Parsed<unknown> {
  switch (f.type) {
    case 'date':
      return parseDate(cell);
    case 'amount':
      return parseAmount(cell, col.unit);
    case 'rate':
      return parseRate(cell);
    case 'months':
      return parseMonths(cell, col.years, f.field === 'openingMonths');
    case 'number':
      return parseNumber(cell);
    case 'enum': {
      const v = f.field === 'method' ? methodOf(cellText(cell)) : statusOf(cellText(cell));
      return v ? { ok: true, value: v } : { ok: false, message: `validation.io.${f.field}` };
    }
    default:
      if (typeof cell === 'object' && cell?.kind === 'error')
        return { ok: false, message: 'validation.io.cellError' };
      // Undo the formula guard of CSV exports ('=..., '+..., '-..., '@...).
      return { ok: true, value: cellText(cell).replace(/^'(?=[=+\-@])/, '') };
  }
}

/** Ids placeholders (negative) swapped for 1 so the schemas check everything but the reference. */
function forSchema(input: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const f of REF_FIELDS)
    if (typeof input[f] === 'number' && (input[f] as number) < 0) (out ??= { ...input })[f] = 1;
  return out ?? input;
}

/** The placeholders back in the schema's output (a fresh object, so it is changed in place). */
function withRefs<T extends Record<string, unknown>>(parsed: T, values: Record<string, unknown>): T {
  for (const f of REF_FIELDS) if (values[f] !== undefined) (parsed as Record<string, unknown>)[f] = values[f];
  return parsed;
}

export function planAssetImport(
  sqlite: Sqlite,
  grid: Grid,
  headerRow: number,
  columns: Column[],
  opts: PlanOptions,
): AssetPlan {
  const problems: ImportProblem[] = [];
  const counts = { insert: 0, update: 0, skip: 0, error: 0 };
  const ops: PlannedOp[] = [];
  const refs = new RefResolver(sqlite);
  const mapped = columns.filter((c) => c.field);
  const colOf = new Map(mapped.map((c) => [c.field!, c]));
  const keyCol = colOf.get(opts.key);
  const nameCol = colOf.get('name');
  const mappedFields = mapped.map((c) => fieldOf(c.field!)!);
  const problem = (
    row: number,
    col: Column | undefined,
    message: string,
    params?: Record<string, unknown>,
    severity: 'error' | 'warning' = 'error',
  ) =>
    problems.push({ row, column: col?.letter ?? '', header: col?.header ?? '', message, params, severity });

  const headerLine = headerRow + 1;
  const firstPeriod = ledgerStart(sqlite);
  if (!colOf.has('name') && opts.mode === 'insert')
    problem(headerLine, undefined, 'validation.io.columnMissing', { field: 'name' });
  if (!keyCol && opts.mode !== 'insert')
    problem(headerLine, undefined, 'validation.io.columnMissing', { field: opts.key });

  const categories = new Map(
    (
      sqlite
        .prepare('SELECT id, life_months, residual_rate_bp, method, active FROM categories')
        .all() as (CategoryDefaults & { id: number })[]
    ).map((c) => [c.id, c]),
  );
  // Live cards by key; every code ever used (deleted cards keep theirs).
  const existing = new Map<string, { id: number; version: number }>();
  for (const r of sqlite
    .prepare(
      `SELECT id, version, ${KEY_COLUMNS[opts.key]} AS k FROM assets WHERE deleted_at IS NULL AND ${KEY_COLUMNS[opts.key]} IS NOT NULL`,
    )
    .iterate() as IterableIterator<{ id: number; version: number; k: string }>)
    existing.set(r.k, { id: r.id, version: r.version });
  const usedCodes = new Set(sqlite.prepare('SELECT asset_code FROM assets').pluck().all() as string[]);

  interface RowPlan {
    row: number;
    values: Record<string, unknown>;
    match?: { id: number; version: number };
  }
  const pending: RowPlan[] = [];
  const seenKeys = new Map<string, number>();
  const fileCodes = new Map<string, number>();

  for (let r = headerRow + 1; r < grid.rows.length; r++) {
    const cells = grid.rows[r];
    if (!cells) continue;
    const line = r + 1;
    if (mapped.every((c) => isBlank(cells[c.index]))) continue;
    // A subtotal row starts with 合计/小计, or says it and names no asset (a note saying 合计 does not count).
    // One pass over the cells, no per-row arrays: this loop runs for every row of a 100,000-row sheet.
    let firstText = '';
    let saysSubtotal = false;
    for (const cell of cells) {
      if (typeof cell !== 'string') continue;
      const t = cell.trim();
      if (!t) continue;
      if (!firstText) firstText = t;
      if (!saysSubtotal && SUBTOTAL.test(t)) saysSubtotal = true;
    }
    const nameCell = nameCol ? cells[nameCol.index] : undefined;
    const nameText = typeof nameCell === 'string' ? nameCell.trim() : '';
    const subtotal = SUBTOTAL.test(firstText) || ((!nameText || SUBTOTAL.test(nameText)) && saysSubtotal);
    let headerEchoes = 0;
    for (const c of mapped) {
      const cell = cells[c.index];
      if (c.header && typeof cell === 'string' && cell.trim() === c.header) headerEchoes++;
    }
    if (subtotal || headerEchoes >= 2) {
      pending.push({ row: -line, values: {} });
      continue;
    }
    const values: Record<string, unknown> = {};
    let bad = false;
    for (let i = 0; i < mapped.length; i++) {
      const c = mapped[i]!;
      const cell = cells[c.index];
      if (isBlank(cell)) continue;
      const f = mappedFields[i]!;
      const p = parseCell(f, c, cell!);
      if (!p.ok) {
        problem(line, c, p.message, { value: cellText(cell) });
        bad = true;
        continue;
      }
      if (f.type === 'ref') {
        const res = refs.resolve(f.ref!, String(p.value), opts.createMissing);
        if (!res.ok) {
          problem(line, c, res.message, { value: cellText(cell) });
          bad = true;
          continue;
        }
        values[f.field] = res.id;
      } else if (f.type === 'text' && p.value === '') continue;
      else values[f.field] = p.value;
    }
    const key = values[opts.key] as string | undefined;
    if (key !== undefined) {
      const first = seenKeys.get(key);
      if (first !== undefined) {
        problem(line, keyCol, 'validation.io.duplicateKey', { value: key, row: first });
        bad = true;
      } else seenKeys.set(key, line);
    }
    const match = key !== undefined ? existing.get(key) : undefined;
    if (bad) {
      counts.error++;
      continue;
    }
    if (opts.mode === 'update' && !match) {
      if (key === undefined) problem(line, keyCol, 'validation.io.keyMissing');
      else problem(line, keyCol, 'validation.io.keyNotFound', { value: key });
      counts.error++;
      continue;
    }
    if (opts.mode === 'upsert' && key === undefined) {
      // Without a key a second import could not find the card again, so it would be duplicated.
      problem(line, keyCol, 'validation.io.keyMissing');
      counts.error++;
      continue;
    }
    if (match && opts.mode === 'insert') {
      counts.skip++;
      continue;
    }
    pending.push({ row: line, values, match });
  }

  // Updates compare against the cards as they are now.
  const matchedIds = pending.filter((p) => p.match).map((p) => p.match!.id);
  const current = new Map<number, AssetRow>();
  for (let i = 0; i < matchedIds.length; i += 5000)
    for (const row of assetRowsByIds(sqlite, matchedIds.slice(i, i + 5000))) current.set(row.id, row);

  let ignored = 0;
  // Declared once, not per row: the loop below runs for every row of the sheet.
  let rowLine = 0;
  const rowProblems = (list: { path: string; message: string; params?: Record<string, unknown> }[]) => {
    for (const z of list) {
      const field = z.path.split('.')[0]!;
      problem(rowLine, colOf.get(field), z.message, z.params);
    }
    counts.error++;
  };
  for (const p of pending) {
    if (p.row < 0) {
      ignored++;
      continue;
    }
    rowLine = p.row;
    consistentResidual(p.values, p.match ? current.get(p.match.id)?.cost : undefined);
    if (!p.match) {
      if (p.values.name === undefined || p.values.categoryId === undefined) {
        const missing = ['name', 'categoryId'].filter((f) => p.values[f] === undefined);
        rowProblems(missing.map((f) => ({ path: f, message: 'validation.required' })));
        continue;
      }
      const parsed = AssetCreateInput.safeParse(forSchema(p.values));
      if (!parsed.success) {
        rowProblems(zodProblems(parsed.error));
        continue;
      }
      const input = withRefs(parsed.data, p.values) as CreateInput;
      const cat = categories.get(input.categoryId);
      const issues = cat ? cardProblems(newCardValues(input, cat, firstPeriod)) : [];
      if (input.assetCode !== undefined) {
        const dupe = fileCodes.get(input.assetCode);
        if (usedCodes.has(input.assetCode))
          issues.push({ path: 'assetCode', message: 'validation.assetCodeTaken' });
        else if (dupe !== undefined)
          issues.push({
            path: 'assetCode',
            message: 'validation.io.duplicateKey',
            params: { value: input.assetCode, row: dupe },
          });
        else fileCodes.set(input.assetCode, p.row);
      }
      if (issues.length) {
        rowProblems(issues);
        continue;
      }
      ops.push({ row: p.row, action: 'insert', input });
      counts.insert++;
      continue;
    }
    const row = current.get(p.match.id)!;
    const patchIn = { ...p.values };
    // Status moves only through its own door (transitions, history); an import does not change it.
    delete patchIn.status;
    const parsed = AssetUpdateInput.safeParse({ ...forSchema(patchIn), id: row.id, version: row.version });
    if (!parsed.success) {
      rowProblems(zodProblems(parsed.error));
      continue;
    }
    const { id: _id, version: _v, ...patchOut } = parsed.data;
    const patch = withRefs(patchOut, patchIn) as Partial<EditableValues>;
    const before = pickEditable(toAssetDto(row));
    const after = patchedValues(before, patch, firstPeriod);
    if (!diffFields(before, after).length) {
      counts.skip++;
      continue;
    }
    const issues = cardProblems(after);
    if (patch.assetCode !== undefined && patch.assetCode !== row.asset_code && usedCodes.has(patch.assetCode))
      issues.push({ path: 'assetCode', message: 'validation.assetCodeTaken' });
    if (issues.length) {
      rowProblems(issues);
      continue;
    }
    ops.push({ row: p.row, action: 'update', input: patch, assetId: row.id, version: row.version });
    counts.update++;
  }
  problems.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return { ops, counts, ignored, problems, toCreate: refs.toCreate };
}

/**
 * Sheets (and our own exports) often show both the residual rate and the amount. When they agree the
 * amount is taken; when they disagree the row keeps both and the schema reports it.
 */
function consistentResidual(values: Record<string, unknown>, currentCost: number | undefined) {
  const rate = values.residualRate as number | undefined;
  const amount = values.residualValue as number | undefined;
  if (rate === undefined || amount === undefined) return;
  const cost = (values.cost as number | undefined) ?? currentCost ?? 0;
  if (Math.abs(rateFromResidual(cost, amount) - toBp(rate)) <= 1) delete values.residualRate;
}
