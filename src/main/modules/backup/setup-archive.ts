// Opening a portable archive from the first-run setup screen, where no one can sign in yet: upload in
// pieces, open, follow the job, all without a session and only while the ledger is not set up (the
// same window in which system.setup itself is public).
import type { CoreServices, Ctx, HandlersOf } from '../../api/context';
import { AppError, notFound } from '../../api/errors';
import { isSetUp } from '../system/setup';
import { importArchive } from './archive';
import { exclusive } from './backups';
import type { backupContract } from './contract';
import { removeDbFiles } from './files';
import { receiveUpload, uploadPath } from './transfer';
import { existsSync } from 'node:fs';

type SetupMethods = 'backup.setupUploadArchive' | 'backup.setupOpenArchive' | 'backup.setupArchiveJob';

/** Jobs these methods started, per core: the only ones setupArchiveJob reports on. */
const started = new WeakMap<CoreServices, Set<string>>();

function beforeSetup(ctx: Ctx): void {
  if (isSetUp(ctx.sqlite)) throw new AppError('ALREADY_SET_UP', 'errors.alreadySetUp');
}

export const setupArchiveHandlers: Pick<HandlersOf<typeof backupContract>, SetupMethods> = {
  'backup.setupUploadArchive': (ctx, input) => {
    beforeSetup(ctx);
    return receiveUpload(ctx.core.dataDir, input);
  },

  'backup.setupOpenArchive': (ctx, { uploadId }) => {
    beforeSetup(ctx);
    const core = ctx.core;
    const file = uploadPath(core.dataDir, uploadId);
    if (!existsSync(file)) throw notFound('upload', uploadId);
    const label = `upload-${uploadId}.famsarchive`;
    ctx.audit({ entity: 'backup', entityId: label });
    const jobId = core.jobs.start('backup.importArchive', null, (job) =>
      exclusive(core, () =>
        importArchive(core, file, { by: null, source: ctx.source, label, ...job }),
      ).finally(() => removeDbFiles(file)),
    );
    let ids = started.get(core);
    if (!ids) started.set(core, (ids = new Set()));
    ids.add(jobId);
    return { jobId };
  },

  'backup.setupArchiveJob': (ctx, { jobId }) => {
    const job = started.get(ctx.core)?.has(jobId) ? ctx.core.jobs.get(jobId) : undefined;
    if (!job) throw notFound('job', jobId);
    return { status: job.status, progress: job.progress, error: job.error ?? null };
  },
};
