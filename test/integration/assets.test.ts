import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { seedLedger, type LedgerFixtures } from '../helpers/ledger-fixtures';
import type { AssetDto } from '../../src/main/modules/assets/contract';
import { refreshSearchTextForCustodian } from '../../src/main/modules/assets/search-text';

let t: TestCore;
let fx: LedgerFixtures;
let admin: string;

beforeEach(() => {
  t = startTestCore();
  admin = t.adminToken;
  fx = seedLedger(t.core.services.sqlite);
});
afterEach(async () => {
  await t.close();
});

const create = (input: Record<string, unknown>) =>
  t.call(admin, 'assets.create', { name: '测试资产', categoryId: fx.cat.furniture, ...input } as never);

function problems(r: ReturnType<TestCore['raw']>): Record<string, string> {
  expect(r.ok).toBe(false);
  if (r.ok) return {};
  expect(r.error.code).toBe('VALIDATION');
  return Object.fromEntries(
    (r.error.details as { path: string; message: string }[]).map((p) => [p.path, p.message]),
  );
}

describe('assets.create', () => {
  it('generates an ASCII code and takes depreciation defaults from the category', () => {
    const a = create({
      name: '联想ThinkPad X1',
      categoryId: fx.cat.laptops,
      cost: 999_999,
      departmentId: fx.dept.it,
    });
    expect(a.assetCode).toMatch(/^[\x21-\x7e]+$/);
    expect(a.assetCode).toContain('XNB');
    expect(a).toMatchObject({
      lifeMonths: 36,
      method: 'straight_line',
      residualRate: 0.01,
      status: 'in_use',
      version: 1,
    });
    // 999,999 fen × 1% = 9,999.99 → rounds half up to 10,000.
    expect(a.residualValue).toBe(10_000);
    expect(a.expenseDepartmentId).toBe(fx.dept.it);
    expect(a.categoryName).toBe('笔记本电脑');
    const b = create({ categoryId: fx.cat.laptops });
    expect(b.assetCode).not.toBe(a.assetCode);
    const c = create({
      categoryId: fx.cat.computers,
      cost: 100_00,
      residualValue: 5_00,
      lifeMonths: 48,
      method: 'sum_of_years',
    });
    expect(c).toMatchObject({
      residualValue: 500,
      residualRate: 0.05,
      lifeMonths: 48,
      method: 'sum_of_years',
    });
    const h = t.call(admin, 'assets.history', { id: a.id });
    expect(h[0]).toMatchObject({ kind: 'created', username: 'admin', source: 'desktop' });
  });

  it('answers validation problems by field', () => {
    const r = t.raw(admin, 'assets.create', {
      name: '  ',
      categoryId: fx.cat.inactive,
      locationId: 9999,
      departmentId: fx.dept.inactive,
      cost: 12.5,
    });
    expect(problems(r)).toMatchObject({
      name: 'validation.required',
      cost: expect.stringMatching(/^validation\./),
    });
    const refs = t.raw(admin, 'assets.create', {
      name: 'x',
      categoryId: fx.cat.inactive,
      locationId: 9999,
      departmentId: fx.dept.inactive,
      cost: 100,
      residualValue: 200,
    });
    expect(problems(refs)).toEqual({
      categoryId: 'validation.referenceInactive',
      locationId: 'validation.referenceNotFound',
      departmentId: 'validation.referenceInactive',
    });
    expect(
      problems(
        t.raw(admin, 'assets.create', {
          name: 'x',
          categoryId: fx.cat.furniture,
          cost: 100,
          residualValue: 200,
        }),
      ),
    ).toEqual({
      residualValue: 'validation.residualExceedsCost',
    });
    expect(
      problems(
        t.raw(admin, 'assets.create', { name: 'x', categoryId: fx.cat.furniture, assetCode: '资产-1' }),
      ),
    ).toEqual({
      assetCode: 'validation.assetCodeAscii',
    });
    create({ assetCode: 'MY-001' });
    expect(
      problems(
        t.raw(admin, 'assets.create', { name: 'x', categoryId: fx.cat.furniture, assetCode: 'MY-001' }),
      ),
    ).toEqual({
      assetCode: 'validation.assetCodeTaken',
    });
  });
});

describe('assets.list', () => {
  let laptop: AssetDto;
  beforeEach(() => {
    laptop = create({
      name: '联想ThinkPad X1',
      categoryId: fx.cat.laptops,
      model: 'X1 Carbon Gen 11',
      serialNo: 'PF-3ABC9',
      cost: 12_000_00,
      custodianId: fx.person.zhang,
      locationId: fx.loc.room301,
      departmentId: fx.dept.it,
      inServiceDate: '2024-03-01',
    });
    create({
      name: '戴尔台式机',
      categoryId: fx.cat.computers,
      cost: 6_000_00,
      custodianId: fx.person.li,
      locationId: fx.loc.floor3,
      departmentId: fx.dept.finance,
      inServiceDate: '2023-05-10',
    });
    create({
      name: '办公椅',
      categoryId: fx.cat.furniture,
      cost: 800_00,
      custodianId: fx.person.wang,
      locationId: fx.loc.warehouse,
      departmentId: fx.dept.it,
      inServiceDate: '2022-01-01',
    });
    create({ name: '会议桌', categoryId: fx.cat.furniture, cost: 3_000_00, locationId: fx.loc.hq });
  });
  const names = (r: { rows: AssetDto[] }) => r.rows.map((a) => a.name);

  it('finds Chinese substrings of 1, 2 and 3+ characters, mixed with Latin, case-insensitively', () => {
    expect(names(t.call(admin, 'assets.list', { query: '联想' }))).toEqual(['联想ThinkPad X1']);
    expect(names(t.call(admin, 'assets.list', { query: '想' }))).toEqual(['联想ThinkPad X1']);
    expect(names(t.call(admin, 'assets.list', { query: '联想think' }))).toEqual(['联想ThinkPad X1']);
    expect(names(t.call(admin, 'assets.list', { query: 'carbon' }))).toEqual(['联想ThinkPad X1']);
    expect(names(t.call(admin, 'assets.list', { query: 'pf-3abc' }))).toEqual(['联想ThinkPad X1']);
    expect(names(t.call(admin, 'assets.list', { query: '李娜' }))).toEqual(['戴尔台式机']);
    expect(names(t.call(admin, 'assets.list', { query: '桌' }))).toEqual(['会议桌']);
    expect(t.call(admin, 'assets.list', { query: laptop.assetCode.toLowerCase() }).total).toBe(1);
    expect(t.call(admin, 'assets.list', { query: '不存在' })).toEqual({ rows: [], total: 0 });
  });

  it('keeps the search text when a custodian is renamed', () => {
    t.core.services.sqlite.prepare("UPDATE custodians SET name = '张大伟' WHERE id = ?").run(fx.person.zhang);
    expect(t.call(admin, 'assets.list', { query: '大伟' }).total).toBe(0);
    expect(refreshSearchTextForCustodian(t.core.services.sqlite, fx.person.zhang)).toBe(1);
    expect(names(t.call(admin, 'assets.list', { query: '大伟' }))).toEqual(['联想ThinkPad X1']);
  });

  it('filters include the whole subtree of a category, location or department', () => {
    expect(
      names(
        t.call(admin, 'assets.list', {
          filters: { categoryId: fx.cat.equipment },
          sort: [{ field: 'name', dir: 'asc' }],
        }),
      ),
    ).toEqual(['戴尔台式机', '联想ThinkPad X1'].sort());
    expect(t.call(admin, 'assets.list', { filters: { locationId: fx.loc.hq } }).total).toBe(3);
    expect(t.call(admin, 'assets.list', { filters: { locationId: fx.loc.floor3 } }).total).toBe(2);
    expect(t.call(admin, 'assets.list', { filters: { departmentId: fx.dept.company } }).total).toBe(3);
    expect(
      t.call(admin, 'assets.list', { filters: { departmentId: fx.dept.it, categoryId: fx.cat.furniture } })
        .total,
    ).toBe(1);
    expect(t.call(admin, 'assets.list', { filters: { costMin: 3_000_00, costMax: 6_000_00 } }).total).toBe(2);
    expect(t.call(admin, 'assets.list', { filters: { inServiceFrom: '2023-01-01' } }).total).toBe(2);
    expect(t.call(admin, 'assets.list', { filters: { custodianId: fx.person.li } }).total).toBe(1);
    expect(t.call(admin, 'assets.list', { filters: { categoryId: 99999 } })).toEqual({ rows: [], total: 0 });
  });

  it('sorts by columns and by joined names, and pages with an exact total', () => {
    const byCost = t.call(admin, 'assets.list', { sort: [{ field: 'cost', dir: 'desc' }] });
    expect(byCost.rows.map((a) => a.cost)).toEqual([12_000_00, 6_000_00, 3_000_00, 800_00]);
    const byCustodian = t.call(admin, 'assets.list', { sort: [{ field: 'custodianName', dir: 'asc' }] });
    // No custodian first, then by name in code-point order (张 < 李 < 王 is not code-point order).
    const expected = [
      '会议桌',
      ...['张伟', '李娜', '王芳']
        .sort()
        .map((n) => ({ 张伟: '联想ThinkPad X1', 李娜: '戴尔台式机', 王芳: '办公椅' })[n]!),
    ];
    expect(names(byCustodian)).toEqual(expected);
    const page1 = t.call(admin, 'assets.list', { sort: [{ field: 'name', dir: 'asc' }], limit: 3 });
    const page2 = t.call(admin, 'assets.list', {
      sort: [{ field: 'name', dir: 'asc' }],
      limit: 3,
      offset: 3,
    });
    expect(page1.total).toBe(4);
    expect(page2.total).toBe(4);
    expect([...names(page1), ...names(page2)]).toEqual(
      ['会议桌', '办公椅', '戴尔台式机', '联想ThinkPad X1'].sort(),
    );
    expect(t.call(admin, 'assets.list', {}).rows[0]!.name).toBe('会议桌'); // newest first by default
  });
});

describe('assets.update and history', () => {
  it('records only real changes, before → after, and a stale version gets CONFLICT with who changed what', () => {
    const a = create({ name: '打印机', cost: 2_000_00, departmentId: fx.dept.it });
    const clerk2 = t.call(admin, 'users.create', {
      username: 'clerk2',
      password: 'clerk-pass-1',
      displayName: '小王',
      roles: ['clerk'],
      mustChangePassword: false,
    });
    expect(clerk2.username).toBe('clerk2');
    const other = t.login('clerk2', 'clerk-pass-1');

    const same = t.call(admin, 'assets.update', { id: a.id, version: 1, name: '打印机', cost: 2_000_00 });
    expect(same.version).toBe(1);
    expect(t.call(admin, 'assets.history', { id: a.id })).toHaveLength(1);

    const b = t.call(other, 'assets.update', {
      id: a.id,
      version: 1,
      name: '激光打印机',
      cost: 2_500_00,
      departmentId: fx.dept.finance,
    });
    expect(b).toMatchObject({
      version: 2,
      name: '激光打印机',
      departmentName: '财务部',
      expenseDepartmentId: fx.dept.finance,
    });
    const [ev] = t.call(admin, 'assets.history', { id: a.id });
    expect(ev).toMatchObject({ kind: 'updated', username: 'clerk2', source: 'desktop' });
    expect(ev!.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: '打印机', after: '激光打印机' },
        { field: 'cost', before: 2_000_00, after: 2_500_00 },
        { field: 'departmentId', before: fx.dept.it, after: fx.dept.finance },
      ]),
    );
    expect(ev!.changes.map((c) => c.field)).not.toContain('notes');

    const stale = t.raw(admin, 'assets.update', { id: a.id, version: 1, notes: '我的修改' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const details = (stale as { error: { details: Record<string, unknown> } }).error.details;
    expect(details).toMatchObject({ changedBy: 'clerk2', current: { version: 2, name: '激光打印机' } });
    expect(details.changedFields).toEqual(expect.arrayContaining(['name', 'cost', 'departmentId']));
    expect(t.call(admin, 'assets.get', { id: a.id }).notes).toBe('');
  });

  it('moves status only through the transition table', () => {
    const a = create({});
    // assets.update has no status field: a status sent along is ignored, not applied.
    const r = t.raw(admin, 'assets.update', { id: a.id, version: 1, status: 'idle', notes: 'n' });
    expect(r).toMatchObject({ ok: true, data: { status: 'in_use', notes: 'n', version: 2 } });
    const v = 2;
    const idle = t.call(admin, 'assets.changeStatus', { id: a.id, version: v, status: 'idle', note: '闲置' });
    expect(idle).toMatchObject({ status: 'idle', version: 3 });
    expect(t.call(admin, 'assets.history', { id: a.id })[0]).toMatchObject({
      kind: 'status',
      note: '闲置',
      changes: [{ field: 'status', before: 'in_use', after: 'idle' }],
    });
    const pending = t.call(admin, 'assets.changeStatus', {
      id: a.id,
      version: 3,
      status: 'pending_disposal',
    });
    const disposed = t.call(admin, 'assets.changeStatus', {
      id: a.id,
      version: pending.version,
      status: 'disposed',
    });
    expect(
      t.raw(admin, 'assets.changeStatus', { id: a.id, version: disposed.version, status: 'in_use' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION', params: { from: 'disposed', to: 'in_use' } },
    });
    expect(t.raw(admin, 'assets.changeStatus', { id: a.id, version: 1, status: 'idle' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});
