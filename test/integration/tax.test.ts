// The tax book and the book-vs-tax difference: a 48,000.00 元 machine bought and put in service in March
// 2024 is deducted in full for tax in April (one-off deduction), while the book charges
// (48,000 − 5% residual) / 120 = 380.00 a month from April.
import { afterEach, describe, expect, it } from 'vitest';
import { startLedger, yuan, type Ledger } from './depreciation-run-helpers';

let l: Ledger | undefined;
afterEach(async () => {
  await l?.t.close();
  l = undefined;
});

async function machineLedger() {
  l = startLedger('2024-03-10');
  const mc = l.t.core.services.sqlite
    .prepare(`SELECT id FROM categories WHERE code = 'MC'`)
    .pluck()
    .get() as number;
  const M = l.asset({
    name: '数控机床',
    categoryId: mc,
    cost: yuan(48_000),
    residualRate: 0.05,
    lifeMonths: 120,
    method: 'straight_line',
    purchaseDate: '2024-03-01',
    inServiceDate: '2024-03-15',
  });
  await l.post('2024-03');
  l.setToday('2024-04-28');
  await l.post('2024-04');
  l.setToday('2024-05-28');
  await l.post('2024-05');
  return { l, M };
}

describe('tax book', () => {
  it('defaults: machinery 120 months, straight line, and the one-off deduction in the month after in-service', async () => {
    const { l, M } = await machineLedger();
    const g = l.t.call(l.acc1, 'tax.get', { assetId: M.id, through: '2024-06' });
    expect(g.terms).toMatchObject({
      lifeMonths: 120,
      method: 'straight_line',
      residualValue: 240_000,
      oneOffEligible: true,
      oneOffApplied: true,
      minLifeMonths: 120,
    });
    expect(g.rows.map((r) => [r.period, r.amount, r.accumulated])).toEqual([
      ['2024-04', 4_800_000, 4_800_000],
      ['2024-05', 0, 4_800_000],
      ['2024-06', 0, 4_800_000],
    ]);
  });

  it('book_tax_difference per asset and period', async () => {
    const { l } = await machineLedger();
    const p = l.t.call(l.acc1, 'reports.preview', {
      kind: 'book_tax_difference',
      params: { from: '2024-03', to: '2024-05' },
    });
    expect(p.rows.map((r) => r.slice(2))).toEqual([
      ['2024-04', 38_000, 4_800_000, 4_762_000, 38_000, 4_800_000, 4_762_000],
      ['2024-05', 38_000, 0, -38_000, 76_000, 4_800_000, 4_724_000],
    ]);
    expect(p.totals.slice(3, 6)).toEqual([76_000, 4_800_000, 4_724_000]);
  });

  it('opting out of the one-off deduction follows the tax life; a life below 60% of the minimum is refused', async () => {
    const { l, M } = await machineLedger();
    const u = l.t.call(l.acc1, 'tax.update', { assetId: M.id, oneOff: 'no' });
    expect(u.version).toBe(1);
    expect(u.terms.oneOffApplied).toBe(false);
    const p = l.t.call(l.acc1, 'reports.preview', {
      kind: 'book_tax_difference',
      params: { from: '2024-04', to: '2024-05' },
    });
    // Same life, method and residual as the book: both months listed, no difference.
    expect(p.rows.map((r) => [r[2], r[3], r[4], r[5], r[8]])).toEqual([
      ['2024-04', 38_000, 38_000, 0, 0],
      ['2024-05', 38_000, 38_000, 0, 0],
    ]);
    const short = l.t.raw(l.acc1, 'tax.update', { assetId: M.id, lifeMonths: 60, version: 1 });
    expect(short.ok ? 'OK' : JSON.stringify(short.error.details)).toMatch(/taxLifeTooShort/);
    const stale = l.t.raw(l.acc1, 'tax.update', { assetId: M.id, lifeMonths: 100 });
    expect(stale.ok ? 'OK' : stale.error.code).toBe('CONFLICT');
    // 100 months ≥ 72: tax (48,000 − 2,400) / 100 = 456.00 a month.
    l.t.call(l.acc1, 'tax.update', { assetId: M.id, lifeMonths: 100, version: 1 });
    const q = l.t.call(l.acc1, 'reports.preview', {
      kind: 'book_tax_difference',
      params: { from: '2024-04', to: '2024-05' },
    });
    expect(q.rows.map((r) => [r[2], r[4], r[5], r[8]])).toEqual([
      ['2024-04', 45_600, 7_600, 7_600],
      ['2024-05', 45_600, 7_600, 15_200],
    ]);
  });

  it('a building is never eligible for the one-off deduction', async () => {
    l = startLedger('2024-03-10');
    const bld = l.t.core.services.sqlite
      .prepare(`SELECT id FROM categories WHERE code = 'LB-BLD'`)
      .pluck()
      .get() as number;
    const B = l.asset({
      categoryId: bld,
      cost: yuan(400_000),
      residualRate: 0.05,
      lifeMonths: 240,
      inServiceDate: '2024-03-15',
      purchaseDate: '2024-03-01',
    });
    const g = l.t.call(l.acc1, 'tax.get', { assetId: B.id, through: '2024-04' });
    expect(g.terms).toMatchObject({ oneOffEligible: false, oneOffApplied: false, lifeMonths: 240 });
    const yes = l.t.raw(l.acc1, 'tax.update', { assetId: B.id, oneOff: 'yes' });
    expect(yes.ok ? 'OK' : JSON.stringify(yes.error.details)).toMatch(/oneOffNotEligible/);
  });
});
