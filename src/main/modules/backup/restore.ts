// Replacing the live database with a backup without restarting: the backup is verified and
// migrated on a staged copy first; then, in one synchronous step (no API call can run in between),
// the current state is saved as a pre-restore backup and the staged pages are copied into the live
// file through SQLite's backup API. The core keeps its connection: it sees the new content on its
// next read, and every prepared statement re-prepares itself against the restored schema.
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { CoreServices } from '../../api/context';
import { AppError, notFound } from '../../api/errors';
import { openDatabase } from '../../db/client';
import { appendAudit } from '../audit/audit-log';
import { sidecarFor, type BackupActor, type Progress } from './backups';
import type { RestoreResult } from './contract';
import {
  backupsDir,
  hashFile,
  hashFileSync,
  newBackupName,
  publish,
  readSidecar,
  removeDbFiles,
  tempPath,
} from './files';
import { copyDatabaseSync, finalizeCopy, inspectFile, type DbFacts } from './inspect';

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Reads the header only (100 bytes), so a restore of a newer or foreign file is refused at once,
 * before a job starts: user_version is the big-endian integer at offset 60.
 */
export function headerSchemaVersion(file: string): number {
  const buf = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, buf, 0, 100, 0) < 100 || buf.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
      throw new AppError('DB_CORRUPT', 'errors.dbCorrupt', { detail: 'not a SQLite database' });
    }
  } finally {
    closeSync(fd);
  }
  return buf.readInt32BE(60);
}

export function assertNotNewer(core: CoreServices, version: number): void {
  if (version > core.schemaVersion) {
    throw new AppError('DB_TOO_NEW', 'errors.dbTooNew', {
      dbVersion: version,
      appVersion: core.schemaVersion,
    });
  }
}

/** The checks a caller hears about immediately: the file exists, is SQLite, and is not newer than the app. */
export function precheckBackup(core: CoreServices, name: string): string {
  const file = join(backupsDir(core.dataDir), name);
  if (!existsSync(file)) throw notFound('backup', name);
  assertNotNewer(core, headerSchemaVersion(file));
  return file;
}

/**
 * Prepares a staged copy (owned by the caller, deleted by it): refuses a newer schema, runs
 * quick_check, applies this app's migrations to an older one, and leaves it in rollback-journal
 * mode so it can be opened read-only as the copy source.
 */
function prepareStaged(core: CoreServices, staged: string): { schemaVersionBefore: number } {
  assertNotNewer(core, headerSchemaVersion(staged));
  const facts = inspectFile(staged);
  if (facts.quickCheck !== 'ok') {
    throw new AppError('DB_CORRUPT', 'errors.dbCorrupt', { detail: `quick_check: ${facts.quickCheck}` });
  }
  const schemaVersionBefore = facts.schemaVersion ?? 0;
  // The same code that opens the live database: integrity, DB_TOO_NEW, migrations, extra SQL.
  const opened = openDatabase(staged, { integrity: 'sync' });
  try {
    opened.sqlite.pragma('journal_mode = DELETE');
  } finally {
    opened.sqlite.close();
  }
  return { schemaVersionBefore };
}

/**
 * Saves the live state as a pre-restore backup. Page by page through the backup API normally; a
 * damaged ledger (the usual reason to restore) may refuse that, and is then kept as its files are:
 * the sidecar's quickCheck says what was wrong with it.
 */
function savePreRestore(core: CoreServices, createdAt: Date, by: BackupActor | null, label: string): string {
  const name = newBackupName(core.dataDir, createdAt, 'pre-restore');
  const tmp = tempPath(core.dataDir, randomUUID());
  try {
    let facts: DbFacts;
    try {
      copyDatabaseSync(core.sqlite, tmp, true);
      facts = finalizeCopy(tmp);
    } catch (err) {
      removeDbFiles(tmp);
      const live = core.sqlite.name;
      copyFileSync(live, tmp);
      if (existsSync(`${live}-wal`)) copyFileSync(`${live}-wal`, `${tmp}-wal`);
      facts = {
        ...inspectFile(tmp),
        quickCheck: `copied as files: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    const meta = sidecarFor(core, name, facts, {
      size: statSync(tmp).size,
      sha256: hashFileSync(tmp),
      createdAt: createdAt.toISOString(),
      by,
      note: `before restoring ${label}`,
    });
    if (existsSync(`${tmp}-wal`)) renameSync(`${tmp}-wal`, join(backupsDir(core.dataDir), `${name}-wal`));
    publish(core.dataDir, tmp, meta);
    return name;
  } finally {
    removeDbFiles(tmp);
  }
}

/**
 * Restores from a staged file (a private copy the caller deletes afterwards). Nothing live changes
 * unless the staged copy verified and migrated cleanly and the current state was saved.
 */
export async function restoreStaged(
  core: CoreServices,
  staged: string,
  opts: { label: string; by: BackupActor | null; source: string } & Progress,
): Promise<RestoreResult> {
  opts.progress?.(0.5, 'verify');
  const { schemaVersionBefore } = prepareStaged(core, staged);
  // A background quick_check of the old file must not report on the restored one afterwards.
  while (core.integrity.status === 'checking') await new Promise((r) => setTimeout(r, 50));
  if (opts.signal?.aborted) throw new Error('cancelled');
  opts.progress?.(0.7, 'replace');

  // From here to the end: synchronous. No API call can write between the pre-restore copy and the
  // replacement, so nothing written before the restore is lost.
  const createdAt = core.now();
  const src = new Database(staged, { readonly: true, fileMustExist: true });
  let preRestore: string;
  try {
    preRestore = savePreRestore(core, createdAt, opts.by, opts.label);
    copyDatabaseSync(src, core.sqlite.name, false);
  } finally {
    src.close();
  }
  // The copy went through the WAL; fold it into the main file now rather than at some later commit.
  core.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  // The restored content passed quick_check when staged: writes are allowed again.
  core.integrity = { status: 'ok', checkedAt: createdAt.toISOString(), ms: 0 };
  core.sqlite
    .transaction(() =>
      appendAudit(core.sqlite, {
        at: createdAt.toISOString(),
        userId: opts.by?.userId ?? null,
        username: opts.by?.username ?? '',
        source: opts.source,
        action: 'backup.restored',
        entity: 'backup',
        entityId: opts.label,
        details: { preRestore, schemaVersionBefore, migrated: schemaVersionBefore !== core.schemaVersion },
      }),
    )
    .immediate();
  const result: RestoreResult = {
    restored: opts.label,
    preRestore,
    schemaVersionBefore,
    migrated: schemaVersionBefore !== core.schemaVersion,
    signInAgain: true,
  };
  core.events.emit({ type: 'backup.restored', payload: result });
  return result;
}

/** backup.restore's job: checksum against the sidecar, then stage a private copy and restore it. */
export async function restoreBackup(
  core: CoreServices,
  name: string,
  opts: { by: BackupActor | null; source: string } & Progress,
): Promise<RestoreResult> {
  const file = precheckBackup(core, name);
  const meta = readSidecar(core.dataDir, name);
  const staged = tempPath(core.dataDir, randomUUID());
  try {
    // The private copy is what gets checked and restored, so the file cannot change in between.
    await copyFile(file, staged);
    if (meta) {
      opts.progress?.(0.05, 'checksum');
      if ((await hashFile(staged)) !== meta.sha256) {
        throw new AppError('DB_CORRUPT', 'errors.backupChecksum', { name });
      }
    }
    if (opts.signal?.aborted) throw new Error('cancelled');
    return await restoreStaged(core, staged, { ...opts, label: name });
  } finally {
    removeDbFiles(staged);
  }
}
