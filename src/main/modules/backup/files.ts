// The backups folder: file names, sidecar metadata (<name>.json), checksums, listing and pruning.
// Metadata lives beside each file, not in the ledger, because a restore replaces the ledger and
// must not make the list of backups forget anything.
import { createHash } from 'node:crypto';
import {
  createReadStream,
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
} from 'node:fs';
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo, BackupKind } from './contract';

export const BACKUPS_DIR = 'backups';
/** Work files (partial copies, staged restores, archive extraction) start with this prefix. */
export const TEMP_PREFIX = '.tmp-';

const NAME_RE = /^fams-(\d{8})-(\d{6})(?:-(daily|exit|pre-restore))?(?:-(\d+))?\.db$/;
const ARCHIVE_RE = /^fams-(\d{8})-(\d{6})(?:-(\d+))?\.famsarchive$/;

export interface SidecarMeta {
  name: string;
  kind: BackupKind;
  createdAt: string;
  size: number;
  sha256: string;
  appVersion: string;
  schemaVersion: number;
  companyName: string | null;
  counts: { assets: number; users: number };
  createdBy: { userId: number | null; username: string } | null;
  note: string;
  quickCheck: string;
  /** Last audit row in the copy: tells whether the ledger changed since this backup. */
  auditTail: { id: number; hash: string } | null;
}

export const backupsDir = (dataDir: string) => join(dataDir, BACKUPS_DIR);

export function isBackupName(name: string): boolean {
  return NAME_RE.test(name);
}

export function isArchiveName(name: string): boolean {
  return ARCHIVE_RE.test(name);
}

export function kindOf(name: string): BackupKind {
  const m = NAME_RE.exec(name);
  return (m?.[3] as BackupKind | undefined) ?? 'manual';
}

/** Local date of the stamp in a name, YYYY-MM-DD. */
export function nameDate(name: string): string | null {
  const m = NAME_RE.exec(name) ?? ARCHIVE_RE.exec(name);
  return m ? `${m[1]!.slice(0, 4)}-${m[1]!.slice(4, 6)}-${m[1]!.slice(6, 8)}` : null;
}

function nameTime(name: string): string {
  const m = (NAME_RE.exec(name) ?? ARCHIVE_RE.exec(name))!;
  const [d, t] = [m[1]!, m[2]!];
  const local = new Date(
    +d.slice(0, 4),
    +d.slice(4, 6) - 1,
    +d.slice(6, 8),
    +t.slice(0, 2),
    +t.slice(2, 4),
    +t.slice(4, 6),
  );
  return local.toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** fams-YYYYMMDD-HHMMSS[-kind].db in local time (what the user sees in a file manager), never reused. */
export function newBackupName(dataDir: string, at: Date, kind: BackupKind | 'archive'): string {
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  const suffix = kind === 'manual' || kind === 'archive' ? '' : `-${kind}`;
  const ext = kind === 'archive' ? '.famsarchive' : '.db';
  const dir = backupsDir(dataDir);
  for (let i = 1; ; i++) {
    const name = `fams-${stamp}${suffix}${i === 1 ? '' : `-${i}`}${ext}`;
    if (!existsSync(join(dir, name)) && !existsSync(join(dir, `${name}.json`))) return name;
  }
}

export function tempPath(dataDir: string, id: string, ext = '.db'): string {
  return join(backupsDir(dataDir), `${TEMP_PREFIX}${id}${ext}`);
}

export function removeDbFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

/** Left over by a crash mid-backup; only one core uses a data folder, so none is in use at start. */
export function removeTempFiles(dataDir: string): void {
  const dir = backupsDir(dataDir);
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) {
    if (f.startsWith(TEMP_PREFIX)) rmSync(join(dir, f), { recursive: true, force: true });
  }
}

export async function hashFile(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

export function hashFileSync(file: string): string {
  const h = createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(file, 'r');
  try {
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

export function readSidecar(dataDir: string, name: string): SidecarMeta | null {
  try {
    return JSON.parse(readFileSync(join(backupsDir(dataDir), `${name}.json`), 'utf8')) as SidecarMeta;
  } catch {
    return null;
  }
}

/** The database file is moved into place first, then its sidecar: a crash leaves at worst a backup without metadata. */
export function publish(dataDir: string, tmpFile: string, meta: SidecarMeta): void {
  const dir = backupsDir(dataDir);
  renameSync(tmpFile, join(dir, meta.name));
  const tmpMeta = join(dir, `${TEMP_PREFIX}${meta.name}.json`);
  writeFileSync(tmpMeta, JSON.stringify(meta, null, 2));
  renameSync(tmpMeta, join(dir, `${meta.name}.json`));
}

export function toInfo(dataDir: string, name: string): BackupInfo | null {
  let size: number;
  try {
    size = statSync(join(backupsDir(dataDir), name)).size;
  } catch {
    return null;
  }
  const meta = readSidecar(dataDir, name);
  return {
    name,
    kind: kindOf(name),
    createdAt: meta?.createdAt ?? nameTime(name),
    size,
    hasMetadata: !!meta,
    sha256: meta?.sha256 ?? null,
    appVersion: meta?.appVersion ?? null,
    schemaVersion: meta?.schemaVersion ?? null,
    companyName: meta?.companyName ?? null,
    counts: meta?.counts ?? null,
    createdBy: meta?.createdBy ?? null,
    note: meta?.note ?? '',
    quickCheck: meta?.quickCheck ?? null,
  };
}

/** Database backups, newest first (name order breaks ties within one second). */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter(isBackupName)
    .map((n) => toInfo(dataDir, n))
    .filter((b): b is BackupInfo => !!b)
    .sort((a, b) =>
      a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt.localeCompare(a.createdAt),
    );
}

export function deleteBackupFiles(dataDir: string, name: string): void {
  const dir = backupsDir(dataDir);
  rmSync(join(dir, name), { force: true });
  rmSync(join(dir, `${name}.json`), { force: true });
}

/**
 * Keeps the newest `keep` backups of each automatic kind. Manual and pre-restore backups are never
 * pruned: only the user deletes those.
 */
export function pruneAutomatic(dataDir: string, keep: number): string[] {
  const removed: string[] = [];
  const all = listBackups(dataDir);
  for (const kind of ['daily', 'exit'] as const) {
    for (const b of all.filter((x) => x.kind === kind).slice(keep)) {
      deleteBackupFiles(dataDir, b.name);
      removed.push(b.name);
    }
  }
  return removed;
}
