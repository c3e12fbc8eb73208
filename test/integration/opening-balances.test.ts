// Opening balances of assets in use before the ledger starts (issue 5; reference/depreciation.md "Opening
// assets"): stored on the card, checked, locked once posted, and continued by the monthly run. Every figure
// is worked out by hand in the comments (money in fen). The ledger starts in January 2024, so the opening
// figures are as of 2023-12.
import { afterEach, describe, expect, it } from 'vitest';
import { codeOf, startLedger, yuan, type Ledger } from './depreciation-run-helpers';

let l: Ledger | undefined;
afterEach(async () => {
  await l?.t.close();
  l = undefined;
});

/** A VALIDATION answer's problems as 'path message'. */
function problemsOf(r: { ok: boolean; error?: { code: string; details?: unknown } }): string[] {
  expect(r.error?.code).toBe('VALIDATION');
  return ((r.error?.details as { path: string; message: string }[] | undefined) ?? []).map(
    (p) => `${p.path} ${p.message}`,
  );
}

function januaryLedger() {
  l = startLedger('2024-01-20');
  return l;
}

function entriesOf(l: Ledger, period: string) {
  const page = l.t.call(l.acc1, 'depreciation.entries', { period, offset: 0, limit: 100 });
  return new Map(page.rows.map((r) => [r.assetId, r]));
}

/** The period's movement summary (opening, additions, depreciation, ... closing). */
function movementOf(l: Ledger, period: string) {
  return l.t.call(l.acc1, 'periods.movement', { period });
}

describe('opening balances on the card', () => {
  it('stores the three figures with the period they stand at, and reads them back', () => {
    const l = januaryLedger();
    const a = l.t.call(l.admin, 'assets.create', {
      name: '旧车床',
      categoryId: l.categoryId,
      cost: yuan(120_000),
      residualRate: 0.05,
      lifeMonths: 60,
      method: 'straight_line',
      inServiceDate: '2022-01-10',
      openingAccumulated: yuan(45_600),
      openingMonths: 24,
    });
    // The impairment defaults to 0 once figures are given; they stand at the month before the first period.
    expect(a).toMatchObject({
      openingAccumulated: 4_560_000,
      openingMonths: 24,
      openingImpairment: 0,
      openingPeriod: '2023-12',
    });
    expect(l.t.call(l.admin, 'assets.get', { id: a.id })).toMatchObject({ openingAccumulated: 4_560_000 });
    // A card without figures has none at all (taken as depreciated by the rules since it went into service).
    const b = l.t.call(l.admin, 'assets.create', { name: 'B', categoryId: l.categoryId, cost: 100 });
    expect(b).toMatchObject({
      openingAccumulated: null,
      openingMonths: null,
      openingImpairment: null,
      openingPeriod: null,
    });
    // Clearing them clears the period too; history records the change.
    const c = l.t.call(l.admin, 'assets.update', {
      id: a.id,
      version: a.version,
      openingAccumulated: null,
      openingMonths: null,
      openingImpairment: null,
    });
    expect(c).toMatchObject({ openingAccumulated: null, openingPeriod: null });
    const h = l.t.call(l.admin, 'assets.history', { id: a.id });
    expect(h[0]!.changes.map((x) => x.field)).toEqual(
      expect.arrayContaining(['openingAccumulated', 'openingMonths', 'openingImpairment', 'openingPeriod']),
    );
  });

  it('defaults the months already charged to the calendar months since the month after going into service', () => {
    const l = januaryLedger();
    // In service 2023-03-08: April – December 2023 are 9 months.
    const a = l.t.call(l.admin, 'assets.create', {
      name: 'A',
      categoryId: l.categoryId,
      cost: yuan(12_000),
      residualRate: 0,
      lifeMonths: 60,
      inServiceDate: '2023-03-08',
      openingAccumulated: yuan(1_800),
    });
    expect(a.openingMonths).toBe(9);
  });

  it('refuses figures beyond the depreciable amount or the life, and on assets in service after the start', () => {
    const l = januaryLedger();
    const base = {
      name: 'X',
      categoryId: l.categoryId,
      cost: yuan(10_000),
      residualValue: yuan(500),
      lifeMonths: 36,
      inServiceDate: '2022-05-01',
    };
    // Depreciable 9,500.00; with 1,000.00 impaired, at most 8,500.00 accumulated.
    const ok = l.t.raw(l.admin, 'assets.create', {
      ...base,
      openingAccumulated: yuan(8_500),
      openingMonths: 19,
      openingImpairment: yuan(1_000),
    });
    expect(codeOf(ok)).toBe('OK');
    const tooMuch = l.t.raw(l.admin, 'assets.create', {
      ...base,
      openingAccumulated: yuan(8_500.01),
      openingMonths: 19,
      openingImpairment: yuan(1_000),
    });
    expect(codeOf(tooMuch)).toBe('VALIDATION errors.validation');
    expect(problemsOf(tooMuch)).toEqual(['openingAccumulated validation.openingExceedsDepreciable']);
    const impTooMuch = l.t.raw(l.admin, 'assets.create', {
      ...base,
      openingAccumulated: 0,
      openingMonths: 0,
      openingImpairment: yuan(9_500.01),
    });
    expect(problemsOf(impTooMuch)).toEqual([
      'openingImpairment validation.openingImpairmentExceedsDepreciable',
    ]);
    const tooLong = l.t.raw(l.admin, 'assets.create', {
      ...base,
      openingAccumulated: yuan(100),
      openingMonths: 37,
    });
    expect(problemsOf(tooLong)).toEqual(['openingMonths validation.openingMonthsExceedLife']);
    // In service in the first ledger month: nothing was charged before the ledger, so no opening figures.
    const late = l.t.raw(l.admin, 'assets.create', {
      ...base,
      inServiceDate: '2024-01-02',
      openingAccumulated: 0,
      openingMonths: 0,
    });
    expect(problemsOf(late)).toEqual(['inServiceDate validation.openingInServiceAfterStart']);
    // Months without the accumulated amount say nothing the engine can continue from.
    const noAcc = l.t.raw(l.admin, 'assets.create', { ...base, openingMonths: 5 });
    expect(problemsOf(noAcc)).toEqual(['openingAccumulated validation.openingAccumulatedRequired']);
  });
});

describe('the monthly run continues from the opening figures', () => {
  it('straight line: spreads what is left over the remaining months', async () => {
    const l = januaryLedger();
    // 120,000.00, residual 5% = 6,000.00, 60 months, in service 2022-01; the old books charged 24 months,
    // 45,600.00. January 2024 charges (114,000 − 45,600) / 36 = 1,900.00 → accumulated 47,500.00.
    const A = l.asset({
      name: 'A',
      cost: yuan(120_000),
      residualRate: 0.05,
      lifeMonths: 60,
      method: 'straight_line',
      inServiceDate: '2022-01-10',
      openingAccumulated: yuan(45_600),
      openingMonths: 24,
    });
    // Same card where the old books stood at 50,000.00 after 24 months: (114,000 − 50,000) / 36 a month,
    // 6,400,000 × 12 / 36 = 2,133,333.33 → 2,133,333 a year, 177,777.78 → 177,778 a month.
    const B = l.asset({
      name: 'B',
      cost: yuan(120_000),
      residualRate: 0.05,
      lifeMonths: 60,
      method: 'straight_line',
      inServiceDate: '2022-01-10',
      openingAccumulated: yuan(50_000),
      openingMonths: 24,
    });
    // Same card without figures: depreciated by the rules since February 2022, January 2024 is its 24th
    // month: 1,900.00, accumulated 24 × 1,900.00 = 45,600.00.
    const C = l.asset({
      name: 'C',
      cost: yuan(120_000),
      residualRate: 0.05,
      lifeMonths: 60,
      method: 'straight_line',
      inServiceDate: '2022-01-10',
    });
    const r = await l.post('2024-01');
    expect(r.totalAmount).toBe(190_000 + 177_778 + 190_000);
    const e = entriesOf(l, '2024-01');
    expect(e.get(A.id)).toMatchObject({ amount: 190_000, accumulated: 4_750_000, impairment: 0 });
    expect(e.get(B.id)).toMatchObject({ amount: 177_778, accumulated: 5_177_778 });
    expect(e.get(C.id)).toMatchObject({ amount: 190_000, accumulated: 4_560_000 });
    // The movement summary takes the opening net values as the opening: 120,000 − 45,600 = 74,400.00,
    // 120,000 − 50,000 = 70,000.00 and 120,000 − 43,700 = 76,300.00 (C's 23 months before January).
    const m = movementOf(l, '2024-01');
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({
      opening: 7_440_000 + 7_000_000 + 7_630_000,
      additions: 0,
      depreciation: 557_778,
      impairment: 0,
      difference: 0,
    });
  });

  it('double declining: continues its depreciation-year schedule', async () => {
    const l = januaryLedger();
    // 100,000.00, residual 4% = 4,000.00, 5 years DDB, in service 2022-06-15, first month July 2022.
    // Year 1 (Jul 2022 – Jun 2023): 2/5 × 100,000 = 40,000.00. Year 2 (Jul 2023 – Jun 2024): 2/5 × 60,000 =
    // 24,000.00, 2,000.00 a month. The old books stopped after 18 months: 40,000 + 6 × 2,000 = 52,000.00.
    // January – June 2024 go on at 2,000.00 (a re-spread would give 24/42 × 48,000 / 12 = 2,285.71); year 3
    // from July 2024: 2/5 × (100,000 − 64,000) = 14,400.00, 1,200.00 a month.
    const A = l.asset({
      name: 'A',
      cost: yuan(100_000),
      residualRate: 0.04,
      lifeMonths: 60,
      method: 'double_declining',
      inServiceDate: '2022-06-15',
      openingAccumulated: yuan(52_000),
      openingMonths: 18,
    });
    l.setToday('2024-07-25');
    const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07'];
    for (const p of months) await l.post(p);
    const amounts = months.map((p) => entriesOf(l, p).get(A.id)!.amount);
    expect(amounts).toEqual([200_000, 200_000, 200_000, 200_000, 200_000, 200_000, 120_000]);
    expect(entriesOf(l, '2024-07').get(A.id)).toMatchObject({ accumulated: 6_520_000 });
  });

  it('impairment: carried as a balance, what is left after it spread over the remaining life', async () => {
    const l = januaryLedger();
    // 60,000.00, no residual, 60 months straight line, in service 2021-12; the old books charged 24 months,
    // 24,000.00, and hold a 6,000.00 impairment. Left: 60,000 − 24,000 − 6,000 = 30,000.00 over 36 months:
    // 3,000,000 × 12 / 36 = 1,000,000 a year, 83,333.33 → 83,333 a month.
    const A = l.asset({
      name: 'A',
      cost: yuan(60_000),
      residualRate: 0,
      lifeMonths: 60,
      method: 'straight_line',
      inServiceDate: '2021-12-01',
      openingAccumulated: yuan(24_000),
      openingMonths: 24,
      openingImpairment: yuan(6_000),
    });
    const r = await l.post('2024-01');
    // The impairment is a balance brought in, not January's charge.
    expect(r.totalImpairment).toBe(0);
    expect(entriesOf(l, '2024-01').get(A.id)).toMatchObject({
      amount: 83_333,
      accumulated: 2_483_333,
      impairment: 600_000,
    });
    // Opening net value 30,000.00; closing 60,000 − 24,833.33 − 6,000 = 29,166.67.
    const m = movementOf(l, '2024-01');
    expect(m[0]).toMatchObject({
      opening: 3_000_000,
      depreciation: 83_333,
      closing: 2_916_667,
      difference: 0,
    });
  });

  it('refuses editing the figures once the asset has a posted month, and allows it before', async () => {
    const l = januaryLedger();
    const A = l.asset({
      name: 'A',
      cost: yuan(120_000),
      residualRate: 0.05,
      lifeMonths: 60,
      inServiceDate: '2022-01-10',
      openingAccumulated: yuan(45_000),
      openingMonths: 24,
    });
    // Before posting: a correction is an ordinary edit.
    const fixed = l.t.call(l.admin, 'assets.update', {
      id: A.id,
      version: A.version,
      openingAccumulated: yuan(45_600),
    });
    expect(fixed.openingAccumulated).toBe(4_560_000);
    await l.post('2024-01');
    const r = l.t.raw(l.admin, 'assets.update', {
      id: A.id,
      version: fixed.version,
      openingAccumulated: yuan(40_000),
    });
    expect(codeOf(r)).toBe('ASSET_LOCKED errors.useChangeVoucher');
    const r2 = l.t.raw(l.admin, 'assets.update', {
      id: A.id,
      version: fixed.version,
      openingImpairment: 100,
    });
    expect(codeOf(r2)).toBe('ASSET_LOCKED errors.useChangeVoucher');
    // Non-financial fields stay editable.
    expect(
      codeOf(l.t.raw(l.admin, 'assets.update', { id: A.id, version: fixed.version, notes: '旧账转入' })),
    ).toBe('OK');
  });
});

describe('change vouchers on an opening asset', () => {
  it('a shorter life spreads what is left after the opening over the new remaining months', async () => {
    const l = januaryLedger();
    // The straight-line card of the run above: January 2024 charges 1,900.00, accumulated 47,500.00.
    const A = l.asset({
      name: 'A',
      cost: yuan(120_000),
      residualRate: 0.05,
      lifeMonths: 60,
      method: 'straight_line',
      inServiceDate: '2022-01-10',
      openingAccumulated: yuan(45_600),
      openingMonths: 24,
    });
    await l.post('2024-01');
    const v = l.t.call(l.acc1, 'changes.create', {
      assetId: A.id,
      kind: 'life',
      after: { lifeMonths: 48 },
      reason: '缩短年限',
    });
    l.t.call(l.acc2, 'changes.approve', { id: v.id, approve: true });
    // From February, month 26 of the schedule (24 old months + January + 1): 48 − 25 = 23 months left for
    // 120,000 − 47,500 − 6,000 = 66,500.00: 6,650,000 / 23 = 289,130.43 → 2,891.30 a month.
    l.setToday('2024-02-20');
    await l.post('2024-02');
    expect(entriesOf(l, '2024-02').get(A.id)).toMatchObject({
      amount: 289_130,
      accumulated: 4_750_000 + 289_130,
    });
  });
});
