// The portable archive between the user's computer and the data folder, in pieces (4 MB each way):
// a download assembled into one Blob and saved through <a download>, and an upload read slice by
// slice from the picked file. Works the same in the browser shell and in Electron.
import type { ArchiveChunk } from '../../../../main/modules/backup/contract';
import { call, type ApiError, type ApiResult } from '../../lib/api';

type Done = { ok: true } | { ok: false; error: ApiError };

/** Fetches every piece of backups/<name> and saves it under that name. */
export async function downloadArchive(name: string, onProgress?: (fraction: number) => void): Promise<Done> {
  const parts: BlobPart[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const r: ApiResult<ArchiveChunk> = await call('backup.readArchive', { name, offset });
    if (!r.ok) return { ok: false, error: r.error };
    const bin = atob(r.data.data);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    parts.push(bytes);
    offset = r.data.next;
    onProgress?.(r.data.size ? (offset ?? r.data.size) / r.data.size : 1);
  }
  const url = URL.createObjectURL(new Blob(parts, { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some engines read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true };
}

const PIECE = 4 * 1024 * 1024;

function base64Of(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, Math.min(i + 0x8000, bytes.length)));
  return btoa(bin);
}

/** Sends the file in pieces; the upload id then opens it with backup.importArchive({ uploadId }). */
export async function uploadArchive(
  file: File,
  onProgress?: (fraction: number) => void,
  /** The setup screen, with no session yet, sends through backup.setupUploadArchive. */
  method: 'backup.uploadArchive' | 'backup.setupUploadArchive' = 'backup.uploadArchive',
): Promise<{ ok: true; uploadId: string } | { ok: false; error: ApiError }> {
  let uploadId: string | undefined;
  for (let offset = 0; offset < file.size || offset === 0; offset += PIECE) {
    const bytes = new Uint8Array(await file.slice(offset, offset + PIECE).arrayBuffer());
    // Both methods take and answer the same shapes.
    const r = await call(method as 'backup.uploadArchive', { uploadId, offset, data: base64Of(bytes) });
    if (!r.ok) return { ok: false, error: r.error };
    uploadId = r.data.uploadId;
    onProgress?.(file.size ? r.data.size / file.size : 1);
    if (file.size === 0) break;
  }
  return { ok: true, uploadId: uploadId! };
}
