import { afterEach, describe, expect, it } from 'vitest';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { startCore, type Core } from '../../src/main/core';
import { ADMIN_PASSWORD, makeTempDir } from '../helpers/core';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

/**
 * Writes garbage over the last pages of the file, as a failing disk would. prepare() fills a
 * scratch table last, so those pages are its data, not the schema the open itself reads.
 */
function damage(file: string) {
  const pageSize = 4096;
  const pages = Math.floor(statSync(file).size / pageSize);
  const fd = openSync(file, 'r+');
  for (let p = pages - 20; p < pages; p += 2) writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, p * pageSize);
  closeSync(fd);
}

async function prepare(): Promise<{ dir: string; file: string }> {
  const dir = makeTempDir();
  const c = startCore({ dataDir: dir, adminPassword: ADMIN_PASSWORD, autoBackup: false, devices: false });
  const tok = c.dispatch({ token: null, source: 'desktop' }, 'auth.login', {
    username: 'admin',
    password: ADMIN_PASSWORD,
  });
  expect(tok.ok).toBe(true);
  const { sqlite } = c.services;
  sqlite.exec('CREATE TABLE scratch_fill (n INTEGER PRIMARY KEY, pad TEXT)');
  const fill = sqlite.prepare('INSERT INTO scratch_fill (pad) VALUES (?)');
  sqlite.transaction(() => {
    for (let i = 0; i < 2000; i++) fill.run('x'.repeat(200));
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await c.close();
  return { dir, file: join(dir, 'fams.db') };
}

describe('quick_check at start', () => {
  it('a damaged small ledger is refused at open with DB_CORRUPT', async () => {
    const { dir, file } = await prepare();
    damage(file);
    expect(() => startCore({ dataDir: dir, integrity: 'sync' })).toThrowError(
      /DB_CORRUPT|malformed|corrupt/i,
    );
  });

  it('a large ledger is checked in the background; a failure reports and then refuses writes', async () => {
    const { dir, file } = await prepare();
    damage(file);
    const c = startCore({ dataDir: dir, integrity: 'background' });
    core = c;
    const seen = new Promise((res) => c.events.on((e) => e.type === 'system.integrity' && res(e.payload)));
    expect(c.services.integrity.status).toBe('checking');
    expect(await seen).toMatchObject({ status: 'failed' });
    const write = c.dispatch({ token: null, source: 'desktop' }, 'auth.login', {
      username: 'admin',
      password: 'x',
    });
    expect(write).toMatchObject({ ok: false, error: { code: 'DB_CORRUPT' } });
  });

  it('a sound ledger checked in the background reports ok and keeps working', async () => {
    const { dir } = await prepare();
    const c = startCore({ dataDir: dir, integrity: 'background' });
    core = c;
    const seen = new Promise((res) => c.events.on((e) => e.type === 'system.integrity' && res(e.payload)));
    expect(await seen).toMatchObject({ status: 'ok' });
    const r = c.dispatch({ token: null, source: 'desktop' }, 'system.status', {});
    expect(r).toMatchObject({ ok: true, data: { integrity: 'ok' } });
  });
});
