import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { clerkToken, failure, insertAsset } from './settings-helpers';

let t: TestCore;
let admin: string;
let clerk: string;

beforeAll(() => {
  t = startTestCore();
  admin = t.adminToken;
  clerk = clerkToken(t);
});
afterAll(() => t.close());

describe('custodians', () => {
  it('pages and filters hundreds of people by substring and department subtree', () => {
    const prod = t.call(admin, 'settings.departments.create', { code: 'PRD', name: '生产部' });
    const ws = t.call(admin, 'settings.departments.create', {
      code: 'PRD1',
      name: '一车间',
      parentId: prod.id,
    });
    const office = t.call(admin, 'settings.departments.create', { code: 'OFF', name: '办公室' });
    for (let i = 1; i <= 300; i++) {
      t.call(admin, 'settings.custodians.create', {
        code: `E${String(i).padStart(4, '0')}`,
        name: i === 77 ? '欧阳修文' : `员工${i}`,
        departmentId: i % 3 === 0 ? ws.id : i % 3 === 1 ? prod.id : office.id,
        phone: `1380000${String(i).padStart(4, '0')}`,
      });
    }
    const page = t.call(clerk, 'settings.custodians.list', { offset: 50, limit: 25 });
    expect(page.total).toBe(300);
    expect(page.rows).toHaveLength(25);
    expect(page.rows[0]!.code).toBe('E0051');
    expect(t.call(clerk, 'settings.custodians.list', { query: '阳修' }).rows.map((r) => r.code)).toEqual([
      'E0077',
    ]);
    expect(t.call(clerk, 'settings.custodians.list', { query: '13800000123' }).total).toBe(1);
    // LIKE wildcards typed by the user are literal.
    expect(t.call(clerk, 'settings.custodians.list', { query: '%' }).total).toBe(0);
    const inProd = t.call(clerk, 'settings.custodians.list', { departmentId: prod.id, limit: 500 });
    expect(inProd.total).toBe(200);
    const onlyProd = t.call(clerk, 'settings.custodians.list', {
      departmentId: prod.id,
      includeSubDepartments: false,
    });
    expect(onlyProd.total).toBe(100);
    const w = t.call(clerk, 'settings.custodians.list', { departmentId: ws.id, limit: 1 }).rows[0]!;
    expect(w.departmentName).toBe('生产部 / 一车间');
  });

  it('updates with version, refuses duplicates, deactivates and refuses deleting a holder of assets', () => {
    const c = t.call(admin, 'settings.custodians.create', {
      code: 'C-1',
      name: '李四',
      email: 'li@example.com',
    });
    expect(failure(t.raw(admin, 'settings.custodians.create', { code: 'c-1', name: 'x' }))).toMatchObject({
      code: 'DUPLICATE',
      details: [{ path: 'code' }],
    });
    expect(
      failure(t.raw(admin, 'settings.custodians.create', { code: 'C-2', name: 'x', email: 'bad' })),
    ).toMatchObject({ code: 'VALIDATION', details: [{ path: 'email', message: 'validation.email' }] });
    expect(
      failure(t.raw(admin, 'settings.custodians.create', { code: 'C-3', name: 'x', departmentId: 999 })),
    ).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'departmentId', message: 'validation.referenceNotFound' }],
    });
    const u = t.call(admin, 'settings.custodians.update', { id: c.id, version: 1, phone: '010-1234' });
    expect(u).toMatchObject({ phone: '010-1234', version: 2 });
    expect(
      failure(t.raw(admin, 'settings.custodians.update', { id: c.id, version: 1, name: 'y' })),
    ).toMatchObject({
      code: 'CONFLICT',
      details: { currentVersion: 2, changedBy: 'admin' },
    });
    // An update that changes nothing keeps the version.
    expect(
      t.call(admin, 'settings.custodians.update', { id: c.id, version: 2, phone: '010-1234' }).version,
    ).toBe(2);
    const cat = t.call(admin, 'settings.categories.list', {})[0]!;
    insertAsset(t, { categoryId: cat.id, custodianId: c.id });
    expect(failure(t.raw(admin, 'settings.custodians.delete', { id: c.id }))).toMatchObject({
      code: 'IN_USE',
      params: { assets: 1 },
    });
    t.call(admin, 'settings.custodians.update', { id: c.id, version: 2, active: false });
    expect(t.call(admin, 'settings.custodians.list', { query: '李四' }).total).toBe(0);
    expect(
      t.call(admin, 'settings.custodians.list', { query: '李四', includeInactive: true }).rows[0],
    ).toMatchObject({
      active: false,
      assetCount: 1,
    });
    expect(failure(t.raw(clerk, 'settings.custodians.create', { code: 'C-9', name: 'x' })).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('suppliers', () => {
  it('creates, searches, updates with version, and deletes only unused', () => {
    const s = t.call(admin, 'settings.suppliers.create', {
      code: 'S001',
      name: '联想(北京)有限公司',
      contact: '王经理',
      phone: '400-990-8888',
      taxNo: '91110108700000000X',
    });
    expect(s).toMatchObject({ version: 1, active: true, email: '', notes: '' });
    const bad = failure(t.raw(admin, 'settings.suppliers.create', { code: 'S002', name: 'x', taxNo: '123' }));
    expect(bad).toMatchObject({ code: 'VALIDATION', details: [{ path: 'taxNo' }] });
    expect(failure(t.raw(admin, 'settings.suppliers.create', { code: 's001', name: 'x' })).code).toBe(
      'DUPLICATE',
    );
    const other = t.call(admin, 'settings.suppliers.create', { code: 'S003', name: '得力集团' });
    expect(t.call(clerk, 'settings.suppliers.list', { query: '联想' }).rows.map((r) => r.code)).toEqual([
      'S001',
    ]);
    expect(t.call(clerk, 'settings.suppliers.list', {}).total).toBe(2);
    const u = t.call(admin, 'settings.suppliers.update', { id: s.id, version: 1, address: '北京市海淀区' });
    expect(u.version).toBe(2);
    expect(
      failure(t.raw(admin, 'settings.suppliers.update', { id: s.id, version: 1, notes: 'x' })).code,
    ).toBe('CONFLICT');
    const cat = t.call(admin, 'settings.categories.list', {})[0]!;
    insertAsset(t, { categoryId: cat.id, supplierId: s.id });
    expect(failure(t.raw(admin, 'settings.suppliers.delete', { id: s.id })).code).toBe('IN_USE');
    expect(t.call(admin, 'settings.suppliers.delete', { id: other.id })).toEqual({ id: other.id });
    expect(
      failure(t.raw(clerk, 'settings.suppliers.update', { id: s.id, version: 2, notes: 'x' })).code,
    ).toBe('FORBIDDEN');
  });
});

describe('dictionaries', () => {
  it('keeps codes unique within a kind, orders by sortOrder, and guards versions', () => {
    const a = t.call(admin, 'settings.dictionaries.create', {
      kind: 'unit',
      code: 'box',
      name: '箱',
      sortOrder: 5,
    });
    expect(t.call(clerk, 'settings.dictionaries.list', { kind: 'unit' })[0]!.name).toBe('箱');
    expect(
      failure(t.raw(admin, 'settings.dictionaries.create', { kind: 'unit', code: 'BOX', name: 'x' })).code,
    ).toBe('DUPLICATE');
    // The same code in another kind is fine.
    t.call(admin, 'settings.dictionaries.create', { kind: 'repair_reason', code: 'box', name: '包装损坏' });
    t.call(admin, 'settings.dictionaries.create', {
      kind: 'warranty_type',
      code: 'onsite',
      name: '上门保修',
    });
    expect(
      failure(t.raw(admin, 'settings.dictionaries.create', { kind: 'Bad Kind', code: 'x', name: 'x' })).code,
    ).toBe('VALIDATION');
    const u = t.call(admin, 'settings.dictionaries.update', { id: a.id, version: 1, active: false });
    expect(u).toMatchObject({ active: false, version: 2 });
    expect(t.call(clerk, 'settings.dictionaries.list', { kind: 'unit' }).map((d) => d.code)).not.toContain(
      'box',
    );
    expect(
      failure(t.raw(admin, 'settings.dictionaries.update', { id: a.id, version: 1, name: 'x' })).code,
    ).toBe('CONFLICT');
    expect(failure(t.raw(clerk, 'settings.dictionaries.delete', { id: a.id })).code).toBe('FORBIDDEN');
    expect(t.call(admin, 'settings.dictionaries.delete', { id: a.id })).toEqual({ id: a.id });
  });
});

describe('company, code rule and network', () => {
  it('edits the company profile but not the accounting standard or first period', () => {
    const c = t.call(clerk, 'settings.company.get', {});
    expect(c).toMatchObject({
      name: '我的公司',
      accountingStandard: 'cas',
      firstPeriod: expect.stringMatching(/^\d{4}-\d{2}$/),
    });
    const u = t.call(admin, 'settings.company.update', {
      version: c.version,
      name: '华星科技有限公司',
      contact: '赵会计',
    });
    expect(u).toMatchObject({
      name: '华星科技有限公司',
      contact: '赵会计',
      accountingStandard: 'cas',
      version: c.version + 1,
    });
    expect(t.call(clerk, 'system.status', {}).companyName).toBe('华星科技有限公司');
    const stale = failure(t.raw(admin, 'settings.company.update', { version: c.version, name: 'x' }));
    expect(stale).toMatchObject({ code: 'CONFLICT', details: { changedBy: 'admin' } });
    // Unknown keys are stripped, so the standard cannot be smuggled in.
    t.call(admin, 'settings.company.update', { version: u.version, accountingStandard: 'sbe' } as never);
    expect(t.call(admin, 'settings.company.get', {}).accountingStandard).toBe('cas');
    expect(failure(t.raw(clerk, 'settings.company.update', { version: u.version + 1, name: 'x' })).code).toBe(
      'FORBIDDEN',
    );
  });

  it('validates, previews and saves the code rule', () => {
    const rule = t.call(clerk, 'settings.codeRule.get', {});
    expect(rule.example).toMatch(/^AS-\d{6}-[A-Z-]+-000001$/);
    const pc = t.call(admin, 'settings.categories.list', {}).find((c) => c.code === 'PC-NB')!;
    const preview = t.call(clerk, 'settings.codeRule.preview', {
      pattern: 'ZC{YY}{MM}/{CAT}/{SEQ4}',
      date: '2025-03-08',
      categoryId: pc.id,
      seq: 12,
    });
    expect(preview.code).toBe('ZC2503/PC-NB/0012');
    const bad = failure(
      t.raw(admin, 'settings.codeRule.update', { version: rule.version, pattern: '资产{SEQ4}' }),
    );
    expect(bad).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'pattern', message: 'validation.codeRuleNonAscii' }],
    });
    expect(
      failure(t.raw(clerk, 'settings.codeRule.update', { version: rule.version, pattern: 'A{SEQ4}' })).code,
    ).toBe('FORBIDDEN');
    const saved = t.call(admin, 'settings.codeRule.update', {
      version: rule.version,
      pattern: 'ZC-{YYYY}-{SEQ5}',
    });
    expect(saved).toMatchObject({ pattern: 'ZC-{YYYY}-{SEQ5}', version: rule.version + 1 });
    expect(
      failure(t.raw(admin, 'settings.codeRule.update', { version: rule.version, pattern: 'A{SEQ4}' })).code,
    ).toBe('CONFLICT');
    t.call(admin, 'settings.codeRule.update', { version: saved.version, pattern: saved.defaultPattern });
  });

  it('network settings need system.manage and say they apply at the next start', () => {
    expect(failure(t.raw(clerk, 'settings.network.get', {})).code).toBe('FORBIDDEN');
    const n = t.call(admin, 'settings.network.get', {});
    expect(n.lanAccess).toBe(false);
    const u = t.call(admin, 'settings.network.update', { version: n.version, lanAccess: true });
    expect(u).toMatchObject({
      lanAccess: true,
      restartRequired: true,
      message: 'settings.networkRestartRequired',
    });
    expect(
      failure(t.raw(admin, 'settings.network.update', { version: n.version, lanAccess: false })).code,
    ).toBe('CONFLICT');
  });
});
