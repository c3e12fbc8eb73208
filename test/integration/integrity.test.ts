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

/** Writes garbage over the b-tree pages after the first two, as a failing disk would. */
function damage(file: string) {
  const pageSize = 4096;
  const pages = Math.floor(statSync(file).size / pageSize);
  const fd = openSync(file, 'r+');
  for (let p = Math.max(2, pages >> 1); p < pages; p += 3) writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, p * pageSize);
  closeSync(fd);
}

function prepare(): { dir: string; file: string } {
  const dir = makeTempDir();
  const c = startCore({ dataDir: dir, adminPassword: ADMIN_PASSWORD });
  const tok = c.dispatch({ token: null, source: 'desktop' }, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
  expect(tok.ok).toBe(true);
  c.services.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return { dir, file: join(dir, 'fams.db') };
}

describe('quick_check at start', () => {
  it('a damaged small ledger is refused at open with DB_CORRUPT', async () => {
    const { dir, file } = prepare();
    damage(file);
    expect(() => startCore({ dataDir: dir, integrity: 'sync' })).toThrowError(/DB_CORRUPT|malformed|corrupt/i);
  });

  it('a large ledger is checked in the background; a failure reports and then refuses writes', async () => {
    const { dir, file } = prepare();
    damage(file);
    const c = startCore({ dataDir: dir, integrity: 'background' });
    core = c;
    const seen = new Promise((res) => c.events.on((e) => e.type === 'system.integrity' && res(e.payload)));
    expect(c.services.integrity.status).toBe('checking');
    expect(await seen).toMatchObject({ status: 'failed' });
    const write = c.dispatch({ token: null, source: 'desktop' }, 'auth.login', { username: 'admin', password: 'x' });
    expect(write).toMatchObject({ ok: false, error: { code: 'DB_CORRUPT' } });
  });

  it('a sound ledger checked in the background reports ok and keeps working', async () => {
    const { dir } = prepare();
    const c = startCore({ dataDir: dir, integrity: 'background' });
    core = c;
    const seen = new Promise((res) => c.events.on((e) => e.type === 'system.integrity' && res(e.payload)));
    expect(await seen).toMatchObject({ status: 'ok' });
    const r = c.dispatch({ token: null, source: 'desktop' }, 'system.status', {});
    expect(r).toMatchObject({ ok: true, data: { integrity: 'ok' } });
  });
});
