// Asset attachments (photos, invoices): files stored content-addressed in the data folder at
// attachments/<sha256[0..2]>/<sha256>; the database row names the file. Identical content is
// stored once. No part of a user-supplied name ever reaches a filesystem path.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ctx } from '../../api/context';
import { notFound } from '../../api/errors';
import type { AttachmentDto } from './contract';
import { throwProblems } from './fields';
import { recordAssetEvent } from './history';
import { visibleAsset } from './rows';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const MIME_RE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

interface AttachmentRow {
  id: number;
  asset_id: number;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  kind: string;
  created_at: string;
}

const toDto = (r: AttachmentRow): AttachmentDto => ({
  id: r.id,
  assetId: r.asset_id,
  sha256: r.sha256,
  fileName: r.file_name,
  mime: r.mime,
  size: r.size,
  kind: r.kind as AttachmentDto['kind'],
  createdAt: r.created_at,
});

const COLS = 'id, asset_id, sha256, file_name, mime, size, kind, created_at';

/** The only way a path is formed: from a hex digest we computed ourselves. */
export function blobPath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256 digest');
  return join(dataDir, 'attachments', sha256.slice(0, 2), sha256);
}

/** Display name only: strips directories and control characters (never used as a path). */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean || 'file';
}

function decode(data: string): Buffer | null {
  const compact = data.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64_RE.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}

/** Images must look like images; a PDF must start like one (catches a mislabelled upload). */
function contentMatchesMime(mime: string, bytes: Buffer): boolean {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  switch (mime) {
    case 'image/jpeg':
      return starts([0xff, 0xd8, 0xff]);
    case 'image/png':
      return starts([0x89, 0x50, 0x4e, 0x47]);
    case 'image/gif':
      return starts([0x47, 0x49, 0x46, 0x38]);
    case 'image/webp':
      return starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8);
    case 'application/pdf':
      return starts([0x25, 0x50, 0x44, 0x46]);
    default:
      return true;
  }
}

export function addAttachment(
  ctx: Ctx,
  input: { assetId: number; fileName: string; mime: string; kind: AttachmentDto['kind']; data: string },
): AttachmentDto {
  const asset = visibleAsset(ctx, input.assetId);
  const mime = input.mime.toLowerCase();
  if (!MIME_RE.test(mime)) throwProblems([{ path: 'mime', message: 'validation.mime' }]);
  const bytes = decode(input.data);
  if (!bytes || bytes.length === 0) throwProblems([{ path: 'data', message: 'validation.base64' }]);
  if (bytes!.length > MAX_ATTACHMENT_BYTES) {
    throwProblems([
      { path: 'data', message: 'validation.fileTooLarge', params: { maxBytes: MAX_ATTACHMENT_BYTES } },
    ]);
  }
  if (!contentMatchesMime(mime, bytes!))
    throwProblems([{ path: 'mime', message: 'validation.mimeMismatch' }]);

  const sha256 = createHash('sha256').update(bytes!).digest('hex');
  const file = blobPath(ctx.core.dataDir, sha256);
  // The file is written before the row: a crash leaves at most an unreferenced blob, never a row
  // without its file. Written to a temp name and renamed so a reader never sees half a file.
  if (!existsSync(file)) {
    mkdirSync(join(ctx.core.dataDir, 'attachments', sha256.slice(0, 2)), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes!);
    renameSync(tmp, file);
  }
  const fileName = cleanFileName(input.fileName);
  const info = ctx.sqlite
    .prepare(
      `INSERT INTO attachments (asset_id, sha256, file_name, mime, size, kind, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      asset.id,
      sha256,
      fileName,
      mime,
      bytes!.length,
      input.kind,
      ctx.nowIso,
      ctx.session?.userId ?? null,
    );
  const id = Number(info.lastInsertRowid);
  recordAssetEvent(ctx, {
    assetId: asset.id,
    kind: 'attachment_added',
    changes: [{ field: 'attachments', before: null, after: fileName }],
  });
  ctx.audit({
    entity: 'asset',
    entityId: asset.id,
    details: { attachmentId: id, fileName, sha256, size: bytes!.length },
  });
  ctx.emit('assets.changed', { ids: [asset.id] });
  return toDto(ctx.sqlite.prepare(`SELECT ${COLS} FROM attachments WHERE id = ?`).get(id) as AttachmentRow);
}

export function listAttachments(ctx: Ctx, assetId: number): AttachmentDto[] {
  visibleAsset(ctx, assetId);
  const rows = ctx.sqlite
    .prepare(`SELECT ${COLS} FROM attachments WHERE asset_id = ? AND deleted_at IS NULL ORDER BY id`)
    .all(assetId) as AttachmentRow[];
  return rows.map(toDto);
}

function liveAttachment(ctx: Ctx, id: number): AttachmentRow {
  const row = ctx.sqlite
    .prepare(`SELECT ${COLS} FROM attachments WHERE id = ? AND deleted_at IS NULL`)
    .get(id) as AttachmentRow | undefined;
  if (!row) throw notFound('attachment', id);
  try {
    visibleAsset(ctx, row.asset_id);
  } catch {
    throw notFound('attachment', id);
  }
  return row;
}

export function getAttachment(ctx: Ctx, id: number): AttachmentDto & { data: string } {
  const row = liveAttachment(ctx, id);
  const file = blobPath(ctx.core.dataDir, row.sha256);
  if (!existsSync(file)) throw notFound('attachmentFile', id);
  return { ...toDto(row), data: readFileSync(file).toString('base64') };
}

/**
 * Detaches (soft): the row is marked removed for the history; the blob stays, since other rows may
 * share it and backups reference it by hash.
 */
export function removeAttachment(ctx: Ctx, id: number): { id: number } {
  const row = liveAttachment(ctx, id);
  ctx.sqlite.prepare('UPDATE attachments SET deleted_at = ? WHERE id = ?').run(ctx.nowIso, id);
  recordAssetEvent(ctx, {
    assetId: row.asset_id,
    kind: 'attachment_removed',
    changes: [{ field: 'attachments', before: row.file_name, after: null }],
  });
  ctx.audit({
    entity: 'asset',
    entityId: row.asset_id,
    details: { attachmentId: id, fileName: row.file_name },
  });
  ctx.emit('assets.changed', { ids: [row.asset_id] });
  return { id };
}
