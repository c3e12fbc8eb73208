// depreciation.preview through the single door: public, validated, money in fen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch, type Dispatch } from '../../src/main/api/dispatch';
import { contracts } from '../../src/main/api/contracts';
import { handlers } from '../../src/main/api/handlers';
import type { HandlerFn } from '../../src/main/api/context';
import { makeSessionResolver } from '../../src/main/modules/users/accounts';
import { depreciationContract } from '../../src/main/modules/depreciation/contract';
import { depreciationHandlers } from '../../src/main/modules/depreciation/handlers';
import { startTestCore, type TestCore } from '../helpers/core';

let t: TestCore;
let dispatch: Dispatch;
beforeAll(() => {
  t = startTestCore();
  // The real dispatcher on the real core, with this module's contract and handlers merged in the way
  // src/main/api/{contracts,handlers}.ts merge every module (the lead wires them there).
  dispatch = createDispatch({
    core: t.core.services,
    contracts: { ...contracts, ...depreciationContract },
    handlers: { ...handlers, ...(depreciationHandlers as unknown as Record<string, HandlerFn<never>>) },
    resolveSession: makeSessionResolver(t.core.services.sqlite, () => new Date()),
  });
});
afterAll(() => t.close());

const preview = (input: unknown, token: string | null = null) =>
  dispatch({ token, source: 'browser' }, 'depreciation.preview', input);

const asset = {
  method: 'straight_line',
  cost: 10_000_000,
  residualRate: 0.05,
  lifeMonths: 60,
  inServiceDate: '2024-03-15',
};

function problems(result: ReturnType<Dispatch>) {
  expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  return (result as { error: { details: { path: string; message: string }[] } }).error.details;
}

describe('depreciation.preview', () => {
  it('is public: no session needed, and a signed-in user gets the same schedule', () => {
    const anon = preview(asset);
    expect(anon.ok).toBe(true);
    const { rows, residualValue } = (
      anon as { data: { rows: { period: string; amount: number }[]; residualValue: number } }
    ).data;
    // 100,000.00 元, 5% residual, 5 years: 1,583.33 a month, 1,583.37 in each year's 12th month.
    expect(residualValue).toBe(500_000);
    expect(rows).toHaveLength(60);
    expect(rows[0]).toEqual({
      period: '2024-04',
      amount: 158_333,
      accumulated: 158_333,
      impairment: 0,
      netBookValue: 9_841_667,
    });
    expect(rows[11].amount).toBe(158_337);
    expect(preview(asset, t.adminToken)).toEqual(anon);
  });

  it('takes events, usage, opening figures and `through` exactly as the issue names them', () => {
    const r = preview({
      method: 'units_of_production',
      cost: 50_000_000,
      residualValue: 2_500_000,
      lifeMonths: 96,
      inServiceDate: '2023-01-10',
      totalUnits: 300_000,
      usage: [{ period: '2023-12', units: 1_000 }],
      openingAccumulated: 20_000_000,
      openingMonths: 10,
      events: [
        {
          kind: 'impairment',
          date: '2024-01-31',
          recoverableAmount: 20_000_000,
          remainingLifeMonths: 24,
          residualValue: 0,
        },
        { kind: 'estimate_change', date: '2024-02-29', method: 'straight_line', totalLifeMonths: 36 },
        { kind: 'disposal', date: '2024-04-30' },
      ],
      through: '2030-12',
    });
    expect(r.ok).toBe(true);
    const rows = (
      r as { data: { rows: { period: string; amount: number; impairment: number; flags?: string[] }[] } }
    ).data.rows;
    // 2023-12: 1,000 km × 47,500,000/300,000 = 158,333.33 → 158,333. 2024-01: no usage; impaired to 20,000,000
    // (carrying 29,841,667). 2024-02: no usage. From 2024-03 straight line: total life 36, 13 months charged,
    // 23 left: 20,000,000/23 = 869,565.22 → 869,565. Disposed in 2024-04.
    expect(rows.map((x) => [x.period, x.amount, x.flags ?? []])).toEqual([
      ['2023-12', 158_333, []],
      ['2024-01', 0, ['no_usage', 'impairment']],
      ['2024-02', 0, ['no_usage', 'estimate_change']],
      ['2024-03', 869_565, []],
      ['2024-04', 869_565, ['disposal']],
    ]);
    expect(rows[1].impairment).toBe(9_841_667);
  });

  it('answers bad input with VALIDATION problems naming the fields', () => {
    const both = problems(preview({ ...asset, residualValue: 100 }));
    expect(both).toContainEqual(
      expect.objectContaining({ path: 'residualValue', message: 'validation.residualRateOrValue' }),
    );
    const { residualRate: _, ...none } = asset;
    expect(problems(preview(none))).toContainEqual({ path: 'residualValue', message: 'validation.required' });
    expect(problems(preview({ ...none, residualValue: 10_000_001 })).map((p) => p.message)).toContain(
      'validation.residualExceedsCost',
    );
    expect(problems(preview({ ...asset, method: 'units_of_production' })).map((p) => p.path)).toContain(
      'totalUnits',
    );
    expect(problems(preview({ ...asset, openingMonths: 3 })).map((p) => p.message)).toContain(
      'validation.openingTogether',
    );
    expect(problems(preview({ ...asset, cost: 12.5 })).map((p) => p.path)).toContain('cost');
    expect(problems(preview({ ...asset, lifeMonths: 0 })).map((p) => p.path)).toContain('lifeMonths');
    expect(problems(preview({ ...asset, inServiceDate: '2024-02-30' })).map((p) => p.path)).toContain(
      'inServiceDate',
    );
    expect(problems(preview({ ...asset, method: 'declining' })).map((p) => p.path)).toContain('method');
    expect(problems(preview({ ...asset, residualRate: 0.05001 })).map((p) => p.path)).toContain(
      'residualRate',
    );
    expect(problems(preview({ ...asset, through: '2024-13' })).map((p) => p.path)).toContain('through');
    expect(problems(preview({ ...asset, through: '2200-01' })).map((p) => p.message)).toContain(
      'validation.throughTooFar',
    );
    const events = problems(
      preview({
        ...asset,
        events: [
          { kind: 'impairment', date: '2024-01-01', recoverableAmount: 5 },
          { kind: 'estimate_change', date: '2025-01-01' },
          { kind: 'revaluation', date: '2025-01-01' },
        ],
      }),
    );
    expect(events).toContainEqual(expect.objectContaining({ path: 'events.2.kind' }));
    const usage = problems(
      preview({
        ...asset,
        method: 'units_of_production',
        totalUnits: 10,
        usage: [
          { period: '2024-04', units: 1 },
          { period: '2024-04', units: 0.0000001 },
        ],
      }),
    );
    expect(usage.map((p) => `${p.path} ${p.message}`)).toEqual(
      expect.arrayContaining(['usage.1.units validation.unitsDecimals']),
    );
  });

  it('checks event dates and duplicate usage months across fields', () => {
    const r = problems(
      preview({
        ...asset,
        method: 'units_of_production',
        totalUnits: 10,
        usage: [
          { period: '2024-04', units: 1 },
          { period: '2024-04', units: 2 },
        ],
        events: [
          { kind: 'impairment', date: '2024-01-01', recoverableAmount: 5 },
          { kind: 'estimate_change', date: '2025-01-01' },
        ],
      }),
    );
    expect(r.map((p) => `${p.path} ${p.message}`)).toEqual(
      expect.arrayContaining([
        'usage.1.period validation.duplicatePeriod',
        'events.0.date validation.eventBeforeInService',
        'events.1 validation.estimateChangeEmpty',
      ]),
    );
  });
});
