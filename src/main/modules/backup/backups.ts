// Making backups: SQLite's online backup of the live connection into a work file, then quick_check,
// checksum and sidecar before it takes its final name; retention setting; one backup operation at
// a time per core.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import type { CoreServices } from '../../api/context';
import { AppError } from '../../api/errors';
import type { Sqlite } from '../../db/client';
import { SYNC_CHECK_MAX_BYTES, quickCheckInWorker } from '../../db/integrity';
import { getSetting } from '../../db/kv';
import type { BackupInfo, BackupKind } from './contract';
import { hashFile, newBackupName, publish, removeDbFiles, tempPath, toInfo, type SidecarMeta } from './files';
import { finalizeCopy, type DbFacts } from './inspect';

export const KEEP_KEY = 'backup.keep';
export const DEFAULT_KEEP = 14;
/** 256 pages (1 MB at 4 KB) per step: a 50k-asset ledger copies in ~45 steps, the event loop stays free between them. */
const PAGES_PER_STEP = 256;

export interface BackupActor {
  userId: number | null;
  username: string;
}

export interface Progress {
  signal?: AbortSignal;
  progress?(fraction: number, message?: string): void;
}

export function keepSetting(sqlite: Sqlite): number {
  const v = getSetting<number>(sqlite, KEEP_KEY);
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : DEFAULT_KEEP;
}

const queues = new WeakMap<CoreServices, Promise<unknown>>();

/**
 * Backup, restore and archive work on the same folder and the same live file: they run one after
 * another, never interleaved (a daily backup waits for a restore to finish, and so on).
 */
export function exclusive<T>(core: CoreServices, work: () => Promise<T>): Promise<T> {
  const prev = queues.get(core) ?? Promise.resolve();
  const run = prev.then(work, work);
  queues.set(
    core,
    run.catch(() => undefined),
  );
  return run;
}

export function auditTail(sqlite: Sqlite): { id: number; hash: string } | null {
  return (
    (sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
      { id: number; hash: string } | undefined) ?? null
  );
}

export function sidecarFor(
  core: CoreServices,
  name: string,
  facts: DbFacts,
  extra: { size: number; sha256: string; createdAt: string; by: BackupActor | null; note: string },
): SidecarMeta {
  return {
    name,
    kind: (/-(daily|exit|pre-restore)(-\d+)?\.db$/.exec(name)?.[1] as BackupKind | undefined) ?? 'manual',
    createdAt: extra.createdAt,
    size: extra.size,
    sha256: extra.sha256,
    appVersion: core.appVersion,
    schemaVersion: facts.schemaVersion ?? 0,
    companyName: facts.companyName,
    counts: { assets: facts.assets ?? 0, users: facts.users ?? 0 },
    createdBy: extra.by,
    note: extra.note,
    quickCheck: facts.quickCheck,
    auditTail: facts.auditTail,
  };
}

/**
 * Copies the live database with the online backup API, stepping so the app keeps answering.
 * Writes made through the same connection meanwhile are carried into the copy by SQLite itself,
 * so the copy is the state at the moment the last step finished. Returns the work file, which the
 * caller publishes or deletes.
 */
export async function snapshotLive(
  core: CoreServices,
  p: Progress = {},
): Promise<{ file: string; facts: DbFacts }> {
  const file = tempPath(core.dataDir, randomUUID());
  try {
    await core.sqlite.backup(file, {
      progress: ({ totalPages, remainingPages }) => {
        if (p.signal?.aborted) throw new Error('cancelled');
        p.progress?.(0.8 * (1 - remainingPages / Math.max(1, totalPages)));
        return PAGES_PER_STEP;
      },
    });
    // quick_check reads every page: on a large copy in a worker thread, so the app keeps answering.
    const big = statSync(file).size > SYNC_CHECK_MAX_BYTES;
    const facts = finalizeCopy(file, !big);
    if (big) facts.quickCheck = await quickCheckInWorker(file);
    if (facts.quickCheck !== 'ok') {
      throw new AppError('DB_CORRUPT', 'errors.dbCorrupt', { detail: `quick_check: ${facts.quickCheck}` });
    }
    return { file, facts };
  } catch (err) {
    removeDbFiles(file);
    throw err;
  }
}

export async function createBackup(
  core: CoreServices,
  opts: { kind: Exclude<BackupKind, 'pre-restore'>; note?: string; by: BackupActor | null } & Progress,
): Promise<BackupInfo> {
  const createdAt = core.now();
  const { file, facts } = await snapshotLive(core, opts);
  try {
    opts.progress?.(0.85, 'checksum');
    const sha256 = await hashFile(file);
    const { size } = statSync(file);
    if (opts.signal?.aborted) throw new Error('cancelled');
    const name = newBackupName(core.dataDir, createdAt, opts.kind);
    publish(
      core.dataDir,
      file,
      sidecarFor(core, name, facts, {
        size,
        sha256,
        createdAt: createdAt.toISOString(),
        by: opts.by,
        note: opts.note ?? '',
      }),
    );
    return toInfo(core.dataDir, name)!;
  } finally {
    removeDbFiles(file);
  }
}
