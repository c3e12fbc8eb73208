// Job status and cancel, for the job's owner or an admin.
import type { HandlersOf } from '../../api/context';
import { AppError, notFound } from '../../api/errors';
import type { jobsContract } from './contract';

export const jobsHandlers: HandlersOf<typeof jobsContract> = {
  'jobs.get': (ctx, { id }) => {
    const owner = ctx.core.jobs.ownerOf(id);
    const job = ctx.core.jobs.get(id);
    if (!job) throw notFound('job', id);
    const s = ctx.user();
    if (owner !== s.userId && !s.permissions.has('system.manage'))
      throw new AppError('FORBIDDEN', 'errors.forbidden');
    return job;
  },
  'jobs.cancel': (ctx, { id }) => {
    const owner = ctx.core.jobs.ownerOf(id);
    if (owner === undefined) throw notFound('job', id);
    const s = ctx.user();
    if (owner !== s.userId && !s.permissions.has('system.manage'))
      throw new AppError('FORBIDDEN', 'errors.forbidden');
    return { cancelled: ctx.core.jobs.cancel(id) };
  },
};
