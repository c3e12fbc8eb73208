// Moving a portable archive through the API in pieces, so the browser shell can download one it made
// and upload one brought from another PC whatever their size (a request body is capped at 40 MB and a
// whole archive in one base64 string would sit in memory three times over).
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { notFound, validation } from '../../api/errors';
import type { ArchiveChunk } from './contract';
import { backupsDir, isArchiveName, tempPath } from './files';

/** Bytes per piece: 4 MB is ~5.3 MB of base64, well under the body cap, and few round trips. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

export function readArchiveChunk(dataDir: string, name: string, offset: number): ArchiveChunk {
  if (!isArchiveName(name)) throw validation('name', 'validation.backupName');
  const file = join(backupsDir(dataDir), name);
  if (!existsSync(file)) throw notFound('backup', name);
  const size = statSync(file).size;
  if (offset > size) throw validation('offset', 'validation.uploadOffset', { size });
  const length = Math.min(CHUNK_BYTES, size - offset);
  const buf = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    let read = 0;
    while (read < length) read += readSync(fd, buf, read, length - read, offset + read);
  } finally {
    closeSync(fd);
  }
  const end = offset + length;
  return { name, size, offset, data: buf.toString('base64'), next: end < size ? end : null };
}

/** Where an upload's pieces gather: a temp file in backups/ (swept at start if left behind). */
export const uploadPath = (dataDir: string, uploadId: string) =>
  tempPath(dataDir, `upload-${uploadId}`, '.famsarchive');

/**
 * Writes a piece at `offset`. Pieces come in order; a piece sent again (a retried request) overwrites
 * from its offset, so the file never has a gap or a doubled piece.
 */
function appendUpload(dataDir: string, uploadId: string, offset: number, data: Buffer): number {
  const file = uploadPath(dataDir, uploadId);
  const size = existsSync(file) ? statSync(file).size : 0;
  if (offset > size) throw validation('offset', 'validation.uploadOffset', { size });
  if (offset === 0 && size === 0 && !existsSync(file)) closeSync(openSync(file, 'w'));
  if (offset < size) truncateSync(file, offset);
  const fd = openSync(file, 'r+');
  try {
    let written = 0;
    while (written < data.length)
      written += writeSync(fd, data, written, data.length - written, offset + written);
  } finally {
    closeSync(fd);
  }
  return offset + data.length;
}

/** One piece of an upload: a first piece (no id) starts a new upload, at offset 0. */
export function receiveUpload(
  dataDir: string,
  input: { uploadId?: string; offset: number; data: string },
): { uploadId: string; size: number } {
  const uploadId = input.uploadId ?? randomUUID();
  if (input.uploadId === undefined && input.offset !== 0)
    throw validation('offset', 'validation.uploadOffset');
  return { uploadId, size: appendUpload(dataDir, uploadId, input.offset, decodeBase64(input.data)) };
}

/** Strict base64 (no data: prefix), as the API takes files. */
export function decodeBase64(data: string): Buffer {
  const compact = data.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact))
    throw validation('file', 'validation.base64');
  return Buffer.from(compact, 'base64');
}
