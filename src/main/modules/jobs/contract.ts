// Long-running work: status, progress and cancel.
import { z } from 'zod';
import { method } from '../../api/contract';
import type { ApiError } from '../../api/errors-shared';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobInfo {
  id: string;
  kind: string;
  status: JobStatus;
  /** 0..1 */
  progress: number;
  message?: string;
  result?: unknown;
  error?: ApiError;
  startedAt: string;
  finishedAt?: string;
}

export const jobsContract = {
  'jobs.get': method<JobInfo>()({
    input: z.object({ id: z.string().uuid() }),
    access: 'session',
    mode: 'read',
    summary:
      'A job’s status (running, done, failed, cancelled), progress 0..1, and result or error. Only the job’s owner or an admin.',
    returns: 'JobInfo { id, kind, status, progress, message?, result?, error?, startedAt, finishedAt? }',
  }),
  'jobs.cancel': method<{ cancelled: boolean }>()({
    input: z.object({ id: z.string().uuid() }),
    access: 'session',
    mode: 'read',
    summary: 'Ask a running job to stop; it stops where that is safe (before commit).',
    returns: '{ cancelled }',
  }),
};
