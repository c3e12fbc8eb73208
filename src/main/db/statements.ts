// Prepared statements memoised per connection and SQL text: preparing costs more than running a
// simple statement, and hot paths (an import writing 100,000 cards) run the same few thousands of times.
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './client';

/** SQL built from field lists (an UPDATE of the changed columns) has many texts; keep the cache bounded. */
const MAX_PER_CONNECTION = 500;

const caches = new WeakMap<Sqlite, Map<string, Statement>>();

function cached(sqlite: Sqlite, key: string, make: () => Statement): Statement {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  let s = cache.get(key);
  if (!s) {
    if (cache.size >= MAX_PER_CONNECTION) cache.clear();
    cache.set(key, (s = make()));
  }
  return s;
}

/**
 * The statement for `sql` on this connection, prepared once. For get/run/all only: a statement
 * being iterated is busy until the iteration ends, and pluck/raw modes are sticky (use pluckStmt).
 */
export function stmt(sqlite: Sqlite, sql: string): Statement {
  return cached(sqlite, sql, () => sqlite.prepare(sql));
}

/** Like stmt, returning the first column only (its own cached statement in pluck mode). */
export function pluckStmt(sqlite: Sqlite, sql: string): Statement {
  return cached(sqlite, `pluck:${sql}`, () => sqlite.prepare(sql).pluck());
}
