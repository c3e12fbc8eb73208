// The portable archive on real files: export from one data folder, open on a fresh one with
// attachments byte-identical; tampered or foreign archives refused without changing anything.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type {
  ArchiveChunk,
  ArchiveResult,
  ImportArchiveResult,
} from '../../src/main/modules/backup/contract';
import { startTestCore, type TestCore } from '../helpers/core';
import { finished, jobResult, ledgerRows, sampleCore } from './backup-helpers';

const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(3000, 7),
]);
const PDF = Buffer.from('%PDF-1.4\n' + 'invoice '.repeat(500));

async function exported(): Promise<{ a: TestCore; archive: ArchiveResult; blobs: Map<string, Buffer> }> {
  const a = sampleCore(400);
  cores.push(a);
  for (const [assetId, mime, data] of [
    [1, 'image/png', PNG],
    [2, 'application/pdf', PDF],
    [3, 'image/png', Buffer.concat([PNG, Buffer.from('other')])],
  ] as const) {
    a.call(a.adminToken, 'assets.attachments.add', {
      assetId,
      fileName: `f${assetId}`,
      mime,
      data: data.toString('base64'),
    });
  }
  const archive = await jobResult<ArchiveResult>(a, a.call(a.adminToken, 'backup.exportArchive', {}));
  const blobs = new Map<string, Buffer>();
  for (const d of readdirSync(join(a.dataDir, 'attachments'))) {
    for (const f of readdirSync(join(a.dataDir, 'attachments', d)))
      blobs.set(`${d}/${f}`, readFileSync(join(a.dataDir, 'attachments', d, f)));
  }
  return { a, archive, blobs };
}

describe('portable archive', () => {
  it('moves the ledger and every attachment to a fresh data folder', async () => {
    const { a, archive, blobs } = await exported();
    expect(archive).toMatchObject({
      counts: { assets: 400, users: 1, attachments: 3 },
      companyName: '我的公司',
    });
    expect(archive.path).toBe(`backups/${archive.name}`);
    expect(archive.name).toMatch(/^fams-\d{8}-\d{6}\.famsarchive$/);
    const source = ledgerRows(a.core.services.sqlite);

    const b = startTestCore();
    cores.push(b);
    copyFileSync(join(a.dataDir, archive.path), join(b.dataDir, 'incoming.famsarchive'));
    const r = await jobResult<ImportArchiveResult>(
      b,
      b.call(b.adminToken, 'backup.importArchive', { path: 'incoming.famsarchive' }),
    );
    expect(r).toMatchObject({
      attachmentsAdded: 3,
      attachmentsPresent: 0,
      companyName: '我的公司',
      signInAgain: true,
    });

    const landed = ledgerRows(b.core.services.sqlite);
    // Sessions differ by nature (a's token lives in the archive); everything else is identical.
    expect({ ...landed, audit_log: [] }).toEqual({ ...source, audit_log: [] });
    expect(landed.audit_log.slice(0, source.audit_log.length)).toEqual(source.audit_log);
    for (const [rel, bytes] of blobs)
      expect(readFileSync(join(b.dataDir, 'attachments', rel)).equals(bytes), rel).toBe(true);
    // b's own first state was kept, and a's admin (same password) signs in on b.
    expect(readdirSync(join(b.dataDir, 'backups')).some((f) => /-pre-restore\.db$/.test(f))).toBe(true);
    const tok = b.login('admin', 'admin-pass-123');
    expect(b.call(tok, 'audit.verify', {}).ok).toBe(true);
    const att = b.call(tok, 'assets.attachments.list', { assetId: 1 });
    expect(
      Buffer.from(b.call(tok, 'assets.attachments.get', { id: att[0]!.id }).data, 'base64').equals(PNG),
    ).toBe(true);

    // The same archive as base64 (an upload) lands the same way; attachments are already there.
    const again = await jobResult<ImportArchiveResult>(
      b,
      b.call(tok, 'backup.importArchive', {
        file: readFileSync(join(a.dataDir, archive.path)).toString('base64'),
      }),
    );
    expect(again).toMatchObject({ attachmentsAdded: 0, attachmentsPresent: 3 });
  });

  it('downloads in pieces and opens an archive uploaded in pieces (the browser shell way)', async () => {
    const { a, archive } = await exported();
    // An incompressible attachment so the archive spans more than one 4 MB piece.
    const big = Buffer.concat([PNG.subarray(0, 8), randomBytes(5 * 1024 * 1024)]);
    a.call(a.adminToken, 'assets.attachments.add', {
      assetId: 4,
      fileName: 'big.png',
      mime: 'image/png',
      data: big.toString('base64'),
    });
    const second = await jobResult<ArchiveResult>(a, a.call(a.adminToken, 'backup.exportArchive', {}));
    expect(second.name).not.toBe(archive.name);
    const pieces: Buffer[] = [];
    for (let offset: number | null = 0; offset !== null;) {
      const c: ArchiveChunk = a.call(a.adminToken, 'backup.readArchive', { name: second.name, offset });
      expect(c.size).toBe(second.size);
      pieces.push(Buffer.from(c.data, 'base64'));
      offset = c.next;
    }
    expect(pieces.length).toBeGreaterThan(1);
    const bytes = Buffer.concat(pieces);
    expect(bytes.equals(readFileSync(join(a.dataDir, second.path)))).toBe(true);
    expect(
      a.raw(a.adminToken, 'backup.readArchive', { name: 'fams-20990101-000000.famsarchive' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const b = startTestCore();
    cores.push(b);
    let uploadId: string | undefined;
    const step = 3 * 1024 * 1024;
    for (let at = 0; at < bytes.length; at += step) {
      const data = bytes.subarray(at, at + step).toString('base64');
      const r = b.call(b.adminToken, 'backup.uploadArchive', { uploadId, offset: at, data });
      if (at === 0) {
        // A retried first piece lands at the same place.
        expect(
          b.call(b.adminToken, 'backup.uploadArchive', { uploadId: r.uploadId, offset: 0, data }).size,
        ).toBe(r.size);
      }
      uploadId = r.uploadId;
      expect(r.size).toBe(Math.min(at + step, bytes.length));
    }
    // A piece past the end would leave a gap.
    expect(
      b.raw(b.adminToken, 'backup.uploadArchive', { uploadId, offset: bytes.length + 10, data: 'AAAA' }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const r = await jobResult<ImportArchiveResult>(
      b,
      b.call(b.adminToken, 'backup.importArchive', { uploadId }),
    );
    expect(r).toMatchObject({ attachmentsAdded: 4, companyName: '我的公司' });
    // The upload's temp file is gone once opened.
    expect(readdirSync(join(b.dataDir, 'backups')).some((f) => f.includes(uploadId!))).toBe(false);
    expect(b.core.services.sqlite.prepare('SELECT COUNT(*) FROM assets').pluck().get()).toBe(400);
  });

  it('opens on the first-run setup screen, before anyone can sign in', async () => {
    const { a, archive } = await exported();
    const bytes = readFileSync(join(a.dataDir, archive.path));
    const b = startTestCore({ headless: false });
    cores.push(b);
    expect(b.call(null, 'system.status', {}).setupRequired).toBe(true);
    // Signed-in methods stay shut; the setup ones answer without a session.
    expect(b.raw(null, 'backup.uploadArchive', { offset: 0, data: 'AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const up = b.call(null, 'backup.setupUploadArchive', { offset: 0, data: bytes.toString('base64') });
    expect(up.size).toBe(bytes.length);
    const { jobId } = b.call(null, 'backup.setupOpenArchive', { uploadId: up.uploadId });
    await b.core.services.jobs.idle();
    expect(b.call(null, 'backup.setupArchiveJob', { jobId })).toMatchObject({ status: 'done', error: null });
    expect(b.call(null, 'system.status', {})).toMatchObject({
      setupRequired: false,
      companyName: '我的公司',
    });
    const tok = b.login('admin', 'admin-pass-123');
    expect(b.call(tok, 'assets.list', { filters: {}, sort: [], offset: 0, limit: 1 }).total).toBe(400);
    // Set up now: the door is closed, and only jobs it started are reported.
    expect(b.raw(null, 'backup.setupUploadArchive', { offset: 0, data: 'AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_SET_UP' },
    });
    const other = b.call(tok, 'backup.create', {}).jobId;
    expect(b.raw(null, 'backup.setupArchiveJob', { jobId: other })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await b.core.services.jobs.idle();
  });

  it('refuses a tampered archive, naming the entry, and changes nothing', async () => {
    const { a, archive } = await exported();
    const b = startTestCore();
    cores.push(b);
    const before = ledgerRows(b.core.services.sqlite);
    const bytes = readFileSync(join(a.dataDir, archive.path));

    // One byte of the PDF attachment changed.
    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf('invoice invoice');
    tampered[at] = 'I'.charCodeAt(0);
    writeFileSync(join(b.dataDir, 'tampered.famsarchive'), tampered);
    const j1 = await finished(
      b,
      b.call(b.adminToken, 'backup.importArchive', { path: 'tampered.famsarchive' }),
    );
    expect(j1).toMatchObject({
      status: 'failed',
      error: { code: 'DB_CORRUPT', message: 'errors.archiveCorrupt' },
    });
    expect(String((j1.error!.params as { entry: string }).entry)).toMatch(/^attachments\//);

    // Cut short, and not an archive at all.
    writeFileSync(join(b.dataDir, 'short.famsarchive'), bytes.subarray(0, bytes.length - 10));
    const j2 = await finished(b, b.call(b.adminToken, 'backup.importArchive', { path: 'short.famsarchive' }));
    expect(j2).toMatchObject({ status: 'failed', error: { code: 'DB_CORRUPT' } });
    const j3 = await finished(
      b,
      b.call(b.adminToken, 'backup.importArchive', { file: Buffer.from('hello').toString('base64') }),
    );
    expect(j3).toMatchObject({ status: 'failed', error: { code: 'DB_CORRUPT' } });

    // A newer schema in the manifest is refused as DB_TOO_NEW.
    const text = bytes.toString('latin1');
    const newer = Buffer.from(text.replace(/"schemaVersion":(\d+)/, '"schemaVersion":999'), 'latin1');
    const mIdx = text.lastIndexOf('{"path":"manifest.json","size":');
    const oldSize = Number(/"size":(\d+)/.exec(text.slice(mIdx))![1]);
    const fixed = Buffer.from(
      newer
        .toString('latin1')
        .replace(
          `{"path":"manifest.json","size":${oldSize}}`,
          `{"path":"manifest.json","size":${oldSize + String(999).length - /"schemaVersion":(\d+)/.exec(text)![1]!.length}}`,
        ),
      'latin1',
    );
    writeFileSync(join(b.dataDir, 'newer.famsarchive'), fixed);
    const j4 = await finished(b, b.call(b.adminToken, 'backup.importArchive', { path: 'newer.famsarchive' }));
    expect(j4).toMatchObject({ status: 'failed', error: { code: 'DB_TOO_NEW' } });

    // Paths outside the data folder are refused at the door.
    expect(
      b.raw(b.adminToken, 'backup.importArchive', { path: join(a.dataDir, archive.path) }),
    ).toMatchObject({
      error: { code: 'VALIDATION' },
    });
    expect(b.raw(b.adminToken, 'backup.importArchive', { path: '../x.famsarchive' })).toMatchObject({
      ok: false,
    });

    expect(ledgerRows(b.core.services.sqlite).assets).toEqual(before.assets);
    expect(readdirSync(join(b.dataDir, 'attachments'))).toEqual([]);
    expect(
      readdirSync(join(b.dataDir, 'backups')).filter(
        (f) => !f.startsWith('fams-') || f.includes('pre-restore'),
      ),
    ).toEqual([]);
  });
});
