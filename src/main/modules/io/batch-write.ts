// Writing a whole import inside one transaction, fast: the ledger's create rules (reference checks,
// category defaults, residual and date checks, the period lock, the code rule) applied with
// statements prepared once and lookups memoised for the batch, a 'created' history event per card,
// and no read-back of each card. Updates go through the ledger's own applyPatch.
import { SqliteError } from 'better-sqlite3';
import type { Ctx } from '../../api/context';
import type { Sqlite } from '../../db/client';
import { notFound } from '../../api/errors';
import type { FieldProblem } from '../../api/errors-shared';
import { stmt } from '../../db/statements';
import {
  EDITABLE_FIELDS,
  FIELD_COLUMNS,
  cardProblems,
  ledgerStart,
  throwProblems,
  toBp,
  type EditableField,
  type EditableValues,
} from '../assets/fields';
import { recordAssetEvent } from '../assets/history';
import { buildSearchText } from '../assets/search-text';
import { applyPatch, lockedRow, newCardValues, type CategoryDefaults } from '../assets/write';
import { assertPeriodOpen } from '../periods/lock';
import { nextAssetCodes } from '../settings/code-rules';
import type { CreateInput } from './import-assets';

const REFERENCES: [EditableField, string][] = [
  ['categoryId', 'categories'],
  ['supplierId', 'suppliers'],
  ['locationId', 'locations'],
  ['departmentId', 'departments'],
  ['expenseDepartmentId', 'departments'],
  ['custodianId', 'custodians'],
];

const COLUMNS = EDITABLE_FIELDS.map((f) => FIELD_COLUMNS[f]);
// Positional parameters: binding an array is cheaper than looking up named ones in an object.
const INSERT_SQL = `INSERT INTO assets (${COLUMNS.join(', ')}, status, search_text, created_by, updated_by, version, created_at, updated_at)
  VALUES (${COLUMNS.map(() => '?').join(', ')}, ?, ?, ?, ?, 1, ?, ?)`;

export class AssetBatchWriter {
  /** Ids written, for the one 'assets.changed' event and the import's audit record. */
  readonly inserted: number[] = [];
  readonly updated: number[] = [];
  readonly #refs = new Map<string, Map<unknown, { active: number } | null>>();
  readonly #cats = new Map<number, CategoryDefaults | null>();
  readonly #custodians = new Map<number, string | null>();
  readonly #checkedPeriods = new Set<string>();
  /** Codes handed out ahead, by category: the code rule asked once per category, not per card. */
  readonly #codes = new Map<number, string[]>();
  /** The ledger's first period, which dates opening balances. */
  readonly #firstPeriod: string | null;

  constructor(
    private readonly ctx: Ctx,
    /** How many cards of each category need a generated code. */
    codesNeeded: Map<number, number>,
    /** Codes the file itself gives, which a generated code must not take. */
    fileCodes: Set<string>,
  ) {
    this.#firstPeriod = ledgerStart(ctx.sqlite);
    for (const [categoryId, count] of codesNeeded) {
      const codes: string[] = [];
      // A generated code may land on one the file brings in later; ask again for those skipped.
      while (codes.length < count) {
        const batch = nextAssetCodes(ctx.sqlite, { categoryId, date: ctx.today }, count - codes.length);
        codes.push(...batch.filter((c) => !fileCodes.has(c)));
      }
      this.#codes.set(categoryId, codes.reverse());
    }
  }

  #ref(table: string, id: unknown): { active: number } | null {
    let byId = this.#refs.get(table);
    if (!byId) this.#refs.set(table, (byId = new Map()));
    let r = byId.get(id);
    if (r === undefined) {
      r =
        (stmt(this.ctx.sqlite, `SELECT active FROM ${table} WHERE id = ?`).get(id) as { active: number }) ??
        null;
      byId.set(id, r);
    }
    return r;
  }

  #category(id: number): CategoryDefaults | null {
    let c = this.#cats.get(id);
    if (c === undefined) {
      c =
        (stmt(
          this.ctx.sqlite,
          'SELECT life_months, residual_rate_bp, method, active FROM categories WHERE id = ?',
        ).get(id) as CategoryDefaults) ?? null;
      this.#cats.set(id, c);
    }
    return c;
  }

  #custodianName(id: number | null): string | null {
    if (id === null) return null;
    let n = this.#custodians.get(id);
    if (n === undefined) {
      n =
        (stmt(this.ctx.sqlite, 'SELECT name FROM custodians WHERE id = ?').get(id) as { name: string })
          ?.name ?? null;
      this.#custodians.set(id, n);
    }
    return n;
  }

  #periodOpen(date: string | null) {
    if (!date || this.#checkedPeriods.has(date.slice(0, 7))) return;
    assertPeriodOpen(this.ctx.sqlite, date);
    this.#checkedPeriods.add(date.slice(0, 7));
  }

  /** The same checks and card as the ledger's createAsset, in the same order; returns the new id. */
  create(input: CreateInput): number {
    const { ctx } = this;
    const problems: FieldProblem[] = [];
    for (const [field, table] of REFERENCES) {
      const v = input[field as keyof CreateInput];
      if (v === undefined || v === null) continue;
      const row = this.#ref(table, v);
      if (!row) problems.push({ path: field, message: 'validation.referenceNotFound', params: { id: v } });
      else if (!row.active)
        problems.push({ path: field, message: 'validation.referenceInactive', params: { id: v } });
    }
    // A code taken since the preview is left to the UNIQUE constraint (see below), not looked up per card.
    throwProblems(problems);
    const cat = this.#category(input.categoryId);
    if (!cat) throw notFound('category', input.categoryId);

    const values = newCardValues(input, cat, this.#firstPeriod);
    throwProblems(cardProblems(values));
    this.#periodOpen(values.inServiceDate);
    this.#periodOpen(values.purchaseDate);
    if (!values.assetCode) values.assetCode = this.#codes.get(input.categoryId)!.pop()!;

    // columnValues' values in EDITABLE_FIELDS order, without its keyed object per card.
    const params: unknown[] = [];
    for (const f of EDITABLE_FIELDS)
      params.push(f === 'residualRate' ? toBp(values.residualRate) : (values[f] ?? null));
    const uid = ctx.session?.userId ?? null;
    params.push(
      input.status ?? 'in_use',
      buildSearchText({
        assetCode: values.assetCode,
        name: values.name,
        model: values.model,
        serialNo: values.serialNo,
        custodianName: this.#custodianName(values.custodianId),
      }),
      uid,
      uid,
      ctx.nowIso,
      ctx.nowIso,
    );
    let info: { lastInsertRowid: number | bigint };
    try {
      info = stmt(ctx.sqlite, INSERT_SQL).run(params);
    } catch (err) {
      if (
        err instanceof SqliteError &&
        err.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
        /asset_code/.test(err.message)
      )
        throwProblems([{ path: 'assetCode', message: 'validation.assetCodeTaken' }]);
      throw err;
    }
    const id = Number(info.lastInsertRowid);
    recordAssetEvent(ctx, { assetId: id, kind: 'created', version: 1 });
    this.inserted.push(id);
    return id;
  }

  /** The ledger's own edit rules (locking, change-voucher guard, count lock, history). */
  update(id: number, version: number, patch: Partial<EditableValues>): void {
    const row = lockedRow(this.ctx, id, version);
    if (applyPatch(this.ctx, row, patch, 'updated').length) this.updated.push(id);
  }
}

/** Below this many new cards keeping the indexes up to date costs next to nothing. */
const BULK_MIN_ROWS = 256;

/**
 * A bulk load's indexes: the card table carries about 25 secondary indexes (list sorts, covering
 * counts), and updating each of them row by row is most of a large import's cost (100,000 cards into
 * a small ledger: 5.2 s with them, 0.8 s without plus 1.4 s to rebuild them). When an import adds many
 * cards relative to the ledger, the non-unique indexes are dropped inside the import's transaction and
 * rebuilt from their own SQL before it commits, so a failure or a kill rolls the DDL back with the rows
 * and the schema is never seen without them. Unique indexes stay: they enforce the card codes.
 * Returns the rebuild to call at the end of the transaction, or undefined when not worth it.
 */
export function deferIndexes(sqlite: Sqlite, table: string, newRows: number): (() => void) | undefined {
  if (newRows < BULK_MIN_ROWS) return undefined;
  const existing = sqlite.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  if (newRows * 2 < existing) return undefined;
  const indexes = (
    sqlite
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`,
      )
      .all(table) as { name: string; sql: string }[]
  ).filter((i) => !/^\s*CREATE\s+UNIQUE\b/i.test(i.sql));
  for (const i of indexes) sqlite.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
  return () => {
    for (const i of indexes) sqlite.exec(i.sql);
  };
}

/** Ids as [first, last] runs: an import's new ids are consecutive, so its audit record stays small. */
export function idRuns(ids: readonly number[]): [number, number][] {
  const sorted = [...ids].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const id of sorted) {
    const last = runs.at(-1);
    if (last && id === last[1] + 1) last[1] = id;
    else runs.push([id, id]);
  }
  return runs;
}
