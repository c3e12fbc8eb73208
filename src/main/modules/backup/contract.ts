// Backups of the ledger (manual, daily, on exit, before a restore), their preview and restore, the
// retention setting, and the portable archive that moves a whole data folder to another PC.
import { z } from 'zod';
import { method } from '../../api/contract';

export type BackupKind = 'manual' | 'daily' | 'exit' | 'pre-restore';

export interface BackupInfo {
  /** File name inside <dataDir>/backups, e.g. fams-20250301-093000.db or fams-20250301-180000-exit.db. */
  name: string;
  kind: BackupKind;
  /** ISO UTC; from the sidecar, else from the file name. */
  createdAt: string;
  size: number;
  /** False when the sidecar (<name>.json) is missing, e.g. a file copied in by hand. */
  hasMetadata: boolean;
  sha256: string | null;
  appVersion: string | null;
  schemaVersion: number | null;
  companyName: string | null;
  counts: { assets: number; users: number } | null;
  createdBy: { userId: number | null; username: string } | null;
  note: string;
  quickCheck: string | null;
}

export interface BackupPreview {
  name: string;
  kind: BackupKind;
  size: number;
  /** 'ok', or SQLite's first complaint (the file cannot be restored). */
  quickCheck: string;
  /** 'ok' | 'mismatch' (the file changed since it was written) | 'unknown' (no sidecar). */
  checksum: 'ok' | 'mismatch' | 'unknown';
  schemaVersion: number | null;
  appSchemaVersion: number;
  /** True when a newer app wrote it: restore answers DB_TOO_NEW. */
  newerThanApp: boolean;
  restorable: boolean;
  companyName: string | null;
  assets: number | null;
  assetsByStatus: Record<string, number>;
  users: number | null;
  auditEntries: number | null;
  lastAuditAt: string | null;
}

export interface RestoreResult {
  restored: string;
  /** The backup of the state just replaced (kind pre-restore). */
  preRestore: string;
  schemaVersionBefore: number;
  migrated: boolean;
  /** Sessions belong to the restored database: everyone signs in again. */
  signInAgain: true;
}

export interface ArchiveResult {
  name: string;
  /** Relative to the data folder, e.g. backups/fams-20250301-093000.famsarchive. */
  path: string;
  size: number;
  sha256: string;
  companyName: string | null;
  schemaVersion: number;
  counts: { assets: number; users: number; attachments: number };
}

export interface ImportArchiveResult extends RestoreResult {
  companyName: string | null;
  attachmentsAdded: number;
  attachmentsPresent: number;
}

export interface BackupSettings {
  /** How many automatic backups of each kind (daily, exit) are kept; manual ones are never pruned. */
  keep: number;
  version: number;
}

const BACKUP_NAME_RE = /^fams-\d{8}-\d{6}(-(daily|exit|pre-restore))?(-\d+)?\.db$/;
const ANY_NAME_RE = /^fams-\d{8}-\d{6}(-(daily|exit|pre-restore))?(-\d+)?\.(db|famsarchive)$/;

const backupName = z.string().regex(BACKUP_NAME_RE, 'validation.backupName');
const uploadId = z.string().uuid();
/** One piece of an archive sent in pieces (backup.uploadArchive, backup.setupUploadArchive). */
const uploadPiece = z.object({
  /** Omit for the first piece; then the id the first answer gave. */
  uploadId: uploadId.optional(),
  /** Where this piece goes: the size uploaded so far (a retried piece may repeat an offset). */
  offset: z.number().int().min(0),
  /** Base64 of at most 4 MB. */
  data: z.string().max(6_000_000),
});

export interface ArchiveChunk {
  name: string;
  /** The archive's whole size in bytes. */
  size: number;
  offset: number;
  /** Base64 of at most 4 MB from offset. */
  data: string;
  /** Offset of the next piece, or null after the last. */
  next: number | null;
}

export const backupContract = {
  'backup.create': method<{ jobId: string }>()({
    input: z.object({ note: z.string().trim().max(200).default('') }),
    access: 'backup.manage',
    mode: 'write',
    summary:
      'Manual backup as a job: SQLite online backup of the live database into backups/ while the app keeps working, then PRAGMA quick_check on the copy (a failed check deletes it and fails the job) and a sidecar with its metadata. The job result is BackupInfo.',
    returns: '{ jobId } (job result: BackupInfo)',
  }),
  'backup.list': method<BackupInfo[]>()({
    input: z.object({}),
    access: 'backup.manage',
    mode: 'read',
    summary:
      'Every backup in backups/, newest first, with its metadata (kind, size, versions, counts, who made it).',
    returns: 'BackupInfo[]',
  }),
  'backup.preview': method<BackupPreview>()({
    input: z.object({ name: backupName }),
    access: 'backup.manage',
    mode: 'read',
    summary:
      'What a backup holds, read from the file opened read-only: company, assets by status, users, last audit entry, schema version, quick_check and checksum results.',
    returns: 'BackupPreview',
  }),
  'backup.restore': method<{ jobId: string }>()({
    input: z.object({ name: backupName }),
    access: 'backup.manage',
    // 'read' so it stays available when the ledger failed its integrity check and writes are
    // refused: restoring is the remedy then. The handler writes its own audit row when it can.
    mode: 'read',
    summary:
      'Replaces the live database with a backup, as a job. A damaged backup (checksum or quick_check) or one newer than the app (DB_TOO_NEW) is refused before anything changes; an older one is migrated on a staged copy. The current state is first saved as a pre-restore backup. Sessions come from the restored database, so everyone signs in again. Allowed even when the ledger failed its integrity check.',
    returns: '{ jobId } (job result: RestoreResult)',
  }),
  'backup.delete': method<{ name: string }>()({
    input: z.object({ name: z.string().regex(ANY_NAME_RE, 'validation.backupName') }),
    access: 'backup.manage',
    mode: 'write',
    summary: 'Deletes one backup (or archive) and its sidecar.',
    returns: '{ name }',
  }),
  'backup.settings.get': method<BackupSettings>()({
    input: z.object({}),
    access: 'backup.manage',
    mode: 'read',
    summary: 'Retention of automatic backups (app setting backup.keep, default 14).',
    returns: 'BackupSettings',
  }),
  'backup.settings.update': method<BackupSettings>()({
    input: z.object({ keep: z.number().int().min(1).max(365), version: z.number().int().min(0) }),
    access: 'backup.manage',
    mode: 'write',
    summary:
      'Sets how many automatic backups of each kind are kept (CONFLICT when version is stale). The oldest automatic ones beyond it are pruned at the next automatic backup.',
    returns: 'BackupSettings',
  }),
  'backup.exportArchive': method<{ jobId: string }>()({
    input: z.object({}),
    access: 'backup.manage',
    mode: 'write',
    summary:
      'Writes one .famsarchive file into backups/ (a consistent database snapshot, every attachment and a manifest with sha256 per entry), as a job, to move the data to another PC.',
    returns: '{ jobId } (job result: ArchiveResult)',
  }),
  'backup.importArchive': method<{ jobId: string }>()({
    input: z
      .object({
        /** A path inside the data folder (relative to it, or absolute). */
        path: z.string().min(1).max(1000).optional(),
        /** The archive's bytes, base64. */
        file: z.string().min(1).optional(),
        /** An archive sent in pieces with backup.uploadArchive (any size). */
        uploadId: uploadId.optional(),
      })
      .refine((v) => [v.path, v.file, v.uploadId].filter((x) => x !== undefined).length === 1, {
        message: 'validation.pathOrFile',
        path: ['path'],
      }),
    access: 'backup.manage',
    mode: 'read', // available on a damaged ledger, like backup.restore; audited by the handler
    summary:
      'Opens a .famsarchive (a path in the data folder, its bytes, or an upload) as a job: verifies every entry’s sha256 (a tampered archive is refused), refuses a newer schema (DB_TOO_NEW), adds its attachments and restores its database like backup.restore (pre-restore backup first).',
    returns: '{ jobId } (job result: ImportArchiveResult)',
  }),
  'backup.readArchive': method<ArchiveChunk>()({
    input: z.object({
      name: z.string().regex(ANY_NAME_RE, 'validation.backupName'),
      offset: z.number().int().min(0).default(0),
    }),
    access: 'backup.manage',
    mode: 'read',
    summary:
      'A piece (at most 4 MB, base64) of a .famsarchive in backups/, so the browser shell can download an archive of any size: call again with offset = next until next is null.',
    returns: '{ name, size, offset, data, next }',
  }),
  'backup.uploadArchive': method<{ uploadId: string; size: number }>()({
    input: uploadPiece,
    access: 'backup.manage',
    mode: 'read', // writes a temp file only; opening it (backup.importArchive { uploadId }) is audited
    summary:
      'Sends an archive brought from another PC in pieces (base64, ≤ 4 MB each, in order) into a temp file in the data folder; then backup.importArchive({ uploadId }) opens it. Uploads never opened are swept at the next start.',
    returns: '{ uploadId, size }',
  }),
  // First run on a new PC: before setup there is no account to sign in with, so the setup screen can
  // open an archive without one. These three answer ALREADY_SET_UP once the ledger is set up (the
  // status of a job they started stays readable, since the archive it opens sets the ledger up).
  'backup.setupUploadArchive': method<{ uploadId: string; size: number }>()({
    input: uploadPiece,
    access: 'public',
    mode: 'read',
    summary:
      'backup.uploadArchive for the first-run setup screen (no session): only while the ledger is not set up, else ALREADY_SET_UP.',
    returns: '{ uploadId, size }',
  }),
  'backup.setupOpenArchive': method<{ jobId: string }>()({
    input: z.object({ uploadId }),
    access: 'public',
    mode: 'read', // audited by the handler; the restored ledger brings its own audit chain
    summary:
      'Opens an uploaded archive on a fresh install (no session; only while the ledger is not set up, else ALREADY_SET_UP), as backup.importArchive does; the accounts in the archive sign in afterwards. Follow it with backup.setupArchiveJob.',
    returns: '{ jobId }',
  }),
  'backup.setupArchiveJob': method<{ status: string; progress: number; error: unknown }>()({
    input: z.object({ jobId: z.string().uuid() }),
    access: 'public',
    mode: 'read',
    summary:
      'Status of a job started by backup.setupOpenArchive (running, done, failed, cancelled), for the setup screen that has no session to call jobs.get with; any other job id → NOT_FOUND.',
    returns: '{ status, progress, error }',
  }),
};
