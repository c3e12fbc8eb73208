// The portable archive (.famsarchive): a consistent database snapshot plus every attachment and a
// manifest, in one file, to move a data folder to another PC.
//
// Format (version 1), written and read here, no dependency:
//   "FAMSARCHIVE 1\n"
//   then entries, each a one-line JSON header {"path": ..., "size": N} + "\n" followed by N bytes:
//     fams.db                       the database snapshot (rollback-journal mode, quick_check ok)
//     attachments/ab/ab12…(64 hex)  each attachment, named by the sha256 of its content
//     manifest.json                 always last: { format, formatVersion, createdAt, appVersion,
//                                   schemaVersion, companyName, counts, entries: [{path,size,sha256}] }
//   and nothing after the manifest. Reading verifies every entry's size and sha256 against the
//   manifest, that attachments hash to their names, and that no entry is missing or extra.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { copyFile, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CoreServices } from '../../api/context';
import { AppError } from '../../api/errors';
import { snapshotLive, type BackupActor, type Progress } from './backups';
import type { ArchiveResult, ImportArchiveResult } from './contract';
import { backupsDir, newBackupName, removeDbFiles, tempPath } from './files';
import { assertNotNewer, restoreStaged } from './restore';

const MAGIC = 'FAMSARCHIVE 1\n';
const FORMAT_VERSION = 1;
const DB_ENTRY = 'fams.db';
const MANIFEST_ENTRY = 'manifest.json';
const ATTACHMENT_RE = /^attachments\/([0-9a-f]{2})\/(\1[0-9a-f]{62})$/;
const MAX_HEADER = 4096;
const MAX_MANIFEST = 256 * 1024 * 1024;
const CHUNK = 1 << 20;

export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: 'famsarchive';
  formatVersion: number;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  companyName: string | null;
  counts: { assets: number; users: number; attachments: number };
  entries: ManifestEntry[];
}

const corrupt = (entry: string) => new AppError('DB_CORRUPT', 'errors.archiveCorrupt', { entry });

/** Every stored attachment blob, as archive paths (attachments/<2>/<64>), in a stable order. */
function attachmentPaths(dataDir: string): string[] {
  const root = join(dataDir, 'attachments');
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const d of readdirSync(root).sort()) {
    if (!/^[0-9a-f]{2}$/.test(d)) continue;
    for (const f of readdirSync(join(root, d)).sort()) {
      const p = `attachments/${d}/${f}`;
      if (ATTACHMENT_RE.test(p)) out.push(p);
    }
  }
  return out;
}

class ArchiveWriter {
  readonly whole = createHash('sha256');
  size = 0;
  constructor(private readonly fh: FileHandle) {}

  async put(buf: Buffer): Promise<void> {
    await this.fh.write(buf);
    this.whole.update(buf);
    this.size += buf.length;
  }

  async entry(path: string, file: string): Promise<ManifestEntry> {
    const size = statSync(file).size;
    await this.put(Buffer.from(`${JSON.stringify({ path, size })}\n`));
    const h = createHash('sha256');
    let copied = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) {
      const b = chunk as Buffer;
      h.update(b);
      copied += b.length;
      await this.put(b);
    }
    // Blobs are immutable and the snapshot is ours: a size change means something is badly wrong.
    if (copied !== size) throw new Error(`${path} changed while archiving`);
    return { path, size, sha256: h.digest('hex') };
  }
}

export async function exportArchive(core: CoreServices, p: Progress = {}): Promise<ArchiveResult> {
  const createdAt = core.now();
  const snap = await snapshotLive(core, { signal: p.signal, progress: (f) => p.progress?.(f * 0.4) });
  const tmp = tempPath(core.dataDir, randomUUID(), '.famsarchive');
  const fh = await open(tmp, 'w');
  try {
    const w = new ArchiveWriter(fh);
    await w.put(Buffer.from(MAGIC));
    const entries = [await w.entry(DB_ENTRY, snap.file)];
    const blobs = attachmentPaths(core.dataDir);
    for (const [i, path] of blobs.entries()) {
      if (p.signal?.aborted) throw new Error('cancelled');
      const e = await w.entry(path, join(core.dataDir, path));
      if (!path.endsWith(e.sha256)) throw corrupt(path); // a damaged blob on this PC: say so now, not on the new one
      entries.push(e);
      p.progress?.(0.4 + (0.55 * (i + 1)) / blobs.length);
    }
    const manifest: Manifest = {
      format: 'famsarchive',
      formatVersion: FORMAT_VERSION,
      createdAt: createdAt.toISOString(),
      appVersion: core.appVersion,
      schemaVersion: snap.facts.schemaVersion ?? core.schemaVersion,
      companyName: snap.facts.companyName,
      counts: { assets: snap.facts.assets ?? 0, users: snap.facts.users ?? 0, attachments: blobs.length },
      entries,
    };
    const body = Buffer.from(JSON.stringify(manifest));
    await w.put(Buffer.from(`${JSON.stringify({ path: MANIFEST_ENTRY, size: body.length })}\n`));
    await w.put(body);
    await fh.sync();
    await fh.close();
    const name = newBackupName(core.dataDir, createdAt, 'archive');
    await rename(tmp, join(backupsDir(core.dataDir), name));
    return {
      name,
      path: `backups/${name}`,
      size: w.size,
      sha256: w.whole.digest('hex'),
      companyName: manifest.companyName,
      schemaVersion: manifest.schemaVersion,
      counts: manifest.counts,
    };
  } finally {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    removeDbFiles(snap.file);
  }
}

/** Copies `size` bytes at `pos` into `dest` (or memory when dest is null), hashing as it goes. */
async function copyOut(src: FileHandle, pos: number, size: number, dest: string | null) {
  const h = createHash('sha256');
  const out = dest ? await open(dest, 'w') : null;
  const parts: Buffer[] = [];
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (let done = 0; done < size;) {
      const { bytesRead } = await src.read(buf, 0, Math.min(CHUNK, size - done), pos + done);
      if (bytesRead === 0) throw corrupt('(truncated)');
      const piece = buf.subarray(0, bytesRead);
      h.update(piece);
      if (out) await out.write(piece);
      else parts.push(Buffer.from(piece));
      done += bytesRead;
    }
  } finally {
    await out?.close();
  }
  return { sha256: h.digest('hex'), bytes: dest ? null : Buffer.concat(parts) };
}

async function readHeader(src: FileHandle, pos: number, fileSize: number) {
  const buf = Buffer.alloc(Math.min(MAX_HEADER, fileSize - pos));
  await src.read(buf, 0, buf.length, pos);
  const nl = buf.indexOf(0x0a);
  if (nl < 0) throw corrupt('(header)');
  let h: { path?: unknown; size?: unknown };
  try {
    h = JSON.parse(buf.toString('utf8', 0, nl)) as typeof h;
  } catch {
    throw corrupt('(header)');
  }
  if (typeof h.path !== 'string' || !Number.isSafeInteger(h.size) || (h.size as number) < 0)
    throw corrupt('(header)');
  return { path: h.path, size: h.size as number, next: pos + nl + 1 };
}

/**
 * Reads and verifies a whole archive into `stageDir` (fams.db and attachments/…). Throws
 * DB_CORRUPT (errors.archiveCorrupt, naming the entry) on any mismatch, DB_TOO_NEW for a newer
 * schema; nothing outside stageDir is touched.
 */
export async function extractArchive(core: CoreServices, file: string, stageDir: string): Promise<Manifest> {
  const src = await open(file, 'r');
  try {
    const fileSize = (await src.stat()).size;
    const magic = Buffer.alloc(MAGIC.length);
    await src.read(magic, 0, magic.length, 0);
    if (magic.toString('latin1') !== MAGIC) throw corrupt('(not a FAMS archive)');
    const seen = new Map<string, { size: number; sha256: string }>();
    let manifest: Manifest | null = null;
    for (let pos = MAGIC.length; pos < fileSize;) {
      if (manifest) throw corrupt('(data after manifest)');
      const h = await readHeader(src, pos, fileSize);
      if (h.next + h.size > fileSize) throw corrupt(h.path);
      if (seen.has(h.path)) throw corrupt(h.path);
      if (h.path === MANIFEST_ENTRY) {
        if (h.size > MAX_MANIFEST) throw corrupt(h.path);
        const { bytes } = await copyOut(src, h.next, h.size, null);
        try {
          manifest = JSON.parse(bytes!.toString('utf8')) as Manifest;
        } catch {
          throw corrupt(h.path);
        }
      } else {
        if (h.path !== DB_ENTRY && !ATTACHMENT_RE.test(h.path)) throw corrupt(h.path);
        const dest = join(stageDir, h.path);
        mkdirSync(dirname(dest), { recursive: true });
        const { sha256 } = await copyOut(src, h.next, h.size, dest);
        if (h.path !== DB_ENTRY && !h.path.endsWith(sha256)) throw corrupt(h.path);
        seen.set(h.path, { size: h.size, sha256 });
      }
      pos = h.next + h.size;
    }
    if (!manifest || manifest.format !== 'famsarchive' || !Array.isArray(manifest.entries)) {
      throw corrupt(MANIFEST_ENTRY);
    }
    if (!(manifest.formatVersion <= FORMAT_VERSION)) throw corrupt(MANIFEST_ENTRY);
    if (manifest.entries.length !== seen.size) throw corrupt(MANIFEST_ENTRY);
    for (const e of manifest.entries) {
      const got = seen.get(e.path);
      if (!got || got.size !== e.size || got.sha256 !== e.sha256) throw corrupt(e.path);
    }
    if (!seen.has(DB_ENTRY)) throw corrupt(DB_ENTRY);
    assertNotNewer(core, manifest.schemaVersion);
    return manifest;
  } finally {
    await src.close();
  }
}

/** backup.importArchive's job. `file` is an archive path the caller has already vetted. */
export async function importArchive(
  core: CoreServices,
  file: string,
  opts: { by: BackupActor | null; source: string; label: string } & Progress,
): Promise<ImportArchiveResult> {
  const stageDir = join(backupsDir(core.dataDir), `.tmp-${randomUUID()}`);
  mkdirSync(stageDir, { recursive: true });
  try {
    opts.progress?.(0.05, 'verify');
    const manifest = await extractArchive(core, file, stageDir);
    if (opts.signal?.aborted) throw new Error('cancelled');
    // Attachments first: content-addressed, so adding them never changes or removes anything, and a
    // failed restore afterwards leaves only unreferenced blobs.
    let added = 0;
    let present = 0;
    for (const e of manifest.entries) {
      if (e.path === DB_ENTRY) continue;
      const dest = join(core.dataDir, e.path);
      if (existsSync(dest)) {
        present++;
        continue;
      }
      mkdirSync(dirname(dest), { recursive: true });
      const tmp = `${dest}.${process.pid}.tmp`;
      await rename(join(stageDir, e.path), tmp).catch(() => copyFile(join(stageDir, e.path), tmp));
      await rename(tmp, dest);
      added++;
    }
    opts.progress?.(0.4, 'restore');
    const result = await restoreStaged(core, join(stageDir, DB_ENTRY), { ...opts });
    return {
      ...result,
      companyName: manifest.companyName,
      attachmentsAdded: added,
      attachmentsPresent: present,
    };
  } finally {
    await rm(stageDir, { recursive: true, force: true });
  }
}
