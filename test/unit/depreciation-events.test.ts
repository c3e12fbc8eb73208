// Impairment and change of estimate: prospective from the month after, never restating the past (fen).
import { describe, expect, it } from 'vitest';
import type { DepreciationEvent, ScheduleInput } from '../../src/main/modules/depreciation/engine';
import { amounts, byPeriod, rowsOf, year } from './depreciation-helpers';

// 100,000.00 元, residual 5,000.00 元, 5 years, first month 2024-04. After 12 months (2025-03):
// accumulated 1,900,000, carrying amount 8,100,000, 48 months left.
const sl: ScheduleInput = {
  method: 'straight_line',
  cost: 10_000_000,
  residualValue: 500_000,
  lifeMonths: 60,
  inServiceDate: '2024-03-15',
};
const firstYear = year(158_333, 158_337);
const withEvents = (base: ScheduleInput, ...events: DepreciationEvent[]) => rowsOf({ ...base, events });

describe('impairment (减值准备)', () => {
  it('mid-life: from the next month (carrying after impairment − residual) over the remaining life', () => {
    // Recoverable 6,000,000 < carrying 8,100,000 → impairment 2,100,000, booked in 2025-03.
    // From 2025-04: (6,000,000 − 500,000)/48 = 114,583.33 → 114,583; a year 1,375,000, closing 1,375,000 − 1,260,413 = 114,587.
    const rows = withEvents(sl, { kind: 'impairment', date: '2025-03-31', recoverableAmount: 6_000_000 });
    expect(byPeriod(rows, '2025-03')).toEqual({
      period: '2025-03',
      amount: 158_337, // the impairment month is charged on the old terms
      accumulated: 1_900_000,
      impairment: 2_100_000,
      netBookValue: 6_000_000,
      flags: ['impairment'],
    });
    const y = year(114_583, 114_587);
    expect(amounts(rows)).toEqual([...firstYear, ...y, ...y, ...y, ...y]);
    // Accumulated = C − S − impairment = 10,000,000 − 500,000 − 2,100,000.
    expect(rows.at(-1)).toMatchObject({
      period: '2029-03',
      accumulated: 7_400_000,
      impairment: 2_100_000,
      netBookValue: 500_000,
    });
  });

  it('does nothing when the recoverable amount is not below the carrying amount (never reversed)', () => {
    const plain = rowsOf(sl);
    expect(withEvents(sl, { kind: 'impairment', date: '2025-03-31', recoverableAmount: 8_100_000 })).toEqual(
      plain,
    );
    const once = withEvents(
      sl,
      { kind: 'impairment', date: '2025-03-31', recoverableAmount: 6_000_000 },
      { kind: 'impairment', date: '2026-03-31', recoverableAmount: 9_000_000 }, // a recovery: ignored
    );
    expect(once.at(-1)!.impairment).toBe(2_100_000);
  });

  it('may re-estimate remaining life and residual in the same act', () => {
    // From 2025-04: (6,000,000 − 0)/24 = 250,000 a month, the life now ending 2027-03.
    const rows = withEvents(sl, {
      kind: 'impairment',
      date: '2025-03-31',
      recoverableAmount: 6_000_000,
      remainingLifeMonths: 24,
      residualValue: 0,
    });
    expect(amounts(rows)).toEqual([...firstYear, ...Array(24).fill(250_000)]);
    expect(rows.at(-1)).toMatchObject({ period: '2027-03', accumulated: 7_900_000, netBookValue: 0 });
  });

  it('DDB mid-year: the last two years count on the new remaining life (43 months → 12, 12 | 12, 7)', () => {
    // 100,000 元, residual 4,000 元, 5 years DDB, first month 2024-04. Impairment dated 2025-08-20 (month 17):
    // accumulated 4,000,000 + 5 × 200,000 = 5,000,000, carrying 5,000,000, recoverable 3,000,000 → impairment 2,000,000.
    // From 2025-09, R = 60 − 17 = 43 months, rate 24/43 a year:
    //   Y1 = 3,000,000 × 24/43 = 1,674,418.60 → 1,674,419; months 6,000,000/43 = 139,534.88 → 139,535, closing 1,674,419 − 1,534,885 = 139,534.
    //   Y2 = 1,325,581 × 24/43 = 739,859.16 → 739,859; months 2,651,162/43 = 61,654.93 → 61,655, closing 739,859 − 678,205 = 61,654.
    //   Left 585,722 − 400,000 = 185,722 over the last 19 months: 9,774.84 → 9,775 a month;
    //   Y3 = 185,722 × 12/19 = 117,298.11 → 117,298, closing 117,298 − 107,525 = 9,773; Y4 (7 months) 68,424, last 68,424 − 58,650 = 9,774.
    const ddb: ScheduleInput = { ...sl, method: 'double_declining', residualValue: 400_000 };
    const rows = withEvents(ddb, { kind: 'impairment', date: '2025-08-20', recoverableAmount: 3_000_000 });
    expect(byPeriod(rows, '2025-08')).toMatchObject({
      amount: 200_000,
      accumulated: 5_000_000,
      impairment: 2_000_000,
    });
    expect(amounts(rows.slice(17))).toEqual([
      ...year(139_535, 139_534),
      ...year(61_655, 61_654),
      ...year(9_775, 9_773),
      ...year(9_775, 9_774, 7),
    ]);
    expect(rows.at(-1)).toMatchObject({ period: '2029-03', accumulated: 7_600_000, netBookValue: 400_000 });
  });

  it('a recoverable amount below the residual leaves nothing to depreciate', () => {
    const rows = withEvents(sl, { kind: 'impairment', date: '2025-03-31', recoverableAmount: 300_000 });
    expect(byPeriod(rows, '2025-03')).toMatchObject({ impairment: 7_800_000, netBookValue: 300_000 });
    expect(rows.slice(12).every((r) => r.amount === 0 && r.flags?.includes('fully_depreciated'))).toBe(true);
  });

  it('dated before the first depreciation month, it applies from the first month', () => {
    const rows = rowsOf({
      method: 'straight_line',
      cost: 1_200_000,
      residualValue: 0,
      lifeMonths: 12,
      inServiceDate: '2024-03-05',
      events: [{ kind: 'impairment', date: '2024-03-20', recoverableAmount: 600_000 }],
    });
    expect(rows[0]).toEqual({
      period: '2024-04',
      amount: 50_000,
      accumulated: 50_000,
      impairment: 600_000,
      netBookValue: 550_000,
      flags: ['impairment'],
    });
    expect(amounts(rows)).toEqual(Array(12).fill(50_000));
  });

  it("dated before an opening asset's first row, it applies at that row", () => {
    // Opening: 20 months charged, 3,166,666 accumulated, carrying 6,833,334; recoverable 5,000,000 → impairment 1,833,334.
    // From 2024-03: (5,000,000 − 500,000)/40 = 112,500 exactly.
    const rows = rowsOf({
      ...sl,
      inServiceDate: '2022-06-10',
      openingMonths: 20,
      openingAccumulated: 3_166_666,
      events: [{ kind: 'impairment', date: '2023-05-01', recoverableAmount: 5_000_000 }],
    });
    expect(rows[0]).toMatchObject({
      period: '2024-03',
      amount: 112_500,
      impairment: 1_833_334,
      flags: ['impairment'],
    });
    expect(amounts(rows)).toEqual(Array(40).fill(112_500));
  });
});

describe('change of estimate (会计估计变更), prospective', () => {
  it('shorter life: (carrying − residual) over the new remaining months', () => {
    // Total life 48 from 2025-04: 36 months left; 7,600,000/36 = 211,111.11 → 211,111; a year 2,533,333.33 → 2,533,333,
    // closing 2,533,333 − 2,322,221 = 211,112; the last year takes 7,600,000 − 5,066,666 = 2,533,334 (closing 211,113).
    const rows = withEvents(sl, { kind: 'estimate_change', date: '2025-03-15', totalLifeMonths: 48 });
    expect(byPeriod(rows, '2025-03').flags).toEqual(['estimate_change']);
    expect(amounts(rows)).toEqual([
      ...firstYear,
      ...year(211_111, 211_112),
      ...year(211_111, 211_112),
      ...year(211_111, 211_113),
    ]);
    expect(rows.at(-1)).toMatchObject({ period: '2028-03', accumulated: 9_500_000 });
  });

  it('new residual: (8,100,000 − 1,000,000)/48 = 147,916.67 → 147,917, each year 1,775,000 (closing 147,913)', () => {
    const rows = withEvents(sl, { kind: 'estimate_change', date: '2025-03-31', residualValue: 1_000_000 });
    const y = year(147_917, 147_913);
    expect(amounts(rows)).toEqual([...firstYear, ...y, ...y, ...y, ...y]);
    expect(rows.at(-1)).toMatchObject({ accumulated: 9_000_000, netBookValue: 1_000_000 });
  });

  it('new method: straight line → DDB over the remaining 4 years', () => {
    // Carrying 8,100,000, R = 48, 2/n = 1/2: Y1 4,050,000 (337,500/month), Y2 2,025,000 (168,750/month),
    // Y3 = Y4 = (2,025,000 − 500,000)/2 = 762,500: 63,541.67 → 63,542, closing 762,500 − 698,962 = 63,538.
    const rows = withEvents(sl, { kind: 'estimate_change', date: '2025-03-31', method: 'double_declining' });
    expect(amounts(rows)).toEqual([
      ...firstYear,
      ...Array(12).fill(337_500),
      ...Array(12).fill(168_750),
      ...year(63_542, 63_538),
      ...year(63_542, 63_538),
    ]);
  });

  it('DDB re-estimated to 2 remaining years is already in its last two years: even from the next month', () => {
    // After Y1 (4,000,000) the total life becomes 36: 24 months left, (6,000,000 − 400,000)/24 = 233,333.33 → 233,333,
    // a year 2,800,000, closing 2,800,000 − 2,566,663 = 233,337.
    const ddb: ScheduleInput = { ...sl, method: 'double_declining', residualValue: 400_000 };
    const rows = withEvents(ddb, { kind: 'estimate_change', date: '2025-03-31', totalLifeMonths: 36 });
    expect(amounts(rows)).toEqual([
      ...year(333_333, 333_337),
      ...year(233_333, 233_337),
      ...year(233_333, 233_337),
    ]);
    expect(rows.at(-1)).toMatchObject({ period: '2027-03', accumulated: 9_600_000 });
  });

  it('a life shortened to the months already past charges the rest in the next month', () => {
    const rows = withEvents(sl, { kind: 'estimate_change', date: '2025-03-31', totalLifeMonths: 10 });
    expect(rows.at(-1)).toMatchObject({ period: '2025-04', amount: 7_600_000, accumulated: 9_500_000 });
    expect(rows).toHaveLength(13);
  });

  it('switching to units of production: remaining amount over the units not yet used', () => {
    // 20,000 of 100,000 units used before the change; (8,100,000 − 500,000)/80,000 = 95 fen a unit.
    const rows = rowsOf({
      ...sl,
      totalUnits: 100_000,
      usage: [
        { period: '2025-02', units: 20_000 },
        { period: '2025-04', units: 1_000 },
      ],
      events: [{ kind: 'estimate_change', date: '2025-03-31', method: 'units_of_production' }],
      through: '2025-05',
    });
    expect(byPeriod(rows, '2025-02').amount).toBe(158_333); // still straight line then
    expect(byPeriod(rows, '2025-04').amount).toBe(95_000);
    expect(byPeriod(rows, '2025-05')).toMatchObject({ amount: 0, flags: ['no_usage'] });
  });

  it('events combine in date order; a disposal ends the schedule whatever comes after', () => {
    const rows = withEvents(
      sl,
      { kind: 'estimate_change', date: '2025-03-31', residualValue: 0 },
      { kind: 'impairment', date: '2025-03-01', recoverableAmount: 6_000_000 },
      { kind: 'disposal', date: '2026-03-31' },
      { kind: 'impairment', date: '2026-06-30', recoverableAmount: 1 },
    );
    // Impairment first (2,100,000), then residual 0: 6,000,000/48 = 125,000 a month; stop after 2026-03.
    expect(byPeriod(rows, '2025-03').flags).toEqual(['impairment', 'estimate_change']);
    expect(amounts(rows)).toEqual([...firstYear, ...Array(12).fill(125_000)]);
    expect(rows.at(-1)).toMatchObject({ period: '2026-03', flags: ['disposal'], impairment: 2_100_000 });
  });
});
