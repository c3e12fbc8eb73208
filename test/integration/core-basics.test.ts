import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startCore } from '../../src/main/core';
import { ADMIN_PASSWORD, makeTempDir, startTestCore, type TestCore } from '../helpers/core';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('core start and the single door', () => {
  it('headless first run creates admin, who can sign in and read their permissions', () => {
    t = startTestCore();
    const me = t.call(t.adminToken, 'auth.me', {});
    expect(me.username).toBe('admin');
    expect(me.roles).toEqual(['admin']);
    expect(me.permissions).toContain('users.manage');
  });

  it('answers unknown method, no session, bad credentials and invalid input the same way', () => {
    t = startTestCore();
    expect(t.raw(t.adminToken, 'nope.nothing')).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(t.raw(null, 'auth.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(t.raw('forged-token', 'auth.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(t.raw(null, 'auth.login', { username: 'admin', password: 'wrong' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS' },
    });
    const bad = t.raw(null, 'auth.login', { username: '', password: 5 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const paths = (bad as { error: { details: { path: string }[] } }).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'password']));
  });

  it('locks an account after five failed sign-ins, and the failures are audited', () => {
    t = startTestCore();
    for (let i = 0; i < 4; i++) {
      expect(t.raw(null, 'auth.login', { username: 'admin', password: 'bad' + i })).toMatchObject({
        error: { code: 'BAD_CREDENTIALS' },
      });
    }
    expect(t.raw(null, 'auth.login', { username: 'admin', password: 'bad5' })).toMatchObject({
      error: { code: 'ACCOUNT_LOCKED' },
    });
    // Even the right password is refused while locked.
    expect(t.raw(null, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD })).toMatchObject({
      error: { code: 'ACCOUNT_LOCKED' },
    });
    const audit = t.call(t.adminToken, 'audit.list', { action: 'auth.login_failed' });
    expect(audit.total).toBe(5);
  });

  it('refuses a database written by a newer app, without touching it', async () => {
    const dir = makeTempDir();
    const c = startCore({ dataDir: dir, adminPassword: ADMIN_PASSWORD });
    await c.close();
    const file = join(dir, 'fams.db');
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => startCore({ dataDir: dir })).toThrowError(/DB_TOO_NEW/);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(999);
    again.close();
  });

  it('audit log is append-only and verify names the first row edited behind the app’s back', async () => {
    t = startTestCore();
    t.call(t.adminToken, 'auth.changePassword', {
      oldPassword: ADMIN_PASSWORD,
      newPassword: 'another-pass-1',
    });
    const before = t.call(t.adminToken, 'audit.verify', {});
    expect(before.ok).toBe(true);
    expect(before.checked).toBeGreaterThanOrEqual(3);
    const { sqlite } = t.core.services;
    expect(() => sqlite.prepare("UPDATE audit_log SET username = 'x' WHERE id = 2").run()).toThrow(
      /append-only/,
    );
    expect(() => sqlite.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(/append-only/);
    // Someone drops the trigger and edits row 2 with a SQLite tool.
    sqlite.exec('DROP TRIGGER audit_log_no_update');
    sqlite.prepare("UPDATE audit_log SET username = 'mallory' WHERE id = 2").run();
    const after = t.call(t.adminToken, 'audit.verify', {});
    expect(after).toMatchObject({ ok: false, firstBroken: { id: 2, reason: 'hash' } });
  });
});

describe('audit rows name who and what', () => {
  it('sign-in rows carry the user, and a write without its own audit row names its entity', () => {
    t = startTestCore();
    const rows = t.call(t.adminToken, 'audit.list', { action: 'auth.login' }).rows;
    expect(rows[0]).toMatchObject({ action: 'auth.login', username: 'admin', entity: 'user' });
    expect(rows[0]!.userId).toBeGreaterThan(0);
    t.raw(null, 'auth.login', { username: 'nobody', password: 'x' });
    const failed = t.call(t.adminToken, 'audit.list', { action: 'auth.login_failed' }).rows[0]!;
    expect(failed).toMatchObject({ username: 'nobody', userId: null });
  });

  it('filters by local calendar day', () => {
    // 2024-03-10 23:30 local time is still the 10th in the office, whatever UTC says.
    const at = new Date(2024, 2, 10, 23, 30);
    t = startTestCore({ now: () => at });
    const day = t.call(t.adminToken, 'audit.list', { from: '2024-03-10', to: '2024-03-10' });
    expect(day.total).toBeGreaterThanOrEqual(2);
    expect(t.call(t.adminToken, 'audit.list', { from: '2024-03-11' }).total).toBe(0);
    expect(t.call(t.adminToken, 'audit.list', { to: '2024-03-09' }).total).toBe(0);
  });
});
