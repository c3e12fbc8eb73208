// The ledger list: filters (trees include their subtrees), substring search, sorting and paging,
// fast on a 200,000-card ledger. Every answer carries the exact total. The page is read by one of:
//  - when a covering index holds the filter's and the sort's columns and up to COVERED_SORT match:
//    sort the matches inside that index, reading no row;
//  - few matches (up to FEW): fetch the matching ids, then sort just those by reading them;
//  - more: walk the sort order checking the filter per row, for at most WALK_CAP rows (tried when
//    an even spread of the matches would fill the page well within that), else sort in the
//    covering index as above when there is one;
//  - else: walk the sort column's whole index testing each id against the matched ids.
// Counting goes through the "driver" index of list-sql.ts (a covering index unless searching);
// a search scans assets_live_search_idx (the search text alone) once, listing the matching ids.
import type { Sqlite } from '../../db/client';
import type { Page } from '../../api/schemas';
import type { AssetDto, AssetListQuery } from './contract';
import { assetRowsByIds, toAssetDto } from './rows';
import { buildWhere, coveredOrder, NAME_SORTS, orderOf, orderSql, type Order, type Where } from './list-sql';
import { cappedWalk, coveredSort, membershipWalk, WALK_CAP } from './list-walk';
import { recall, remember } from './list-cache';

/**
 * Up to this many matches, the matches are sorted: each costs a row read (~1.5 µs), so ≤ ~8 ms.
 * Above it a walk wins: at uniform density it passes about page × ledger / matches rows.
 */
export const FEW = 5000;
/** The same for a search, whose scan has already listed the matching ids. */
export const FEW_SEARCH = 5000;
/**
 * Up to this many matches, sorting them inside a covering index (~0.1–0.3 µs each, no row read)
 * beats walking the sort order, which reads a row per card passed and may pass many.
 */
export const COVERED_SORT = 30_000;

/** A search's matched ids are remembered for the next page up to this many (8 bytes each). */
const KEEP_IDS = 100_000;

export interface ListLimits {
  few: number;
  fewSearch: number;
  /** Rows the sort-order walk may pass before the membership walk takes over. */
  walkCap?: number;
  /** Try that walk even when an even spread of the matches says it would give up (tests). */
  walkAlways?: boolean;
  /** Up to this many matches a covering index sorts them before any walk is tried. */
  covered?: number;
}

export function listAssets(
  sqlite: Sqlite,
  q: AssetListQuery,
  scope: number | undefined,
  /** Thresholds, overridable so tests can drive every plan on a small ledger. */
  limits: ListLimits = { few: FEW, fewSearch: FEW_SEARCH },
): Page<AssetDto> {
  const w = buildWhere(sqlite, q, scope);
  if (w.empty) return { rows: [], total: 0 };
  const order = orderOf(q);
  const walk = {
    cap: limits.walkCap ?? WALK_CAP,
    always: limits.walkAlways ?? false,
    covered: limits.covered ?? COVERED_SORT,
  };

  // Paging through one result reuses its total (and a search's matched ids) until anything is written.
  const key = `${w.sql}\u0000${JSON.stringify(w.params)}`;
  const known = recall(sqlite, key);
  let total: number;
  let ids: number[];
  if (w.needle) {
    // Searching: the scan of the search text is the cost, so one scan gives all matching ids, and
    // with them the total and (sorted by id, the default) the page.
    const all = known?.ids ?? matchingIds(sqlite, w);
    if (!known?.ids)
      remember(sqlite, key, { total: all.length, ids: all.length <= KEEP_IDS ? all : undefined });
    total = all.length;
    if (order.length === 1 || total <= limits.fewSearch) {
      ids = sortMatches(sqlite, all, order, q.offset, q.limit);
    } else {
      ids = pageOfMany(sqlite, w, order, q.offset, q.limit, total, walk, all);
    }
  } else {
    // Counting through a covering index is cheap: count first and let the total pick the plan.
    total = known?.total ?? countMatches(sqlite, w);
    if (!known) remember(sqlite, key, { total });
    // Few matches are sorted by reading them, unless a covering index can sort them unread.
    const covered = coveredOrder(order) && total <= walk.covered;
    if (total <= limits.few && !covered) {
      if (q.offset >= total) return { rows: [], total };
      ids = sortMatches(sqlite, matchingIds(sqlite, w), order, q.offset, q.limit);
    } else {
      ids = pageOfMany(sqlite, w, order, q.offset, q.limit, total, walk);
    }
  }
  return { rows: assetRowsByIds(sqlite, ids).map(toAssetDto), total };
}

function matchingIds(sqlite: Sqlite, w: Where): number[] {
  return sqlite
    .prepare(`SELECT a.id FROM ${w.driver} WHERE ${w.sql}`)
    .pluck()
    .all(...w.params) as number[];
}

function countMatches(sqlite: Sqlite, w: Where): number {
  return sqlite
    .prepare(`SELECT count(*) FROM ${w.driver} WHERE ${w.sql}`)
    .pluck()
    .get(...w.params) as number;
}

/** Sorts a few matched ids by the order asked and returns one page of them. */
function sortMatches(sqlite: Sqlite, ids: number[], order: Order[], offset: number, limit: number): number[] {
  if (offset >= ids.length) return [];
  if (order.length === 1) {
    // Sorted by id alone: no row needs reading. A typed array sorts numbers natively, ~10× faster.
    const sorted = Float64Array.from(ids).sort();
    const n = sorted.length;
    const page: number[] = [];
    for (let i = offset; i < Math.min(n, offset + limit); i++)
      page.push(order[0]!.dir === 'desc' ? sorted[n - 1 - i]! : sorted[i]!);
    return page;
  }
  const { joins, by } = orderSql(order);
  // CROSS JOIN keeps the matched ids as the outer loop: sort those few, never walk the table.
  return sqlite
    .prepare(
      `SELECT a.id FROM json_each(?) m CROSS JOIN assets a ON a.id = m.value ${joins}
       ORDER BY ${by} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(JSON.stringify(ids), limit, offset) as number[];
}

/** One page when many rows match: the capped walk, else the membership walk. */
function pageOfMany(
  sqlite: Sqlite,
  w: Where,
  order: Order[],
  offset: number,
  limit: number,
  total: number,
  walk: { cap: number; always: boolean; covered: number },
  /** The matched ids when already in hand (a search): the membership walk uses them, not a rescan. */
  matched?: number[],
): number[] {
  const expect = Math.max(0, Math.min(limit, total - offset));
  if (!expect) return [];
  const covered = w.cover !== null && coveredOrder(order);
  if (covered && total <= walk.covered) return coveredSort(sqlite, w, order, offset, limit);
  // Rows a walk passes when the matches are spread evenly (the highest id stands in for the number
  // of live cards); when that is near the cap, the walk would likely give up after paying for it.
  const maxId = sqlite.prepare('SELECT max(id) FROM assets').pluck().get() as number;
  const evenPass = ((offset + expect) * maxId) / total;
  const walked =
    walk.always || evenPass * 2 <= walk.cap ? cappedWalk(sqlite, w, order, offset, expect, walk.cap) : null;
  if (walked) return walked;
  if (covered) return coveredSort(sqlite, w, order, offset, limit);
  const first = order[0]!.field;
  if (first === 'id' || !NAME_SORTS[first]) return membershipWalk(sqlite, w, order, offset, limit, matched);
  // A referenced name without a covering index (searching): sort the matches by reading them.
  return sortMatches(sqlite, matched ?? matchingIds(sqlite, w), order, offset, limit);
}
