import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { clerkToken, failure, insertAsset } from './settings-helpers';
import { pathName, subtreeIds } from '../../src/main/modules/settings/trees';
import { seedDefaults } from '../../src/main/modules/settings/seed';

let t: TestCore;
let admin: string;
let clerk: string;

beforeAll(() => {
  t = startTestCore();
  admin = t.adminToken;
  clerk = clerkToken(t);
});
afterAll(() => t.close());

describe('seeded defaults', () => {
  it('seeds the GB/T 14885 category tree with depreciation defaults and tax classes', () => {
    const list = t.call(admin, 'settings.categories.list', {});
    const byCode = new Map(list.map((c) => [c.code, c]));
    const tops = list.filter((c) => c.parentId === null).map((c) => c.name);
    expect(tops).toEqual([
      '土地、房屋和构筑物',
      '通用设备',
      '专用设备',
      '文物和陈列品',
      '图书和档案',
      '家具和用具',
      '特种动植物',
    ]);
    expect(byCode.get('LB-BLD')).toMatchObject({
      lifeMonths: 240,
      residualRate: 0.05,
      taxClass: 'buildings',
    });
    expect(byCode.get('PC-NB')).toMatchObject({
      name: '便携式计算机',
      path: ['通用设备', '计算机设备', '便携式计算机'],
      pathName: '通用设备 / 计算机设备 / 便携式计算机',
      depth: 2,
      lifeMonths: 36,
      method: 'straight_line',
      taxClass: 'electronics',
    });
    expect(byCode.get('VH-CAR')).toMatchObject({ lifeMonths: 48, taxClass: 'vehicles' });
    expect(byCode.get('FN-OF')).toMatchObject({ lifeMonths: 60, taxClass: 'tools_furniture' });
    expect(byCode.get('CR')).toMatchObject({ residualRate: 0 });
    for (const c of list) expect(c.code).toMatch(/^[A-Za-z0-9_-]{1,10}$/);
    // Depth-first order: every node comes after its parent.
    const seen = new Set<number>();
    for (const c of list) {
      if (c.parentId !== null) expect(seen.has(c.parentId)).toBe(true);
      seen.add(c.id);
    }
  });

  it('seeds dictionaries and the default code rule, and seeding again changes nothing', () => {
    const units = t.call(admin, 'settings.dictionaries.list', { kind: 'unit' }).map((d) => d.name);
    expect(units).toEqual(['台', '套', '件', '辆', '张', '把', '个', '部', '栋', '平方米']);
    const disposal = t
      .call(admin, 'settings.dictionaries.list', { kind: 'disposal_reason' })
      .map((d) => d.name);
    expect(disposal).toEqual(expect.arrayContaining(['报废', '出售', '捐赠', '调出', '盘亏']));
    expect(t.call(admin, 'settings.dictionaries.list', { kind: 'transfer_reason' }).length).toBeGreaterThan(
      2,
    );
    expect(t.call(admin, 'settings.codeRule.get', {})).toMatchObject({ pattern: 'AS-{YYYYMM}-{CAT}-{SEQ6}' });

    const { sqlite } = t.core.services;
    const counts = () =>
      sqlite
        .prepare(
          `SELECT (SELECT COUNT(*) || ':' || SUM(version) FROM categories) || '/' ||
             (SELECT COUNT(*) FROM dictionary_items) || '/' || (SELECT COUNT(*) || ':' || SUM(version) FROM app_settings)`,
        )
        .pluck()
        .get();
    const before = counts();
    seedDefaults(sqlite, new Date().toISOString());
    expect(counts()).toBe(before);
  });
});

describe('category tree', () => {
  it('creates a sub-category that inherits depreciation defaults from its parent', () => {
    const pc = t.call(admin, 'settings.categories.list', {}).find((c) => c.code === 'PC')!;
    const tab = t.call(admin, 'settings.categories.create', {
      code: 'PC-TB',
      name: '平板电脑',
      parentId: pc.id,
    });
    expect(tab).toMatchObject({ lifeMonths: 36, residualRate: 0.05, taxClass: 'electronics', version: 1 });
    expect(tab.pathName).toBe('通用设备 / 计算机设备 / 平板电脑');
    const root = t.raw(admin, 'settings.categories.create', { code: 'ROOT1', name: '无寿命' });
    expect(failure(root)).toMatchObject({ code: 'VALIDATION', details: [{ path: 'lifeMonths' }] });
  });

  it('refuses a non-ASCII or over-long category code, and a duplicate code (case-insensitive)', () => {
    for (const code of ['电脑', 'PC NB', 'ABCDEFGHIJK']) {
      const r = t.raw(admin, 'settings.categories.create', { code, name: 'x', lifeMonths: 12 });
      expect(failure(r)).toMatchObject({ code: 'VALIDATION', details: [{ path: 'code' }] });
    }
    const dup = failure(
      t.raw(admin, 'settings.categories.create', { code: 'pc-nb', name: 'x', lifeMonths: 12 }),
    );
    expect(dup).toMatchObject({
      code: 'DUPLICATE',
      details: [{ path: 'code', message: 'validation.duplicateCode' }],
    });
  });

  it('updates with the version read; a stale version gets CONFLICT naming who changed it', () => {
    const c = t.call(admin, 'settings.categories.create', {
      code: 'TMP1',
      name: '临时',
      lifeMonths: 24,
      residualRate: 0.03,
    });
    const u = t.call(admin, 'settings.categories.update', {
      id: c.id,
      version: 1,
      name: '临时类',
      residualRate: 0.04,
    });
    expect(u).toMatchObject({ name: '临时类', residualRate: 0.04, version: 2 });
    const stale = failure(t.raw(admin, 'settings.categories.update', { id: c.id, version: 1, name: '又改' }));
    expect(stale).toMatchObject({
      code: 'CONFLICT',
      details: { currentVersion: 2, changedBy: 'admin', current: { name: '临时类' } },
    });
    const audit = t.call(admin, 'audit.list', { action: 'settings.categories.update' });
    expect(JSON.stringify(audit.rows[0])).toContain('residualRate');
  });

  it('refuses to move a node under itself or its own descendant', () => {
    const a = t.call(admin, 'settings.categories.create', { code: 'CY-A', name: 'A', lifeMonths: 12 });
    const b = t.call(admin, 'settings.categories.create', { code: 'CY-B', name: 'B', parentId: a.id });
    const c = t.call(admin, 'settings.categories.create', { code: 'CY-C', name: 'C', parentId: b.id });
    for (const parentId of [a.id, c.id]) {
      const r = failure(t.raw(admin, 'settings.categories.update', { id: a.id, version: 1, parentId }));
      expect(r).toMatchObject({
        code: 'VALIDATION',
        details: [{ path: 'parentId', message: 'validation.treeCycle' }],
      });
    }
    const missing = failure(
      t.raw(admin, 'settings.categories.update', { id: a.id, version: 1, parentId: 99999 }),
    );
    expect(missing).toMatchObject({ details: [{ message: 'validation.parentNotFound' }] });
    // Moving the leaf to the root is fine and the path follows.
    const moved = t.call(admin, 'settings.categories.update', { id: c.id, version: 1, parentId: null });
    expect(moved.path).toEqual(['C']);
    expect(subtreeIds(t.core.services.sqlite, 'categories', a.id).sort()).toEqual([a.id, b.id].sort());
    expect(pathName(t.core.services.sqlite, 'categories', b.id)).toBe('A / B');
  });

  it('deletes only unused categories; deactivation hides a subtree from pickers', () => {
    const p = t.call(admin, 'settings.categories.create', { code: 'DL-P', name: '父', lifeMonths: 12 });
    const k = t.call(admin, 'settings.categories.create', { code: 'DL-K', name: '子', parentId: p.id });
    expect(failure(t.raw(admin, 'settings.categories.delete', { id: p.id }))).toMatchObject({
      code: 'IN_USE',
      params: { children: 1 },
    });
    const assetId = insertAsset(t, { categoryId: k.id });
    expect(failure(t.raw(admin, 'settings.categories.delete', { id: k.id }))).toMatchObject({
      code: 'IN_USE',
      params: { assets: 1 },
    });
    expect(t.call(admin, 'settings.categories.get', { id: k.id }).assetCount).toBe(1);

    t.call(admin, 'settings.categories.update', { id: p.id, version: 1, active: false });
    const visible = t.call(admin, 'settings.categories.list', {}).map((c) => c.code);
    expect(visible).not.toContain('DL-P');
    expect(visible).not.toContain('DL-K');
    const all = t.call(admin, 'settings.categories.list', { includeInactive: true });
    expect(all.find((c) => c.code === 'DL-K')).toMatchObject({ active: true, effectiveActive: false });

    t.core.services.sqlite.prepare('DELETE FROM assets WHERE id = ?').run(assetId);
    expect(t.call(admin, 'settings.categories.delete', { id: k.id })).toEqual({ id: k.id });
    expect(t.call(admin, 'settings.categories.delete', { id: p.id })).toEqual({ id: p.id });
    expect(failure(t.raw(admin, 'settings.categories.get', { id: p.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('lets a clerk read but not write', () => {
    expect(t.call(clerk, 'settings.categories.list', {}).length).toBeGreaterThan(10);
    const r = t.raw(clerk, 'settings.categories.create', { code: 'CLK', name: 'x', lifeMonths: 12 });
    expect(failure(r).code).toBe('FORBIDDEN');
    expect(failure(t.raw(clerk, 'settings.locations.update', { id: 1, version: 1, name: 'x' })).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('location and department trees', () => {
  it('builds site / building / floor / room with paths, and guards code, version, cycles and use', () => {
    const site = t.call(admin, 'settings.locations.create', { code: 'HQ', name: '总部园区', kind: 'site' });
    const bld = t.call(admin, 'settings.locations.create', {
      code: 'HQ-A',
      name: 'A栋',
      kind: 'building',
      parentId: site.id,
    });
    const fl = t.call(admin, 'settings.locations.create', {
      code: 'HQ-A-3',
      name: '3层',
      kind: 'floor',
      parentId: bld.id,
    });
    const room = t.call(admin, 'settings.locations.create', {
      code: 'HQ-A-301',
      name: '301室',
      kind: 'room',
      parentId: fl.id,
    });
    expect(room).toMatchObject({ kind: 'room', depth: 3, pathName: '总部园区 / A栋 / 3层 / 301室' });
    const list = t.call(clerk, 'settings.locations.list', {});
    expect(list.map((l) => l.code)).toEqual(['HQ', 'HQ-A', 'HQ-A-3', 'HQ-A-301']);

    expect(
      failure(t.raw(admin, 'settings.locations.create', { code: 'hq', name: 'x', kind: 'site' })).code,
    ).toBe('DUPLICATE');
    const cyc = failure(
      t.raw(admin, 'settings.locations.update', { id: site.id, version: 1, parentId: room.id }),
    );
    expect(cyc).toMatchObject({ code: 'VALIDATION', details: [{ path: 'parentId' }] });
    t.call(admin, 'settings.locations.update', { id: room.id, version: 1, name: '301会议室' });
    expect(
      failure(t.raw(admin, 'settings.locations.update', { id: room.id, version: 1, name: 'x' })).code,
    ).toBe('CONFLICT');

    const cat = t.call(admin, 'settings.categories.list', {})[0]!;
    insertAsset(t, { categoryId: cat.id, locationId: room.id });
    expect(failure(t.raw(admin, 'settings.locations.delete', { id: room.id }))).toMatchObject({
      code: 'IN_USE',
      params: { assets: 1 },
    });
    expect(
      failure(t.raw(clerk, 'settings.locations.create', { code: 'X', name: 'x', kind: 'room' })).code,
    ).toBe('FORBIDDEN');
  });

  it('departments carry a head user, refuse deletion while people or accounts belong to them', () => {
    const d = t.call(admin, 'settings.departments.create', { code: 'D01', name: '行政部', headUserId: 1 });
    expect(d).toMatchObject({ headUserId: 1, headUserName: expect.any(String) });
    const sub = t.call(admin, 'settings.departments.create', {
      code: 'D0101',
      name: '后勤组',
      parentId: d.id,
    });
    expect(sub.pathName).toBe('行政部 / 后勤组');
    const badHead = failure(
      t.raw(admin, 'settings.departments.update', { id: d.id, version: 1, headUserId: 4242 }),
    );
    expect(badHead).toMatchObject({ code: 'VALIDATION', details: [{ path: 'headUserId' }] });
    expect(
      failure(t.raw(admin, 'settings.departments.update', { id: d.id, version: 1, parentId: sub.id })).code,
    ).toBe('VALIDATION');
    const p = t.call(admin, 'settings.custodians.create', {
      code: 'E001',
      name: '张三',
      departmentId: sub.id,
    });
    expect(failure(t.raw(admin, 'settings.departments.delete', { id: sub.id }))).toMatchObject({
      code: 'IN_USE',
      params: { custodians: 1 },
    });
    t.call(admin, 'settings.custodians.delete', { id: p.id });
    t.call(admin, 'settings.departments.delete', { id: sub.id });
    const u = t.call(admin, 'settings.departments.update', {
      id: d.id,
      version: 1,
      headUserId: null,
      name: '综合部',
    });
    expect(u).toMatchObject({ headUserId: null, headUserName: null, name: '综合部', version: 2 });
    expect(failure(t.raw(clerk, 'settings.departments.delete', { id: d.id })).code).toBe('FORBIDDEN');
  });
});
