// Planning a settings-dictionary import (categories, locations, departments, custodians, suppliers,
// dictionary items) from a mapped grid: rows keyed on code, matched against the table, decided
// (insert, update, skip: an unchanged row is skipped, so a second import of the same file changes
// nothing), checked with the settings module's own input schemas. Tree kinds resolve each row's parent
// by code, name or path, among the file's rows and the table's, in any order (a child may come before
// its parent), and are written parents first. Nothing is written here.
import type { z } from 'zod';
import { zodProblems } from '../../api/dispatch';
import type { Sqlite } from '../../db/client';
import { settingsContract } from '../settings/contract';
import { DICT_FIELDS, TREE_KINDS, type DictField, type DictKind } from './dict-fields';
import type { Column } from './header-map';
import type { ImportMode, ImportProblem } from './import-assets';
import { SUBTOTAL } from './import-assets';
import type { Cell, Grid } from './read-workbook';
import { RefResolver } from './refs';
import { cellText, isBlank, parseInteger, parseMonths, parseRate, type Parsed } from './values';

export interface DictOp {
  row: number;
  action: 'insert' | 'update';
  /** The row's key: its code (dictionary items: kind + code). */
  key: string;
  /** Settings create input (insert) or the changed fields (update), parent aside. */
  input: Record<string, unknown>;
  /** Tree kinds: the parent's key; null = a root; undefined = left as it is. */
  parentKey?: string | null;
  id?: number;
  version?: number;
}

export interface DictPlan {
  ops: DictOp[];
  counts: { insert: number; update: number; skip: number; error: number };
  ignored: number;
  problems: ImportProblem[];
  toCreate: { table: string; name: string }[];
  /** Keys of the table's rows by id, for parents that exist already. */
  existingIds: Record<string, number>;
}

interface Current {
  id: number;
  version: number;
  parentKey: string | null;
  active: number;
  values: Record<string, unknown>;
}

const SELECT: Record<DictKind, string> = {
  categories: `SELECT t.id, t.version, t.active, t.code, t.name, p.code AS parentKey, t.life_months AS lifeMonths,
    t.residual_rate_bp / 10000.0 AS residualRate, t.method, t.tax_class AS taxClass
    FROM categories t LEFT JOIN categories p ON p.id = t.parent_id`,
  locations: `SELECT t.id, t.version, t.active, t.code, t.name, p.code AS parentKey, t.kind
    FROM locations t LEFT JOIN locations p ON p.id = t.parent_id`,
  departments: `SELECT t.id, t.version, t.active, t.code, t.name, p.code AS parentKey
    FROM departments t LEFT JOIN departments p ON p.id = t.parent_id`,
  custodians: `SELECT id, version, active, code, name, department_id AS departmentId, phone, email FROM custodians`,
  suppliers: `SELECT id, version, active, code, name, contact, phone, email, address, tax_no AS taxNo, notes
    FROM suppliers`,
  dictionaries: `SELECT id, version, active, kind, code, name, sort_order AS sortOrder FROM dictionary_items`,
};

/** A row's key: its code without case, as the settings module compares codes (dictionary items: within their kind). */
export const dictKey = (kind: DictKind, v: Record<string, unknown>) => {
  const code = String(v.code).toLowerCase();
  return kind === 'dictionaries' ? `${String(v.kind)}\u0001${code}` : code;
};

function readCurrent(sqlite: Sqlite, kind: DictKind): Map<string, Current> {
  const out = new Map<string, Current>();
  for (const r of sqlite.prepare(SELECT[kind]).all() as Record<string, unknown>[]) {
    const { id, version, active, parentKey, ...values } = r;
    out.set(dictKey(kind, values), {
      id: id as number,
      version: version as number,
      active: active as number,
      parentKey: parentKey == null ? null : String(parentKey).toLowerCase(),
      values,
    });
  }
  return out;
}

function parseCell(f: DictField, col: Column, cell: Cell): Parsed<unknown> {
  if (typeof cell === 'object' && cell?.kind === 'error')
    return { ok: false, message: 'validation.io.cellError' };
  switch (f.type) {
    case 'months':
      return parseMonths(cell, col.years);
    case 'rate':
      return parseRate(cell);
    case 'number':
      return parseInteger(cell);
    case 'enum': {
      const v = f.words?.(cellText(cell));
      return v ? { ok: true, value: v } : { ok: false, message: 'validation.io.enumValue' };
    }
    default:
      return { ok: true, value: cellText(cell).replace(/^'(?=[=+\-@])/, '') };
  }
}

const SEPARATORS = /\s*[\\/>＞|]\s*/;
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '');

interface FileRow {
  row: number;
  key: string;
  values: Record<string, unknown>;
  parentText?: string;
  match?: Current;
  bad: boolean;
}

interface Node {
  name: string;
  /** Resolved parent key; undefined while a file row's parent text is not yet resolved. */
  parentKey: string | null | undefined;
}

/**
 * Parents named by code, path (总部/行政楼/3F) or name, among the tree after the import (the table's
 * nodes with the file's rows laid over them). Paths need their upper nodes placed first, so resolution
 * runs in passes until nothing more resolves.
 */
function resolveParents(
  rows: FileRow[],
  current: Map<string, Current>,
  problem: (row: number, field: string, message: string, params?: Record<string, unknown>) => void,
): Map<string, Node> {
  const nodes = new Map<string, Node>();
  for (const [key, c] of current) nodes.set(key, { name: String(c.values.name), parentKey: c.parentKey });
  const pending: FileRow[] = [];
  for (const r of rows) {
    const name = (r.values.name as string | undefined) ?? (r.match ? String(r.match.values.name) : '');
    const unchanged = r.match ? r.match.parentKey : null;
    nodes.set(r.key, { name, parentKey: r.parentText === undefined ? unchanged : undefined });
    if (r.parentText !== undefined) pending.push(r);
  }
  const byCode = new Map<string, string>();
  for (const key of nodes.keys()) byCode.set(norm(key), key);
  const byName = new Map<string, string[]>();
  for (const [key, n] of nodes) {
    const list = byName.get(norm(n.name)) ?? [];
    list.push(key);
    byName.set(norm(n.name), list);
  }

  /** A key, 'wait' when a path runs through nodes not placed yet, or a problem message. */
  const find = (text: string): string | 'wait' | { message: string } => {
    const code = byCode.get(norm(text));
    if (code !== undefined) return code;
    const segs = text.split(SEPARATORS).map(norm).filter(Boolean);
    if (segs.length > 1) {
      let parent: string | null = null;
      for (const seg of segs) {
        const named = byName.get(seg) ?? [];
        if (named.some((k) => nodes.get(k)!.parentKey === undefined)) return 'wait';
        const here = named.filter((k) => nodes.get(k)!.parentKey === parent);
        if (here.length !== 1)
          return { message: here.length ? 'validation.io.refAmbiguous' : 'validation.io.refNotFound' };
        parent = here[0]!;
      }
      return parent!;
    }
    const named = byName.get(norm(text)) ?? [];
    if (named.length === 1) return named[0]!;
    return { message: named.length ? 'validation.io.refAmbiguous' : 'validation.io.refNotFound' };
  };

  for (let progress = true; progress && pending.length;) {
    progress = false;
    for (let i = pending.length - 1; i >= 0; i--) {
      const r = pending[i]!;
      const found = r.parentText === '' ? null : find(r.parentText!);
      if (found === 'wait') continue;
      pending.splice(i, 1);
      progress = true;
      if (found !== null && typeof found === 'object') {
        problem(r.row, 'parent', found.message, { value: r.parentText });
        r.bad = true;
        nodes.get(r.key)!.parentKey = r.match?.parentKey ?? null;
      } else nodes.get(r.key)!.parentKey = found;
    }
  }
  // What still waits runs through a loop of paths: unresolvable.
  for (const r of pending) {
    problem(r.row, 'parent', 'validation.io.refNotFound', { value: r.parentText });
    r.bad = true;
    nodes.get(r.key)!.parentKey = r.match?.parentKey ?? null;
  }
  // A node under itself, directly or through others, cannot be placed.
  for (const r of rows) {
    if (r.bad) continue;
    const seen = new Set<string>([r.key]);
    for (let k = nodes.get(r.key)!.parentKey; k; k = nodes.get(k)?.parentKey) {
      if (seen.has(k)) {
        problem(r.row, 'parent', 'validation.treeCycle', { value: r.parentText });
        r.bad = true;
        break;
      }
      seen.add(k);
    }
  }
  return nodes;
}

function depthOf(nodes: Map<string, Node>, key: string): number {
  let d = 0;
  for (let k = nodes.get(key)?.parentKey; k && d < 64; k = nodes.get(k)?.parentKey) d++;
  return d;
}

type Schema = z.ZodType<Record<string, unknown>>;
const schemaOf = (kind: DictKind, verb: 'create' | 'update') =>
  (settingsContract as unknown as Record<string, { input: Schema }>)[`settings.${kind}.${verb}`]!.input;

export function planDictImport(
  sqlite: Sqlite,
  kind: DictKind,
  grid: Grid,
  headerRow: number,
  columns: Column[],
  opts: { mode: ImportMode; createMissing: boolean },
): DictPlan {
  const fields = DICT_FIELDS[kind];
  const problems: ImportProblem[] = [];
  const counts = { insert: 0, update: 0, skip: 0, error: 0 };
  const mapped = columns.filter((c) => c.field && fields.some((f) => f.field === c.field));
  const colOf = new Map(mapped.map((c) => [c.field!, c]));
  const problem = (row: number, field: string, message: string, params?: Record<string, unknown>) => {
    const col = colOf.get(field);
    problems.push({
      row,
      column: col?.letter ?? '',
      header: col?.header ?? '',
      message,
      params,
      severity: 'error',
    });
  };
  for (const f of fields)
    if (f.required && !colOf.has(f.field))
      problem(headerRow + 1, f.field, 'validation.io.columnMissing', { field: f.field });

  const tree = TREE_KINDS.has(kind);
  const current = readCurrent(sqlite, kind);
  const refs = new RefResolver(sqlite);
  const rows: FileRow[] = [];
  const seen = new Map<string, number>();
  let ignored = 0;

  for (let r = headerRow + 1; r < grid.rows.length; r++) {
    const cells = grid.rows[r];
    if (!cells || mapped.every((c) => isBlank(cells[c.index]))) continue;
    const line = r + 1;
    const first = cells.map((c) => cellText(c)).find(Boolean) ?? '';
    const echoes = mapped.filter((c) => c.header && cellText(cells[c.index]) === c.header).length;
    if (SUBTOTAL.test(first) || echoes >= 2) {
      ignored++;
      continue;
    }
    const values: Record<string, unknown> = {};
    const fr: FileRow = { row: line, key: '', values, bad: false };
    for (const c of mapped) {
      const f = fields.find((x) => x.field === c.field)!;
      const cell = cells[c.index];
      if (f.role === 'parent') {
        fr.parentText = isBlank(cell) ? '' : cellText(cell);
        continue;
      }
      if (isBlank(cell)) continue;
      const p = parseCell(f, c, cell!);
      if (!p.ok) {
        problem(line, f.field, p.message, { value: cellText(cell) });
        fr.bad = true;
      } else if (f.type === 'ref') {
        const res = refs.resolve(f.ref!, String(p.value), opts.createMissing);
        if (res.ok) values[f.field] = res.id;
        else {
          problem(line, f.field, res.message, { value: cellText(cell) });
          fr.bad = true;
        }
      } else values[f.field] = p.value;
    }
    if (values.code === undefined || (kind === 'dictionaries' && values.kind === undefined)) {
      if (!fr.bad) problem(line, values.code === undefined ? 'code' : 'kind', 'validation.required');
      counts.error++;
      continue;
    }
    fr.key = dictKey(kind, values);
    const dupe = seen.get(fr.key);
    if (dupe !== undefined) {
      problem(line, 'code', 'validation.io.duplicateKey', { value: values.code, row: dupe });
      counts.error++;
      continue;
    }
    seen.set(fr.key, line);
    fr.match = current.get(fr.key);
    if (!fr.match && opts.mode === 'update') {
      problem(line, 'code', 'validation.io.keyNotFound', { value: values.code });
      fr.bad = true;
    }
    // A blank parent on a row that updates a node leaves the node where it is.
    if (fr.parentText === '' && fr.match) delete fr.parentText;
    rows.push(fr);
  }

  const nodes = tree ? resolveParents(rows, current, problem) : new Map<string, Node>();
  const fileRows = new Map(rows.map((r) => [r.key, r]));
  const ops: DictOp[] = [];
  for (const r of rows) {
    if (r.bad) continue;
    if (r.match && opts.mode === 'insert') {
      // Not written; children placed under it still find it in the table.
      counts.skip++;
      continue;
    }
    const parentKey = tree ? nodes.get(r.key)!.parentKey : undefined;
    // The schemas check everything; a parent to be created is stood in for by id 1.
    const parentId = parentKey === null ? null : parentKey === undefined ? undefined : 1;
    if (!r.match) {
      const missing = fields.filter((f) => f.required && r.values[f.field] === undefined);
      if (missing.length) {
        for (const f of missing) problem(r.row, f.field, 'validation.required');
        r.bad = true;
        continue;
      }
      const input: Record<string, unknown> = { ...r.values, ...(tree ? { parentId } : {}) };
      if (kind === 'locations') input.kind ??= r.values.kind ?? 'room';
      if (kind === 'categories' && parentKey === null && input.lifeMonths === undefined) {
        problem(r.row, 'lifeMonths', 'validation.required');
        r.bad = true;
        continue;
      }
      const parsed = schemaOf(kind, 'create').safeParse(placeholders(input));
      if (!parsed.success) {
        for (const z of zodProblems(parsed.error)) problem(r.row, fieldOfPath(z.path), z.message, z.params);
        r.bad = true;
        continue;
      }
      const { parentId: _p, ...rest } = input;
      ops.push({ row: r.row, action: 'insert', key: r.key, input: rest, parentKey });
      continue;
    }
    const changed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r.values))
      if (k !== 'kind' && !same(v, r.match.values[k])) changed[k] = v;
    const moves = parentKey !== undefined && parentKey !== r.match.parentKey;
    if (!Object.keys(changed).length && !moves) {
      counts.skip++;
      continue;
    }
    const check = { ...changed, id: r.match.id, version: r.match.version, ...(moves ? { parentId } : {}) };
    const parsed = schemaOf(kind, 'update').safeParse(placeholders(check));
    if (!parsed.success) {
      for (const z of zodProblems(parsed.error)) problem(r.row, fieldOfPath(z.path), z.message, z.params);
      r.bad = true;
      continue;
    }
    ops.push({
      row: r.row,
      action: 'update',
      key: r.key,
      input: changed,
      parentKey: moves ? parentKey : undefined,
      id: r.match.id,
      version: r.match.version,
    });
  }

  // A row whose parent is a new row with problems cannot be placed either (and so on down).
  let kept = ops;
  if (tree) {
    for (let again = true; again;) {
      again = false;
      const writing = new Set(kept.map((o) => o.key));
      kept = kept.filter((o) => {
        const pk = o.parentKey;
        if (!pk || current.has(pk) || writing.has(pk)) return true;
        problem(o.row, 'parent', 'validation.io.parentHasProblems', { value: fileRows.get(pk)?.row ?? pk });
        fileRows.get(o.key)!.bad = true;
        again = true;
        return false;
      });
    }
    // Parents before children: by depth in the tree as it will be.
    kept = kept
      .map((o, i) => ({ o, i, d: depthOf(nodes, o.key) }))
      .sort((a, b) => a.d - b.d || a.i - b.i)
      .map((x) => x.o);
  }
  for (const o of kept) counts[o.action]++;
  counts.error += rows.filter((r) => r.bad).length;
  problems.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  const existingIds: Record<string, number> = {};
  for (const [k, c] of current) existingIds[k] = c.id;
  return { ops: kept, counts, ignored, problems, toCreate: refs.toCreate, existingIds };
}

const fieldOfPath = (path: string) => {
  const f = path.split('.')[0]!;
  return f === 'parentId' ? 'parent' : f;
};

/** Placeholder ids (negative: created at commit) stand in as 1 for the schema checks. */
function placeholders(input: Record<string, unknown>): Record<string, unknown> {
  const out = { ...input };
  for (const [k, v] of Object.entries(out))
    if (k.endsWith('Id') && typeof v === 'number' && v < 0) out[k] = 1;
  return out;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return (a ?? '') === (b ?? '');
}
