import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { loadSampleCompany } from '../../src/main/demo/generate';
import { buildSearchText } from '../../src/main/modules/assets/search-text';
import { ASSET_STATUSES } from '../../src/main/modules/assets/statuses';
import type { Sqlite } from '../../src/main/db/client';
import { startTestCore, type TestCore } from '../helpers/core';

const NOW = new Date('2025-06-16T03:00:00Z');
const N = 2000;

let t: TestCore;
let sqlite: Sqlite;
beforeAll(() => {
  t = startTestCore({ now: () => NOW });
  sqlite = t.core.services.sqlite;
  loadSampleCompany(sqlite, { assets: N, now: NOW, seed: 42 });
});
afterAll(async () => {
  await t.close();
});

const all = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;

function fingerprint(db: Sqlite): string {
  const h = createHash('sha256');
  for (const table of [
    'departments',
    'locations',
    'custodians',
    'suppliers',
    'assets',
    'asset_events',
    'code_sequences',
  ]) {
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY 1`).iterate())
      h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

describe('sample company', () => {
  it('builds the organisation: department and location trees, people, suppliers', () => {
    const depts = all<{ name: string; parent: string | null }>(
      'SELECT d.name, p.name AS parent FROM departments d LEFT JOIN departments p ON p.id = d.parent_id',
    );
    expect(depts.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        '总经理办公室',
        '财务部',
        '行政部',
        '人力资源部',
        '研发中心',
        '生产部',
        '销售部',
        '仓储物流部',
      ]),
    );
    expect(depts.filter((d) => d.parent === '研发中心').length).toBeGreaterThanOrEqual(3);
    expect(depts.filter((d) => d.parent === '销售部').length).toBeGreaterThanOrEqual(3);

    const kinds = all<{ kind: string; n: number }>('SELECT kind, COUNT(*) AS n FROM locations GROUP BY kind');
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, k.n]));
    expect(byKind.site).toBeGreaterThanOrEqual(1);
    expect(byKind.building).toBeGreaterThanOrEqual(2);
    expect(byKind.floor).toBeGreaterThanOrEqual(4);
    expect(byKind.room).toBeGreaterThanOrEqual(15);
    expect(
      all('SELECT 1 FROM locations WHERE name IN (?, ?, ?)', '301会议室', '研发办公区A', '机房'),
    ).toHaveLength(3);

    const people = all<{ name: string; department_id: number | null }>(
      'SELECT name, department_id FROM custodians',
    );
    expect(people.length).toBeGreaterThanOrEqual(30);
    expect(people.length).toBeLessThanOrEqual(300);
    for (const p of people) {
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(p.department_id).not.toBeNull();
    }
    expect(new Set(people.map((p) => p.name)).size).toBeGreaterThan(people.length * 0.95);
    const suppliers = all<{ name: string }>('SELECT name FROM suppliers').map((s) => s.name);
    expect(suppliers.some((s) => s.startsWith('联想'))).toBe(true);
    expect(suppliers.every((s) => /公司$/.test(s))).toBe(true);
  });

  it('writes N assets whose foreign keys all hold', () => {
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM assets').n).toBe(N);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    // Columns without a declared foreign key, checked by hand.
    expect(
      one<{ n: number }>(
        'SELECT COUNT(*) AS n FROM assets WHERE location_id IS NULL OR department_id IS NULL',
      ).n,
    ).toBe(0);
    expect(
      one<{ n: number }>(
        'SELECT COUNT(*) AS n FROM asset_events e LEFT JOIN assets a ON a.id = e.asset_id WHERE a.id IS NULL',
      ).n,
    ).toBe(0);
  });

  it('codes come from the code rule: unique, in pattern, counters at the highest number handed out', () => {
    const rows = all<{ asset_code: string; cat: string; created_at: string }>(
      'SELECT a.asset_code, c.code AS cat, a.created_at FROM assets a JOIN categories c ON c.id = a.category_id',
    );
    expect(new Set(rows.map((r) => r.asset_code)).size).toBe(N);
    const maxSeq = new Map<string, number>();
    for (const r of rows) {
      const month = r.created_at.slice(0, 7).replace('-', '');
      expect(r.asset_code).toMatch(new RegExp(`^AS-${month}-${r.cat}-\\d{6}$`));
      const scope = r.asset_code.slice(0, -6);
      maxSeq.set(scope, Math.max(maxSeq.get(scope) ?? 0, Number(r.asset_code.slice(-6))));
    }
    const seqs = new Map(
      all<{ scope: string; last_value: number }>('SELECT scope, last_value FROM code_sequences').map((s) => [
        s.scope,
        s.last_value,
      ]),
    );
    for (const [prefix, max] of maxSeq) expect(seqs.get(`asset|${prefix}{SEQ}`), prefix).toBe(max);
    // Within a scope, numbers follow creation order, with no gaps.
    const lastMonth = rows
      .filter((r) => r.asset_code.startsWith(`AS-202506-PC-NB-`))
      .sort((a, b) => a.created_at.localeCompare(b.created_at));
    expect(lastMonth.length).toBeGreaterThan(0);
    expect(lastMonth.map((r) => Number(r.asset_code.slice(-6)))).toEqual(lastMonth.map((_, i) => i + 1));

    // The next card created through the API continues the same counter.
    const nb = one<{ id: number }>(`SELECT id FROM categories WHERE code = 'PC-NB'`);
    const created = t.call(t.adminToken, 'assets.create', { name: '新笔记本', categoryId: nb.id });
    expect(created.assetCode).toBe(`AS-202506-PC-NB-${String(lastMonth.length + 1).padStart(6, '0')}`);
    sqlite.prepare('DELETE FROM asset_events WHERE asset_id = ?').run(created.id);
    sqlite.prepare('DELETE FROM assets WHERE id = ?').run(created.id);
  });

  it('dates, money and people are consistent', () => {
    const bad = (where: string) => one<{ n: number }>(`SELECT COUNT(*) AS n FROM assets WHERE ${where}`).n;
    expect(bad('in_service_date < purchase_date')).toBe(0);
    expect(bad(`in_service_date > '2025-06-16' OR purchase_date < '2017-01-01'`)).toBe(0);
    expect(bad('warranty_end IS NOT NULL AND warranty_end <= purchase_date')).toBe(0);
    expect(bad('cost <= 0 OR quantity <= 0 OR life_months <= 0')).toBe(0);
    expect(bad('residual_value <> CAST(ROUND(cost * residual_rate_bp / 10000.0) AS INTEGER)')).toBe(0);
    expect(bad('created_at > updated_at')).toBe(0);
    // A custodian's assets belong to the custodian's department.
    expect(
      one<{ n: number }>(
        'SELECT COUNT(*) AS n FROM assets a JOIN custodians p ON p.id = a.custodian_id WHERE p.department_id <> a.department_id',
      ).n,
    ).toBe(0);
    // Purchases lean recent: more in the last two years than in the two before.
    const recent = bad(`purchase_date >= '2023-06-16'`);
    const earlier = bad(`purchase_date >= '2021-06-16' AND purchase_date < '2023-06-16'`);
    expect(recent).toBeGreaterThan(earlier);
    expect(bad(`purchase_date < '2020-01-01'`)).toBeGreaterThan(0);
    // Prices match the item: a laptop is thousands of yuan, a car hundreds of thousands.
    const price = (cat: string) =>
      one<{ lo: number; hi: number }>(
        `SELECT MIN(a.cost / a.quantity) AS lo, MAX(a.cost / a.quantity) AS hi FROM assets a JOIN categories c ON c.id = a.category_id WHERE c.code = ?`,
        cat,
      );
    expect(price('PC-NB').lo).toBeGreaterThanOrEqual(3000_00);
    expect(price('PC-NB').hi).toBeLessThanOrEqual(20000_00);
    expect(price('VH-CAR').lo).toBeGreaterThanOrEqual(100000_00);
    expect(bad(`legacy_id IS NOT NULL`)).toBeGreaterThan(0);
  });

  it('statuses are spread the way a real ledger’s are', () => {
    const counts = Object.fromEntries(
      all<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM assets GROUP BY status').map(
        (r) => [r.status, r.n],
      ),
    );
    for (const s of ASSET_STATUSES) expect(counts[s], s).toBeGreaterThan(0);
    expect(counts.in_use / N).toBeGreaterThan(0.7);
    expect(counts.in_use / N).toBeLessThan(0.92);
    // A card that left in_use has the status event in its history.
    expect(
      one<{ n: number }>(
        `SELECT COUNT(*) AS n FROM assets a WHERE a.status <> 'in_use'
           AND NOT EXISTS (SELECT 1 FROM asset_events e WHERE e.asset_id = a.id AND e.kind = 'status')`,
      ).n,
    ).toBe(0);
  });

  it('search text is what the assets module writes, so the ledger search finds sample cards', () => {
    const rows = all<{
      asset_code: string;
      name: string;
      model: string;
      serial_no: string;
      custodian: string | null;
      search_text: string;
    }>(
      `SELECT a.asset_code, a.name, a.model, a.serial_no, p.name AS custodian, a.search_text
       FROM assets a LEFT JOIN custodians p ON p.id = a.custodian_id`,
    );
    for (const r of rows) {
      expect(r.search_text).toBe(
        buildSearchText({
          assetCode: r.asset_code,
          name: r.name,
          model: r.model,
          serialNo: r.serial_no,
          custodianName: r.custodian,
        }),
      );
    }
    const found = t.call(t.adminToken, 'assets.list', { query: '联想', limit: 5 });
    expect(found.total).toBeGreaterThan(0);
    expect(found.rows[0]!.name + found.rows[0]!.model).toMatch(
      /联想|ThinkPad|ThinkBook|启天|小新|ThinkCentre|ThinkStation/,
    );
  });

  it('is deterministic for a seed and different for another seed', async () => {
    const a = startTestCore({ now: () => NOW });
    const b = startTestCore({ now: () => NOW });
    try {
      loadSampleCompany(a.core.services.sqlite, { assets: 300, now: NOW, seed: 7 });
      loadSampleCompany(b.core.services.sqlite, { assets: 300, now: NOW, seed: 7 });
      expect(fingerprint(a.core.services.sqlite)).toBe(fingerprint(b.core.services.sqlite));
      const c = startTestCore({ now: () => NOW });
      try {
        loadSampleCompany(c.core.services.sqlite, { assets: 300, now: NOW, seed: 8 });
        expect(fingerprint(c.core.services.sqlite)).not.toBe(fingerprint(a.core.services.sqlite));
      } finally {
        await c.close();
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('runs inside the caller’s transaction and refuses to load twice', () => {
    const before = fingerprint(sqlite);
    expect(() =>
      sqlite.transaction(() => {
        sqlite.prepare(`DELETE FROM asset_events`).run();
        sqlite.prepare(`DELETE FROM assets`).run();
        sqlite.prepare(`DELETE FROM custodians`).run();
        sqlite.prepare(`UPDATE departments SET code = code || '-old'`).run();
        sqlite.prepare(`UPDATE locations SET code = code || '-old'`).run();
        sqlite.prepare(`UPDATE suppliers SET code = code || '-old'`).run();
        loadSampleCompany(sqlite, { assets: 50, now: NOW, seed: 1 });
        expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM assets').n).toBe(50);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(fingerprint(sqlite)).toBe(before);
    expect(() => loadSampleCompany(sqlite, { assets: 10, now: NOW })).toThrow(/sampleAlreadyLoaded/);
  });
});

describe('first-run setup with the sample company', () => {
  it('system.setup loads the sample in the same transaction', async () => {
    const s = startTestCore({ now: () => NOW, headless: false });
    try {
      const { token } = s.call(null, 'system.setup', {
        companyName: '示例公司',
        accountingStandard: 'sbe',
        firstPeriod: '2025-06',
        adminPassword: 'admin-pass-123',
        sampleCompany: true,
        sampleAssets: 300,
      });
      expect(s.call(token, 'assets.list', {}).total).toBe(300);
      expect(s.call(token, 'audit.verify', {}).ok).toBe(true);
    } finally {
      await s.close();
    }
  });
});
