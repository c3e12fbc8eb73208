// When depreciation starts and stops, and how opening assets continue (money in fen).
import { describe, expect, it } from 'vitest';
import { amounts, byPeriod, rowsOf, year } from './depreciation-helpers';

// 100,000.00 元, residual 5,000.00 元, 5 years straight line: 158,333 a month, 158,337 in each year's 12th month.
const sl = {
  method: 'straight_line',
  cost: 10_000_000,
  residualValue: 500_000,
  lifeMonths: 60,
  inServiceDate: '2024-03-15',
} as const;

describe('start: 当月增加当月不提，下月起提', () => {
  it('starts the month after the in-service date, across a year end and on the 1st', () => {
    expect(rowsOf({ ...sl, inServiceDate: '2024-01-31' })[0].period).toBe('2024-02');
    expect(rowsOf({ ...sl, inServiceDate: '2024-12-01' })[0].period).toBe('2025-01');
    expect(rowsOf({ ...sl, inServiceDate: '2024-12-01' }).at(-1)!.period).toBe('2029-12');
  });

  it('stops at `through`, and a `through` before the first month gives no rows', () => {
    expect(rowsOf({ ...sl, through: '2024-06' }).map((r) => r.period)).toEqual([
      '2024-04',
      '2024-05',
      '2024-06',
    ]);
    expect(rowsOf({ ...sl, through: '2024-03' })).toEqual([]);
  });
});

describe('disposal: 当月减少当月照提，下月起不提', () => {
  it('charges the disposal month and nothing after, with no catch-up', () => {
    const rows = rowsOf({ ...sl, events: [{ kind: 'disposal', date: '2025-06-30' }], through: '2029-12' });
    // 2024-04 .. 2025-06 = 15 months: 1,900,000 for the first year + 3 × 158,333.
    expect(rows).toHaveLength(15);
    expect(rows.at(-1)).toMatchObject({
      period: '2025-06',
      amount: 158_333,
      accumulated: 2_374_999,
      flags: ['disposal'],
    });
  });

  it('a disposal in a year-closing month charges that month its closing amount', () => {
    const rows = rowsOf({ ...sl, events: [{ kind: 'disposal', date: '2025-03-01' }] });
    expect(rows.at(-1)).toMatchObject({ period: '2025-03', amount: 158_337, accumulated: 1_900_000 });
  });

  it('an asset disposed of in its in-service month is never depreciated', () => {
    expect(rowsOf({ ...sl, events: [{ kind: 'disposal', date: '2024-03-31' }] })).toEqual([]);
  });
});

describe('fully depreciated: charged nothing more, still listed', () => {
  it('charges nothing after the life, flagged, and the net book value stays at the residual', () => {
    // 1,200.00 元, no residual, 12 months: 10,000 a month; 2025-04..2025-12 nothing.
    const rows = rowsOf({
      method: 'straight_line',
      cost: 120_000,
      residualValue: 0,
      lifeMonths: 12,
      inServiceDate: '2024-03-05',
      through: '2025-12',
    });
    expect(amounts(rows)).toEqual([...Array(12).fill(10_000), ...Array(9).fill(0)]);
    expect(
      rows.slice(12).every((r) => r.flags?.join() === 'fully_depreciated' && r.accumulated === 120_000),
    ).toBe(true);
    expect(rows.slice(0, 12).every((r) => r.flags === undefined)).toBe(true);
  });

  it('a tiny asset never charges more than its year has left, and never a negative month', () => {
    // 30 fen over 12 months: 2.5 → 3 a month; after 10 months the 30 fen are gone, months 11 and 12 charge 0.
    const rows = rowsOf({
      method: 'straight_line',
      cost: 30,
      residualValue: 0,
      lifeMonths: 12,
      inServiceDate: '2024-01-01',
    });
    expect(amounts(rows)).toEqual([...Array(10).fill(3), 0, 0]);
    expect(rows[10].flags).toEqual(['fully_depreciated']);
  });
});

describe('opening assets (in use before the ledger starts)', () => {
  it('straight line re-spreads cost − residual − opening accumulated over the remaining months', () => {
    // In service 2022-06-10, first month 2022-07; 20 months charged → the first row is 2024-03.
    // (9,500,000 − 3,166,666)/40 = 158,333.35 → 158,333. The new plan's years: 12, 12, 12, 4 months.
    // A full year 12 × 158,333.35 = 1,900,000.2 → 1,900,000, closing 1,900,000 − 1,741,663 = 158,337.
    // Last 4 months: 6,333,334 − 3 × 1,900,000 = 633,334 = 3 × 158,333 + 158,335.
    const rows = rowsOf({
      ...sl,
      inServiceDate: '2022-06-10',
      openingMonths: 20,
      openingAccumulated: 3_166_666,
    });
    expect(rows[0].period).toBe('2024-03');
    expect(rows.at(-1)!.period).toBe('2027-06');
    const y = year(158_333, 158_337);
    expect(amounts(rows)).toEqual([...y, ...y, ...y, ...year(158_333, 158_335, 4)]);
    expect(rows.at(-1)).toMatchObject({ accumulated: 9_500_000, netBookValue: 500_000 });
  });

  it('double declining continues its depreciation-year schedule; the last month absorbs a difference', () => {
    // 100,000 元, residual 4,000 元, 5 years DDB, first month 2022-07. After 18 months the schedule stands at
    // 4,000,000 + 6 × 200,000 = 5,200,000: months 19..24 charge 200,000, then Y3 120,000, Y4/Y5 73,333 (closing 73,337).
    const ddb = {
      method: 'double_declining',
      cost: 10_000_000,
      residualValue: 400_000,
      lifeMonths: 60,
      inServiceDate: '2022-06-10',
      openingMonths: 18,
    } as const;
    const rows = rowsOf({ ...ddb, openingAccumulated: 5_200_000 });
    expect(rows[0].period).toBe('2024-01');
    const tail = [
      ...Array(6).fill(200_000),
      ...year(120_000, 120_000),
      ...year(73_333, 73_337),
      ...year(73_333, 73_337),
    ];
    expect(amounts(rows)).toEqual(tail);
    // The old books were 10 fen short: same charges, the final month takes 73,337 + 10.
    const short = rowsOf({ ...ddb, openingAccumulated: 5_199_990 });
    expect(amounts(short)).toEqual([...tail.slice(0, -1), 73_347]);
    expect(short.at(-1)!.accumulated).toBe(9_600_000);
    // Ahead of the schedule: charges stop at cost − residual (50,000 was left).
    const ahead = rowsOf({ ...ddb, openingAccumulated: 9_550_000 });
    expect(amounts(ahead).slice(0, 3)).toEqual([50_000, 0, 0]);
    expect(ahead.at(-1)!.accumulated).toBe(9_600_000);
  });

  it('a fully depreciated opening asset shows where it stands; one short by 100 fen charges it next month', () => {
    const done = rowsOf({
      ...sl,
      inServiceDate: '2019-01-10',
      openingMonths: 60,
      openingAccumulated: 9_500_000,
    });
    expect(done).toEqual([
      {
        period: '2024-02',
        amount: 0,
        accumulated: 9_500_000,
        impairment: 0,
        netBookValue: 500_000,
        flags: ['fully_depreciated'],
      },
    ]);
    const short = rowsOf({
      ...sl,
      inServiceDate: '2019-01-10',
      openingMonths: 60,
      openingAccumulated: 9_499_900,
    });
    expect(short.map((r) => [r.period, r.amount])).toEqual([['2024-02', 100]]);
  });

  it('units of production keeps its per-unit rate and stops at cost − residual', () => {
    // Rate 47,500,000/300,000 = 158.333… fen/km; 20,000,000 already charged over 10 months.
    // 2023-12: 1,000 km → 158,333.33 → 158,333; 2024-01: 200,000 km would be 31,666,666.67 but only
    // 47,500,000 − 20,158,333 = 27,341,667 is left; 2024-02: nothing more.
    const rows = rowsOf({
      method: 'units_of_production',
      cost: 50_000_000,
      residualValue: 2_500_000,
      lifeMonths: 96,
      inServiceDate: '2023-01-10',
      totalUnits: 300_000,
      openingMonths: 10,
      openingAccumulated: 20_000_000,
      usage: [
        { period: '2023-12', units: 1_000 },
        { period: '2024-01', units: 200_000 },
        { period: '2024-02', units: 10 },
      ],
      through: '2024-02',
    });
    expect(amounts(rows)).toEqual([158_333, 27_341_667, 0]);
    expect(byPeriod(rows, '2024-02').flags).toEqual(['fully_depreciated']);
  });
});
