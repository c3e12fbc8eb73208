// Backups on real files: online backup while the app keeps writing, quick_check and checksums,
// restore with its pre-restore safety copy, refusal of damaged and newer backups, retention.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCore } from '../../src/main/core';
import { verifyAuditChain } from '../../src/main/modules/audit/audit-log';
import type { BackupInfo, RestoreResult } from '../../src/main/modules/backup/contract';
import { automaticBackup } from '../../src/main/modules/backup/scheduler';
import { ADMIN_PASSWORD, makeTempDir, type TestCore } from '../helpers/core';
import { fileRows, finished, jobResult, ledgerRows, sampleCore } from './backup-helpers';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const backupFiles = (dir: string) =>
  readdirSync(join(dir, 'backups'))
    .filter((f) => f.endsWith('.db'))
    .sort();
const withoutAudit = (rows: Record<string, unknown[]>) => ({ ...rows, audit_log: [] });

describe('backup.create', () => {
  it('copies the ledger while writes continue, checks the copy and records its metadata', async () => {
    t = sampleCore(3000);
    const tok = t.adminToken;
    const startTail = t.core.services.sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    const { jobId } = t.call(tok, 'backup.create', { note: 'before year end' });
    // Keep writing through the API until the job ends: each write is a settings change plus its audit row.
    let writesDuring = 0;
    let version = t.call(tok, 'backup.settings.get', {}).version;
    while (t.core.services.jobs.get(jobId)!.status === 'running') {
      version = t.call(tok, 'backup.settings.update', { keep: 10 + (writesDuring % 5), version }).version;
      writesDuring++;
      await new Promise((r) => setImmediate(r));
    }
    const info = await jobResult<BackupInfo>(t, { jobId });
    expect(writesDuring).toBeGreaterThan(2);
    expect(info).toMatchObject({
      kind: 'manual',
      hasMetadata: true,
      quickCheck: 'ok',
      note: 'before year end',
      counts: { assets: 3000, users: 1 },
      createdBy: { username: 'admin' },
      schemaVersion: t.core.services.schemaVersion,
      appVersion: t.core.services.appVersion,
    });
    expect(info.name).toMatch(/^fams-\d{8}-\d{6}\.db$/);
    const file = join(t.dataDir, 'backups', info.name);
    // A consistent snapshot: its own audit chain verifies and it holds at least what existed at the start.
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(copy).ok).toBe(true);
    expect(copy.prepare('SELECT max(id) FROM audit_log').pluck().get() as number).toBeGreaterThan(startTail);
    copy.close();
    expect(readdirSync(join(t.dataDir, 'backups')).filter((f) => f.startsWith('.tmp-'))).toEqual([]);

    const list = t.call(tok, 'backup.list', {});
    expect(list.map((b) => b.name)).toEqual([info.name]);
    const preview = t.call(tok, 'backup.preview', { name: info.name });
    expect(preview).toMatchObject({
      quickCheck: 'ok',
      checksum: 'ok',
      restorable: true,
      newerThanApp: false,
      companyName: '我的公司',
      assets: 3000,
      users: 1,
    });
    expect(Object.values(preview.assetsByStatus).reduce((a, b) => a + b, 0)).toBe(3000);
    expect(preview.lastAuditAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('a copy that fails quick_check is deleted and the job reports DB_CORRUPT', async () => {
    t = sampleCore(50);
    const { sqlite } = t.core.services;
    sqlite.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, v TEXT)');
    const ins = sqlite.prepare('INSERT INTO scratch (v) VALUES (?)');
    sqlite.transaction(() => {
      for (let i = 0; i < 3000; i++) ins.run('x'.repeat(200));
    })();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    // An interior page of the scratch table, damaged on disk behind SQLite's back; the page cache is
    // dropped so the backup reads the damaged bytes.
    const page = sqlite
      .prepare("SELECT pageno FROM dbstat WHERE name = 'scratch' AND pagetype = 'internal' LIMIT 1")
      .pluck()
      .get() as number;
    const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
    const dbFile = join(t.dataDir, 'fams.db');
    const original = readFileSync(dbFile);
    writeFileSync(dbFile, Buffer.from(original).fill(0xff, (page - 1) * pageSize + 8, page * pageSize));
    sqlite.pragma('shrink_memory');
    const job = await finished(t, t.call(t.adminToken, 'backup.create', {}));
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'DB_CORRUPT' });
    expect(readdirSync(join(t.dataDir, 'backups'))).toEqual([]);
    // Undo the damage (the failed backup wrote nothing to the live file) so shutdown is clean.
    writeFileSync(dbFile, original);
    sqlite.pragma('shrink_memory');
    expect(sqlite.pragma('quick_check', { simple: true })).toBe('ok');
  });
});

describe('backup.restore', () => {
  it('keeps a pre-restore backup and brings back the old state exactly', async () => {
    t = sampleCore(500);
    const tok = t.adminToken;
    const { sqlite } = t.core.services;
    const saved = await jobResult<BackupInfo>(t, t.call(tok, 'backup.create', {}));
    const before = ledgerRows(sqlite);

    // Change things: edit and delete assets, change a setting.
    const a1 = t.call(tok, 'assets.get', { id: 1 });
    t.call(tok, 'assets.update', { id: 1, version: a1.version, name: '改过的名字' });
    const a2 = t.call(tok, 'assets.get', { id: 2 });
    t.call(tok, 'assets.delete', { id: 2, version: a2.version, reason: '录错了' });
    t.call(tok, 'backup.settings.update', { keep: 5, version: 0 });
    const changed = ledgerRows(sqlite);

    const r = await jobResult<RestoreResult>(t, t.call(tok, 'backup.restore', { name: saved.name }));
    expect(r).toMatchObject({ restored: saved.name, migrated: false, signInAgain: true });
    expect(r.preRestore).toMatch(/^fams-\d{8}-\d{6}-pre-restore(-\d+)?\.db$/);

    // The live connection sees the old state: every table identical, the audit log extended by the restore.
    const after = ledgerRows(sqlite);
    expect(withoutAudit(after)).toEqual(withoutAudit(before));
    expect(after.audit_log.slice(0, before.audit_log.length)).toEqual(before.audit_log);
    expect(t.call(tok, 'assets.get', { id: 1 }).name).toBe(a1.name);
    expect(t.call(tok, 'backup.settings.get', {})).toEqual({ keep: 14, version: 0 });
    const verify = t.call(tok, 'audit.verify', {});
    expect(verify.ok).toBe(true);
    expect(t.call(tok, 'audit.list', { action: 'backup.restored' }).total).toBe(1);

    // The state replaced was kept, and restoring it brings the changes back.
    const pre = fileRows(join(t.dataDir, 'backups', r.preRestore));
    expect(withoutAudit(pre)).toEqual(withoutAudit(changed));
    const back = await jobResult<RestoreResult>(t, t.call(tok, 'backup.restore', { name: r.preRestore }));
    expect(withoutAudit(ledgerRows(sqlite))).toEqual(withoutAudit(changed));
    expect(t.call(tok, 'assets.get', { id: 1 }).name).toBe('改过的名字');
    expect(t.call(tok, 'audit.verify', {}).ok).toBe(true);
    expect(
      t
        .call(tok, 'backup.list', {})
        .map((b) => b.kind)
        .sort(),
    ).toEqual(['manual', 'pre-restore', 'pre-restore']);
    expect(back.preRestore).not.toBe(r.preRestore);
  });

  it('stays available when the ledger failed its integrity check, and allows writes again afterwards', async () => {
    t = sampleCore(30);
    const tok = t.adminToken;
    const saved = await jobResult<BackupInfo>(t, t.call(tok, 'backup.create', {}));
    // As the background quick_check leaves it on a damaged file: every write refused.
    t.core.services.integrity = {
      status: 'failed',
      detail: 'simulated',
      checkedAt: new Date().toISOString(),
    };
    expect(t.raw(tok, 'backup.settings.update', { keep: 3, version: 0 })).toMatchObject({
      error: { code: 'DB_CORRUPT' },
    });
    const r = await jobResult<RestoreResult>(t, t.call(tok, 'backup.restore', { name: saved.name }));
    expect(t.core.services.integrity.status).toBe('ok');
    expect(t.call(tok, 'backup.settings.update', { keep: 3, version: 0 }).keep).toBe(3);
    expect(r.preRestore).toMatch(/pre-restore/);
  });

  it('refuses a backup with flipped bytes (checksum) or a damaged page (quick_check), changing nothing', async () => {
    t = sampleCore(2000);
    const tok = t.adminToken;
    const { sqlite } = t.core.services;
    const good = await jobResult<BackupInfo>(t, t.call(tok, 'backup.create', {}));
    const file = join(t.dataDir, 'backups', good.name);
    const live = ledgerRows(sqlite);

    // A few flipped bits in the middle of a record: only the checksum can tell.
    const flipped = readFileSync(file);
    for (const at of [flipped.length >> 1, (flipped.length >> 1) + 7]) flipped[at]! ^= 0x5a;
    writeFileSync(file, flipped);
    expect(t.call(tok, 'backup.preview', { name: good.name })).toMatchObject({
      checksum: 'mismatch',
      restorable: false,
    });
    const j1 = await finished(t, t.call(tok, 'backup.restore', { name: good.name }));
    expect(j1).toMatchObject({
      status: 'failed',
      error: { code: 'DB_CORRUPT', message: 'errors.backupChecksum' },
    });

    // Without a sidecar (a file copied in by hand), quick_check catches a wrecked page.
    const other = await jobResult<BackupInfo>(t, t.call(tok, 'backup.create', {}));
    const otherFile = join(t.dataDir, 'backups', other.name);
    rmSync(`${otherFile}.json`);
    const wrecked = readFileSync(otherFile);
    const root = new Database(otherFile, { readonly: true });
    const page = root
      .prepare("SELECT pageno FROM dbstat WHERE name = 'assets' AND pagetype = 'internal' LIMIT 1")
      .pluck()
      .get() as number;
    root.close();
    wrecked.fill(0x00, (page - 1) * 4096, page * 4096);
    writeFileSync(otherFile, wrecked);
    const p2 = t.call(tok, 'backup.preview', { name: other.name });
    expect(p2.checksum).toBe('unknown');
    expect(p2.quickCheck).not.toBe('ok');
    expect(p2.restorable).toBe(false);
    const j2 = await finished(t, t.call(tok, 'backup.restore', { name: other.name }));
    expect(j2).toMatchObject({ status: 'failed', error: { code: 'DB_CORRUPT' } });

    expect(ledgerRows(sqlite).assets).toEqual(live.assets);
    expect(t.call(tok, 'backup.list', {}).some((b) => b.kind === 'pre-restore')).toBe(false);
  });

  it('refuses a backup written by a newer schema before anything changes (DB_TOO_NEW)', async () => {
    t = sampleCore(20);
    const tok = t.adminToken;
    const good = await jobResult<BackupInfo>(t, t.call(tok, 'backup.create', {}));
    const newer = good.name.replace('.db', '-2.db');
    copyFileSync(join(t.dataDir, 'backups', good.name), join(t.dataDir, 'backups', newer));
    const db = new Database(join(t.dataDir, 'backups', newer));
    db.pragma('user_version = 999');
    db.close();
    expect(t.call(tok, 'backup.preview', { name: newer })).toMatchObject({
      newerThanApp: true,
      restorable: false,
    });
    expect(t.raw(tok, 'backup.restore', { name: newer })).toMatchObject({
      ok: false,
      error: { code: 'DB_TOO_NEW', params: { dbVersion: 999 } },
    });
    expect(backupFiles(t.dataDir)).toEqual([good.name, newer].sort());
    expect(t.raw(tok, 'backup.restore', { name: 'fams-20200101-000000.db' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(t.raw(tok, 'backup.preview', { name: '../fams.db' })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
  });
});

describe('automatic backups', () => {
  it('prunes the oldest automatic backups beyond backup.keep, never manual ones, and skips unchanged ledgers', async () => {
    t = sampleCore(20);
    const tok = t.adminToken;
    const core = t.core.services;
    t.call(tok, 'backup.settings.update', { keep: 3, version: 0 });
    const manual = await jobResult<BackupInfo>(t, t.call(tok, 'backup.create', {}));
    // Nothing changed since the manual backup: an automatic one would add nothing.
    expect(await automaticBackup(core, 'daily')).toBeNull();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const s = t.call(tok, 'backup.settings.get', {});
      t.call(tok, 'backup.settings.update', { keep: 3, version: s.version });
      made.push((await automaticBackup(core, 'daily'))!.name);
    }
    const daily = t
      .call(tok, 'backup.list', {})
      .filter((b) => b.kind === 'daily')
      .map((b) => b.name);
    expect(daily.sort()).toEqual(made.slice(2).sort());
    expect(existsSync(join(t.dataDir, 'backups', manual.name))).toBe(true);
    // Once a day at start: a daily backup exists for today, so the start-of-day check does nothing.
    t.call(tok, 'backup.settings.update', {
      keep: 3,
      version: t.call(tok, 'backup.settings.get', {}).version,
    });
    expect(await automaticBackup(core, 'daily', { onlyIfNoneToday: true })).toBeNull();
  });

  it('makes a daily backup after start and an exit backup on close', async () => {
    const dir = makeTempDir();
    try {
      const c = startCore({ dataDir: dir, adminPassword: ADMIN_PASSWORD });
      await c.close(); // first close: the set-up ledger is backed up on exit
      expect(backupFiles(dir)).toEqual([expect.stringMatching(/-exit\.db$/)]);
      const c2 = startCore({ dataDir: dir });
      await c2.close(); // nothing changed since: no second exit backup
      expect(backupFiles(dir)).toHaveLength(1);
      const c3 = startCore({ dataDir: dir, autoBackup: false });
      await c3.close();
      expect(backupFiles(dir)).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
