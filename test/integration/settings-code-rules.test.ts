import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startTestCore, type TestCore } from '../helpers/core';
import { insertAsset } from './settings-helpers';
import { nextAssetCode, nextAssetCodes, peekNextAssetCode } from '../../src/main/modules/settings/code-rules';
import { setSetting } from '../../src/main/db/kv';
import type { Sqlite } from '../../src/main/db/client';

let t: TestCore;
let sqlite: Sqlite;
let pcId: number;
let carId: number;

/** Generates a code the way assets.create does: inside an IMMEDIATE transaction with the insert. */
function create(db: Sqlite, categoryId: number, date: string): string {
  return db
    .transaction(() => {
      const code = nextAssetCode(db, { categoryId, date });
      const now = new Date().toISOString();
      db.prepare(
        `INSERT INTO assets (asset_code, name, category_id, life_months, created_at, updated_at)
         VALUES (?, '测试', ?, 36, ?, ?)`,
      ).run(code, categoryId, now, now);
      return code;
    })
    .immediate();
}

beforeAll(() => {
  t = startTestCore();
  sqlite = t.core.services.sqlite;
  const cats = t.call(t.adminToken, 'settings.categories.list', {});
  pcId = cats.find((c) => c.code === 'PC-NB')!.id;
  carId = cats.find((c) => c.code === 'VH-CAR')!.id;
});
afterAll(() => t.close());

describe('nextAssetCode', () => {
  it('hands out 1,000 unique, consecutive codes per month and category', () => {
    const codes: string[] = [];
    const start = performance.now();
    for (let i = 0; i < 1000; i++) codes.push(create(sqlite, pcId, '2024-05-17'));
    const ms = performance.now() - start;
    expect(new Set(codes).size).toBe(1000);
    expect(codes[0]).toBe('AS-202405-PC-NB-000001');
    expect(codes[999]).toBe('AS-202405-PC-NB-001000');
    codes.forEach((c, i) => expect(c.endsWith(String(i + 1).padStart(6, '0'))).toBe(true));
    for (const c of codes) expect(c).toMatch(/^[\x21-\x7e]+$/);
    console.log(`[code-rules] 1000 codes with inserts in ${ms.toFixed(0)} ms`);
  });

  it('keeps separate sequences per month and per category', () => {
    expect(create(sqlite, pcId, '2024-06-01')).toBe('AS-202406-PC-NB-000001');
    expect(create(sqlite, carId, '2024-05-31')).toBe('AS-202405-VH-CAR-000001');
    expect(create(sqlite, pcId, '2024-05-02')).toBe('AS-202405-PC-NB-001001');
  });

  it('never reuses the number of a deleted asset', () => {
    const code = create(sqlite, carId, '2024-07-01');
    expect(code).toBe('AS-202407-VH-CAR-000001');
    sqlite.prepare('DELETE FROM assets WHERE asset_code = ?').run(code);
    expect(create(sqlite, carId, '2024-07-01')).toBe('AS-202407-VH-CAR-000002');
  });

  it('skips numbers already taken by hand-typed codes', () => {
    insertAsset(t, { categoryId: carId, code: 'AS-202408-VH-CAR-000001' });
    insertAsset(t, { categoryId: carId, code: 'AS-202408-VH-CAR-000002' });
    expect(peekNextAssetCode(sqlite, { categoryId: carId, date: '2024-08-09' })).toBe(
      'AS-202408-VH-CAR-000003',
    );
    expect(create(sqlite, carId, '2024-08-09')).toBe('AS-202408-VH-CAR-000003');
    expect(create(sqlite, carId, '2024-08-09')).toBe('AS-202408-VH-CAR-000004');
  });

  it('gives the number back when the creating transaction rolls back, so no gap is left', () => {
    expect(() =>
      sqlite
        .transaction(() => {
          nextAssetCode(sqlite, { categoryId: carId, date: '2024-09-01' });
          throw new Error('validation failed later in assets.create');
        })
        .immediate(),
    ).toThrow(/validation failed/);
    expect(create(sqlite, carId, '2024-09-01')).toBe('AS-202409-VH-CAR-000001');
  });

  it('follows a changed pattern, continuing a counter whose prefix is unchanged', () => {
    setSetting(sqlite, 'codeRule.asset', { pattern: 'AS-{YYYYMM}-{CAT}-{SEQ3}' }, new Date().toISOString());
    // Same scope as the default pattern: the width is not part of it.
    expect(create(sqlite, carId, '2024-09-15')).toBe('AS-202409-VH-CAR-002');
    setSetting(sqlite, 'codeRule.asset', { pattern: 'GD{YY}{SEQ2}' }, new Date().toISOString());
    const few = Array.from({ length: 100 }, () => create(sqlite, pcId, '2025-01-01'));
    expect(few[0]).toBe('GD2501');
    // Past the width the number grows instead of wrapping.
    expect(few[99]).toBe('GD25100');
    expect(new Set(few).size).toBe(100);
    setSetting(sqlite, 'codeRule.asset', { pattern: 'AS-{YYYYMM}-{CAT}-{SEQ6}' }, new Date().toISOString());
  });

  it('refuses a category whose code would put non-ASCII into the asset code', () => {
    sqlite.prepare("UPDATE categories SET code = '笔记本' WHERE id = ?").run(pcId);
    try {
      expect(() => nextAssetCode(sqlite, { categoryId: pcId, date: '2024-05-01' })).toThrow(/VALIDATION/);
    } finally {
      sqlite.prepare("UPDATE categories SET code = 'PC-NB' WHERE id = ?").run(pcId);
    }
    expect(() => nextAssetCode(sqlite, { categoryId: 99999, date: '2024-05-01' })).toThrow(/NOT_FOUND/);
  });

  it('bulk nextAssetCodes matches successive nextAssetCode calls, skipping taken codes', () => {
    insertAsset(t, { categoryId: carId, code: 'AS-202411-VH-CAR-000003' });
    const bulk = sqlite.transaction(() =>
      nextAssetCodes(sqlite, { categoryId: carId, date: '2024-11-02' }, 4),
    )();
    expect(bulk).toEqual([1, 2, 4, 5].map((n) => `AS-202411-VH-CAR-00000${n}`));
    expect(create(sqlite, carId, '2024-11-30')).toBe('AS-202411-VH-CAR-000006');
  });

  it('stays unique when two connections create codes in turn', () => {
    const other = new Database(join(t.dataDir, 'fams.db'));
    other.pragma('busy_timeout = 5000');
    try {
      const codes: string[] = [];
      for (let i = 0; i < 200; i++) {
        codes.push(create(i % 2 ? other : sqlite, carId, '2024-10-10'));
      }
      expect(new Set(codes).size).toBe(200);
      expect(codes.at(-1)).toBe('AS-202410-VH-CAR-000200');
    } finally {
      other.close();
    }
  });
});
