import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../src/main/api/permissions';
import { ADMIN_PASSWORD, startTestCore, type TestCore } from '../helpers/core';

// One core for the file: each test creates its own accounts and roles under unique names.
let t: TestCore;
beforeAll(() => {
  t = startTestCore();
});
afterAll(async () => {
  await t.close();
});

let n = 0;
const uniq = (p: string) => `${p}${++n}`;
const PW = 'secret-pass-1';

function createUser(roles: string[], extra: Record<string, unknown> = {}) {
  return t.call(t.adminToken, 'users.create', {
    username: uniq('u'),
    password: PW,
    displayName: '张三',
    roles,
    mustChangePassword: false,
    ...extra,
  });
}

const lastAudit = (action: string) => t.call(t.adminToken, 'audit.list', { action, limit: 1 }).rows[0]!;

describe('users.*', () => {
  it('creates an account with a scrypt hash and existing roles only, audited without the password', () => {
    const u = createUser(['clerk', 'approver']);
    expect(u).toMatchObject({ displayName: '张三', roles: ['approver', 'clerk'], active: true, version: 1 });
    expect(u.permissions).toEqual(expect.arrayContaining(['assets.write', 'settings.read']));
    const hash = t.core.services.sqlite
      .prepare('SELECT password_hash FROM users WHERE id = ?')
      .pluck()
      .get(u.id);
    expect(hash).toMatch(/^scrypt\$/);
    expect(t.login(u.username, PW)).toBeTruthy();

    const audit = lastAudit('users.create');
    expect(audit).toMatchObject({ entity: 'user', entityId: String(u.id) });
    expect(audit.details).toMatchObject({ username: u.username, roles: ['approver', 'clerk'] });
    expect(JSON.stringify(audit.details)).not.toContain(PW);

    const bad = t.raw(t.adminToken, 'users.create', {
      username: uniq('u'),
      password: PW,
      displayName: 'x',
      roles: ['clerk', 'no_such_role'],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'roles', message: 'validation.unknownRole' }] },
    });
  });

  it('refuses a taken username (case-insensitive) and unknown departments', () => {
    const u = createUser(['clerk']);
    const dup = t.raw(t.adminToken, 'users.create', {
      username: u.username.toUpperCase(),
      password: PW,
      displayName: 'x',
      roles: ['clerk'],
    });
    expect(dup).toMatchObject({ error: { code: 'VALIDATION', details: [{ path: 'username' }] } });
    const dept = t.raw(t.adminToken, 'users.create', {
      username: uniq('u'),
      password: PW,
      displayName: 'x',
      roles: ['clerk'],
      departmentId: 99999,
    });
    expect(dept).toMatchObject({ error: { code: 'VALIDATION', details: [{ path: 'departmentId' }] } });
    const short = t.raw(t.adminToken, 'users.create', {
      username: uniq('u'),
      password: 'short',
      displayName: 'x',
      roles: ['clerk'],
    });
    expect(short).toMatchObject({
      error: { code: 'VALIDATION', details: [{ path: 'password', message: 'validation.passwordTooShort' }] },
    });
  });

  it('updates with the version read; a stale version is a CONFLICT naming who changed it', () => {
    const u = createUser(['clerk']);
    const v2 = t.call(t.adminToken, 'users.update', {
      id: u.id,
      version: 1,
      displayName: '李四',
      roles: ['accountant'],
    });
    expect(v2).toMatchObject({ displayName: '李四', roles: ['accountant'], version: 2 });
    const audit = lastAudit('users.update');
    expect(audit.details).toMatchObject({
      changes: expect.arrayContaining([
        { field: 'displayName', before: '张三', after: '李四' },
        { field: 'roles', before: ['clerk'], after: ['accountant'] },
      ]),
    });
    const stale = t.raw(t.adminToken, 'users.update', { id: u.id, version: 1, displayName: '王五' });
    expect(stale).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { currentVersion: 2, changedBy: 'admin', action: 'users.update' } },
    });
    expect(t.call(t.adminToken, 'users.get', { id: u.id }).displayName).toBe('李四');
    expect(t.raw(t.adminToken, 'users.get', { id: 987654 })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('role changes take effect on the next call of an existing session', () => {
    const u = createUser(['employee']);
    const token = t.login(u.username, PW);
    expect(t.raw(token, 'audit.list', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    t.call(t.adminToken, 'users.update', { id: u.id, version: u.version, roles: ['auditor'] });
    expect(t.raw(token, 'audit.list', {})).toMatchObject({ ok: true });
  });

  it('deactivating ends the user’s sessions and blocks sign-in; reactivating allows it again', () => {
    const u = createUser(['clerk']);
    const token = t.login(u.username, PW);
    expect(t.raw(token, 'auth.me')).toMatchObject({ ok: true });
    const off = t.call(t.adminToken, 'users.update', { id: u.id, version: u.version, active: false });
    expect(off.active).toBe(false);
    const { sqlite } = t.core.services;
    expect(sqlite.prepare('SELECT COUNT(*) FROM sessions WHERE user_id = ?').pluck().get(u.id)).toBe(0);
    expect(t.raw(token, 'auth.me')).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(lastAudit('users.update').details).toMatchObject({ sessionsEnded: 1 });
    expect(t.raw(null, 'auth.login', { username: u.username, password: PW })).toMatchObject({ ok: false });
    expect(t.call(t.adminToken, 'users.list', { query: u.username }).total).toBe(0);
    expect(t.call(t.adminToken, 'users.list', { query: u.username, includeInactive: true }).rows[0]!.id).toBe(
      u.id,
    );
    const on = t.call(t.adminToken, 'users.update', { id: u.id, version: off.version, active: true });
    expect(on.active).toBe(true);
    expect(t.login(u.username, PW)).toBeTruthy();
  });

  it('the last active admin can neither be deactivated nor lose the admin role', () => {
    const admin = t.call(t.adminToken, 'auth.me');
    // Other admins in the file may exist from earlier tests; make sure admin is the only active one.
    const others = t
      .call(t.adminToken, 'users.list', { limit: 500 })
      .rows.filter((r) => r.roles.includes('admin') && r.id !== admin.id);
    for (const o of others)
      t.call(t.adminToken, 'users.update', { id: o.id, version: o.version, active: false });

    expect(
      t.raw(t.adminToken, 'users.update', { id: admin.id, version: admin.version, active: false }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'errors.lastAdmin',
        details: [{ path: 'active', message: 'validation.lastAdmin' }],
      },
    });
    expect(
      t.raw(t.adminToken, 'users.update', { id: admin.id, version: admin.version, roles: ['clerk'] }),
    ).toMatchObject({
      error: { code: 'VALIDATION', details: [{ path: 'roles', message: 'validation.lastAdmin' }] },
    });
    // An inactive second admin does not count; an active one does.
    const second = createUser(['admin']);
    const demoted = t.call(t.adminToken, 'users.update', {
      id: admin.id,
      version: admin.version,
      roles: ['admin', 'clerk'],
    });
    expect(demoted.roles).toEqual(['admin', 'clerk']);
    const secondToken = t.login(second.username, PW);
    const me = t.call(secondToken, 'users.update', {
      id: admin.id,
      version: demoted.version,
      roles: ['clerk'],
    });
    expect(me.roles).toEqual(['clerk']);
    // Now `second` is the last admin and cannot deactivate themselves.
    expect(
      t.raw(secondToken, 'users.update', { id: second.id, version: second.version, active: false }),
    ).toMatchObject({
      error: { code: 'VALIDATION', message: 'errors.lastAdmin' },
    });
    // Restore admin for the other tests.
    t.call(secondToken, 'users.update', { id: admin.id, version: me.version, roles: ['admin'] });
  });

  it('resetPassword sets must-change, unlocks and ends sessions; the new password works', () => {
    const u = createUser(['clerk']);
    const token = t.login(u.username, PW);
    for (let i = 0; i < 5; i++) t.raw(null, 'auth.login', { username: u.username, password: 'wrong-' + i });
    expect(t.raw(null, 'auth.login', { username: u.username, password: PW })).toMatchObject({
      error: { code: 'ACCOUNT_LOCKED' },
    });
    expect(t.call(t.adminToken, 'users.get', { id: u.id }).lockedUntil).not.toBeNull();
    expect(t.call(t.adminToken, 'users.resetPassword', { id: u.id, newPassword: 'brand-new-pass' })).toEqual({
      ok: true,
    });
    expect(t.raw(token, 'auth.me')).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const after = t.call(t.adminToken, 'users.get', { id: u.id });
    expect(after).toMatchObject({ lockedUntil: null, mustChangePassword: true });
    const audit = lastAudit('users.resetPassword');
    expect(audit.details).toMatchObject({ username: u.username, wasLocked: true, sessionsEnded: 1 });
    expect(JSON.stringify(audit.details)).not.toContain('brand-new-pass');
    expect(t.raw(null, 'auth.login', { username: u.username, password: PW })).toMatchObject({
      error: { code: 'BAD_CREDENTIALS' },
    });
    expect(
      t.call(null, 'auth.login', { username: u.username, password: 'brand-new-pass' }).user
        .mustChangePassword,
    ).toBe(true);
  });

  it('unlock clears a lockout', () => {
    const u = createUser(['clerk']);
    for (let i = 0; i < 5; i++) t.raw(null, 'auth.login', { username: u.username, password: 'wrong-' + i });
    expect(t.raw(null, 'auth.login', { username: u.username, password: PW })).toMatchObject({
      error: { code: 'ACCOUNT_LOCKED' },
    });
    const unlocked = t.call(t.adminToken, 'users.unlock', { id: u.id });
    expect(unlocked.lockedUntil).toBeNull();
    expect(unlocked.version).toBe(u.version + 1);
    expect(lastAudit('users.unlock')).toMatchObject({
      entityId: String(u.id),
      details: { username: u.username },
    });
    expect(t.login(u.username, PW)).toBeTruthy();
  });

  it('only users.manage may administer accounts', () => {
    const clerk = createUser(['clerk']);
    const token = t.login(clerk.username, PW);
    expect(t.raw(token, 'users.list', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(t.raw(token, 'users.resetPassword', { id: clerk.id, newPassword: 'whatever-123' })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(t.call(token, 'roles.list').length).toBeGreaterThanOrEqual(7);
  });
});

describe('roles.*', () => {
  it('lists the built-in roles first with their permissions and user counts; admin holds every permission', () => {
    const roles = t.call(t.adminToken, 'roles.list');
    expect(roles.slice(0, 7).map((r) => r.key)).toEqual([
      'admin',
      'asset_manager',
      'clerk',
      'accountant',
      'approver',
      'auditor',
      'employee',
    ]);
    const admin = roles.find((r) => r.key === 'admin')!;
    expect(admin).toMatchObject({ builtin: true, name: '系统管理员' });
    expect(admin.permissions.sort()).toEqual([...PERMISSIONS].sort());
    expect(admin.userCount).toBeGreaterThanOrEqual(1);
    expect(t.call(t.adminToken, 'roles.permissions')).toEqual([...PERMISSIONS]);
  });

  it('creates, edits and deletes a custom role; permissions apply to its holders', () => {
    const key = uniq('inspector_');
    const r = t.call(t.adminToken, 'roles.create', { key, name: '巡检员', permissions: ['assets.read'] });
    expect(r).toMatchObject({ key, builtin: false, userCount: 0, version: 1, permissions: ['assets.read'] });
    expect(t.raw(t.adminToken, 'roles.create', { key, name: 'dup', permissions: [] })).toMatchObject({
      error: { code: 'VALIDATION', details: [{ path: 'key', message: 'validation.roleKeyTaken' }] },
    });
    const u = createUser([key]);
    const token = t.login(u.username, PW);
    expect(t.raw(token, 'audit.list', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const r2 = t.call(t.adminToken, 'roles.update', {
      key,
      version: 1,
      permissions: ['assets.read', 'audit.read'],
    });
    expect(r2).toMatchObject({ version: 2, userCount: 1 });
    expect(lastAudit('roles.update').details).toMatchObject({ permissionsAdded: ['audit.read'] });
    expect(t.raw(token, 'audit.list', {})).toMatchObject({ ok: true });
    expect(t.raw(t.adminToken, 'roles.update', { key, version: 1, name: 'stale' })).toMatchObject({
      error: { code: 'CONFLICT', details: { currentVersion: 2, changedBy: 'admin' } },
    });

    expect(t.raw(t.adminToken, 'roles.delete', { key })).toMatchObject({
      error: {
        code: 'IN_USE',
        message: 'errors.roleInUse',
        params: { key, users: 1, usernames: [u.username] },
      },
    });
    t.call(t.adminToken, 'users.update', { id: u.id, version: u.version, roles: ['clerk'] });
    expect(t.call(t.adminToken, 'roles.delete', { key })).toEqual({ key });
    expect(lastAudit('roles.delete')).toMatchObject({ entity: 'role', entityId: key });
    expect(t.raw(t.adminToken, 'roles.delete', { key })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('built-in roles cannot be deleted but can be edited; the admin role keeps every permission', () => {
    expect(t.raw(t.adminToken, 'roles.delete', { key: 'approver' })).toMatchObject({
      error: { code: 'VALIDATION', message: 'errors.builtinRole' },
    });
    const admin = t.call(t.adminToken, 'roles.list').find((r) => r.key === 'admin')!;
    expect(
      t.raw(t.adminToken, 'roles.update', {
        key: 'admin',
        version: admin.version,
        permissions: ['assets.read'],
      }),
    ).toMatchObject({
      error: {
        code: 'VALIDATION',
        details: [{ path: 'permissions', message: 'validation.adminKeepsAllPermissions' }],
      },
    });
    const renamed = t.call(t.adminToken, 'roles.update', {
      key: 'admin',
      version: admin.version,
      name: '超级管理员',
    });
    expect(renamed.permissions.sort()).toEqual([...PERMISSIONS].sort());
    t.call(t.adminToken, 'roles.update', { key: 'admin', version: renamed.version, name: '系统管理员' });

    // Even if the stored row is trimmed behind the app's back, admins keep every permission.
    t.core.services.sqlite
      .prepare(`UPDATE roles SET permissions = '["assets.read"]' WHERE key = 'admin'`)
      .run();
    expect(t.call(t.adminToken, 'auth.me').permissions.sort()).toEqual([...PERMISSIONS].sort());

    const approver = t.call(t.adminToken, 'roles.list').find((r) => r.key === 'approver')!;
    const edited = t.call(t.adminToken, 'roles.update', {
      key: 'approver',
      version: approver.version,
      permissions: [...approver.permissions, 'audit.read'],
    });
    expect(edited.permissions).toContain('audit.read');
  });

  it('admin password still works after all of the above (sanity of the shared core)', () => {
    expect(t.login('admin', ADMIN_PASSWORD)).toBeTruthy();
  });
});
