// The monthly run and the period close through dispatch, on a small ledger whose every figure is worked
// out by hand in the comments (money in fen).
import { afterEach, describe, expect, it } from 'vitest';
import { codeOf, startLedger, yuan, type Ledger } from './depreciation-run-helpers';

let l: Ledger | undefined;
afterEach(async () => {
  await l?.t.close();
  l = undefined;
});

/** February 2024 is the ledger's first period (set up on 2024-02-20). */
function februaryLedger() {
  l = startLedger('2024-02-20');
  // A: 120,000.00 元, 5% residual, 60 months, straight line, in service 2024-01-15:
  //    (120,000 − 6,000) / 60 = 1,900.00 a month from February.
  const A = l.asset({
    name: 'A',
    cost: yuan(120_000),
    residualRate: 0.05,
    lifeMonths: 60,
    method: 'straight_line',
    inServiceDate: '2024-01-15',
  });
  // B: 100,000.00 元, 4% residual, 5 years double declining, in service 2024-01-10: year 1 = 2/5 × 100,000 =
  //    40,000.00, a month 3,333.33, the year's closing month (Jan 2025) 40,000 − 11 × 3,333.33 = 3,333.37.
  const B = l.asset({
    name: 'B',
    cost: yuan(100_000),
    residualRate: 0.04,
    lifeMonths: 60,
    method: 'double_declining',
    inServiceDate: '2024-01-10',
  });
  // C: an opening asset: 36,000.00 元, no residual, 36 months, in service 2023-06-20, so July 2023 – January
  //    2024 (7 months × 1,000.00) were charged before the ledger began; February is its 8th month.
  const C = l.asset({
    name: 'C',
    cost: yuan(36_000),
    residualRate: 0,
    lifeMonths: 36,
    method: 'straight_line',
    inServiceDate: '2023-06-20',
  });
  // D: in service in February itself, another category and department: on the books, nothing charged yet.
  const D = l.asset({
    name: 'D',
    cost: yuan(50_000),
    residualRate: 0,
    lifeMonths: 60,
    method: 'straight_line',
    inServiceDate: '2024-02-05',
    categoryId: l.otherCategoryId,
    departmentId: l.otherDeptId,
  });
  // E: in service in March: not on February's books.
  l.asset({ name: 'E', cost: yuan(1_000), residualRate: 0, lifeMonths: 12, inServiceDate: '2024-03-01' });
  return { l, A, B, C, D };
}

describe('depreciation.run', () => {
  it('previews February per asset and by category / expense department, exactly as worked out by hand', () => {
    const { l, A, B, C, D } = februaryLedger();
    const p = l.t.call(l.acc1, 'depreciation.run', { period: '2024-02', post: false });
    if (p.mode !== 'preview') throw new Error('expected a preview');
    expect(p.postable).toBe(true);
    const by = new Map(p.rows.map((r) => [r.assetId, r]));
    expect(p.total).toBe(4);
    expect(by.get(A.id)).toMatchObject({
      amount: 190_000,
      accumulated: 190_000,
      netBookValue: 11_810_000,
      impairment: 0,
    });
    expect(by.get(B.id)).toMatchObject({ amount: 333_333, accumulated: 333_333, netBookValue: 9_666_667 });
    expect(by.get(C.id)).toMatchObject({ amount: 100_000, accumulated: 800_000, netBookValue: 2_800_000 });
    expect(by.get(D.id)).toMatchObject({ amount: 0, accumulated: 0, netBookValue: 5_000_000 });
    expect(p.totals).toEqual({ assets: 4, amount: 623_333, impairment: 0 });
    expect(p.byCategory.map((c) => [c.id, c.assets, c.amount])).toEqual([
      [l.categoryId, 3, 623_333],
      [l.otherCategoryId, 1, 0],
    ]);
    expect(p.byExpenseDepartment.map((c) => [c.id, c.name, c.amount])).toEqual([
      [l.deptId, '财务部', 623_333],
      [l.otherDeptId, '生产部', 0],
    ]);
    expect(l.t.call(l.acc1, 'periods.list', {})[0]).toMatchObject({
      period: '2024-02',
      runStatus: 'previewed',
      canPost: true,
    });

    // DDB's first depreciation year closes in January 2025 and absorbs the year's rounding.
    const jan25 = l.t.call(l.acc1, 'depreciation.run', { period: '2025-01', post: false, limit: 10 });
    if (jan25.mode !== 'preview') throw new Error('expected a preview');
    expect(jan25.postable).toBe(false);
    expect(jan25.rows.find((r) => r.assetId === B.id)).toMatchObject({
      amount: 333_337,
      accumulated: 4_000_000,
    });
  });

  it('posts as a job, idempotently; only the next period; close checks posted, current and reconciled', async () => {
    const { l, A } = februaryLedger();
    const { sqlite } = l.t.core.services;
    // Closing before the run is refused.
    expect(codeOf(l.t.raw(l.acc1, 'periods.close', { period: '2024-02' }))).toBe(
      'INVALID_TRANSITION errors.periodNotPosted',
    );
    // March is not postable yet (the future, and February comes first).
    expect(codeOf(l.t.raw(l.acc1, 'depreciation.run', { period: '2024-03', post: true }))).toBe(
      'VALIDATION errors.validation',
    );

    const first = await l.post('2024-02');
    expect(first).toMatchObject({ period: '2024-02', assets: 4, totalAmount: 623_333, unchanged: false });
    const ids = sqlite
      .prepare(`SELECT group_concat(id) FROM depreciation_entries WHERE period = '2024-02'`)
      .pluck()
      .get();
    const again = await l.post('2024-02', l.acc2);
    expect(again).toMatchObject({ runId: first.runId, totalAmount: 623_333, unchanged: true });
    expect(
      sqlite
        .prepare(`SELECT group_concat(id) FROM depreciation_entries WHERE period = '2024-02'`)
        .pluck()
        .get(),
    ).toBe(ids);
    const entries = l.t.call(l.t.adminToken, 'depreciation.entries', { period: '2024-02' });
    expect(entries.total).toBe(4);
    expect(entries.rows.find((e) => e.assetId === A.id)).toMatchObject({
      amount: 190_000,
      accumulated: 190_000,
      assetName: 'A',
    });
    const audits = l.t.call(l.admin, 'audit.list', { action: 'depreciation.post' });
    expect(audits.total).toBe(2);

    // Once depreciated, financial fields need a change voucher; other fields stay editable.
    const card = l.t.call(l.admin, 'assets.get', { id: A.id });
    expect(
      codeOf(l.t.raw(l.admin, 'assets.update', { id: A.id, version: card.version, lifeMonths: 48 })),
    ).toBe('ASSET_LOCKED errors.useChangeVoucher');
    expect(codeOf(l.t.raw(l.admin, 'assets.delete', { id: A.id, version: card.version, reason: 'x' }))).toBe(
      'ASSET_LOCKED errors.depreciatedAssetDelete',
    );
    const edited = l.t.call(l.admin, 'assets.update', { id: A.id, version: card.version, notes: '备注' });

    // A card added after posting makes the posted run out of date: close says so until it is re-posted.
    const late = l.asset({
      name: 'late',
      cost: yuan(2_400),
      residualRate: 0,
      lifeMonths: 24,
      inServiceDate: '2023-12-01',
    });
    const stale = l.t.raw(l.acc1, 'periods.close', { period: '2024-02' });
    expect(codeOf(stale)).toBe('INVALID_TRANSITION errors.periodRunOutOfDate');
    // 2,400.00 over 24 months from January: February charges 100.00, accumulated 200.00.
    expect((await l.post('2024-02')).totalAmount).toBe(623_333 + 10_000);
    expect(l.t.call(l.acc1, 'depreciation.entries', { assetId: late.id }).rows[0]).toMatchObject({
      amount: 10_000,
      accumulated: 20_000,
    });

    const closed = l.t.call(l.acc1, 'periods.close', { period: '2024-02' });
    // Opening (in service before February): A 120,000 + B 100,000 + C 29,000 + late 2,300 = 251,300.00;
    // additions: none in this category; depreciation 6,333.33; closing 244,966.67.
    expect(closed.movement.find((m) => m.categoryId === l.categoryId)).toMatchObject({
      opening: 25_130_000,
      additions: 0,
      reductions: 0,
      depreciation: 633_333,
      impairment: 0,
      closing: 24_496_667,
      difference: 0,
    });
    expect(closed.movement.find((m) => m.categoryId === l.otherCategoryId)).toMatchObject({
      opening: 0,
      additions: 5_000_000,
      closing: 5_000_000,
    });
    expect(l.t.call(l.acc1, 'periods.list', {})[0]).toMatchObject({
      period: '2024-02',
      status: 'closed',
      canReopen: true,
    });

    // The closed month is locked: dated facts in it are refused, and so is re-posting it.
    expect(
      codeOf(
        l.t.raw(l.admin, 'assets.create', {
          name: 'x',
          categoryId: l.categoryId,
          inServiceDate: '2024-02-10',
        }),
      ),
    ).toBe('PERIOD_CLOSED errors.periodClosed');
    expect(
      codeOf(
        l.t.raw(l.admin, 'assets.update', { id: A.id, version: edited.version, purchaseDate: '2024-02-01' }),
      ),
    ).toBe('PERIOD_CLOSED errors.periodClosed');
    expect(codeOf(l.t.raw(l.acc1, 'depreciation.run', { period: '2024-02', post: true }))).toBe(
      'PERIOD_CLOSED errors.periodClosed',
    );
    // Outside the closed month the same edits pass.
    l.t.call(l.admin, 'assets.update', { id: A.id, version: edited.version, purchaseDate: '2024-01-02' });

    // March: A's second month, D's first (50,000 / 60 = 833.33).
    l.setToday('2024-03-28');
    const march = await l.post('2024-03');
    expect(march.totalAmount).toBe(190_000 + 333_333 + 100_000 + 83_333 + 10_000);

    // An entry of the closed February edited behind the app's back: March no longer reconciles.
    sqlite
      .prepare(`UPDATE depreciation_entries SET nbv = nbv + 1 WHERE period = '2024-02' AND asset_id = ?`)
      .run(A.id);
    const off = l.t.raw(l.acc1, 'periods.close', { period: '2024-03' });
    expect(codeOf(off)).toBe('INVALID_TRANSITION errors.periodNotReconciled');
    const lines = (off as { error: { details: { lines: { categoryId: number; difference: number }[] } } })
      .error.details.lines;
    expect(lines).toEqual([expect.objectContaining({ categoryId: l.categoryId, difference: 1 })]);
    sqlite
      .prepare(`UPDATE depreciation_entries SET nbv = nbv - 1 WHERE period = '2024-02' AND asset_id = ?`)
      .run(A.id);
    l.t.call(l.acc1, 'periods.close', { period: '2024-03' });

    // Reopening: administrators only, the latest closed month only, with a reason, audited.
    expect(codeOf(l.t.raw(l.acc1, 'periods.reopen', { period: '2024-03', reason: '补录' }))).toBe(
      'FORBIDDEN errors.forbidden',
    );
    expect(codeOf(l.t.raw(l.admin, 'periods.reopen', { period: '2024-02', reason: '补录' }))).toBe(
      'VALIDATION errors.validation',
    );
    l.t.call(l.admin, 'periods.reopen', { period: '2024-03', reason: '补录发票' });
    const reopened = l.t.call(l.admin, 'audit.list', { action: 'periods.reopen' });
    expect(reopened.total).toBe(1);
    expect(reopened.rows[0]).toMatchObject({
      username: 'admin',
      entityId: '2024-03',
      details: { period: '2024-03', reason: '补录发票' },
    });
    expect(
      l.t
        .call(l.acc1, 'periods.list', {})
        .slice(0, 2)
        .map((p) => [p.period, p.status]),
    ).toEqual([
      ['2024-03', 'open'],
      ['2024-02', 'closed'],
    ]);
    // March is open again, so it can be re-posted (nothing changed) and closed again.
    expect((await l.post('2024-03')).unchanged).toBe(true);
    l.t.call(l.acc1, 'periods.close', { period: '2024-03' });
  });

  it('charges the disposal month and nothing after; the movement summary shows it as a reduction', async () => {
    l = startLedger('2024-02-20');
    // 12,000.00 元 over 60 months, no residual: 200.00 a month from February.
    const F = l.asset({
      name: 'F',
      cost: yuan(12_000),
      residualRate: 0,
      lifeMonths: 60,
      method: 'straight_line',
      inServiceDate: '2024-01-15',
    });
    await l.post('2024-02');
    l.setToday('2024-03-12');
    const v = l.t.call(l.admin, 'assets.changeStatus', {
      id: F.id,
      version: F.version,
      status: 'pending_disposal',
    } as never) as { version: number };
    l.t.call(l.admin, 'assets.changeStatus', { id: F.id, version: v.version, status: 'disposed' } as never);
    await l.post('2024-03');
    const e = l.t.call(l.acc1, 'depreciation.entries', { assetId: F.id });
    expect(e.rows.map((r) => [r.period, r.amount, r.accumulated, r.disposed])).toEqual([
      ['2024-02', 20_000, 20_000, false],
      ['2024-03', 20_000, 40_000, true],
    ]);
    expect(l.t.call(l.acc1, 'periods.movement', { period: '2024-03' })).toEqual([
      expect.objectContaining({
        opening: 1_180_000,
        depreciation: 20_000,
        reductions: 1_160_000,
        closing: 0,
        difference: 0,
      }),
    ]);
    l.setToday('2024-04-03');
    const april = l.t.call(l.acc1, 'depreciation.run', { period: '2024-04', post: false });
    expect(april.mode === 'preview' && april.total).toBe(0);
  });
});
