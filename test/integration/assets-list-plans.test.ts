// Every list plan (sort the matches / capped walk of the sort order / membership walk) must give the
// same pages and totals, whichever index drives the count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { seedLedger, type LedgerFixtures } from '../helpers/ledger-fixtures';
import { AssetListInput, ASSET_SORT_FIELDS } from '../../src/main/modules/assets/contract';
import { listAssets as listRemembering, type ListLimits } from '../../src/main/modules/assets/list-query';
import { forgetListCache } from '../../src/main/modules/assets/list-cache';
import type { Sqlite } from '../../src/main/db/client';
import type { AssetListQuery } from '../../src/main/modules/assets/contract';

/** Each plan counts for itself: nothing remembered from the call before. */
function listAssets(sqlite: Sqlite, q: AssetListQuery, scope: number | undefined, limits?: ListLimits) {
  forgetListCache(sqlite);
  return listRemembering(sqlite, q, scope, limits);
}

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
  for (let i = 0; i < 30; i++) {
    t.call(t.adminToken, 'assets.create', {
      name: `龘尾部${i}`,
      categoryId: fx.cat.furniture,
      model: 'TAIL',
      custodianId: people[i % 4],
      cost: i * 31,
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
  // Two references: the smaller one drives the count, the other is checked per row.
  { filters: { locationId: fx.loc.hq, departmentId: fx.dept.it } },
  // A reference with the columns its covering index carries.
  { filters: { status: ['in_use', 'idle'], departmentId: fx.dept.company, costMin: 200 } },
  { filters: { status: ['in_use'], costMax: 700, inServiceFrom: '2020-03-01' } },
  { filters: { custodianId: fx.person.li, costMin: 100 } },
  { query: 'm', filters: { categoryId: fx.cat.computers } },
];

/** The three plans of one query: sort every match, walk the sort order, walk testing membership. */
const plans = {
  sorted: { few: 1e9, fewSearch: 1e9, covered: 0 },
  // Sorted inside a covering index when the order allows, else walked.
  covered: { few: 1, fewSearch: 1 },
  walked: { few: 1, fewSearch: 1, covered: 0 },
  // No walk: sorted in a covering index, or the membership walk when the order is not covered.
  membership: { few: 1, fewSearch: 1, covered: 0, walkCap: 0 },
  // Walks that give up part-way (the page, a group of a name sort or the ledger is longer).
  cut12: { few: 1, fewSearch: 1, covered: 0, walkCap: 12, walkAlways: true },
  cut37: { few: 1, fewSearch: 1, covered: 0, walkCap: 37, walkAlways: true },
};

describe('list plans agree', () => {
  it('on every sort field, both directions, across pages', () => {
    const sqlite = t.core.services.sqlite;
    let compared = 0;
    for (const base of cases()) {
      for (const field of ASSET_SORT_FIELDS) {
        for (const dir of ['asc', 'desc'] as const) {
          for (const offset of [0, 7, 35]) {
            const q = AssetListInput.parse({ ...base, sort: [{ field, dir }], offset, limit: 10 });
            const sorted = listAssets(sqlite, q, undefined, plans.sorted);
            for (const limits of [plans.covered, plans.walked, plans.membership, plans.cut12, plans.cut37]) {
              const other = listAssets(sqlite, q, undefined, limits);
              const what = `${JSON.stringify(q)} ${JSON.stringify(limits)}`;
              expect(other.total, what).toBe(sorted.total);
              expect(
                other.rows.map((r) => r.id),
                what,
              ).toEqual(sorted.rows.map((r) => r.id));
            }
            compared += sorted.rows.length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('a walk that passes too many rows gives way to the membership walk', () => {
    // The last 30 cards ('tail', named to sort last) cluster at the end of the name order: a walk
    // capped at 60 rows passes none of them, though an even spread (30 of 90) says 30 rows suffice.
    const sqlite = t.core.services.sqlite;
    const q = AssetListInput.parse({ query: 'tail', sort: [{ field: 'name', dir: 'asc' }], limit: 10 });
    const sorted = listAssets(sqlite, q, undefined, plans.sorted);
    expect(sorted.total).toBe(30);
    const walked = listAssets(sqlite, q, undefined, { few: 1, fewSearch: 1, covered: 0, walkCap: 60 });
    expect(walked.rows.map((r) => r.id)).toEqual(sorted.rows.map((r) => r.id));
    expect(walked.total).toBe(30);
  });

  it('pages through a remembered result until anything is written', () => {
    const sqlite = t.core.services.sqlite;
    forgetListCache(sqlite);
    for (const base of [{ query: 'tail' }, { filters: { categoryId: fx.cat.furniture } }]) {
      const page = (offset: number) =>
        listRemembering(sqlite, AssetListInput.parse({ ...base, offset, limit: 10 }), undefined);
      const first = page(0);
      expect(page(10).total).toBe(first.total);
      // A new matching card: the next page counts again and sees it.
      t.call(t.adminToken, 'assets.create', {
        name: '龘尾部新',
        categoryId: fx.cat.furniture,
        model: 'TAIL',
      });
      const after = page(10);
      expect(after.total).toBe(first.total + 1);
      expect(listAssets(sqlite, AssetListInput.parse({ ...base, offset: 10, limit: 10 }), undefined)).toEqual(
        after,
      );
    }
  });

  it('matches search wildcards literally', () => {
    const sqlite = t.core.services.sqlite;
    const [first] = listAssets(sqlite, AssetListInput.parse({ limit: 1 }), undefined).rows;
    sqlite
      .prepare(`UPDATE assets SET search_text = search_text || ? WHERE id = ?`)
      .run('\u0001a*b?c[d]', first!.id);
    const hits = (query: string) =>
      listAssets(sqlite, AssetListInput.parse({ query }), undefined).rows.map((r) => r.id);
    expect(hits('a*b?c[d]')).toEqual([first!.id]);
    expect(hits('[d]')).toEqual([first!.id]);
    expect(hits('*')).toEqual([first!.id]);
    expect(hits('a?b')).toEqual([]);
    expect(hits('[a-z]')).toEqual([]);
  });

  it('sorts the matches in the order asked', () => {
    const q = AssetListInput.parse({ sort: [{ field: 'cost', dir: 'desc' }], limit: 500 });
    const costs = listAssets(t.core.services.sqlite, q, undefined, { few: 1, fewSearch: 1 }).rows.map(
      (r) => r.cost,
    );
    expect(costs.length).toBeGreaterThanOrEqual(90);
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
  });
});
