// Where io jobs put the files they produce (exports/ in the data folder) and how a job hands one back.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { IoFile } from './contract';

/** Files up to this size also come back inline (base64) for the browser shell. */
export const INLINE_MAX = 32 * 1024 * 1024;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv;charset=utf-8';

export function exportPath(dataDir: string, fileName: string): { abs: string; rel: string } {
  const dir = join(dataDir, 'exports');
  mkdirSync(dir, { recursive: true });
  return { abs: join(dir, fileName), rel: `exports/${fileName}` };
}

export function fileResult(abs: string, rel: string, fileName: string, mime: string, rows?: number): IoFile {
  const size = statSync(abs).size;
  return {
    fileName,
    mime,
    size,
    path: rel,
    data: size <= INLINE_MAX ? readFileSync(abs).toString('base64') : undefined,
    rows,
  };
}

export function bufferResult(buf: Buffer | ArrayBuffer, fileName: string, mime: string): IoFile {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf);
  return { fileName, mime, size: b.length, data: b.toString('base64') };
}

/** Local timestamp for file names: 20240501-093000. */
export function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}
