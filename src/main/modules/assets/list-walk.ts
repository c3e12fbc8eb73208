// The ledger list's page readers for many matches: a bounded walk of the sort order that checks the
// filter on each row it passes, and the fallback that tests membership in the matched ids instead.
import type { Sqlite } from '../../db/client';
import {
  NAME_SORTS,
  orderSql,
  seekTerms,
  sortIndex,
  type NameSort,
  type Order,
  type Where,
} from './list-sql';

/**
 * How many rows a walk may pass before giving up: each costs a table read (~1.5 µs), so the walk
 * stays under ~8 ms. Matches dense enough to fill a page within it are the common case; matches
 * that cluster away from the start of the sort order are left to the membership walk.
 */
export const WALK_CAP = 5000;

/**
 * One page by walking the sort order and checking the filter on each row passed, giving up after
 * `cap` rows. Returns null when the page did not fill within the cap.
 */
export function cappedWalk(
  sqlite: Sqlite,
  w: Where,
  order: Order[],
  offset: number,
  /** Rows that should come back: min(limit, total - offset). */
  expect: number,
  cap: number,
): number[] | null {
  if (offset + expect > cap) return null;
  const ref = order[0]!.field === 'id' ? undefined : NAME_SORTS[order[0]!.field];
  if (ref) return cappedNameWalk(sqlite, w, order, ref, offset, expect, cap);
  const { joins, by } = orderSql(order);
  const seek = seekTerms(w, order[0]!);
  // Seeks to the filter's range on the sort column, then hands on every row passed with whether it
  // matches; the loop stops at the page's end or the cap, whichever comes first.
  const passed = sqlite
    .prepare(
      `SELECT a.id, (${w.sql}) FROM ${sortIndex(order[0]!)} ${joins}
       WHERE a.deleted_at IS NULL${seek.sql} ORDER BY ${by} LIMIT ${cap}`,
    )
    .raw()
    .iterate(...w.params, ...seek.params) as IterableIterator<[number, number]>;
  return takePage(passed, offset, expect);
}

/** The ids of matching rows offset .. offset + expect from rows passed in order, or null if too few. */
function takePage(passed: Iterable<[number, number]>, offset: number, expect: number): number[] | null {
  const out: number[] = [];
  let skip = offset;
  // Leaving the loop early ends the iterator, which resets the statement.
  for (const [id, ok] of passed) {
    if (!ok) continue;
    if (skip > 0) skip--;
    else if (out.push(id) >= expect) return out;
  }
  return null;
}

/**
 * The same when sorted by a referenced row's name (custodian, location, ...): go through the
 * referenced rows in name order and pass each one's cards from the foreign-key index (live cards
 * of one reference in id order), until a page is full or `cap` cards were passed.
 * Cards without a reference come first ascending, last descending (SQLite's NULL order).
 */
function cappedNameWalk(
  sqlite: Sqlite,
  w: Where,
  order: Order[],
  ref: NameSort,
  offset: number,
  expect: number,
  cap: number,
): number[] | null {
  const dir = order[0]!.dir === 'desc' ? 'DESC' : 'ASC';
  // The rest of the sort applies within one referenced row.
  const rest = orderSql(order.slice(1));
  const groupSql = (cond: string) =>
    `SELECT a.id, (${w.sql}) FROM assets a INDEXED BY ${ref.index} ${rest.joins}
     WHERE a.deleted_at IS NULL AND ${cond} ORDER BY ${rest.by} LIMIT ?`;
  const inGroup = sqlite.prepare(groupSql(`a.${ref.fk} = ?`)).raw();
  const inNull = sqlite.prepare(groupSql(`a.${ref.fk} IS NULL`)).raw();
  const refs = sqlite
    .prepare(`SELECT id FROM ${ref.table} ORDER BY name ${dir}, id ${dir}`)
    .pluck()
    .all() as number[];
  const groups: (number | null)[] = dir === 'ASC' ? [null, ...refs] : [...refs, null];
  // All groups' rows in order, as one stream for takePage, stopping once `cap` rows were passed.
  function* passed(): Generator<[number, number]> {
    let left = cap;
    for (const g of groups) {
      const rows = (
        g === null ? inNull.iterate(...w.params, left) : inGroup.iterate(...w.params, g, left)
      ) as IterableIterator<[number, number]>;
      for (const row of rows) {
        left--;
        yield row;
      }
      if (left <= 0) return;
    }
  }
  return takePage(passed(), offset, expect);
}

/**
 * One page by sorting all the matches inside a covering index that holds the filter's columns and
 * the sort's (w.cover, coveredOrder): no row is read, only the index entries of the matches.
 */
export function coveredSort(
  sqlite: Sqlite,
  w: Where,
  order: Order[],
  offset: number,
  limit: number,
): number[] {
  const { joins, by } = orderSql(order);
  return sqlite
    .prepare(`SELECT a.id FROM ${w.cover} ${joins} WHERE ${w.sql} ORDER BY ${by} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...w.params, limit, offset) as number[];
}

/**
 * One page when the matches cluster away from the start of a stored column's order: walk that
 * column's whole index but test each entry's id against the matched ids (built once) instead of
 * reading its row, so no row is read until the page is known.
 */
export function membershipWalk(
  sqlite: Sqlite,
  w: Where,
  order: Order[],
  offset: number,
  limit: number,
  /** The matched ids, when the caller has them. */
  ids?: number[],
): number[] {
  const first = order[0]!;
  const matched = ids ? 'SELECT value FROM json_each(?)' : `SELECT a.id FROM ${w.driver} WHERE ${w.sql}`;
  const params = ids ? [JSON.stringify(ids)] : w.params;
  const { joins, by } = orderSql(order);
  const seek = seekTerms(w, first);
  // The subquery's own `a` shadows the outer one: it is the uncorrelated set of matched ids. The
  // unary + keeps SQLite from seeking each id in the sort index instead of walking it.
  return sqlite
    .prepare(
      `SELECT a.id FROM ${sortIndex(first)} ${joins} WHERE a.deleted_at IS NULL${seek.sql} AND +a.id IN (${matched})
       ORDER BY ${by} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(...seek.params, ...params, limit, offset) as number[];
}
