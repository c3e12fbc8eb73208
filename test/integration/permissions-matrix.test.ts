// Walks every API method × every built-in role (and no session) and checks the dispatcher's
// answer against the contract's access rule and the default role table. Methods added to
// `contracts` later are covered automatically.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts } from '../../src/main/api/contracts';
import type { Access } from '../../src/main/api/contract';
import { handlers } from '../../src/main/api/handlers';
import { DEFAULT_ROLES, PERMISSIONS, ROLE_KEYS, type RoleKey } from '../../src/main/api/permissions';
import { createSession } from '../../src/main/modules/users/accounts';
import type { ApiResult } from '../../src/main/api/errors-shared';
import { startTestCore, type TestCore } from '../helpers/core';

const METHODS = Object.keys(contracts).sort();
const specs = contracts as Record<string, { access: Access; mode: 'read' | 'write' }>;

/** Written out independently of dispatch's own check, from the contract and DEFAULT_ROLES. */
function expectedAllowed(role: RoleKey, access: Access): boolean {
  if (access === 'public' || access === 'session') return true;
  const needed = typeof access === 'string' ? [access] : access;
  return needed.some((p) => DEFAULT_ROLES[role].permissions.includes(p));
}

let t: TestCore;
const userIds = new Map<RoleKey, number>();

beforeAll(() => {
  t = startTestCore();
  for (const role of ROLE_KEYS) {
    const u = t.call(t.adminToken, 'users.create', {
      username: `matrix_${role}`,
      password: 'matrix-pass-1',
      displayName: role,
      roles: [role],
      mustChangePassword: false,
    });
    userIds.set(role, u.id);
  }
});
afterAll(async () => {
  await t.close();
});

/**
 * A fresh session per call: calls such as auth.logout or auth.changePassword end sessions, and no
 * call may leave the next one without a signed-in user.
 */
function callAs(role: RoleKey | null, method: string): ApiResult<unknown> {
  const token = role
    ? createSession(t.core.services.sqlite, userIds.get(role)!, 'desktop', new Date())
    : null;
  return t.raw(token, method, {});
}

const codeOf = (r: ApiResult<unknown>) => (r.ok ? 'OK' : r.error.code);

describe('permission matrix', () => {
  it('covers a meaningful API, and every contract method has a handler', () => {
    expect(METHODS.length).toBeGreaterThanOrEqual(20);
    const missing = METHODS.filter((m) => typeof (handlers as Record<string, unknown>)[m] !== 'function');
    expect(missing).toEqual([]);
  });

  it('every access rule names known permissions', () => {
    const known = new Set<string>(PERMISSIONS);
    for (const m of METHODS) {
      const a = specs[m]!.access;
      if (a === 'public' || a === 'session') continue;
      for (const p of typeof a === 'string' ? [a] : a) expect(known.has(p), `${m} → ${p}`).toBe(true);
    }
  });

  it('the seeded roles are exactly DEFAULT_ROLES (admin: every permission)', () => {
    const roles = t.call(t.adminToken, 'roles.list');
    for (const key of ROLE_KEYS) {
      const r = roles.find((x) => x.key === key)!;
      const want = key === 'admin' ? [...PERMISSIONS] : DEFAULT_ROLES[key].permissions;
      expect([...r.permissions].sort(), key).toEqual([...want].sort());
    }
  });

  for (const role of ROLE_KEYS) {
    it(`role ${role}: FORBIDDEN exactly where its permissions do not reach`, () => {
      const wrong: string[] = [];
      for (const m of METHODS) {
        const allowed = expectedAllowed(role, specs[m]!.access);
        const code = codeOf(callAs(role, m));
        const ok = allowed
          ? !['FORBIDDEN', 'UNAUTHENTICATED', 'UNKNOWN_METHOD', 'INTERNAL'].includes(code)
          : code === 'FORBIDDEN';
        if (!ok) wrong.push(`${m}: expected ${allowed ? 'allowed' : 'FORBIDDEN'}, got ${code}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('without a session: public methods answer, every other method is UNAUTHENTICATED', () => {
    const wrong: string[] = [];
    for (const m of METHODS) {
      const code = codeOf(callAs(null, m));
      const ok =
        specs[m]!.access === 'public'
          ? !['FORBIDDEN', 'UNAUTHENTICATED', 'UNKNOWN_METHOD', 'INTERNAL'].includes(code)
          : code === 'UNAUTHENTICATED';
      if (!ok) wrong.push(`${m}: got ${code}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the matrix walk changed nothing it should not have: every role user still signs in', () => {
    for (const role of ROLE_KEYS) {
      expect(
        t.raw(null, 'auth.login', { username: `matrix_${role}`, password: 'matrix-pass-1' }).ok,
        role,
      ).toBe(true);
    }
  });
});

/**
 * Pinned by hand, so a careless edit of DEFAULT_ROLES (or of a contract's access) fails here even
 * though the derived matrix above would silently follow it.
 */
const PINNED: [RoleKey, string, 'allow' | 'deny'][] = [
  ['employee', 'assets.create', 'deny'],
  ['employee', 'assets.update', 'deny'],
  ['employee', 'assets.list', 'allow'],
  ['employee', 'assets.get', 'allow'],
  ['employee', 'audit.list', 'deny'],
  ['employee', 'users.list', 'deny'],
  ['employee', 'users.lookup', 'allow'],
  ['approver', 'users.lookup', 'allow'],
  ['auditor', 'audit.list', 'allow'],
  ['auditor', 'audit.verify', 'allow'],
  ['auditor', 'assets.list', 'allow'],
  ['auditor', 'assets.update', 'deny'],
  ['auditor', 'assets.create', 'deny'],
  ['auditor', 'users.create', 'deny'],
  ['clerk', 'users.create', 'deny'],
  ['clerk', 'assets.create', 'allow'],
  ['clerk', 'assets.update', 'allow'],
  ['clerk', 'assets.delete', 'deny'],
  ['clerk', 'audit.list', 'deny'],
  ['clerk', 'labels.print', 'allow'],
  ['clerk', 'labels.render', 'allow'],
  ['clerk', 'labels.templates.update', 'deny'],
  ['asset_manager', 'labels.templates.create', 'allow'],
  ['asset_manager', 'labels.print', 'allow'],
  ['admin', 'labels.templates.delete', 'allow'],
  ['accountant', 'labels.print', 'deny'],
  ['clerk', 'labels.printerStatus', 'allow'],
  ['accountant', 'labels.printerStatus', 'deny'],
  ['clerk', 'labels.osPrinters', 'allow'],
  ['employee', 'labels.templates.list', 'deny'],
  ['accountant', 'settings.categories.create', 'deny'],
  ['accountant', 'assets.update', 'deny'],
  ['accountant', 'assets.list', 'allow'],
  ['approver', 'assets.create', 'deny'],
  ['asset_manager', 'assets.delete', 'allow'],
  ['asset_manager', 'settings.categories.create', 'allow'],
  ['asset_manager', 'users.create', 'deny'],
  ['asset_manager', 'audit.list', 'deny'],
  ['clerk', 'scans.submit', 'allow'],
  ['clerk', 'scans.list', 'allow'],
  ['clerk', 'rfid.start', 'allow'],
  ['clerk', 'rfid.bind', 'allow'],
  ['clerk', 'devices.add', 'deny'],
  ['clerk', 'devices.remove', 'deny'],
  ['clerk', 'rfid.power', 'deny'],
  ['asset_manager', 'devices.add', 'allow'],
  ['asset_manager', 'devices.update', 'allow'],
  ['asset_manager', 'scans.submit', 'allow'],
  ['accountant', 'scans.submit', 'deny'],
  ['accountant', 'scans.list', 'deny'],
  ['accountant', 'devices.list', 'deny'],
  ['auditor', 'scans.list', 'allow'],
  ['auditor', 'scans.submit', 'deny'],
  ['employee', 'rfid.start', 'deny'],
  ['admin', 'devices.add', 'allow'],
  ['admin', 'users.create', 'allow'],
  ['admin', 'roles.update', 'allow'],
  ['admin', 'audit.verify', 'allow'],
  ['admin', 'io.importPreview', 'allow'],
  ['asset_manager', 'io.importPreview', 'allow'],
  ['asset_manager', 'io.importCommit', 'allow'],
  ['asset_manager', 'io.export', 'allow'],
  ['clerk', 'io.importPreview', 'deny'],
  ['clerk', 'io.export', 'allow'],
  ['accountant', 'io.importCommit', 'deny'],
  ['accountant', 'io.export', 'allow'],
  ['auditor', 'io.export', 'allow'],
  ['auditor', 'io.templates', 'deny'],
  ['employee', 'io.export', 'deny'],
  ['employee', 'io.importPreview', 'deny'],
  ['admin', 'backup.create', 'allow'],
  ['admin', 'backup.list', 'allow'],
  ['admin', 'backup.restore', 'allow'],
  ['asset_manager', 'backup.restore', 'deny'],
  ['asset_manager', 'backup.create', 'deny'],
  ['accountant', 'backup.exportArchive', 'deny'],
  ['auditor', 'backup.list', 'deny'],
  ['clerk', 'backup.importArchive', 'deny'],
  ['admin', 'backup.readArchive', 'allow'],
  ['accountant', 'backup.readArchive', 'deny'],
  ['admin', 'backup.uploadArchive', 'allow'],
  ['clerk', 'backup.uploadArchive', 'deny'],
  ['employee', 'backup.delete', 'deny'],
  ['accountant', 'depreciation.run', 'allow'],
  ['accountant', 'periods.close', 'allow'],
  ['accountant', 'periods.reopen', 'deny'],
  ['accountant', 'changes.create', 'allow'],
  ['accountant', 'changes.approve', 'allow'],
  ['accountant', 'periods.list', 'allow'],
  ['asset_manager', 'changes.create', 'allow'],
  ['asset_manager', 'changes.approve', 'deny'],
  ['asset_manager', 'depreciation.run', 'deny'],
  ['asset_manager', 'changes.list', 'allow'],
  ['auditor', 'periods.list', 'allow'],
  ['auditor', 'depreciation.entries', 'allow'],
  ['auditor', 'depreciation.run', 'deny'],
  ['auditor', 'periods.close', 'deny'],
  ['clerk', 'depreciation.entries', 'deny'],
  ['clerk', 'changes.create', 'deny'],
  ['employee', 'periods.list', 'deny'],
  ['approver', 'changes.approve', 'deny'],
  ['admin', 'periods.reopen', 'allow'],
  ['accountant', 'reports.export', 'allow'],
  ['accountant', 'vouchers.generate', 'allow'],
  ['accountant', 'accounts.mapping.update', 'allow'],
  ['accountant', 'tax.update', 'allow'],
  ['asset_manager', 'reports.preview', 'allow'],
  ['asset_manager', 'vouchers.generate', 'deny'],
  ['asset_manager', 'accounts.mapping.update', 'deny'],
  ['asset_manager', 'usage.set', 'allow'],
  ['auditor', 'reports.export', 'allow'],
  ['auditor', 'vouchers.list', 'allow'],
  ['auditor', 'vouchers.generate', 'deny'],
  ['auditor', 'accounts.mapping.update', 'deny'],
  ['auditor', 'usage.set', 'deny'],
  ['clerk', 'reports.preview', 'deny'],
  ['employee', 'reports.export', 'deny'],
  ['approver', 'vouchers.list', 'deny'],
  ['admin', 'vouchers.generate', 'allow'],
  ['clerk', 'counts.scan', 'allow'],
  ['clerk', 'counts.get', 'allow'],
  ['clerk', 'counts.create', 'deny'],
  ['clerk', 'counts.resolve', 'deny'],
  ['clerk', 'counts.post', 'deny'],
  ['asset_manager', 'counts.create', 'allow'],
  ['asset_manager', 'counts.finish', 'allow'],
  ['asset_manager', 'counts.post', 'allow'],
  ['approver', 'counts.post', 'allow'],
  ['approver', 'counts.scan', 'deny'],
  ['approver', 'counts.resolve', 'deny'],
  ['auditor', 'counts.report', 'allow'],
  ['auditor', 'counts.scan', 'deny'],
  ['employee', 'counts.get', 'deny'],
  ['auditor', 'counts.reportFile', 'allow'],
  ['approver', 'counts.reportFile', 'allow'],
  ['clerk', 'counts.reportFile', 'deny'],
  ['clerk', 'counts.scans', 'allow'],
  ['employee', 'counts.scans', 'deny'],
  ['clerk', 'counts.photo', 'allow'],
  ['employee', 'counts.photo', 'deny'],
  ['employee', 'requisitions.create', 'allow'],
  ['employee', 'requisitions.list', 'allow'],
  ['employee', 'approvals.act', 'deny'],
  ['employee', 'requisitions.budgets.set', 'deny'],
  ['employee', 'purchaseOrders.createFromRequisition', 'deny'],
  ['clerk', 'requisitions.create', 'allow'],
  ['clerk', 'approvals.act', 'deny'],
  ['approver', 'approvals.act', 'allow'],
  ['approver', 'approvals.inbox', 'allow'],
  ['approver', 'purchaseOrders.create', 'deny'],
  ['accountant', 'approvals.act', 'allow'],
  ['accountant', 'purchaseOrders.createFromRequisition', 'deny'],
  ['asset_manager', 'approvals.act', 'allow'],
  ['asset_manager', 'purchaseOrders.createFromRequisition', 'allow'],
  ['asset_manager', 'approvals.templates.create', 'deny'],
  ['auditor', 'requisitions.list', 'allow'],
  ['auditor', 'requisitions.create', 'deny'],
  ['auditor', 'approvals.act', 'deny'],
  ['admin', 'approvals.templates.create', 'allow'],
  ['employee', 'repairs.create', 'allow'],
  ['employee', 'repairs.list', 'allow'],
  ['employee', 'repairs.update', 'deny'],
  ['employee', 'repairs.costs', 'deny'],
  ['employee', 'disposals.create', 'deny'],
  ['employee', 'disposals.get', 'deny'],
  ['clerk', 'repairs.update', 'allow'],
  ['clerk', 'repairs.close', 'allow'],
  ['clerk', 'disposals.create', 'deny'],
  ['asset_manager', 'repairs.close', 'allow'],
  ['asset_manager', 'disposals.create', 'allow'],
  ['asset_manager', 'disposals.list', 'allow'],
  ['accountant', 'disposals.get', 'allow'],
  ['accountant', 'disposals.create', 'deny'],
  ['accountant', 'repairs.update', 'deny'],
  ['accountant', 'repairs.costs', 'allow'],
  ['auditor', 'disposals.list', 'allow'],
  ['auditor', 'repairs.create', 'deny'],
  ['approver', 'disposals.get', 'allow'],
  ['approver', 'disposals.cancel', 'deny'],
  ['asset_manager', 'disposals.update', 'allow'],
  ['asset_manager', 'disposals.submit', 'allow'],
  ['clerk', 'disposals.update', 'deny'],
  ['accountant', 'disposals.submit', 'deny'],
  ['clerk', 'inbound.receive', 'allow'],
  // The clerk receives against an order, so reads the orders (found by the e2e story: the inbound screen was empty).
  ['clerk', 'purchaseOrders.list', 'allow'],
  ['clerk', 'purchaseOrders.get', 'allow'],
  ['clerk', 'purchaseOrders.create', 'deny'],
  ['asset_manager', 'inbound.receive', 'allow'],
  ['clerk', 'inbound.sessions.start', 'allow'],
  ['accountant', 'inbound.receive', 'deny'],
  ['approver', 'inbound.receive', 'deny'],
  ['employee', 'inbound.receive', 'deny'],
  ['auditor', 'inbound.receive', 'deny'],
  ['auditor', 'inbound.list', 'allow'],
  ['employee', 'inbound.list', 'deny'],
  ['clerk', 'transfers.create', 'allow'],
  ['asset_manager', 'transfers.create', 'allow'],
  ['employee', 'transfers.create', 'deny'],
  ['accountant', 'transfers.create', 'deny'],
  ['approver', 'transfers.create', 'deny'],
  ['auditor', 'transfers.create', 'deny'],
  ['approver', 'transfers.get', 'allow'],
  ['accountant', 'transfers.list', 'allow'],
  ['auditor', 'transfers.handoverPdf', 'allow'],
  ['employee', 'transfers.get', 'deny'],
  ['clerk', 'transfers.update', 'allow'],
  ['clerk', 'transfers.submit', 'allow'],
  ['approver', 'transfers.submit', 'deny'],
  ['clerk', 'loans.create', 'allow'],
  ['clerk', 'loans.return', 'allow'],
  ['asset_manager', 'loans.create', 'allow'],
  ['accountant', 'loans.create', 'deny'],
  ['auditor', 'loans.return', 'deny'],
  ['employee', 'loans.create', 'deny'],
  ['employee', 'loans.list', 'deny'],
  ['auditor', 'loans.overdue', 'allow'],
];

describe('pinned expectations', () => {
  for (const [role, m, want] of PINNED) {
    it(`${role} ${want === 'allow' ? 'may' : 'may not'} call ${m}`, () => {
      expect(METHODS, `${m} is part of the API`).toContain(m);
      expect(expectedAllowed(role, specs[m]!.access), 'contract + DEFAULT_ROLES').toBe(want === 'allow');
      const code = codeOf(callAs(role, m));
      if (want === 'deny') expect(code).toBe('FORBIDDEN');
      else expect(['FORBIDDEN', 'UNAUTHENTICATED', 'UNKNOWN_METHOD']).not.toContain(code);
    });
  }
});
