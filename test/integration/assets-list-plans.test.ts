// Both list plans (sort the matches / walk the sort index) must give the same pages and totals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { seedLedger, type LedgerFixtures } from '../helpers/ledger-fixtures';
import { AssetListInput, ASSET_SORT_FIELDS } from '../../src/main/modules/assets/contract';
import { listAssets } from '../../src/main/modules/assets/list-query';

let t: TestCore;
let fx: LedgerFixtures;

beforeAll(() => {
  t = startTestCore();
  fx = seedLedger(t.core.services.sqlite);
  const people = [fx.person.zhang, fx.person.li, fx.person.wang, null];
  const locs = [fx.loc.hq, fx.loc.floor3, fx.loc.room301, fx.loc.warehouse, null];
  const cats = [fx.cat.laptops, fx.cat.computers, fx.cat.furniture];
  const names = ['联想ThinkPad', '戴尔台式机', '办公椅', '会议桌', '联想扬天'];
  for (let i = 0; i < 60; i++) {
    t.call(t.adminToken, 'assets.create', {
      name: names[i % names.length]!,
      categoryId: cats[i % 3]!,
      custodianId: people[i % 4],
      locationId: locs[i % 5],
      departmentId: i % 2 ? fx.dept.it : fx.dept.finance,
      cost: (i * 7919) % 1000,
      model: `M${i % 6}`,
      inServiceDate: `2020-0${(i % 9) + 1}-01`,
    });
  }
});
afterAll(async () => {
  await t.close();
});

const cases = (): Record<string, unknown>[] => [
  {},
  { filters: { status: ['in_use'] } },
  { filters: { locationId: fx.loc.hq } },
  { query: '联想' },
  { query: '想', filters: { departmentId: fx.dept.company } },
];

describe('list plans agree', () => {
  it('on every sort field, both directions, across pages', () => {
    const sqlite = t.core.services.sqlite;
    let compared = 0;
    for (const base of cases()) {
      for (const field of ASSET_SORT_FIELDS) {
        for (const dir of ['asc', 'desc'] as const) {
          for (const offset of [0, 7, 35]) {
            const q = AssetListInput.parse({ ...base, sort: [{ field, dir }], offset, limit: 10 });
            const sorted = listAssets(sqlite, q, undefined, { few: 1e9, fewSearch: 1e9 });
            const walked = listAssets(sqlite, q, undefined, { few: 1, fewSearch: 1 });
            expect(walked.total, JSON.stringify(q)).toBe(sorted.total);
            expect(
              walked.rows.map((r) => r.id),
              JSON.stringify(q),
            ).toEqual(sorted.rows.map((r) => r.id));
            compared += sorted.rows.length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('sorts the matches in the order asked', () => {
    const q = AssetListInput.parse({ sort: [{ field: 'cost', dir: 'desc' }], limit: 500 });
    const costs = listAssets(t.core.services.sqlite, q, undefined, { few: 1, fewSearch: 1 }).rows.map(
      (r) => r.cost,
    );
    expect(costs).toHaveLength(60);
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
  });
});
