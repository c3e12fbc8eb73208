// The four methods, pinned with hand-computed schedules (money in fen; 1 元 = 100 fen).
import { describe, expect, it } from 'vitest';
import { computeSchedule } from '../../src/main/modules/depreciation/engine';
import { amounts, byPeriod, groupSums, rowsOf, year } from './depreciation-helpers';

describe('straight line (年限平均法)', () => {
  it('100,000.00 元, residual 5%, 5 years: 1,583.33 a month, each year closing at 19,000.00', () => {
    // S = 10,000,000 × 5% = 500,000. Monthly (C − S)/60 = 9,500,000/60 = 158,333.33 → 158,333.
    // A year is exactly 1,900,000; its 12th month takes 1,900,000 − 11 × 158,333 = 158,337.
    const s = computeSchedule({
      method: 'straight_line',
      cost: 10_000_000,
      residualRate: 0.05,
      lifeMonths: 60,
      inServiceDate: '2024-03-15',
    });
    expect(s.residualValue).toBe(500_000);
    expect(s.rows).toHaveLength(60);
    expect(s.rows[0].period).toBe('2024-04'); // 当月增加当月不提
    expect(s.rows.at(-1)!.period).toBe('2029-03');
    const y = year(158_333, 158_337);
    expect(amounts(s.rows)).toEqual([...y, ...y, ...y, ...y, ...y]);
    expect(groupSums(s.rows, [12, 12, 12, 12, 12])).toEqual(Array(5).fill(1_900_000));
    // Calendar 2024 = Apr..Dec = 9 × 158,333.
    expect(groupSums(s.rows, [9])).toEqual([1_424_997]);
    expect(s.rows.at(-1)).toMatchObject({ accumulated: 9_500_000, impairment: 0, netBookValue: 500_000 });
    expect(byPeriod(s.rows, '2025-03')).toMatchObject({
      amount: 158_337,
      accumulated: 1_900_000,
      netBookValue: 8_100_000,
    });
  });

  it('rounds the residual from a rate half-up and takes an amount as given', () => {
    // 777,777 × 5% = 38,888.85 → 38,889; 1,234,567 × 3.25% = 40,123.4275 → 40,123.
    expect(
      computeSchedule({
        method: 'straight_line',
        cost: 777_777,
        residualRate: 0.05,
        lifeMonths: 12,
        inServiceDate: '2024-01-01',
      }).residualValue,
    ).toBe(38_889);
    expect(
      computeSchedule({
        method: 'straight_line',
        cost: 1_234_567,
        residualRate: 0.0325,
        lifeMonths: 12,
        inServiceDate: '2024-01-01',
      }).residualValue,
    ).toBe(40_123);
    const r = computeSchedule({
      method: 'straight_line',
      cost: 1_200,
      residualValue: 7,
      lifeMonths: 12,
      inServiceDate: '2024-01-01',
    });
    expect(r.residualValue).toBe(7);
    expect(r.rows.at(-1)!.netBookValue).toBe(7);
  });

  it('the last year absorbs the rounding of the whole life', () => {
    // C = 1,000,000, S = 0, 7 years: a year is 1,000,000/7 = 142,857.14 → 142,857; the 7th year is what is
    // left: 1,000,000 − 6 × 142,857 = 142,858. Monthly 1,000,000/84 = 11,904.76 → 11,905;
    // closing months 142,857 − 11 × 11,905 = 11,902 and, in the last year, 142,858 − 130,955 = 11,903.
    const rows = rowsOf({
      method: 'straight_line',
      cost: 1_000_000,
      residualValue: 0,
      lifeMonths: 84,
      inServiceDate: '2020-06-30',
    });
    expect(groupSums(rows, Array(7).fill(12))).toEqual([...Array(6).fill(142_857), 142_858]);
    expect(amounts(rows.slice(0, 12))).toEqual(year(11_905, 11_902));
    expect(amounts(rows.slice(72))).toEqual(year(11_905, 11_903));
  });
});

describe('double declining (双倍余额递减法) with the last-two-years switch', () => {
  it('100,000 元, residual 4,000 元, 5 years: 40%, 40%, 40%, then the rest split evenly', () => {
    // Y1 = 2/5 × 10,000,000 = 4,000,000 (NBV 6,000,000); Y2 = 2,400,000 (NBV 3,600,000);
    // Y3 = 1,440,000 (NBV 2,160,000); Y4 = Y5 = (2,160,000 − 400,000)/2 = 880,000.
    // Months: Y1 333,333.33 → 333,333, closing 4,000,000 − 3,666,663 = 333,337; Y2 200,000; Y3 120,000;
    // Y4, Y5 73,333.33 → 73,333, closing 880,000 − 806,663 = 73,337.
    const rows = rowsOf({
      method: 'double_declining',
      cost: 10_000_000,
      residualValue: 400_000,
      lifeMonths: 60,
      inServiceDate: '2024-03-10',
    });
    expect(groupSums(rows, [12, 12, 12, 12, 12])).toEqual([
      4_000_000, 2_400_000, 1_440_000, 880_000, 880_000,
    ]);
    expect(amounts(rows)).toEqual([
      ...year(333_333, 333_337),
      ...year(200_000, 200_000),
      ...year(120_000, 120_000),
      ...year(73_333, 73_337),
      ...year(73_333, 73_337),
    ]);
    // The charge changes in the anniversary month (2025-04), not in January.
    expect(byPeriod(rows, '2025-03').amount).toBe(333_337);
    expect(byPeriod(rows, '2025-04').amount).toBe(200_000);
    // Calendar years are month-weighted: 2024 = 9 × 333,333; 2025 = 333,333 + 333,333 + 333,337 + 9 × 200,000.
    expect(groupSums(rows, [9, 12])).toEqual([2_999_997, 2_800_003]);
    expect(rows.at(-1)).toMatchObject({ period: '2029-03', accumulated: 9_600_000, netBookValue: 400_000 });
  });

  it('odd amounts: each year is 2/n of its rounded opening NBV, rounded; the final month trues up', () => {
    // C = 777,777, S = 5% → 38,888.85 → 38,889.
    // Y1 = 0.4 × 777,777 = 311,110.8 → 311,111 (NBV 466,666); months 25,925.9 → 25,926, closing 311,111 − 285,186 = 25,925.
    // Y2 = 0.4 × 466,666 = 186,666.4 → 186,666 (NBV 280,000); months 15,555.53 → 15,556, closing 186,666 − 171,116 = 15,550.
    // Y3 = 0.4 × 280,000 = 112,000 (NBV 168,000); months 9,333.33 → 9,333, closing 112,000 − 102,663 = 9,337.
    // Y4, Y5: (168,000 − 38,889)/2 = 64,555.5 → Y4 64,556; Y5 the rest 129,111 − 64,556 = 64,555.
    //   months 64,555.5/12 = 5,379.625 → 5,380; closings 64,556 − 59,180 = 5,376 and 64,555 − 59,180 = 5,375.
    const rows = rowsOf({
      method: 'double_declining',
      cost: 777_777,
      residualRate: 0.05,
      lifeMonths: 60,
      inServiceDate: '2024-03-15',
    });
    expect(groupSums(rows, [12, 12, 12, 12, 12])).toEqual([311_111, 186_666, 112_000, 64_556, 64_555]);
    expect(amounts(rows)).toEqual([
      ...year(25_926, 25_925),
      ...year(15_556, 15_550),
      ...year(9_333, 9_337),
      ...year(5_380, 5_376),
      ...year(5_380, 5_375),
    ]);
    expect(rows.at(-1)!.accumulated).toBe(777_777 - 38_889);
  });

  it('3 years: one declining year, then two even ones; 2 years is straight line', () => {
    // n = 3: Y1 = 2/3 × 900,000 = 600,000 (50,000 a month); Y2 = Y3 = 300,000/2 = 150,000 (12,500 a month).
    const three = rowsOf({
      method: 'double_declining',
      cost: 900_000,
      residualValue: 0,
      lifeMonths: 36,
      inServiceDate: '2024-01-01',
    });
    expect(amounts(three)).toEqual([...Array(12).fill(50_000), ...Array(24).fill(12_500)]);
    // n = 2: both years are "the last two": (240,000 − 0)/24 = 10,000 a month.
    const two = rowsOf({
      method: 'double_declining',
      cost: 240_000,
      residualValue: 0,
      lifeMonths: 24,
      inServiceDate: '2024-01-01',
    });
    expect(amounts(two)).toEqual(Array(24).fill(10_000));
  });

  it('ignores the residual in the declining years and never takes NBV below it', () => {
    // C = 1,000,000, S = 600,000 (60%), 5 years: Y1 would be 400,000 → NBV 600,000 = S; all later years 0.
    const rows = rowsOf({
      method: 'double_declining',
      cost: 1_000_000,
      residualValue: 600_000,
      lifeMonths: 60,
      inServiceDate: '2024-01-01',
    });
    expect(groupSums(rows, [12, 12, 12, 12, 12])).toEqual([400_000, 0, 0, 0, 0]);
    // S = 700,000: Y1 is capped at what is above the residual, 300,000. Months still charge 400,000/12 = 33,333.33
    // → 33,333 until the year's 300,000 runs out: 9 × 33,333 = 299,997, the 10th month 3, then nothing.
    const capped = rowsOf({
      method: 'double_declining',
      cost: 1_000_000,
      residualValue: 700_000,
      lifeMonths: 60,
      inServiceDate: '2024-01-01',
    });
    expect(groupSums(capped, [12, 12, 12, 12, 12])).toEqual([300_000, 0, 0, 0, 0]);
    expect(amounts(capped.slice(0, 12))).toEqual([...Array(9).fill(33_333), 3, 0, 0]);
    expect(Math.min(...capped.map((r) => r.netBookValue))).toBe(700_000);
  });
});

describe('sum of years (年数总和法)', () => {
  it('100,000 元, residual 4,000 元, 5 years: 5/15, 4/15, 3/15, 2/15, 1/15', () => {
    // D = 9,600,000 → 3,200,000; 2,560,000; 1,920,000; 1,280,000; 640,000.
    // Months: 266,666.67 → 266,667, closing 3,200,000 − 2,933,337 = 266,663; 213,333.33 → 213,333, closing 213,337;
    // 160,000; 106,666.67 → 106,667, closing 106,663; 53,333.33 → 53,333, closing 53,337.
    const rows = rowsOf({
      method: 'sum_of_years',
      cost: 10_000_000,
      residualValue: 400_000,
      lifeMonths: 60,
      inServiceDate: '2024-03-10',
    });
    expect(groupSums(rows, [12, 12, 12, 12, 12])).toEqual([
      3_200_000, 2_560_000, 1_920_000, 1_280_000, 640_000,
    ]);
    expect(amounts(rows)).toEqual([
      ...year(266_667, 266_663),
      ...year(213_333, 213_337),
      ...year(160_000, 160_000),
      ...year(106_667, 106_663),
      ...year(53_333, 53_337),
    ]);
  });

  it('6 years: every year rounds its exact amount, the last takes the life rounding', () => {
    // D = 1,000,000, sum of digits 21: 6/21 → 285,714.29 → 285,714; 5/21 → 238,095.24 → 238,095;
    // 4/21 → 190,476.19 → 190,476; 3/21 → 142,857.14 → 142,857; 2/21 → 95,238.10 → 95,238;
    // last: 1,000,000 − 952,380 = 47,620 (exact 47,619.05).
    const rows = rowsOf({
      method: 'sum_of_years',
      cost: 1_000_000,
      residualValue: 0,
      lifeMonths: 72,
      inServiceDate: '2024-01-15',
    });
    expect(groupSums(rows, Array(6).fill(12))).toEqual([285_714, 238_095, 190_476, 142_857, 95_238, 47_620]);
    // First year months: 285,714.29/12 = 23,809.52 → 23,810; closing 285,714 − 261,910 = 23,804.
    expect(amounts(rows.slice(0, 12))).toEqual(year(23_810, 23_804));
  });
});

describe('lives that are not whole years (n = lifeMonths / 12)', () => {
  // 30 months: depreciation years of 12, 12 and 6 months.
  const base = { cost: 1_000_000, residualValue: 0, lifeMonths: 30, inServiceDate: '2024-01-01' } as const;

  it('straight line: the short last year is its share of the life', () => {
    // Monthly 1,000,000/30 = 33,333.33 → 33,333; full years 400,000 (closing 400,000 − 366,663 = 33,337);
    // last 6 months 200,000 (5 × 33,333 + 33,335).
    const rows = rowsOf({ ...base, method: 'straight_line' });
    expect(amounts(rows)).toEqual([
      ...year(33_333, 33_337),
      ...year(33_333, 33_337),
      ...year(33_333, 33_335, 6),
    ]);
  });

  it('double declining: 2/n = 24/30 for the first year, then the last two (12 + 6 months) share evenly', () => {
    // Y1 = 1,000,000 × 24/30 = 800,000; months 66,666.67 → 66,667, closing 800,000 − 733,337 = 66,663.
    // The rest, 200,000, over 18 months: Y2 = 200,000 × 12/18 = 133,333.33 → 133,333, Y3 = 66,667.
    // Months 200,000/18 = 11,111.11 → 11,111; closings 133,333 − 122,221 = 11,112 and 66,667 − 55,555 = 11,112.
    const rows = rowsOf({ ...base, method: 'double_declining' });
    expect(groupSums(rows, [12, 12, 6])).toEqual([800_000, 133_333, 66_667]);
    expect(amounts(rows)).toEqual([
      ...year(66_667, 66_663),
      ...year(11_111, 11_112),
      ...year(11_111, 11_112, 6),
    ]);
  });

  it('double declining over 3.5 years: two declining years at 4/7, then 12 + 6 months even', () => {
    // C = 700,000, 42 months: Y1 = 700,000 × 24/42 = 400,000 (NBV 300,000); Y2 = 300,000 × 4/7 = 171,428.57 →
    // 171,429 (NBV 128,571); Y3 = 128,571 × 12/18 = 85,714; Y4 = 42,857.
    // Months: 33,333 (closing 33,337); 300,000 × 2/42 = 14,285.71 → 14,286 (closing 171,429 − 157,146 = 14,283);
    // 128,571/18 = 7,142.83 → 7,143 (closings 85,714 − 78,573 = 7,141 and 42,857 − 35,715 = 7,142).
    const rows = rowsOf({
      method: 'double_declining',
      cost: 700_000,
      residualValue: 0,
      lifeMonths: 42,
      inServiceDate: '2024-01-01',
    });
    expect(amounts(rows)).toEqual([
      ...year(33_333, 33_337),
      ...year(14_286, 14_283),
      ...year(7_143, 7_141),
      ...year(7_143, 7_142, 6),
    ]);
  });

  it('sum of years: a year weighs the life left at its start × its length (30×12, 18×12, 6×6 of 612)', () => {
    // Y1 = 1,000,000 × 360/612 = 588,235.29 → 588,235; Y2 = × 216/612 = 352,941.18 → 352,941; Y3 = the rest 58,824.
    // Months: 588,235.29/12 = 49,019.61 → 49,020 (closing 588,235 − 539,220 = 49,015);
    // 352,941.18/12 = 29,411.76 → 29,412 (closing 352,941 − 323,532 = 29,409); 58,823.53/6 = 9,803.92 → 9,804
    // (closing 58,824 − 49,020 = 9,804). For 36 months the weights 432:288:144 are the textbook 3:2:1.
    const rows = rowsOf({ ...base, method: 'sum_of_years' });
    expect(amounts(rows)).toEqual([
      ...year(49_020, 49_015),
      ...year(29_412, 29_409),
      ...year(9_804, 9_804, 6),
    ]);
    const whole = rowsOf({ ...base, lifeMonths: 36, method: 'sum_of_years', cost: 600_000 });
    expect(groupSums(whole, [12, 12, 12])).toEqual([300_000, 200_000, 100_000]);
  });
});

describe('units of production (工作量法)', () => {
  // A truck: 500,000 元, residual 5% (25,000 元), 300,000 km. Rate = 47,500,000/300,000 = 158.333… fen/km, kept exact.
  const truck = {
    method: 'units_of_production',
    cost: 50_000_000,
    residualRate: 0.05,
    lifeMonths: 96,
    inServiceDate: '2024-01-20',
    totalUnits: 300_000,
  } as const;

  it('charges units × exact rate rounded per month; a month without usage charges nothing and is flagged', () => {
    const rows = rowsOf({
      ...truck,
      usage: [
        { period: '2024-01', units: 800 }, // in-service month: not depreciated, not counted
        { period: '2024-02', units: 3_000 }, // 3,000 × 475/3 = 475,000
        // 2024-03 missing → 0, flagged
        { period: '2024-04', units: 1_234 }, // 1,234 × 475/3 = 195,383.33 → 195,383
        { period: '2024-05', units: 0.5 }, // 79.17 → 79
        { period: '2024-06', units: 0 }, // entered as zero: 0, not flagged
        { period: '2024-07', units: 10_000.25 }, // 4,750,118.75/3 = 1,583,372.92 → 1,583,373
        // Cumulative 14,234.75 km; 2024-08 brings it past 300,000: the rest, 47,500,000 − 2,253,835 = 45,246,165.
        { period: '2024-08', units: 300_000 },
        { period: '2024-09', units: 100 }, // fully depreciated: nothing
      ],
      through: '2024-10',
    });
    expect(rows[0].period).toBe('2024-02');
    expect(amounts(rows)).toEqual([475_000, 0, 195_383, 79, 0, 1_583_373, 45_246_165, 0, 0]);
    expect(byPeriod(rows, '2024-03').flags).toEqual(['no_usage']);
    expect(byPeriod(rows, '2024-06').flags).toBeUndefined();
    expect(byPeriod(rows, '2024-09').flags).toEqual(['fully_depreciated']);
    expect(byPeriod(rows, '2024-10').flags).toEqual(['fully_depreciated']);
    expect(rows.at(-1)).toMatchObject({ accumulated: 47_500_000, netBookValue: 2_500_000 });
  });

  it('the month whose usage reaches the total units trues up the rounding', () => {
    // 100 fen over 3 units: 33.33 → 33, 33, then the total is reached: 100 − 66 = 34.
    const rows = rowsOf({
      method: 'units_of_production',
      cost: 100,
      residualValue: 0,
      lifeMonths: 12,
      inServiceDate: '2024-01-01',
      totalUnits: 3,
      usage: ['2024-02', '2024-03', '2024-04'].map((period) => ({ period, units: 1 })),
      through: '2024-04',
    });
    expect(amounts(rows)).toEqual([33, 33, 34]);
  });

  it('runs to the end of life by default, or to the last usage entered if later', () => {
    const rows = rowsOf({ ...truck, lifeMonths: 12, usage: [{ period: '2025-06', units: 600 }] });
    // 2024-02 .. 2025-06; 600 km × 475/3 = 95,000.
    expect(rows).toHaveLength(17);
    expect(rows.at(-1)).toMatchObject({ period: '2025-06', amount: 95_000 });
    expect(rows.slice(0, 16).every((r) => r.flags?.[0] === 'no_usage')).toBe(true);
  });
});
