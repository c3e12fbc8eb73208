// Backup handlers: thin doors to the backup jobs (which run outside the dispatcher's transaction,
// one at a time) and the synchronous list, preview, delete and retention setting.
import { existsSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Ctx, HandlersOf } from '../../api/context';
import { conflict, notFound, validation } from '../../api/errors';
import { setSetting } from '../../db/kv';
import { importArchive, exportArchive } from './archive';
import { KEEP_KEY, createBackup, exclusive, keepSetting, type BackupActor } from './backups';
import type { backupContract, BackupPreview } from './contract';
import {
  backupsDir,
  deleteBackupFiles,
  hashFileSync,
  kindOf,
  listBackups,
  readSidecar,
  removeDbFiles,
  tempPath,
} from './files';
import { inspectFile } from './inspect';
import { setupArchiveHandlers } from './setup-archive';
import { decodeBase64, readArchiveChunk, receiveUpload, uploadPath } from './transfer';
import { precheckBackup, restoreBackup } from './restore';

const actor = (ctx: Ctx): BackupActor => {
  const s = ctx.user();
  return { userId: s.userId, username: s.username };
};

function keepVersion(ctx: Ctx): number {
  return (
    (ctx.sqlite.prepare('SELECT version FROM app_settings WHERE key = ?').pluck().get(KEEP_KEY) as number) ??
    0
  );
}

/** Resolves a path inside the data folder; anything outside it is refused. */
function archivePath(ctx: Ctx, path: string): string {
  const root = realpathSync(ctx.core.dataDir);
  const abs = resolve(root, path);
  if (!existsSync(abs)) throw notFound('file', path);
  const rel = relative(root, realpathSync(abs));
  if (!rel || rel.startsWith('..') || isAbsolute(rel) || !statSync(abs).isFile()) {
    throw validation('path', 'validation.pathOutsideDataFolder');
  }
  return abs;
}

/** A damaged ledger takes no more writes; the restored one records the restore in any case. */
function auditUnlessDamaged(ctx: Ctx, entityId: string): void {
  if (ctx.core.integrity.status !== 'failed') ctx.audit({ entity: 'backup', entityId });
}

export const backupHandlers: HandlersOf<typeof backupContract> = {
  ...setupArchiveHandlers,
  'backup.create': (ctx, { note }) => {
    const by = actor(ctx);
    const core = ctx.core;
    ctx.audit({ entity: 'backup', details: { note } });
    const jobId = core.jobs.start('backup.create', by.userId, (job) =>
      exclusive(core, () => createBackup(core, { kind: 'manual', note, by, ...job })),
    );
    return { jobId };
  },

  'backup.list': (ctx) => listBackups(ctx.core.dataDir),

  'backup.preview': (ctx, { name }): BackupPreview => {
    const file = join(backupsDir(ctx.core.dataDir), name);
    if (!existsSync(file)) throw notFound('backup', name);
    const meta = readSidecar(ctx.core.dataDir, name);
    const facts = inspectFile(file);
    const checksum = !meta ? 'unknown' : hashFileSync(file) === meta.sha256 ? 'ok' : 'mismatch';
    const newer = facts.schemaVersion !== null && facts.schemaVersion > ctx.core.schemaVersion;
    return {
      name,
      kind: kindOf(name),
      size: statSync(file).size,
      quickCheck: facts.quickCheck,
      checksum,
      schemaVersion: facts.schemaVersion,
      appSchemaVersion: ctx.core.schemaVersion,
      newerThanApp: newer,
      restorable: facts.quickCheck === 'ok' && checksum !== 'mismatch' && !newer,
      companyName: facts.companyName,
      assets: facts.assets,
      assetsByStatus: facts.assetsByStatus,
      users: facts.users,
      auditEntries: facts.auditEntries,
      lastAuditAt: facts.lastAuditAt,
    };
  },

  'backup.restore': (ctx, { name }) => {
    // Missing, foreign or newer files are refused here, before a job starts or anything changes.
    precheckBackup(ctx.core, name);
    const by = actor(ctx);
    const core = ctx.core;
    const source = ctx.source;
    auditUnlessDamaged(ctx, name);
    const jobId = core.jobs.start('backup.restore', by.userId, (job) =>
      exclusive(core, () => restoreBackup(core, name, { by, source, ...job })),
    );
    return { jobId };
  },

  'backup.delete': (ctx, { name }) => {
    if (!existsSync(join(backupsDir(ctx.core.dataDir), name))) throw notFound('backup', name);
    deleteBackupFiles(ctx.core.dataDir, name);
    ctx.audit({ entity: 'backup', entityId: name });
    return { name };
  },

  'backup.settings.get': (ctx) => ({ keep: keepSetting(ctx.sqlite), version: keepVersion(ctx) }),

  'backup.settings.update': (ctx, { keep, version }) => {
    const current = keepVersion(ctx);
    if (current !== version) throw conflict('setting', KEEP_KEY, { currentVersion: current });
    const before = keepSetting(ctx.sqlite);
    setSetting(ctx.sqlite, KEEP_KEY, keep, ctx.nowIso);
    ctx.audit({ entity: 'setting', entityId: KEEP_KEY, details: { before, after: keep } });
    ctx.emit('settings.changed', { entity: 'setting', id: KEEP_KEY, action: 'updated' });
    return { keep, version: keepVersion(ctx) };
  },

  'backup.exportArchive': (ctx) => {
    const by = actor(ctx);
    const core = ctx.core;
    ctx.audit({ entity: 'backup' });
    return {
      jobId: core.jobs.start('backup.exportArchive', by.userId, (job) =>
        exclusive(core, () => exportArchive(core, job)),
      ),
    };
  },

  'backup.importArchive': (ctx, input) => {
    const by = actor(ctx);
    const core = ctx.core;
    const source = ctx.source;
    let file: string;
    let owned = false;
    if (input.path !== undefined) {
      file = archivePath(ctx, input.path);
    } else if (input.uploadId !== undefined) {
      file = uploadPath(core.dataDir, input.uploadId);
      if (!existsSync(file)) throw notFound('upload', input.uploadId);
      owned = true;
    } else {
      // Written before the job starts so the (possibly large) string is not kept alive by it.
      file = tempPath(core.dataDir, randomUUID(), '.famsarchive');
      writeFileSync(file, decodeBase64(input.file!));
      owned = true;
    }
    const label =
      input.path ?? (input.uploadId ? `upload-${input.uploadId}.famsarchive` : 'upload.famsarchive');
    auditUnlessDamaged(ctx, label);
    const jobId = core.jobs.start('backup.importArchive', by.userId, (job) =>
      exclusive(core, () => importArchive(core, file, { by, source, label, ...job })).finally(() => {
        if (owned) removeDbFiles(file);
      }),
    );
    return { jobId };
  },

  'backup.readArchive': (ctx, { name, offset }) => readArchiveChunk(ctx.core.dataDir, name, offset),

  'backup.uploadArchive': (ctx, input) => receiveUpload(ctx.core.dataDir, input),
};
