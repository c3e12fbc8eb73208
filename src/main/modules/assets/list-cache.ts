// Remembers the ledger list's latest totals (and a search's matched ids) per filter, so paging
// through one result does not count (or scan the search text) again. Any write drops them all.
import type { Sqlite } from '../../db/client';
import { pluckStmt } from '../../db/statements';

export interface Remembered {
  total: number;
  /** A search's matched ids, in no particular order. */
  ids?: number[];
}

interface Entry extends Remembered {
  generation: string;
}

/** Results kept per connection: enough for a few lists open side by side. */
const KEEP = 8;
const caches = new WeakMap<Sqlite, Map<string, Entry>>();

/**
 * Changes since the connection opened: total_changes() grows with every row this connection
 * writes (triggers included, even when rolled back), data_version with every commit by another.
 */
function generation(sqlite: Sqlite): string {
  const mine = pluckStmt(sqlite, 'SELECT total_changes()').get() as number;
  const others = sqlite.pragma('data_version', { simple: true }) as number;
  return `${mine}:${others}`;
}

/** What was remembered for this filter (its SQL and parameters), unless anything was written since. */
export function recall(sqlite: Sqlite, key: string): Remembered | undefined {
  const cache = caches.get(sqlite);
  const hit = cache?.get(key);
  if (!cache || !hit) return undefined;
  if (hit.generation !== generation(sqlite)) {
    cache.clear();
    return undefined;
  }
  // Most recently used last, so the oldest goes first when full.
  cache.delete(key);
  cache.set(key, hit);
  return hit;
}

export function remember(sqlite: Sqlite, key: string, value: Remembered): void {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  cache.delete(key);
  cache.set(key, { ...value, generation: generation(sqlite) });
  while (cache.size > KEEP) cache.delete(cache.keys().next().value!);
}

/** Drops everything remembered (the benchmark measures first pages cold). */
export function forgetListCache(sqlite: Sqlite): void {
  caches.get(sqlite)?.clear();
}
