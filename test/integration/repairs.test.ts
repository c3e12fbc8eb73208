// Repairs (报修) through dispatch: the asset goes to in_repair and back through the status door, the order's
// statuses, assignment, costs with invoices and downtime, cost reports per asset and category, and a
// capitalised repair whose change vouchers move next month's charge exactly as worked out by hand (fen).
import { afterEach, describe, expect, it } from 'vitest';
import { codeOf, yuan } from './depreciation-run-helpers';
import { PDF, PNG, startShop, type Shop } from './repairs-fixtures';

let s: Shop | undefined;
afterEach(async () => {
  await s?.l.t.close();
  s = undefined;
});

function supplier(shop: Shop, name: string): number {
  const nowIso = shop.l.t.core.services.now().toISOString();
  return Number(
    shop.l.t.core.services.sqlite
      .prepare(`INSERT INTO suppliers (code, name, active, created_at, updated_at) VALUES (?, ?, 1, ?, ?)`)
      .run(`S-${name}`, name, nowIso, nowIso).lastInsertRowid,
  );
}

describe('repairs', () => {
  it('an employee reports their asset: in_repair while open, back to in_use when done; downtime, costs, files', () => {
    s = startShop('2024-02-20');
    const { l } = s;
    const A = l.asset({ name: '复印机', cost: yuan(12_000), lifeMonths: 60, custodianId: s.custodianId });
    const B = l.asset({ name: '打印机', cost: yuan(3_000), lifeMonths: 60 });
    const emp = s.as('emp');
    const r = l.t.call(emp, 'repairs.create', {
      assetId: A.id,
      fault: '卡纸，无法进纸',
      urgency: 'high',
      photos: [{ fileName: 'jam.png', mime: 'image/png', data: PNG }],
    });
    expect(r).toMatchObject({
      number: 'WX-202402-0001',
      status: 'reported',
      urgency: 'high',
      previousStatus: 'in_use',
      reportedByName: 'emp',
      downtimeHours: null,
      totalCost: 0,
    });
    expect(r.files).toMatchObject([{ role: 'photo', fileName: 'jam.png', mime: 'image/png' }]);
    expect(l.t.call(l.admin, 'assets.get', { id: A.id }).status).toBe('in_repair');
    // Employees see only their own assets, and only their own orders; they do not manage repairs.
    expect(codeOf(l.t.raw(emp, 'repairs.create', { assetId: B.id, fault: 'x' }))).toBe(
      'NOT_FOUND errors.notFound',
    );
    expect(codeOf(l.t.raw(emp, 'repairs.update', { id: r.id, version: r.version, status: 'accepted' }))).toBe(
      'FORBIDDEN errors.forbidden',
    );
    // A second order while the first holds the asset is refused.
    expect(codeOf(l.t.raw(emp, 'repairs.create', { assetId: A.id, fault: '又坏了' }))).toBe(
      'INVALID_TRANSITION errors.repairAlreadyOpen',
    );

    const clerk = s.as('clerk');
    const vendor = supplier(s, '复印机维修中心');
    expect(codeOf(l.t.raw(clerk, 'repairs.close', { id: r.id, version: r.version }))).toBe(
      'INVALID_TRANSITION errors.repairStatus',
    );
    expect(codeOf(l.t.raw(clerk, 'repairs.update', { id: r.id, version: r.version, status: 'done' }))).toBe(
      'INVALID_TRANSITION errors.repairStatus',
    );
    expect(
      codeOf(l.t.raw(clerk, 'repairs.update', { id: r.id, version: r.version, assigneeType: 'vendor' })),
    ).toBe('VALIDATION errors.validation');
    const acc = l.t.call(clerk, 'repairs.update', {
      id: r.id,
      version: r.version,
      status: 'accepted',
      assigneeType: 'vendor',
      vendorId: vendor,
    });
    expect(acc).toMatchObject({ status: 'accepted', assigneeType: 'vendor', vendorName: '复印机维修中心' });
    expect(acc.acceptedAt).toBe('2024-02-20T04:00:00.000Z');
    // Stale version: CONFLICT.
    expect(codeOf(l.t.raw(clerk, 'repairs.update', { id: r.id, version: r.version, note: 'x' }))).toBe(
      'CONFLICT errors.conflict',
    );

    l.setToday('2024-02-21');
    const c2 = s.as('clerk');
    const ir = l.t.call(c2, 'repairs.update', { id: r.id, version: acc.version, status: 'in_repair' });
    const wp = l.t.call(c2, 'repairs.update', { id: r.id, version: ir.version, status: 'waiting_parts' });
    expect(l.t.call(l.admin, 'assets.get', { id: A.id }).status).toBe('in_repair');
    l.setToday('2024-02-22');
    const c3 = s.as('clerk');
    const done = l.t.call(c3, 'repairs.update', {
      id: r.id,
      version: wp.version,
      status: 'done',
      partsCost: yuan(350),
      labourCost: yuan(200),
      vendorCost: yuan(1_200.5),
      invoices: [{ fileName: 'invoice.pdf', mime: 'application/pdf', data: PDF }],
    });
    expect(done).toMatchObject({
      status: 'done',
      doneDate: '2024-02-22',
      downtimeHours: 48,
      partsCost: 35_000,
      labourCost: 20_000,
      vendorCost: 120_050,
      totalCost: 175_050,
    });
    expect(done.files.map((f) => f.role)).toEqual(['photo', 'invoice']);
    expect(l.t.call(l.admin, 'assets.get', { id: A.id }).status).toBe('in_use');
    // The invoice is the asset's attachment too.
    const files = l.t.call(l.admin, 'assets.attachments.list', { assetId: A.id });
    expect(files.map((f) => [f.kind, f.fileName])).toEqual([
      ['photo', 'jam.png'],
      ['invoice', 'invoice.pdf'],
    ]);
    const closed = l.t.call(c3, 'repairs.close', { id: r.id, version: done.version, note: '已修复' });
    expect(closed).toMatchObject({ status: 'closed', costVoucherId: null, capitalisedAmount: null });
    expect(l.t.call(l.admin, 'assets.get', { id: A.id }).status).toBe('in_use');

    // The timeline: to repair and back, through the one door.
    const statusMoves = l.t
      .call(l.admin, 'assets.history', { id: A.id })
      .filter((e) => e.kind === 'repair')
      .map((e) => e.changes.map((c) => `${String(c.before)}→${String(c.after)}`).join());
    expect(statusMoves).toEqual(['in_repair→in_use', 'in_use→in_repair']);

    const mine = l.t.call(s.as('emp'), 'repairs.list', {});
    expect(mine.total).toBe(1);
    expect(l.t.call(s.as('emp'), 'repairs.get', { id: r.id }).status).toBe('closed');
    expect(l.t.call(l.admin, 'repairs.list', { open: true }).total).toBe(0);
    // Someone else's order is not the employee's to see.
    const other = l.t.call(s.as('clerk'), 'repairs.create', { assetId: B.id, fault: '缺粉' });
    expect(codeOf(l.t.raw(s.as('emp'), 'repairs.get', { id: other.id }))).toBe('NOT_FOUND errors.notFound');
    expect(l.t.call(s.as('emp'), 'repairs.list', {}).total).toBe(1);
  });

  it('sums costs per asset and per category over a date range; a cancelled order restores idle and counts nothing', () => {
    s = startShop('2024-03-01');
    const { l } = s;
    const A = l.asset({ name: 'A', cost: yuan(10_000), lifeMonths: 60 });
    const B = l.asset({ name: 'B', cost: yuan(10_000), lifeMonths: 60 });
    const C = l.asset({ name: 'C', cost: yuan(10_000), lifeMonths: 60, categoryId: l.otherCategoryId });
    const clerk = () => s!.as('clerk');
    l.t.call(clerk(), 'assets.changeStatus', { id: B.id, version: B.version, status: 'idle' });
    const run = (assetId: number, parts: number, labour: number, vendor: number) => {
      const r = l.t.call(clerk(), 'repairs.create', { assetId, fault: '故障' });
      const a = l.t.call(clerk(), 'repairs.update', { id: r.id, version: r.version, status: 'accepted' });
      return l.t.call(clerk(), 'repairs.update', {
        id: r.id,
        version: a.version,
        status: 'done',
        partsCost: parts,
        labourCost: labour,
        vendorCost: vendor,
      });
    };
    run(A.id, 10_000, 5_000, 0); // 2024-03-01
    l.setToday('2024-03-15');
    const b1 = run(B.id, 0, 0, 80_000);
    expect(l.t.call(l.admin, 'assets.get', { id: B.id }).status).toBe('idle');
    l.t.call(clerk(), 'repairs.close', { id: b1.id, version: b1.version });
    run(A.id, 2_500, 0, 0);
    run(C.id, 1, 2, 3);
    l.setToday('2024-04-02');
    run(A.id, 99_999, 0, 0); // outside the range
    const cancelled = l.t.call(clerk(), 'repairs.create', { assetId: B.id, fault: '误报' });
    expect(l.t.call(l.admin, 'assets.get', { id: B.id }).status).toBe('in_repair');
    l.t.call(clerk(), 'repairs.update', {
      id: cancelled.id,
      version: cancelled.version,
      status: 'cancelled',
    });
    expect(l.t.call(l.admin, 'assets.get', { id: B.id }).status).toBe('idle');

    const costs = l.t.call(l.acc1, 'repairs.costs', { from: '2024-03-01', to: '2024-03-31' });
    expect(
      costs.byAsset.map((x) => [x.name, x.repairs, x.partsCost, x.labourCost, x.vendorCost, x.totalCost]),
    ).toEqual([
      ['B', 1, 0, 0, 80_000, 80_000],
      ['A', 2, 12_500, 5_000, 0, 17_500],
      ['C', 1, 1, 2, 3, 6],
    ]);
    expect(costs.byCategory.map((x) => [x.id, x.repairs, x.totalCost])).toEqual([
      [l.categoryId, 3, 97_500],
      [l.otherCategoryId, 1, 6],
    ]);
    expect(costs.total).toMatchObject({ repairs: 4, totalCost: 97_506, capitalised: 0 });
    expect(codeOf(l.t.raw(s.as('emp'), 'repairs.costs', { from: '2024-03-01', to: '2024-03-31' }))).toBe(
      'FORBIDDEN errors.forbidden',
    );
    expect(l.t.call(l.admin, 'repairs.list', { assetId: A.id }).total).toBe(3);
  });

  it('a capitalised repair raises cost and life vouchers; once approved, next month charges the new amount', async () => {
    // 120,000.00 元, no residual, 60 months SL from 2024-01-15: 2,000.00 a month from February.
    s = startShop('2024-02-20');
    const { l } = s;
    const A = l.asset({
      name: '数控机床',
      cost: yuan(120_000),
      residualRate: 0,
      lifeMonths: 60,
      method: 'straight_line',
      inServiceDate: '2024-01-15',
    });
    await l.post('2024-02');
    l.setToday('2024-03-10');
    const clerk = s.as('clerk');
    const r = l.t.call(clerk, 'repairs.create', { assetId: A.id, fault: '主轴大修', urgency: 'critical' });
    const a = l.t.call(clerk, 'repairs.update', { id: r.id, version: r.version, status: 'accepted' });
    const d = l.t.call(clerk, 'repairs.update', {
      id: r.id,
      version: a.version,
      status: 'done',
      vendorCost: yuan(26_800),
    });
    const closed = l.t.call(clerk, 'repairs.close', {
      id: r.id,
      version: d.version,
      capitalise: { amount: yuan(26_800), extendLifeMonths: 10 },
    });
    expect(closed).toMatchObject({ status: 'closed', capitalisedAmount: 2_680_000, extendLifeMonths: 10 });
    const cv = l.t.call(l.acc1, 'changes.get', { id: closed.costVoucherId! });
    expect(cv).toMatchObject({
      kind: 'cost',
      status: 'pending',
      before: { cost: 12_000_000 },
      after: { cost: 14_680_000 },
    });
    const lv = l.t.call(l.acc1, 'changes.get', { id: closed.lifeVoucherId! });
    expect(lv).toMatchObject({
      kind: 'life',
      status: 'pending',
      before: { lifeMonths: 60 },
      after: { lifeMonths: 70 },
    });
    // Nothing moves until finance approves.
    expect(l.t.call(l.admin, 'assets.get', { id: A.id }).cost).toBe(12_000_000);
    l.t.call(l.acc1, 'changes.approve', { id: cv.id, approve: true });
    l.t.call(l.acc1, 'changes.approve', { id: lv.id, approve: true });
    expect(l.t.call(l.admin, 'assets.get', { id: A.id })).toMatchObject({ cost: 14_680_000, lifeMonths: 70 });
    const costs = l.t.call(l.acc1, 'repairs.costs', { from: '2024-03-01', to: '2024-03-31' });
    expect(costs.total).toMatchObject({ totalCost: 2_680_000, capitalised: 2_680_000 });

    // March still charges the old 2,000.00 (accumulated 4,000.00); from April the restart spreads
    // 146,800.00 − 4,000.00 = 142,800.00 over 70 − 2 = 68 remaining months: 2,100.00 a month.
    await l.post('2024-03');
    const march = l.t.call(l.acc1, 'depreciation.entries', { period: '2024-03', assetId: A.id });
    expect(march.rows[0]).toMatchObject({ amount: 200_000, accumulated: 400_000, cost: 12_000_000 });
    l.setToday('2024-04-10');
    await l.post('2024-04');
    const april = l.t.call(l.acc1, 'depreciation.entries', { period: '2024-04', assetId: A.id });
    expect(april.rows[0]).toMatchObject({ amount: 210_000, accumulated: 610_000, cost: 14_680_000 });
  });
});
