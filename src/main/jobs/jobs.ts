// Long work (import, export, posting, printing) runs as a job: progress on the event stream,
// cancellable where the job checks its signal, result or error kept for jobs.get.
import { randomUUID } from 'node:crypto';
import { AppError } from '../api/errors';
import type { ApiError } from '../api/errors-shared';
import type { EventHub } from '../events';

export type { JobInfo, JobStatus } from '../modules/jobs/contract';
import type { JobInfo, JobStatus } from '../modules/jobs/contract';

export interface JobContext {
  signal: AbortSignal;
  progress(fraction: number, message?: string): void;
}

interface JobRecord extends JobInfo {
  ownerUserId: number | null;
  controller: AbortController;
}

const KEEP_FINISHED = 200;

export class JobManager {
  private jobs = new Map<string, JobRecord>();
  private lastEmit = new Map<string, number>();

  constructor(private readonly events: EventHub) {}

  start(kind: string, ownerUserId: number | null, work: (job: JobContext) => Promise<unknown>): string {
    const id = randomUUID();
    const rec: JobRecord = {
      id,
      kind,
      status: 'running',
      progress: 0,
      startedAt: new Date().toISOString(),
      ownerUserId,
      controller: new AbortController(),
    };
    this.jobs.set(id, rec);
    const ctx: JobContext = {
      signal: rec.controller.signal,
      progress: (fraction, message) => {
        rec.progress = Math.max(0, Math.min(1, fraction));
        rec.message = message;
        // Throttle progress events to ~20/s per job.
        const now = Date.now();
        if (now - (this.lastEmit.get(id) ?? 0) >= 50) {
          this.lastEmit.set(id, now);
          this.emit(rec);
        }
      },
    };
    // Start on the next tick so the caller gets the id before any event.
    setImmediate(() => {
      work(ctx).then(
        (result) => this.finish(rec, rec.controller.signal.aborted ? 'cancelled' : 'done', result),
        (err: unknown) => {
          if (rec.controller.signal.aborted) return this.finish(rec, 'cancelled');
          const error =
            err instanceof AppError
              ? err.toApi()
              : { code: 'INTERNAL' as const, message: 'errors.internal', params: { detail: String(err) } };
          this.finish(rec, 'failed', undefined, error);
        },
      );
    });
    return id;
  }

  get(id: string): JobInfo | undefined {
    const rec = this.jobs.get(id);
    return rec ? this.info(rec) : undefined;
  }

  ownerOf(id: string): number | null | undefined {
    return this.jobs.get(id)?.ownerUserId;
  }

  cancel(id: string): boolean {
    const rec = this.jobs.get(id);
    if (!rec || rec.status !== 'running') return false;
    rec.controller.abort();
    return true;
  }

  /** Resolves when every running job has finished (used on shutdown and in tests). */
  async idle(): Promise<void> {
    while ([...this.jobs.values()].some((j) => j.status === 'running')) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  cancelAll(): void {
    for (const rec of this.jobs.values()) if (rec.status === 'running') rec.controller.abort();
  }

  private finish(rec: JobRecord, status: JobStatus, result?: unknown, error?: ApiError) {
    rec.status = status;
    rec.progress = status === 'done' ? 1 : rec.progress;
    rec.result = result;
    rec.error = error;
    rec.finishedAt = new Date().toISOString();
    this.lastEmit.delete(rec.id);
    this.emit(rec);
    this.prune();
  }

  private emit(rec: JobRecord) {
    this.events.emit({
      type: 'job.progress',
      payload: this.info(rec),
      userId: rec.ownerUserId ?? undefined,
    });
  }

  private info(rec: JobRecord): JobInfo {
    const { ownerUserId: _o, controller: _c, ...info } = rec;
    return { ...info };
  }

  private prune() {
    const finished = [...this.jobs.values()].filter((j) => j.status !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(j.id);
  }
}
