// The monthly run's closed-form fast path must say exactly what the engine says, month by month.
import { describe, expect, it } from 'vitest';
import { computeSchedule } from '../../src/main/modules/depreciation/engine';
import { PlanCache, plainMonth, type PlainAsset } from '../../src/main/modules/depreciation/fast-row';
import { prng } from './depreciation-helpers';

const METHODS = ['straight_line', 'double_declining', 'sum_of_years'] as const;

function check(a: PlainAsset, cache: PlanCache): string[] {
  const rows = computeSchedule({ ...a, inServiceDate: '2020-01-10' }).rows;
  const wrong: string[] = [];
  // Past the end of life too: fully depreciated months charge nothing.
  const horizon = rows.length + 3;
  for (let t = 1; t <= horizon; t++) {
    const want = rows[t - 1] ?? { amount: 0, accumulated: rows.at(-1)?.accumulated ?? 0 };
    const got = plainMonth(cache, a, t);
    if (got.amount !== want.amount || got.accumulated !== want.accumulated) {
      wrong.push(
        `${JSON.stringify(a)} t=${t}: got ${JSON.stringify(got)}, engine ${want.amount}/${want.accumulated}`,
      );
    }
  }
  return wrong;
}

describe('plainMonth = computeSchedule for plain assets', () => {
  it('hand-picked: 120,000.00 元, 5% residual, 60 months straight line charges 1,900.00 a month', () => {
    const cache = new PlanCache();
    const a: PlainAsset = {
      method: 'straight_line',
      cost: 12_000_000,
      residualValue: 600_000,
      lifeMonths: 60,
    };
    expect(plainMonth(cache, a, 1)).toEqual({ amount: 190_000, accumulated: 190_000 });
    expect(plainMonth(cache, a, 60)).toEqual({ amount: 190_000, accumulated: 11_400_000 });
    expect(plainMonth(cache, a, 61)).toEqual({ amount: 0, accumulated: 11_400_000 });
    expect(plainMonth(cache, a, 0)).toEqual({ amount: 0, accumulated: 0 });
  });

  it('random terms, every month of the life and past it', () => {
    const r = prng(424242);
    const chance = (p: number) => r.next() < p;
    const cache = new PlanCache(64);
    const wrong: string[] = [];
    for (let i = 0; i < 600; i++) {
      const cost = chance(0.1) ? r.int(0, 50) : r.int(1, 2_000_000_000);
      const a: PlainAsset = {
        method: METHODS[r.int(0, 2)]!,
        cost,
        residualValue: chance(0.2) ? 0 : r.int(0, cost),
        lifeMonths: chance(0.3) ? r.int(1, 40) : 12 * r.int(1, 25) + (chance(0.3) ? r.int(1, 11) : 0),
      };
      wrong.push(...check(a, cache));
      if (wrong.length > 5) break;
    }
    expect(wrong).toEqual([]);
  });
});
