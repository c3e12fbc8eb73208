// PRAGMA quick_check for the ledger. On a small file it runs before anything else; on a large one
// (where it takes hundreds of milliseconds) it runs in a worker thread on its own read-only
// connection, so the app starts at once and refuses writes if the check then fails.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Sqlite } from './client';

/** Files above this are checked in the background. */
export const SYNC_CHECK_MAX_BYTES = 32 * 1024 * 1024;

export type IntegrityState =
  | { status: 'ok'; checkedAt: string; ms: number }
  | { status: 'checking'; startedAt: string }
  | { status: 'failed'; detail: string; checkedAt: string };

export function quickCheckSync(sqlite: Sqlite): string {
  return String(sqlite.pragma('quick_check', { simple: true }));
}

export function shouldCheckInBackground(file: string): boolean {
  try {
    return statSync(file).size > SYNC_CHECK_MAX_BYTES;
  } catch {
    return false;
  }
}

// The worker is given better-sqlite3's resolved path, so it loads the same native module whether
// the core runs under tsx, vitest or the bundled Electron main process.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let result;
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try { result = String(db.pragma('quick_check', { simple: true })); } finally { db.close(); }
} catch (err) { result = String(err && err.message || err); }
parentPort.postMessage(result);
`;

/** Resolves with 'ok' or SQLite's description of the first problems. */
export function quickCheckInWorker(file: string): Promise<string> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
    worker.once('message', (m: string) => resolve(m));
    worker.once('error', (err) => resolve(String(err)));
    worker.once('exit', (code) => {
      if (code !== 0) resolve(`integrity worker exited with ${code}`);
    });
  });
}
