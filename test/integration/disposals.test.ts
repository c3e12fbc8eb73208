// Disposals (处置) through dispatch: the checks before approval (open repair, lent out, open count, dates),
// finance's approval posting the disposal in one transaction (amounts after the disposal month's charge,
// gain or loss, the voucher through 固定资产清理), and the monthly run charging the disposal month and
// nothing after — all amounts worked out by hand in fen.
import { afterEach, describe, expect, it } from 'vitest';
import { codeOf, yuan } from './depreciation-run-helpers';
import { startShop, type Shop } from './repairs-fixtures';

let s: Shop | undefined;
afterEach(async () => {
  await s?.l.t.close();
  s = undefined;
});

type Line = { accountCode: string; debit: number; credit: number };
const sum = (lines: Line[], k: 'debit' | 'credit') => lines.reduce((n, l) => n + l[k], 0);
const lineTuples = (lines: Line[]) => lines.map((l) => [l.accountCode, l.debit, l.credit]);

/** 100,000.00 元, no residual, 100 months SL, in service 2021-07-10: 1,000.00 a month from 2021-08. */
function machine(shop: Shop, name: string, extra: Record<string, unknown> = {}) {
  return shop.l.asset({
    name,
    cost: yuan(100_000),
    residualRate: 0,
    lifeMonths: 100,
    method: 'straight_line',
    inServiceDate: '2021-07-10',
    ...extra,
  });
}

describe('disposals', () => {
  it('a sale approved by finance: NBV and gain to the fen, a balanced voucher, charged in the disposal month only', async () => {
    // The ledger opens in January 2024; the machine's 30th month (2021-08 … 2024-01) is January.
    s = startShop('2024-01-25');
    const { l } = s;
    const A = machine(s, '注塑机');
    const Other = machine(s, '冲床');
    const mgr = s.as('mgr');
    const d = l.t.call(mgr, 'disposals.create', {
      assetId: A.id,
      kind: 'sale',
      date: '2024-01-25',
      proceeds: yuan(75_000),
      costs: yuan(1_000),
      reason: '设备更新，整机出售',
    });
    expect(d).toMatchObject({
      number: 'CZ-202401-0001',
      status: 'pending',
      previousStatus: 'in_use',
      netBookValue: null,
      gainLoss: null,
      voucher: null,
      approval: { status: 'pending', waitingAt: { name: '财务', roleKey: 'accountant' } },
    });
    expect(l.t.call(l.admin, 'assets.get', { id: A.id }).status).toBe('pending_disposal');
    // A second request for the same asset, a clerk, and the requester cannot decide it.
    expect(
      codeOf(
        l.t.raw(mgr, 'disposals.create', { assetId: A.id, kind: 'scrap', date: '2024-01-25', reason: 'x' }),
      ),
    ).toBe('INVALID_TRANSITION errors.disposalAlreadyPending');
    const act = { kind: 'disposal', documentId: d.id, action: 'approve' } as const;
    expect(codeOf(l.t.raw(s.as('clerk'), 'approvals.act', act))).toBe('FORBIDDEN errors.forbidden');
    expect(l.t.raw(mgr, 'approvals.act', act).ok).toBe(false);

    // Finance approves in February, before January is posted: the disposal month is still January.
    l.setToday('2024-02-03');
    l.t.call(l.acc1, 'approvals.act', act);
    const done = l.t.call(l.acc1, 'disposals.get', { id: d.id });
    // After January's charge: accumulated 30 × 1,000.00 = 30,000.00; NBV 70,000.00;
    // gain = 75,000.00 − 1,000.00 − 70,000.00 = 4,000.00.
    expect(done).toMatchObject({
      status: 'approved',
      cost: 10_000_000,
      accumulated: 3_000_000,
      impairment: 0,
      netBookValue: 7_000_000,
      gainLoss: 400_000,
      approval: { status: 'approved' },
    });
    expect(l.t.call(l.admin, 'assets.get', { id: A.id }).status).toBe('disposed');
    const lines = done.voucher!.lines;
    expect(lineTuples(lines)).toEqual([
      ['1606', 7_000_000, 0],
      ['1602', 3_000_000, 0],
      ['1601', 0, 10_000_000],
      ['1606', 100_000, 0],
      ['1002', 0, 100_000],
      ['1002', 7_500_000, 0],
      ['1606', 0, 7_500_000],
      ['1606', 400_000, 0],
      ['6115', 0, 400_000],
    ]);
    expect(sum(lines, 'debit')).toBe(18_000_000);
    expect(sum(lines, 'credit')).toBe(18_000_000);
    expect(done.voucher).toMatchObject({ totalDebit: 18_000_000, totalCredit: 18_000_000, word: '记' });
    // 固定资产清理 is cleared: what went in came out.
    const clearing = lines.filter((x) => x.accountCode === '1606');
    expect(sum(clearing, 'debit')).toBe(sum(clearing, 'credit'));

    // January charges the disposed machine (当月减少当月照提) and marks it leaving; February does not.
    await l.post('2024-01');
    const jan = l.t.call(l.acc1, 'depreciation.entries', { period: '2024-01', assetId: A.id }).rows;
    expect(jan).toMatchObject([
      { amount: 100_000, accumulated: 3_000_000, netBookValue: 7_000_000, disposed: true },
    ]);
    await l.post('2024-02');
    expect(l.t.call(l.acc1, 'depreciation.entries', { period: '2024-02', assetId: A.id }).total).toBe(0);
    const feb = l.t.call(l.acc1, 'depreciation.entries', { period: '2024-02', assetId: Other.id }).rows;
    expect(feb).toMatchObject([{ amount: 100_000, accumulated: 3_100_000, disposed: false }]);
    l.setToday('2024-03-05');
    await l.post('2024-03');
    expect(l.t.call(l.acc1, 'depreciation.entries', { assetId: A.id }).total).toBe(1);

    const list = l.t.call(l.acc1, 'disposals.list', { status: 'approved' });
    expect(list.rows.map((r) => [r.number, r.gainLoss])).toEqual([['CZ-202401-0001', 400_000]]);
    expect(codeOf(l.t.raw(s.as('emp'), 'disposals.get', { id: d.id }))).toBe('FORBIDDEN errors.forbidden');
  });

  it('a scrap at a loss goes to 营业外支出 when so configured; a rejection returns the asset', () => {
    s = startShop('2024-01-20');
    const { l } = s;
    // 10,000.00 元, 100 months, in service 2023-12-05: January charges 100.00.
    const E = l.asset({
      name: '旧空调',
      cost: yuan(10_000),
      residualRate: 0,
      lifeMonths: 100,
      method: 'straight_line',
      inServiceDate: '2023-12-05',
    });
    const m = l.t.call(l.acc1, 'accounts.mapping.get', {});
    l.t.call(l.acc1, 'accounts.mapping.update', { disposalLossTo: 'non_operating_loss', version: m.version });
    const mgr = s.as('mgr');
    const d = l.t.call(mgr, 'disposals.create', {
      assetId: E.id,
      kind: 'scrap',
      date: '2024-01-20',
      costs: yuan(200),
      reason: '压缩机损坏，无修复价值',
    });
    l.t.call(l.acc2, 'approvals.act', { kind: 'disposal', documentId: d.id, action: 'approve' });
    const got = l.t.call(mgr, 'disposals.get', { id: d.id });
    // NBV 10,000.00 − 100.00 = 9,900.00; loss = 0 − 200.00 − 9,900.00 = −10,100.00.
    expect(got).toMatchObject({ accumulated: 10_000, netBookValue: 990_000, gainLoss: -1_010_000 });
    expect(lineTuples(got.voucher!.lines)).toEqual([
      ['1606', 990_000, 0],
      ['1602', 10_000, 0],
      ['1601', 0, 1_000_000],
      ['1606', 20_000, 0],
      ['1002', 0, 20_000],
      ['6711', 1_010_000, 0],
      ['1606', 0, 1_010_000],
    ]);
    expect(sum(got.voucher!.lines, 'debit')).toBe(sum(got.voucher!.lines, 'credit'));

    const F = l.asset({ name: '旧桌子', cost: yuan(500), lifeMonths: 60, inServiceDate: '2023-06-01' });
    l.t.call(s.as('clerk'), 'assets.changeStatus', { id: F.id, version: F.version, status: 'idle' });
    const r = l.t.call(mgr, 'disposals.create', {
      assetId: F.id,
      kind: 'donation',
      date: '2024-01-20',
      reason: '捐赠',
    });
    expect(l.t.call(l.admin, 'assets.get', { id: F.id }).status).toBe('pending_disposal');
    l.t.call(l.acc1, 'approvals.act', {
      kind: 'disposal',
      documentId: r.id,
      action: 'reject',
      comment: '仍可使用',
    });
    expect(l.t.call(mgr, 'disposals.get', { id: r.id })).toMatchObject({
      status: 'rejected',
      decidedReason: '仍可使用',
      gainLoss: null,
    });
    expect(l.t.call(l.admin, 'assets.get', { id: F.id }).status).toBe('idle');
    // Withdrawn by the requester: the same.
    const again = l.t.call(mgr, 'disposals.create', {
      assetId: F.id,
      kind: 'donation',
      date: '2024-01-20',
      reason: '捐赠',
    });
    l.t.call(mgr, 'disposals.cancel', { id: again.id, version: again.version });
    expect(l.t.call(l.admin, 'assets.get', { id: F.id }).status).toBe('idle');
    expect(l.t.call(mgr, 'disposals.get', { id: again.id }).approval?.status).toBe('cancelled');
  });

  it('impairment goes out through 1603; a disposal dated in the last posted month marks its entry leaving', async () => {
    // 12,000.00 元, 120 months SL from 2023-12-05: 100.00 a month from January.
    s = startShop('2024-01-20');
    const { l } = s;
    const A = l.asset({
      name: '检测仪',
      cost: yuan(12_000),
      residualRate: 0,
      lifeMonths: 120,
      method: 'straight_line',
      inServiceDate: '2023-12-05',
    });
    await l.post('2024-01');
    // Carrying amount 11,900.00 → recoverable 9,520.00: impairment 2,380.00, then 9,520.00 / 119 = 80.00 a month.
    const v = l.t.call(l.acc1, 'changes.create', {
      assetId: A.id,
      kind: 'impairment',
      after: { recoverableAmount: yuan(9_520) },
      reason: '技术落后',
    });
    l.t.call(l.acc2, 'changes.approve', { id: v.id, approve: true });
    l.setToday('2024-02-20');
    await l.post('2024-02');
    const feb = l.t.call(l.acc1, 'depreciation.entries', { period: '2024-02', assetId: A.id }).rows[0]!;
    expect(feb).toMatchObject({ amount: 8_000, accumulated: 18_000, impairment: 238_000, disposed: false });

    const mgr = s.as('mgr');
    expect(
      codeOf(
        l.t.raw(mgr, 'disposals.create', { assetId: A.id, kind: 'sale', date: '2024-01-31', reason: 'x' }),
      ),
    ).toBe('VALIDATION errors.validation'); // February is posted: January cannot be the last month charged
    const d = l.t.call(mgr, 'disposals.create', {
      assetId: A.id,
      kind: 'sale',
      date: '2024-02-15',
      proceeds: yuan(500),
      reason: '折价出售',
    });
    l.t.call(l.acc1, 'approvals.act', { kind: 'disposal', documentId: d.id, action: 'approve' });
    const got = l.t.call(mgr, 'disposals.get', { id: d.id });
    // NBV 12,000.00 − 180.00 − 2,380.00 = 9,440.00; 500.00 − 9,440.00 = −8,940.00 (to 6115 by default).
    expect(got).toMatchObject({
      cost: 1_200_000,
      accumulated: 18_000,
      impairment: 238_000,
      netBookValue: 944_000,
      gainLoss: -894_000,
    });
    expect(lineTuples(got.voucher!.lines)).toEqual([
      ['1606', 944_000, 0],
      ['1602', 18_000, 0],
      ['1603', 238_000, 0],
      ['1601', 0, 1_200_000],
      ['1002', 50_000, 0],
      ['1606', 0, 50_000],
      ['6115', 894_000, 0],
      ['1606', 0, 894_000],
    ]);
    expect(sum(got.voucher!.lines, 'debit')).toBe(2_144_000);
    expect(sum(got.voucher!.lines, 'credit')).toBe(2_144_000);
    // February's posted entry now says the asset left that month; re-posting it changes nothing.
    expect(
      l.t.call(l.acc1, 'depreciation.entries', { period: '2024-02', assetId: A.id }).rows[0],
    ).toMatchObject({
      amount: 8_000,
      disposed: true,
    });
    expect((await l.post('2024-02')).unchanged).toBe(true);
    l.setToday('2024-03-20');
    await l.post('2024-03');
    expect(l.t.call(l.acc1, 'depreciation.entries', { period: '2024-03', assetId: A.id }).total).toBe(0);
  });

  it('is refused while a repair is open, the asset is lent out, or a count holds it; and for bad dates', async () => {
    s = startShop('2024-01-20');
    const { l } = s;
    const mgr = s.as('mgr');
    const clerk = s.as('clerk');
    const req = (assetId: number, date = '2024-01-20') =>
      l.t.raw(mgr, 'disposals.create', { assetId, kind: 'scrap', date, reason: '报废' });

    const R = machine(s, '在修设备');
    const rep = l.t.call(clerk, 'repairs.create', { assetId: R.id, fault: '漏油' });
    expect(codeOf(req(R.id))).toBe('INVALID_TRANSITION errors.disposalOpenRepair');
    const acc = l.t.call(clerk, 'repairs.update', { id: rep.id, version: rep.version, status: 'accepted' });
    const done = l.t.call(clerk, 'repairs.update', { id: rep.id, version: acc.version, status: 'done' });
    // Done but not closed is still open.
    expect(codeOf(req(R.id))).toBe('INVALID_TRANSITION errors.disposalOpenRepair');
    l.t.call(clerk, 'repairs.close', { id: rep.id, version: done.version });
    expect(codeOf(req(R.id))).toBe('OK');

    const L = machine(s, '外借设备');
    l.t.call(clerk, 'assets.changeStatus', { id: L.id, version: L.version, status: 'lent' });
    expect(codeOf(req(L.id))).toBe('INVALID_TRANSITION errors.disposalAssetLent');

    const C = machine(s, '盘点中设备', { departmentId: l.otherDeptId });
    const count = l.t.call(mgr, 'counts.create', {
      name: '生产部年度盘点',
      scope: { departmentIds: [l.otherDeptId] },
    });
    l.t.call(mgr, 'counts.start', { id: count.id });
    const locked = req(C.id);
    expect(codeOf(locked)).toBe('ASSET_LOCKED errors.assetLocked');
    expect(!locked.ok && locked.error.params).toMatchObject({ count: '生产部年度盘点', countId: count.id });
    expect(l.t.call(l.admin, 'assets.get', { id: C.id }).status).toBe('in_use');

    const D = machine(s, '日期');
    expect(codeOf(req(D.id, '2024-01-21'))).toBe('VALIDATION errors.validation'); // after today
    expect(codeOf(req(D.id, '2021-07-01'))).toBe('VALIDATION errors.validation'); // before in service
    // Nothing was left half-done by the refusals.
    expect(l.t.call(l.admin, 'assets.get', { id: D.id }).status).toBe('in_use');
    expect(l.t.call(mgr, 'disposals.list', {}).total).toBe(1);

    // Depreciation posted past the disposal month while the request waited: finance cannot approve it
    // as dated (February would have charged an asset disposed of in January); rejecting still works.
    const late = l.t.call(mgr, 'disposals.create', {
      assetId: D.id,
      kind: 'scrap',
      date: '2024-01-20',
      reason: '报废',
    });
    l.setToday('2024-02-20');
    await l.post('2024-01');
    await l.post('2024-02');
    const act = { kind: 'disposal', documentId: late.id } as const;
    expect(codeOf(l.t.raw(l.acc1, 'approvals.act', { ...act, action: 'approve' }))).toBe(
      'VALIDATION errors.disposalDatePosted',
    );
    expect(l.t.call(l.admin, 'assets.get', { id: D.id }).status).toBe('pending_disposal');
    l.t.call(l.acc1, 'approvals.act', { ...act, action: 'reject', comment: '请改为二月' });
    expect(l.t.call(l.admin, 'assets.get', { id: D.id }).status).toBe('in_use');
  });
});
