// The ledger list: filters (trees include their subtrees), substring search, sorting and paging,
// fast on a 200,000-card ledger. The plan is chosen from how many rows match:
//  - up to FEW (or FEW_SEARCH when searching): fetch the matching ids, then sort just those;
//  - more: walk the sort column's index and stop after one page (so many rows match that the walk
//    is short even when the matches cluster in sort order), and count through the narrow indexes.
// Substring search scans assets_live_search_idx (the search text alone), not the wide table.
import type { Sqlite } from '../../db/client';
import type { Page } from '../../api/schemas';
import { subtreeIds, type TreeTable } from '../settings/trees';
import type { AssetDto, AssetListQuery } from './contract';
import { assetRowsByIds, toAssetDto } from './rows';
import { normalizeQuery } from './search-text';

/**
 * Above this many matches the list walks the sort index instead of sorting the matches. Sorting
 * costs about a microsecond per match; walking costs the same per row visited, and visits many
 * rows when the matches cluster in sort order (a category filter sorted by name), so the switch
 * happens only once the matches are a sizeable share of a large ledger.
 */
export const FEW = 20_000;
/** A search has already paid for one scan of the search text, and searches correlate with names. */
export const FEW_SEARCH = 40_000;

type SortField = AssetListQuery['sort'][number]['field'];

/** Sort fields stored on the card, with the partial index that orders live cards by them. */
const COLUMN_SORTS: Partial<Record<SortField, { col: string; index: string }>> = {
  assetCode: { col: 'a.asset_code', index: 'assets_asset_code_unique' },
  name: { col: 'a.name', index: 'assets_live_name_idx' },
  model: { col: 'a.model', index: 'assets_live_model_idx' },
  serialNo: { col: 'a.serial_no', index: 'assets_live_serial_idx' },
  purchaseDate: { col: 'a.purchase_date', index: 'assets_live_purchase_idx' },
  inServiceDate: { col: 'a.in_service_date', index: 'assets_live_in_service_idx' },
  cost: { col: 'a.cost', index: 'assets_live_cost_idx' },
  status: { col: 'a.status', index: 'assets_status_idx' },
  updatedAt: { col: 'a.updated_at', index: 'assets_live_updated_idx' },
  createdAt: { col: 'a.created_at', index: 'assets_live_created_idx' },
};

interface NameSort {
  table: string;
  fk: string;
  /** The (fk, deleted_at) index on assets. */
  index: string;
}

/** Sort fields that are the name of a referenced row. */
const NAME_SORTS: Partial<Record<SortField, NameSort>> = {
  categoryName: { table: 'categories', fk: 'category_id', index: 'assets_category_idx' },
  locationName: { table: 'locations', fk: 'location_id', index: 'assets_location_idx' },
  departmentName: { table: 'departments', fk: 'department_id', index: 'assets_department_idx' },
  custodianName: { table: 'custodians', fk: 'custodian_id', index: 'assets_custodian_idx' },
};

interface Where {
  sql: string;
  params: unknown[];
  /** Lower-cased needle when searching. */
  needle: string | null;
  /** An equality filter on a narrow index (custodian, supplier): better than scanning the search text. */
  narrowEq: boolean;
  /** A tree filter whose node does not exist: nothing can match. */
  empty: boolean;
}

function buildWhere(sqlite: Sqlite, q: AssetListQuery, scope: number | undefined): Where {
  const terms = ['a.deleted_at IS NULL'];
  const params: unknown[] = [];
  let empty = false;
  const f = q.filters;
  const eq = (col: string, v: unknown) => {
    terms.push(`${col} = ?`);
    params.push(v);
  };
  if (scope !== undefined) eq('a.custodian_id', scope);
  if (f.custodianId !== undefined) eq('a.custodian_id', f.custodianId);
  if (f.supplierId !== undefined) eq('a.supplier_id', f.supplierId);
  if (f.status?.length) {
    terms.push(`a.status IN (${f.status.map(() => '?').join(', ')})`);
    params.push(...f.status);
  }
  const tree = (table: TreeTable, col: string, id: number | undefined) => {
    if (id === undefined) return;
    // Ids come from the database as integers, so inlining them is safe and lets the planner see them.
    const ids = subtreeIds(sqlite, table, id).filter((n) => Number.isInteger(n));
    if (!ids.length) empty = true;
    terms.push(ids.length === 1 ? `${col} = ${ids[0]}` : `${col} IN (${ids.join(', ')})`);
  };
  tree('categories', 'a.category_id', f.categoryId);
  tree('locations', 'a.location_id', f.locationId);
  tree('departments', 'a.department_id', f.departmentId);
  const range = (col: string, from: unknown, to: unknown) => {
    if (from !== undefined) {
      terms.push(`${col} >= ?`);
      params.push(from);
    }
    if (to !== undefined) {
      terms.push(`${col} <= ?`);
      params.push(to);
    }
  };
  range('a.in_service_date', f.inServiceFrom, f.inServiceTo);
  range('a.purchase_date', f.purchaseFrom, f.purchaseTo);
  range('a.cost', f.costMin, f.costMax);
  const needle = q.query ? normalizeQuery(q.query) : '';
  if (needle) {
    terms.push('instr(a.search_text, ?) > 0');
    params.push(needle);
  }
  const narrowEq = scope !== undefined || f.custodianId !== undefined || f.supplierId !== undefined;
  return { sql: terms.join(' AND '), params, needle: needle || null, narrowEq, empty };
}

/** FROM clause: a search without a narrow equality filter scans the search-text index. */
function from(w: Where): string {
  return w.needle && !w.narrowEq ? 'assets a INDEXED BY assets_live_search_idx' : 'assets a';
}

interface Order {
  field: SortField | 'id';
  dir: 'asc' | 'desc';
}

function orderOf(q: AssetListQuery): Order[] {
  const sort: Order[] = q.sort.length ? q.sort.map((s) => ({ field: s.field, dir: s.dir })) : [];
  // Newest first by default; the id breaks ties in the first field's direction so pages are stable.
  const tie: Order = { field: 'id', dir: sort[0]?.dir ?? 'desc' };
  return [...sort, tie];
}

/** ORDER BY over `a` plus joined names (aliased n0, n1, ...), and the joins it needs. */
function orderSql(order: Order[]): { joins: string; by: string } {
  const joins: string[] = [];
  const by = order.map((o, i) => {
    const dir = o.dir === 'desc' ? 'DESC' : 'ASC';
    if (o.field === 'id') return `a.id ${dir}`;
    const col = COLUMN_SORTS[o.field];
    if (col) return `${col.col} ${dir}`;
    const ref = NAME_SORTS[o.field]!;
    joins.push(`LEFT JOIN ${ref.table} n${i} ON n${i}.id = a.${ref.fk}`);
    // The referenced id after the name keeps equal names apart, the same order the walk produces.
    return `n${i}.name ${dir}, a.${ref.fk} ${dir}`;
  });
  return { joins: joins.join(' '), by: by.join(', ') };
}

export function listAssets(
  sqlite: Sqlite,
  q: AssetListQuery,
  scope: number | undefined,
  /** Thresholds, overridable so tests can drive both plans on a small ledger. */
  limits: { few: number; fewSearch: number } = { few: FEW, fewSearch: FEW_SEARCH },
): Page<AssetDto> {
  const w = buildWhere(sqlite, q, scope);
  if (w.empty) return { rows: [], total: 0 };
  const order = orderOf(q);
  const { joins, by } = orderSql(order);

  const few = w.needle ? limits.fewSearch : limits.few;
  const probe = sqlite
    .prepare(`SELECT a.id FROM ${from(w)} WHERE ${w.sql} LIMIT ${few + 1}`)
    .pluck()
    .all(...w.params) as number[];

  let ids: number[];
  let total: number;
  if (probe.length <= few) {
    total = probe.length;
    if (!total || q.offset >= total) return { rows: [], total };
    // CROSS JOIN keeps the matched ids as the outer loop: sort those few, never walk the table.
    ids = sqlite
      .prepare(
        `SELECT a.id FROM json_each(?) m CROSS JOIN assets a ON a.id = m.value ${joins}
         ORDER BY ${by} LIMIT ? OFFSET ?`,
      )
      .pluck()
      .all(JSON.stringify(probe), q.limit, q.offset) as number[];
  } else {
    total = sqlite
      .prepare(`SELECT count(*) FROM ${from(w)} WHERE ${w.sql}`)
      .pluck()
      .get(...w.params) as number;
    ids = walkPage(sqlite, w, order, q.offset, q.limit);
  }
  return { rows: assetRowsByIds(sqlite, ids).map(toAssetDto), total };
}

/** One page when many rows match: walk an index in sort order, checking the filter as we go. */
function walkPage(sqlite: Sqlite, w: Where, order: Order[], offset: number, limit: number): number[] {
  const first = order[0]!;
  const ref = first.field === 'id' ? undefined : NAME_SORTS[first.field];
  if (ref) return walkByName(sqlite, w, order, ref, offset, limit);
  const { joins, by } = orderSql(order);
  const col = first.field === 'id' ? undefined : COLUMN_SORTS[first.field];
  // By id: the table itself is in id order.
  const indexed = col ? `assets a INDEXED BY ${col.index}` : 'assets a NOT INDEXED';
  return sqlite
    .prepare(`SELECT a.id FROM ${indexed} ${joins} WHERE ${w.sql} ORDER BY ${by} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...w.params, limit, offset) as number[];
}

/**
 * Sorted by a referenced row's name (custodian, location, ...): go through the referenced rows in
 * name order and take each one's matching assets from the foreign-key index, until a page is full.
 * Cards without a reference come first ascending, last descending (SQLite's NULL order).
 */
function walkByName(
  sqlite: Sqlite,
  w: Where,
  order: Order[],
  ref: NameSort,
  offset: number,
  limit: number,
): number[] {
  const dir = order[0]!.dir === 'desc' ? 'DESC' : 'ASC';
  // The rest of the sort applies within one referenced row.
  const rest = orderSql(order.slice(1));
  // Each group is read through the foreign-key index, whatever other filter the planner might like.
  const groupSql = (cond: string) =>
    `SELECT a.id FROM assets a INDEXED BY ${ref.index} ${rest.joins} WHERE ${w.sql} AND ${cond}
     ORDER BY ${rest.by} LIMIT ?`;
  const inGroup = sqlite.prepare(groupSql(`a.${ref.fk} = ?`)).pluck();
  const inNull = sqlite.prepare(groupSql(`a.${ref.fk} IS NULL`)).pluck();
  const refs = sqlite
    .prepare(`SELECT id FROM ${ref.table} ORDER BY name ${dir}, id ${dir}`)
    .pluck()
    .all() as number[];
  const need = offset + limit;
  const out: number[] = [];
  const take = (group: number | null) => {
    const rows = (
      group === null
        ? inNull.all(...w.params, need - out.length)
        : inGroup.all(...w.params, group, need - out.length)
    ) as number[];
    out.push(...rows);
  };
  if (dir === 'ASC') take(null);
  for (const r of refs) {
    if (out.length >= need) break;
    take(r);
  }
  if (dir === 'DESC' && out.length < need) take(null);
  return out.slice(offset, need);
}
