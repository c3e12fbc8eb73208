// Appends hash-chained rows to the audit log and verifies the chain. Each row's hash covers its
// own fields and the previous row's hash, so an edit, insert or delete made behind the app's back
// breaks the chain at that row.
import { createHash } from 'node:crypto';
import type { Sqlite } from '../../db/client';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  at: string;
  userId: number | null;
  username: string;
  source: string;
  action: string;
  entity?: string;
  entityId?: string | number;
  details?: unknown;
}

interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string;
  source: string;
  action: string;
  entity: string;
  entity_id: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export function hashAuditRow(r: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    r.id,
    r.at,
    r.user_id,
    r.username,
    r.source,
    r.action,
    r.entity,
    r.entity_id,
    r.details,
    r.prev_hash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

const statements = new WeakMap<
  Sqlite,
  { last: import('better-sqlite3').Statement; insert: import('better-sqlite3').Statement }
>();

function prepared(sqlite: Sqlite) {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      last: sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1'),
      insert: sqlite.prepare(
        `INSERT INTO audit_log (id, at, user_id, username, source, action, entity, entity_id, details, prev_hash, hash)
         VALUES (@id, @at, @user_id, @username, @source, @action, @entity, @entity_id, @details, @prev_hash, @hash)`,
      ),
    };
    statements.set(sqlite, s);
  }
  return s;
}

/** Must be called inside the transaction that makes the change it records. */
export function appendAudit(sqlite: Sqlite, entry: AuditEntry): number {
  const s = prepared(sqlite);
  const last = s.last.get() as { id: number; hash: string } | undefined;
  const row = {
    id: (last?.id ?? 0) + 1,
    at: entry.at,
    user_id: entry.userId,
    username: entry.username,
    source: entry.source,
    action: entry.action,
    entity: entry.entity ?? '',
    entity_id: entry.entityId === undefined ? '' : String(entry.entityId),
    details: JSON.stringify(entry.details ?? {}),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  s.insert.run({ ...row, hash: hashAuditRow(row) });
  return row.id;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken?: { id: number; reason: 'hash' | 'chain' | 'sequence' };
}

export function verifyAuditChain(sqlite: Sqlite): VerifyResult {
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  for (const r of sqlite
    .prepare('SELECT * FROM audit_log ORDER BY id')
    .iterate() as IterableIterator<AuditRow>) {
    if (r.id !== expectedId) return { ok: false, checked, firstBroken: { id: r.id, reason: 'sequence' } };
    if (r.prev_hash !== prevHash) return { ok: false, checked, firstBroken: { id: r.id, reason: 'chain' } };
    if (hashAuditRow(r) !== r.hash) return { ok: false, checked, firstBroken: { id: r.id, reason: 'hash' } };
    prevHash = r.hash;
    expectedId++;
    checked++;
  }
  return { ok: true, checked };
}
