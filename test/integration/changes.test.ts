// Change vouchers (变动单) through dispatch: second-person approval, the card's update and history, and
// next month's charge exactly as worked out by hand (money in fen).
import { afterEach, describe, expect, it } from 'vitest';
import { setSetting } from '../../src/main/db/kv';
import { codeOf, startLedger, yuan, type Ledger } from './depreciation-run-helpers';

let l: Ledger | undefined;
afterEach(async () => {
  await l?.t.close();
  l = undefined;
});

function amountOf(
  l: Ledger,
  assetId: number,
  period: string,
): { amount: number; accumulated: number; impairment: number; impairmentCharge: number; cost: number } {
  const p = l.t.call(l.acc1, 'depreciation.run', { period, post: false, limit: 5000 });
  if (p.mode !== 'preview') throw new Error('expected a preview');
  const row = p.rows.find((r) => r.assetId === assetId);
  if (!row) throw new Error(`no row for ${assetId} in ${period}`);
  return row;
}

/** Ledger from February 2024; A = 120,000.00 元, 5% residual, 60 months SL from 2024-01-15; Feb posted. */
async function withA() {
  l = startLedger('2024-02-20');
  const A = l.asset({
    name: 'A',
    cost: yuan(120_000),
    residualRate: 0.05,
    lifeMonths: 60,
    method: 'straight_line',
    inServiceDate: '2024-01-15',
  });
  await l.post('2024-02');
  l.setToday('2024-03-10');
  return { l, A };
}

describe('change vouchers', () => {
  it('life change: maker cannot approve, a second accountant can; the card changes now, the charge from next month', async () => {
    const { l, A } = await withA();
    const v = l.t.call(l.acc1, 'changes.create', {
      assetId: A.id,
      kind: 'life',
      after: { lifeMonths: 48 },
      reason: '技术更新，缩短年限',
    });
    expect(v).toMatchObject({
      status: 'pending',
      number: 'BG-202403-0001',
      before: { lifeMonths: 60 },
      after: { lifeMonths: 48 },
      effectivePeriod: null,
    });
    expect(codeOf(l.t.raw(l.acc1, 'changes.approve', { id: v.id, approve: true }))).toBe(
      'FORBIDDEN errors.approveOwnVoucher',
    );
    // Asset managers raise vouchers but do not approve them.
    expect(l.t.raw(l.acc2, 'changes.get', { id: v.id }).ok).toBe(true);
    const ok = l.t.call(l.acc2, 'changes.approve', { id: v.id, approve: true, comment: '同意' });
    expect(ok).toMatchObject({
      status: 'approved',
      effectivePeriod: '2024-04',
      approvedByName: 'acc2',
      createdByName: 'acc1',
    });
    expect(codeOf(l.t.raw(l.acc2, 'changes.approve', { id: v.id, approve: true }))).toBe(
      'INVALID_TRANSITION errors.invalidTransition',
    );

    expect(l.t.call(l.admin, 'assets.get', { id: A.id }).lifeMonths).toBe(48);
    const ev = l.t.call(l.admin, 'assets.history', { id: A.id })[0]!;
    expect(ev).toMatchObject({
      kind: 'change_voucher',
      changes: [{ field: 'lifeMonths', before: 60, after: 48 }],
    });

    // March is still charged on the old terms: 1,900.00.
    expect(amountOf(l, A.id, '2024-03')).toMatchObject({ amount: 190_000, accumulated: 380_000 });
    await l.post('2024-03');
    // April: carrying 120,000 − 3,800 = 116,200.00, less residual 6,000 = 110,200.00 over the 46 months left
    // of 48: 2,395.652… → 2,395.65.
    l.setToday('2024-04-15');
    expect(amountOf(l, A.id, '2024-04')).toMatchObject({ amount: 239_565, accumulated: 380_000 + 239_565 });
    await l.post('2024-04');
    // Listed per asset and per period (effective April).
    expect(l.t.call(l.acc1, 'changes.list', { assetId: A.id }).rows.map((r) => r.number)).toEqual([
      'BG-202403-0001',
    ]);
    expect(l.t.call(l.acc1, 'changes.list', { period: '2024-04' }).total).toBe(1);
    expect(l.t.call(l.acc1, 'changes.list', { period: '2024-03' }).total).toBe(0);
    // And April closes after February and March: the entries follow from each other.
    l.t.call(l.acc1, 'periods.close', { period: '2024-02' });
    l.t.call(l.acc1, 'periods.close', { period: '2024-03' });
    l.t.call(l.acc1, 'periods.close', { period: '2024-04' });
  });

  it('impairment: recognised in the approval month, depreciation re-spread from the next; refused under 小企业会计准则', async () => {
    const { l, A } = await withA();
    const v = l.t.call(l.acc1, 'changes.create', {
      assetId: A.id,
      kind: 'impairment',
      after: { recoverableAmount: yuan(100_000) },
      reason: '减值测试',
    });
    l.t.call(l.acc2, 'changes.approve', { id: v.id, approve: true });
    // March: charged 1,900.00 as before; carrying 116,200.00 against recoverable 100,000.00: 16,200.00 impairment.
    expect(amountOf(l, A.id, '2024-03')).toMatchObject({
      amount: 190_000,
      accumulated: 380_000,
      impairment: 1_620_000,
      impairmentCharge: 1_620_000,
    });
    await l.post('2024-03');
    // April: (100,000 − 6,000) over the 58 months left = 1,620.689… → 1,620.69.
    l.setToday('2024-04-15');
    expect(amountOf(l, A.id, '2024-04')).toMatchObject({
      amount: 162_069,
      impairment: 1_620_000,
      impairmentCharge: 0,
    });
    await l.post('2024-04');
    const m = l.t.call(l.acc1, 'periods.movement', { period: '2024-03' });
    expect(m[0]).toMatchObject({ depreciation: 190_000, impairment: 1_620_000, difference: 0 });

    setSetting(l.t.core.services.sqlite, 'ledger.accountingStandard', 'sbe', new Date().toISOString());
    const r = l.t.raw(l.acc1, 'changes.create', {
      assetId: A.id,
      kind: 'impairment',
      after: { recoverableAmount: 1 },
      reason: 'x',
    });
    expect(codeOf(r)).toBe('VALIDATION errors.validation');
    expect((r as { error: { details: { message: string }[] } }).error.details[0]!.message).toBe(
      'validation.impairmentNotUnderSbe',
    );
  });

  it('cost change: a restart from the effective month over the remaining life; the movement shows the addition', async () => {
    l = startLedger('2024-02-20');
    // 60,000.00 元, no residual, 60 months: 1,000.00 a month from February.
    const B = l.asset({
      name: 'B',
      cost: yuan(60_000),
      residualRate: 0,
      lifeMonths: 60,
      method: 'straight_line',
      inServiceDate: '2024-01-15',
    });
    await l.post('2024-02');
    l.setToday('2024-03-10');
    const v = l.t.call(l.acc1, 'changes.create', {
      assetId: B.id,
      kind: 'cost',
      after: { cost: yuan(72_000) },
      reason: '竣工决算调整',
    });
    const card = l.t.call(l.admin, 'assets.get', { id: B.id });
    // Direct edits of the cost are refused once depreciated.
    expect(
      codeOf(l.t.raw(l.admin, 'assets.update', { id: B.id, version: card.version, cost: yuan(72_000) })),
    ).toBe('ASSET_LOCKED errors.useChangeVoucher');
    // A rejected voucher changes nothing.
    const other = l.t.call(l.acc2, 'changes.create', {
      assetId: B.id,
      kind: 'expense_department',
      after: { expenseDepartmentId: l.otherDeptId },
      reason: '划转',
    });
    expect(
      l.t.call(l.acc1, 'changes.approve', { id: other.id, approve: false, comment: '不同意' }).status,
    ).toBe('rejected');
    l.t.call(l.acc2, 'changes.approve', { id: v.id, approve: true });
    expect(l.t.call(l.admin, 'assets.get', { id: B.id })).toMatchObject({
      cost: yuan(72_000),
      expenseDepartmentId: l.deptId,
    });
    // March still on 60,000.00.
    expect(amountOf(l, B.id, '2024-03')).toMatchObject({
      cost: yuan(60_000),
      amount: 100_000,
      accumulated: 200_000,
    });
    await l.post('2024-03');
    // April: (72,000 − 2,000) over the 58 months left = 1,206.896… → 1,206.90.
    l.setToday('2024-04-15');
    expect(amountOf(l, B.id, '2024-04')).toMatchObject({
      cost: yuan(72_000),
      amount: 120_690,
      accumulated: 320_690,
    });
    await l.post('2024-04');
    const m = l.t.call(l.acc1, 'periods.movement', { period: '2024-04' });
    expect(m[0]).toMatchObject({
      opening: yuan(58_000),
      additions: yuan(12_000),
      depreciation: 120_690,
      closing: yuan(70_000) - 120_690,
      difference: 0,
    });
  });

  it('category and expense department move where the charge is reported from the effective month', async () => {
    const { l, A } = await withA();
    const v = l.t.call(l.acc1, 'changes.create', {
      assetId: A.id,
      kind: 'category',
      after: { categoryId: l.otherCategoryId },
      reason: '重分类',
    });
    l.t.call(l.acc2, 'changes.approve', { id: v.id, approve: true });
    expect(amountOf(l, A.id, '2024-03')).toMatchObject({ categoryId: l.categoryId });
    await l.post('2024-03');
    l.setToday('2024-04-15');
    expect(amountOf(l, A.id, '2024-04')).toMatchObject({ categoryId: l.otherCategoryId, amount: 190_000 });
    await l.post('2024-04');
    const m = l.t.call(l.acc1, 'periods.movement', { period: '2024-04' });
    const from = m.find((x) => x.categoryId === l.categoryId)!;
    const to = m.find((x) => x.categoryId === l.otherCategoryId)!;
    expect(from).toMatchObject({ opening: 11_620_000, reductions: 11_620_000, closing: 0, difference: 0 });
    expect(to).toMatchObject({
      opening: 0,
      additions: 11_620_000,
      depreciation: 190_000,
      closing: 11_430_000,
      difference: 0,
    });
  });
});
