// Files between the user and the io/backup jobs: reading a picked file as base64, waiting for a short
// job (a template, an annotated workbook), and saving the file a job produced.
import type { JobInfo } from '../../../../main/modules/jobs/contract';
import type { IoFile } from '../../../../main/modules/io/contract';
import { call, type ApiError } from '../../lib/api';
import { downloadBase64 } from '../audit/download';

/** The file's bytes as base64 (no data: prefix). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Polls a job until it ends; the error is the API's (or the job's) when it did not finish well. */
export async function waitJob(
  jobId: string,
): Promise<{ ok: true; job: JobInfo } | { ok: false; error: ApiError }> {
  for (;;) {
    const r = await call('jobs.get', { id: jobId });
    if (!r.ok) return { ok: false, error: r.error };
    const job = r.data;
    if (job.status === 'done') return { ok: true, job };
    if (job.status !== 'running')
      return { ok: false, error: job.error ?? { code: 'CANCELLED', message: 'progress.cancelled' } };
    await new Promise((res) => setTimeout(res, 300));
  }
}

/** Downloads the file when it came back inline; otherwise says where it is. Returns what happened. */
export function saveIoFile(file: IoFile): 'downloaded' | 'path' {
  if (file.data) {
    downloadBase64(file.fileName, file.mime, file.data);
    return 'downloaded';
  }
  return 'path';
}

export function sizeText(bytes: number, t: (k: string, p?: Record<string, unknown>) => string): string {
  if (bytes < 1024 * 1024) return t('backup.size.kb', { n: Math.max(1, Math.round(bytes / 1024)) });
  return t('backup.size.mb', { n: (bytes / 1024 / 1024).toFixed(1) });
}
