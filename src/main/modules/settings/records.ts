// Handlers for the flat settings records: custodians (people), suppliers and dictionary items.
import type { HandlersOf, Ctx } from '../../api/context';
import { refreshSearchTextForCustodian } from '../assets/search-text';
import type { Page } from '../../api/schemas';
import type { Sqlite } from '../../db/client';
import type { recordsContract } from './contract-records';
import type { CustodianDto, DictionaryItemDto, SupplierDto } from './contract';
import { subtreeIds } from './trees';
import {
  applyUpdate,
  assertExists,
  assertUniqueCode,
  assertVersion,
  count,
  deleteUnused,
  likePattern,
  mustGet,
  type ColumnMap,
} from './rows';

function changed(ctx: Ctx, entity: string, action: string, id: number, details: unknown) {
  ctx.audit({ entity, entityId: id, details });
  ctx.emit('settings.changed', { entity, id, action });
}

const insertedId = (r: { lastInsertRowid: number | bigint }) => Number(r.lastInsertRowid);

// ---- custodians ----

const CUSTODIAN_SELECT = `SELECT c.id, c.code, c.name, c.department_id AS departmentId, c.phone, c.email, c.active,
  c.version, c.updated_at AS updatedAt,
  (SELECT COUNT(*) FROM assets a WHERE a.custodian_id = c.id AND a.deleted_at IS NULL) AS assetCount
  FROM custodians c`;

type CustodianRow = Omit<CustodianDto, 'active' | 'departmentName'> & { active: number };

function toCustodian(sqlite: Sqlite, row: CustodianRow, deptNames: Map<number, string>): CustodianDto {
  return {
    ...row,
    active: !!row.active,
    departmentName: row.departmentId === null ? null : (deptNames.get(row.departmentId) ?? null),
  };
}

/** Path names of every department ("生产部 / 一车间"), for labelling people. */
function departmentNames(sqlite: Sqlite): Map<number, string> {
  const rows = sqlite
    .prepare(
      `WITH RECURSIVE p(id, name, depth) AS (
         SELECT id, name, 0 FROM departments WHERE parent_id IS NULL
         UNION ALL SELECT d.id, p.name || ' / ' || d.name, p.depth + 1 FROM departments d JOIN p ON d.parent_id = p.id
           WHERE p.depth < 64
       ) SELECT id, name FROM p`,
    )
    .all() as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

function getCustodian(sqlite: Sqlite, id: number): CustodianDto {
  const row = mustGet(
    sqlite.prepare(`${CUSTODIAN_SELECT} WHERE c.id = ?`).get(id) as CustodianRow | undefined,
    'custodian',
    id,
  );
  return toCustodian(sqlite, row, departmentNames(sqlite));
}

const CUSTODIAN_COLUMNS: ColumnMap = {
  code: { column: 'code' },
  name: { column: 'name' },
  departmentId: { column: 'department_id' },
  phone: { column: 'phone' },
  email: { column: 'email' },
  active: { column: 'active' },
};

// ---- suppliers ----

const SUPPLIER_SELECT = `SELECT id, code, name, contact, phone, email, address, tax_no AS taxNo, notes, active, version,
  updated_at AS updatedAt FROM suppliers`;

type SupplierRow = Omit<SupplierDto, 'active'> & { active: number };
const toSupplier = (r: SupplierRow): SupplierDto => ({ ...r, active: !!r.active });

function getSupplier(sqlite: Sqlite, id: number): SupplierDto {
  return toSupplier(
    mustGet(
      sqlite.prepare(`${SUPPLIER_SELECT} WHERE id = ?`).get(id) as SupplierRow | undefined,
      'supplier',
      id,
    ),
  );
}

const SUPPLIER_COLUMNS: ColumnMap = {
  code: { column: 'code' },
  name: { column: 'name' },
  contact: { column: 'contact' },
  phone: { column: 'phone' },
  email: { column: 'email' },
  address: { column: 'address' },
  taxNo: { column: 'tax_no' },
  notes: { column: 'notes' },
  active: { column: 'active' },
};

// ---- dictionaries ----

const DICT_SELECT =
  'SELECT id, kind, code, name, sort_order AS sortOrder, active, version FROM dictionary_items';
type DictRow = Omit<DictionaryItemDto, 'active'> & { active: number };
const toDict = (r: DictRow): DictionaryItemDto => ({ ...r, active: !!r.active });

function getDict(sqlite: Sqlite, id: number): DictionaryItemDto {
  return toDict(
    mustGet(
      sqlite.prepare(`${DICT_SELECT} WHERE id = ?`).get(id) as DictRow | undefined,
      'dictionary_item',
      id,
    ),
  );
}

const DICT_COLUMNS: ColumnMap = {
  code: { column: 'code' },
  name: { column: 'name' },
  sortOrder: { column: 'sort_order' },
  active: { column: 'active' },
};

/** WHERE clause for a paged, filtered list; `query` matches any of the given columns. */
function filters(query: string | undefined, columns: string[], includeInactive: boolean, alias = '') {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!includeInactive) where.push(`${alias}active = 1`);
  if (query) {
    where.push(`(${columns.map((c) => `${alias}${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    for (let i = 0; i < columns.length; i++) params.push(likePattern(query));
  }
  return { where, params };
}

const whereSql = (where: string[]) => (where.length ? ` WHERE ${where.join(' AND ')}` : '');

export const recordsHandlers: HandlersOf<typeof recordsContract> = {
  'settings.custodians.list': (ctx, input): Page<CustodianDto> => {
    const { where, params } = filters(
      input.query,
      ['code', 'name', 'phone', 'email'],
      input.includeInactive,
      'c.',
    );
    if (input.departmentId !== undefined) {
      const ids = input.includeSubDepartments
        ? subtreeIds(ctx.sqlite, 'departments', input.departmentId)
        : [input.departmentId];
      where.push(`c.department_id IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify(ids));
    }
    const w = whereSql(where);
    const total = count(ctx.sqlite, `SELECT COUNT(*) FROM custodians c${w}`, ...params);
    const rows = ctx.sqlite
      .prepare(`${CUSTODIAN_SELECT}${w} ORDER BY c.code LIMIT ? OFFSET ?`)
      .all(...params, input.limit, input.offset) as CustodianRow[];
    const names = departmentNames(ctx.sqlite);
    return { rows: rows.map((r) => toCustodian(ctx.sqlite, r, names)), total };
  },
  'settings.custodians.get': (ctx, { id }) => getCustodian(ctx.sqlite, id),
  'settings.custodians.create': (ctx, input) => {
    assertUniqueCode(ctx.sqlite, 'custodians', 'custodian', input.code, null);
    assertExists(ctx.sqlite, 'departments', input.departmentId, 'departmentId');
    const id = insertedId(
      ctx.sqlite
        .prepare(
          `INSERT INTO custodians (code, name, department_id, phone, email, active, version, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 1, 1, ?, ?)`,
        )
        .run(input.code, input.name, input.departmentId, input.phone, input.email, ctx.nowIso, ctx.nowIso),
    );
    changed(ctx, 'custodian', 'created', id, { created: input });
    return getCustodian(ctx.sqlite, id);
  },
  'settings.custodians.update': (ctx, input) => {
    const before = getCustodian(ctx.sqlite, input.id);
    assertVersion(ctx.sqlite, 'custodian', input.id, before, input.version);
    if (input.code !== undefined)
      assertUniqueCode(ctx.sqlite, 'custodians', 'custodian', input.code, input.id);
    assertExists(ctx.sqlite, 'departments', input.departmentId, 'departmentId');
    const changes = applyUpdate(ctx, 'custodians', input.id, CUSTODIAN_COLUMNS, input, { ...before });
    if (changes.length) changed(ctx, 'custodian', 'updated', input.id, { changes });
    // The ledger's substring search covers the custodian's name.
    if (input.name !== undefined && input.name !== before.name)
      refreshSearchTextForCustodian(ctx.sqlite, input.id);
    return getCustodian(ctx.sqlite, input.id);
  },
  'settings.custodians.delete': (ctx, { id }) => {
    const before = getCustodian(ctx.sqlite, id);
    deleteUnused(ctx, 'custodians', 'custodian', id, {
      assets: count(ctx.sqlite, 'SELECT COUNT(*) FROM assets WHERE custodian_id = ?', id),
      users: count(ctx.sqlite, 'SELECT COUNT(*) FROM users WHERE custodian_id = ?', id),
    });
    changed(ctx, 'custodian', 'deleted', id, { deleted: { code: before.code, name: before.name } });
    return { id };
  },

  'settings.suppliers.list': (ctx, input): Page<SupplierDto> => {
    const { where, params } = filters(
      input.query,
      ['code', 'name', 'contact', 'phone', 'tax_no'],
      input.includeInactive,
    );
    const w = whereSql(where);
    const total = count(ctx.sqlite, `SELECT COUNT(*) FROM suppliers${w}`, ...params);
    const rows = ctx.sqlite
      .prepare(`${SUPPLIER_SELECT}${w} ORDER BY code LIMIT ? OFFSET ?`)
      .all(...params, input.limit, input.offset) as SupplierRow[];
    return { rows: rows.map(toSupplier), total };
  },
  'settings.suppliers.get': (ctx, { id }) => getSupplier(ctx.sqlite, id),
  'settings.suppliers.create': (ctx, input) => {
    assertUniqueCode(ctx.sqlite, 'suppliers', 'supplier', input.code, null);
    const id = insertedId(
      ctx.sqlite
        .prepare(
          `INSERT INTO suppliers (code, name, contact, phone, email, address, tax_no, notes, active, version,
             created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?)`,
        )
        .run(
          input.code,
          input.name,
          input.contact,
          input.phone,
          input.email,
          input.address,
          input.taxNo,
          input.notes,
          ctx.nowIso,
          ctx.nowIso,
        ),
    );
    changed(ctx, 'supplier', 'created', id, { created: input });
    return getSupplier(ctx.sqlite, id);
  },
  'settings.suppliers.update': (ctx, input) => {
    const before = getSupplier(ctx.sqlite, input.id);
    assertVersion(ctx.sqlite, 'supplier', input.id, before, input.version);
    if (input.code !== undefined) assertUniqueCode(ctx.sqlite, 'suppliers', 'supplier', input.code, input.id);
    const changes = applyUpdate(ctx, 'suppliers', input.id, SUPPLIER_COLUMNS, input, { ...before });
    if (changes.length) changed(ctx, 'supplier', 'updated', input.id, { changes });
    return getSupplier(ctx.sqlite, input.id);
  },
  'settings.suppliers.delete': (ctx, { id }) => {
    const before = getSupplier(ctx.sqlite, id);
    deleteUnused(ctx, 'suppliers', 'supplier', id, {
      assets: count(ctx.sqlite, 'SELECT COUNT(*) FROM assets WHERE supplier_id = ?', id),
    });
    changed(ctx, 'supplier', 'deleted', id, { deleted: { code: before.code, name: before.name } });
    return { id };
  },

  'settings.dictionaries.list': (ctx, input) => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (input.kind) {
      where.push('kind = ?');
      params.push(input.kind);
    }
    if (!input.includeInactive) where.push('active = 1');
    const rows = ctx.sqlite
      .prepare(`${DICT_SELECT}${whereSql(where)} ORDER BY kind, sort_order, code`)
      .all(...params) as DictRow[];
    return rows.map(toDict);
  },
  'settings.dictionaries.get': (ctx, { id }) => getDict(ctx.sqlite, id),
  'settings.dictionaries.create': (ctx, input) => {
    const scope = { column: 'kind', value: input.kind };
    assertUniqueCode(ctx.sqlite, 'dictionary_items', 'dictionary_item', input.code, null, scope);
    const id = insertedId(
      ctx.sqlite
        .prepare(
          `INSERT INTO dictionary_items (kind, code, name, sort_order, active, version, created_at, updated_at)
           VALUES (?, ?, ?, ?, 1, 1, ?, ?)`,
        )
        .run(input.kind, input.code, input.name, input.sortOrder, ctx.nowIso, ctx.nowIso),
    );
    changed(ctx, 'dictionary_item', 'created', id, { created: input });
    return getDict(ctx.sqlite, id);
  },
  'settings.dictionaries.update': (ctx, input) => {
    const before = getDict(ctx.sqlite, input.id);
    assertVersion(ctx.sqlite, 'dictionary_item', input.id, before, input.version);
    if (input.code !== undefined) {
      const scope = { column: 'kind', value: before.kind };
      assertUniqueCode(ctx.sqlite, 'dictionary_items', 'dictionary_item', input.code, input.id, scope);
    }
    const changes = applyUpdate(ctx, 'dictionary_items', input.id, DICT_COLUMNS, input, { ...before });
    if (changes.length) changed(ctx, 'dictionary_item', 'updated', input.id, { changes });
    return getDict(ctx.sqlite, input.id);
  },
  'settings.dictionaries.delete': (ctx, { id }) => {
    const before = getDict(ctx.sqlite, id);
    deleteUnused(ctx, 'dictionary_items', 'dictionary_item', id, {});
    changed(ctx, 'dictionary_item', 'deleted', id, {
      deleted: { kind: before.kind, code: before.code, name: before.name },
    });
    return { id };
  },
};
