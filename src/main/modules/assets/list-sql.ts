// SQL pieces of the ledger list: the WHERE for filters and search, the index that drives counting,
// the ORDER BY (with the joins a referenced name needs) and the index each sort order walks.
import type { Sqlite } from '../../db/client';
import { subtreeIds, type TreeTable } from '../settings/trees';
import type { AssetListQuery } from './contract';
import { normalizeQuery } from './search-text';

export type SortField = AssetListQuery['sort'][number]['field'];

/** Sort fields stored on the card, with the partial index that orders live cards by them. */
export const COLUMN_SORTS: Partial<Record<SortField, { col: string; index: string }>> = {
  assetCode: { col: 'a.asset_code', index: 'assets_asset_code_unique' },
  name: { col: 'a.name', index: 'assets_live_name_idx' },
  model: { col: 'a.model', index: 'assets_live_model_idx' },
  serialNo: { col: 'a.serial_no', index: 'assets_live_serial_idx' },
  purchaseDate: { col: 'a.purchase_date', index: 'assets_live_purchase_idx' },
  inServiceDate: { col: 'a.in_service_date', index: 'assets_live_in_service_idx' },
  cost: { col: 'a.cost', index: 'assets_live_cost_idx' },
  status: { col: 'a.status', index: 'assets_live_status_idx' },
  updatedAt: { col: 'a.updated_at', index: 'assets_live_updated_idx' },
  createdAt: { col: 'a.created_at', index: 'assets_live_created_idx' },
};

export interface NameSort {
  table: string;
  fk: string;
  /** The (fk, deleted_at) index on assets: live cards of one referenced row in id order. */
  index: string;
}

/** Sort fields that are the name of a referenced row. */
export const NAME_SORTS: Partial<Record<SortField, NameSort>> = {
  categoryName: { table: 'categories', fk: 'category_id', index: 'assets_category_idx' },
  locationName: { table: 'locations', fk: 'location_id', index: 'assets_location_idx' },
  departmentName: { table: 'departments', fk: 'department_id', index: 'assets_department_idx' },
  custodianName: { table: 'custodians', fk: 'custodian_id', index: 'assets_custodian_idx' },
};

export interface Where {
  sql: string;
  params: unknown[];
  /** Lower-cased needle when searching. */
  needle: string | null;
  /**
   * FROM clause that counts and lists the matches: the index that holds the most selective
   * filter together with the columns the other filters test, so counting rarely reads a row.
   */
  driver: string;
  /**
   * Terms on one stored column (status, cost, dates), by column: a walk sorted by that column
   * seeks to them instead of passing the cards they exclude.
   */
  onCol: Record<string, { sql: string; params: unknown[] }[]>;
  /**
   * FROM clause over a covering index that holds every column the filter tests (so the matches can
   * be sorted by a column it carries without reading a row); null when searching.
   */
  cover: string | null;
  /** A tree filter whose node does not exist: nothing can match. */
  empty: boolean;
}

/**
 * Partial indexes over live cards, each leading with one filter column and carrying all the others
 * but the search text (schema/assets.ts): counting or sorting through one reads no row.
 */
const COVER = {
  status: 'assets_live_status_cover_idx',
  category_id: 'assets_live_category_cover_idx',
  location_id: 'assets_live_location_cover_idx',
  department_id: 'assets_live_department_cover_idx',
  supplier_id: 'assets_live_supplier_cover_idx',
} as const;

export function buildWhere(sqlite: Sqlite, q: AssetListQuery, scope: number | undefined): Where {
  const terms = ['a.deleted_at IS NULL'];
  const params: unknown[] = [];
  let empty = false;
  const f = q.filters;
  /** Reference filters with their term, each a candidate to drive the count. */
  const refs: { col: keyof typeof COVER; term: string; params: unknown[] }[] = [];
  const eq = (col: string, v: unknown) => {
    terms.push(`${col} = ?`);
    params.push(v);
  };
  if (scope !== undefined) eq('a.custodian_id', scope);
  if (f.custodianId !== undefined) eq('a.custodian_id', f.custodianId);
  if (f.supplierId !== undefined) {
    eq('a.supplier_id', f.supplierId);
    refs.push({ col: 'supplier_id', term: 'a.supplier_id = ?', params: [f.supplierId] });
  }
  const onCol: Where['onCol'] = {};
  const colTerm = (col: string, sql: string, p: unknown[]) => {
    terms.push(sql);
    params.push(...p);
    (onCol[col] ??= []).push({ sql, params: p });
  };
  if (f.status?.length) colTerm('a.status', `a.status IN (${f.status.map(() => '?').join(', ')})`, f.status);
  const tree = (table: TreeTable, col: 'category_id' | 'location_id' | 'department_id', id?: number) => {
    if (id === undefined) return;
    // Ids come from the database as integers, so inlining them is safe and lets the planner see them.
    const ids = subtreeIds(sqlite, table, id).filter((n) => Number.isInteger(n));
    if (!ids.length) empty = true;
    const term = ids.length === 1 ? `a.${col} = ${ids[0]}` : `a.${col} IN (${ids.join(', ')})`;
    terms.push(term);
    refs.push({ col, term, params: [] });
  };
  tree('categories', 'category_id', f.categoryId);
  tree('locations', 'location_id', f.locationId);
  tree('departments', 'department_id', f.departmentId);
  const range = (col: string, from: unknown, to: unknown) => {
    if (from !== undefined) colTerm(col, `${col} >= ?`, [from]);
    if (to !== undefined) colTerm(col, `${col} <= ?`, [to]);
  };
  range('a.in_service_date', f.inServiceFrom, f.inServiceTo);
  range('a.purchase_date', f.purchaseFrom, f.purchaseTo);
  range('a.cost', f.costMin, f.costMax);
  const needle = q.query ? normalizeQuery(q.query) : '';
  if (needle) {
    // GLOB compares bytes like instr but skips ahead to the needle's first character: ~20% faster.
    terms.push('a.search_text GLOB ?');
    params.push(`*${globLiteral(needle)}*`);
  }

  let driver: string;
  if (scope !== undefined || f.custodianId !== undefined) {
    // One person's cards are a few hundred at most: reading them beats any scan.
    driver = 'assets a INDEXED BY assets_custodian_idx';
  } else if (f.supplierId === undefined && needle) {
    // The search text is only in its own narrow index (and the wide rows).
    driver = 'assets a INDEXED BY assets_live_search_idx';
  } else if (refs.length) {
    driver = `assets a INDEXED BY ${COVER[smallest(sqlite, refs)]}`;
  } else if (f.status?.length) {
    driver = `assets a INDEXED BY ${COVER.status}`;
  } else {
    // Only ranges (or nothing): each range column has its own index; let the planner pick.
    driver = 'assets a';
  }
  // Without a search every filter column is in each covering index; the status one serves when only
  // ranges are filtered (a full scan of it is still far narrower than the rows). One person's cards
  // are better read from their own index than found in a scan.
  const cover =
    needle || driver.includes('custodian')
      ? null
      : driver.includes('_cover_idx')
        ? driver
        : `assets a INDEXED BY ${COVER.status}`;
  return { sql: terms.join(' AND '), params, needle: needle || null, driver, onCol, cover, empty };
}

/** The needle as a GLOB pattern matching itself only: the wildcards * ? [ become one-character sets. */
export function globLiteral(needle: string): string {
  return needle.replace(/[*?[]/g, '[$&]');
}

/** The reference filter matching the fewest live cards, counted in its covering index. */
function smallest(
  sqlite: Sqlite,
  refs: { col: keyof typeof COVER; term: string; params: unknown[] }[],
): keyof typeof COVER {
  if (refs.length === 1) return refs[0]!.col;
  let best = refs[0]!;
  let bestN = Infinity;
  for (const r of refs) {
    const n = sqlite
      .prepare(
        `SELECT count(*) FROM assets a INDEXED BY ${COVER[r.col]} WHERE a.deleted_at IS NULL AND ${r.term}`,
      )
      .pluck()
      .get(...r.params) as number;
    if (n < bestN) [best, bestN] = [r, n];
  }
  return best.col;
}

export interface Order {
  field: SortField | 'id';
  dir: 'asc' | 'desc';
}

export function orderOf(q: AssetListQuery): Order[] {
  const sort: Order[] = q.sort.length ? q.sort.map((s) => ({ field: s.field, dir: s.dir })) : [];
  // Newest first by default; the id breaks ties in the first field's direction so pages are stable.
  const tie: Order = { field: 'id', dir: sort[0]?.dir ?? 'desc' };
  return [...sort, tie];
}

/** ORDER BY over `a` plus joined names (aliased n0, n1, ...), and the joins it needs. */
export function orderSql(order: Order[]): { joins: string; by: string } {
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

/** The filter's terms on the column a walk in this order reads first (` AND ...`), with their params. */
export function seekTerms(w: Where, first: Order): { sql: string; params: unknown[] } {
  const col = first.field === 'id' ? undefined : COLUMN_SORTS[first.field];
  const terms = col ? (w.onCol[col.col] ?? []) : [];
  return { sql: terms.map((t) => ` AND ${t.sql}`).join(''), params: terms.flatMap((t) => t.params) };
}

/** Sort fields whose values every covering index holds (or, for names, the reference's id). */
const COVERED_SORTS = new Set<SortField | 'id'>([
  'id',
  'status',
  'cost',
  'inServiceDate',
  'purchaseDate',
  'categoryName',
  'locationName',
  'departmentName',
  'custodianName',
]);

/** Whether a covering index can sort the matches in this order without reading their rows. */
export function coveredOrder(order: Order[]): boolean {
  return order.every((o) => COVERED_SORTS.has(o.field));
}

/** FROM clause reading `assets a` in the order of a stored column (the table itself for the id). */
export function sortIndex(first: Order): string {
  const col = first.field === 'id' ? undefined : COLUMN_SORTS[first.field];
  return col ? `assets a INDEXED BY ${col.index}` : 'assets a NOT INDEXED';
}
