// The count lock: while a count is open (in progress, or finished and not yet posted or cancelled),
// the facts it froze for its assets (room, custodian, status) may not change under it.
import type { Statement } from 'better-sqlite3';
import { AppError } from '../../api/errors';
import type { Sqlite } from '../../db/client';

/** Counts in these states hold their assets. */
export const LOCKING_STATUSES = ['in_progress', 'finished'] as const;

const stmts = new WeakMap<Sqlite, Statement<[number], { id: number; name: string }>>();

/** The open count holding this asset, if any. */
export function countHolding(sqlite: Sqlite, assetId: number): { id: number; name: string } | undefined {
  let s = stmts.get(sqlite);
  if (!s) {
    s = sqlite.prepare(
      `SELECT c.id, c.name FROM count_details d JOIN counts c ON c.id = d.count_id
       WHERE d.asset_id = ? AND c.status IN ('in_progress', 'finished') LIMIT 1`,
    ) as Statement<[number], { id: number; name: string }>;
    stmts.set(sqlite, s);
  }
  return s.get(assetId);
}

/** ASSET_LOCKED naming the count when an open count holds the asset. */
export function assertNotUnderCount(sqlite: Sqlite, assetId: number): void {
  const c = countHolding(sqlite, assetId);
  if (c)
    throw new AppError('ASSET_LOCKED', 'errors.assetLocked', { count: c.name, countId: c.id, id: assetId });
}
