// Shared pieces of the backup tests: a core with a sample company, waiting for jobs, and reading a
// database file's business rows for exact comparison.
import { expect } from 'vitest';
import Database from 'better-sqlite3';
import { loadSampleCompany } from '../../src/main/demo/generate';
import type { JobInfo } from '../../src/main/modules/jobs/contract';
import { startTestCore, type TestCore } from '../helpers/core';

export function sampleCore(assets = 300): TestCore {
  const t = startTestCore();
  const { sqlite } = t.core.services;
  sqlite
    .transaction(() => loadSampleCompany(sqlite, { assets, now: new Date('2025-03-01T08:00:00Z'), seed: 7 }))
    .immediate();
  return t;
}

export async function finished(t: TestCore, r: { jobId: string }): Promise<JobInfo> {
  const { jobId } = r;
  await t.core.services.jobs.idle();
  const job = t.core.services.jobs.get(jobId)!;
  expect(job.status === 'running').toBe(false);
  return job;
}

export async function jobResult<T>(t: TestCore, r: { jobId: string }): Promise<T> {
  const job = await finished(t, r);
  if (job.status !== 'done') throw new Error(`job ${job.kind} ${job.status}: ${JSON.stringify(job.error)}`);
  return job.result as T;
}

/** The business state, row by row, for exact comparison between two databases. */
export function ledgerRows(db: Database.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const table of tables) {
    out[table] = (db.prepare(`SELECT * FROM "${table}"`).all() as unknown[])
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return out;
}

export function fileRows(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return ledgerRows(db);
  } finally {
    db.close();
  }
}
