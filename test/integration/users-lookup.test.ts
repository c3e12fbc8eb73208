// users.lookup: any signed-in user can find a person by display name to name them (approver,
// delegate); the answer carries names and departments only, never account details.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';

let t: TestCore;
let employeeToken: string;
let deptId: number;

beforeAll(() => {
  t = startTestCore();
  deptId = t.call(t.adminToken, 'settings.departments.create', { code: 'D1', name: '研发部' }).id;
  const mk = (username: string, displayName: string, role: string, departmentId: number | null = null) =>
    t.call(t.adminToken, 'users.create', {
      username,
      password: 'lookup-pass-1',
      displayName,
      roles: [role],
      departmentId,
      mustChangePassword: false,
    });
  mk('emp', '张小明', 'employee', deptId);
  mk('gm', '王总经理', 'approver');
  mk('fin', '钱会计', 'accountant');
  const gone = mk('gone', '王离职', 'approver');
  t.call(t.adminToken, 'users.update', { id: gone.id, version: gone.version, active: false });
  employeeToken = t.login('emp', 'lookup-pass-1');
});
afterAll(async () => {
  await t.close();
});

describe('users.lookup', () => {
  it('lets someone without users.manage search active people by display name', () => {
    expect(t.raw(employeeToken, 'users.list', {}).ok).toBe(false);
    const rows = t.call(employeeToken, 'users.lookup', { q: '王' });
    expect(rows.map((r) => r.displayName)).toEqual(['王总经理']);
  });

  it('exposes only id, display name and department', () => {
    const rows = t.call(employeeToken, 'users.lookup', { q: '张' });
    expect(rows).toEqual([{ id: expect.any(Number), displayName: '张小明', departmentId: deptId }]);
    expect(Object.keys(rows[0]!).sort()).toEqual(['departmentId', 'displayName', 'id']);
  });

  it('does not search by username, and treats LIKE wildcards literally', () => {
    expect(t.call(employeeToken, 'users.lookup', { q: 'gm' })).toEqual([]);
    expect(t.call(employeeToken, 'users.lookup', { q: '%' })).toEqual([]);
  });

  it('narrows to people who may approve, and honours the limit', () => {
    const approvers = t.call(employeeToken, 'users.lookup', { approvers: true, limit: 100 });
    const names = approvers.map((r) => r.displayName);
    expect(names).toContain('王总经理');
    expect(names).toContain('钱会计');
    expect(names).not.toContain('张小明');
    expect(t.call(employeeToken, 'users.lookup', { limit: 2 })).toHaveLength(2);
  });

  it('names given ids, inactive people included (an old template step still shows its person)', () => {
    const all = t.call(t.adminToken, 'users.list', { includeInactive: true, limit: 100 }).rows;
    const gone = all.find((u) => u.username === 'gone')!;
    const gm = all.find((u) => u.username === 'gm')!;
    const rows = t.call(employeeToken, 'users.lookup', { ids: [gone.id, gm.id, 99999] });
    expect(rows.map((r) => r.displayName)).toEqual(['王离职', '王总经理']);
  });

  it('finds former staff only when asked (the audit log filter names them)', () => {
    expect(t.call(employeeToken, 'users.lookup', { q: '离职' })).toEqual([]);
    const rows = t.call(employeeToken, 'users.lookup', { q: '离职', includeInactive: true });
    expect(rows.map((r) => r.displayName)).toEqual(['王离职']);
  });

  it('refuses callers without a session', () => {
    const r = t.raw(null, 'users.lookup', {});
    expect(r.ok ? 'OK' : r.error.code).toBe('UNAUTHENTICATED');
  });
});
