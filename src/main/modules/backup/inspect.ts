// Reading a database file other than the live one (a backup, a staged restore, an archive's
// snapshot): integrity, schema version and what it holds; and the synchronous page copy between
// databases that restore relies on.
import Database from 'better-sqlite3';
import type { Sqlite } from '../../db/client';

export interface DbFacts {
  quickCheck: string;
  schemaVersion: number | null;
  companyName: string | null;
  assets: number | null;
  assetsByStatus: Record<string, number>;
  users: number | null;
  auditEntries: number | null;
  lastAuditAt: string | null;
  auditTail: { id: number; hash: string } | null;
}

/** One query that may fail on an old or damaged file; the preview shows what it can. */
function tryGet<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

function unreadable(err: unknown): DbFacts {
  return {
    quickCheck: err instanceof Error ? err.message : String(err),
    schemaVersion: null,
    companyName: null,
    assets: null,
    assetsByStatus: {},
    users: null,
    auditEntries: null,
    lastAuditAt: null,
    auditTail: null,
  };
}

/** `check: false` leaves quickCheck as 'pending' for a caller that runs it in a worker thread. */
export function readFacts(db: Sqlite, check = true): DbFacts {
  let quickCheck = 'pending';
  try {
    if (check) {
      const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
      quickCheck = rows.map((r) => r.quick_check).join('; ') || 'no result';
    } else {
      db.pragma('schema_version'); // still fails fast on a file that is not a database
    }
  } catch (err) {
    return unreadable(err);
  }
  const byStatus = tryGet(
    () =>
      db
        .prepare(
          'SELECT status, count(*) AS n FROM assets WHERE deleted_at IS NULL GROUP BY status ORDER BY status',
        )
        .all() as { status: string; n: number }[],
    [],
  );
  const tail = tryGet(
    () =>
      db.prepare('SELECT id, hash, at FROM audit_log ORDER BY id DESC LIMIT 1').get() as
        { id: number; hash: string; at: string } | undefined,
    undefined,
  );
  return {
    quickCheck,
    schemaVersion: tryGet(() => db.pragma('user_version', { simple: true }) as number, null),
    companyName: tryGet(() => {
      const v = db.prepare("SELECT value FROM app_settings WHERE key = 'company.profile'").pluck().get() as
        string | undefined;
      return v ? ((JSON.parse(v) as { name?: string }).name ?? null) : null;
    }, null),
    assets: tryGet(
      () => db.prepare('SELECT count(*) FROM assets WHERE deleted_at IS NULL').pluck().get() as number,
      null,
    ),
    assetsByStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.n])),
    users: tryGet(() => db.prepare('SELECT count(*) FROM users').pluck().get() as number, null),
    auditEntries: tryGet(() => db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number, null),
    lastAuditAt: tail?.at ?? null,
    auditTail: tail ? { id: tail.id, hash: tail.hash } : null,
  };
}

/** Opens read-only (no journal files are created for a rollback-mode file) and reads its facts. */
export function inspectFile(file: string): DbFacts {
  let db: Sqlite | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return readFacts(db);
  } catch (err) {
    return unreadable(err);
  } finally {
    db?.close();
  }
}

/**
 * Turns a fresh copy into a self-contained file (rollback journal, so it opens read-only without
 * side files) and reads its facts, including quick_check.
 */
export function finalizeCopy(file: string, check = true): DbFacts {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    return readFacts(db, check);
  } finally {
    db.close();
  }
}

interface NativeBackup {
  transfer(pages: number): { totalPages: number; remainingPages: number };
  close(): void;
}
interface NativeDb {
  backup(owner: Sqlite, attached: string, file: string, isNewFile: boolean): NativeBackup;
}

/**
 * Copies every page of `src` into the database file `destFile` in one synchronous step, with
 * SQLite's backup API. Nothing else on this thread runs in between, which is what makes "save the
 * current state, then replace it" atomic with respect to API calls. The destination's own write
 * transaction makes the replacement all-or-nothing, and other connections to it (the core's) see
 * the new content on their next read.
 *
 * better-sqlite3 exposes the backup API only as an async loop (db.backup); this uses the same
 * native object it drives, found by its shape (tests cover it, so an upgrade that changes it fails
 * loudly rather than silently).
 */
export function copyDatabaseSync(src: Sqlite, destFile: string, isNewFile: boolean): void {
  const holder = src as unknown as Record<symbol, NativeDb | undefined>;
  const sym = Object.getOwnPropertySymbols(src).find((s) => typeof holder[s]?.backup === 'function');
  if (!sym) throw new Error('better-sqlite3 native backup handle not found');
  const job = holder[sym]!.backup(src, 'main', destFile, isNewFile);
  try {
    const r = job.transfer(-1);
    if (r.remainingPages !== 0) throw new Error(`backup left ${r.remainingPages} pages`);
  } finally {
    job.close();
  }
}
