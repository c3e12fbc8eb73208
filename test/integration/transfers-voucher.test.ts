// A transfer that changes the expense department of an asset with posted depreciation raises a change
// voucher (kind expense_department) instead of editing the card; an asset not yet depreciated moves
// directly. The voucher then takes the usual second-person approval.
import { afterEach, describe, expect, it } from 'vitest';
import { startLedger, yuan, type Ledger } from './depreciation-run-helpers';

let l: Ledger | undefined;
afterEach(async () => {
  await l?.t.close();
  l = undefined;
});

describe('transfer and the expense department', () => {
  it('a depreciated asset gets a change voucher, a new one a direct edit', async () => {
    l = startLedger('2024-02-20');
    const { t } = l;
    const acc2Id = t.core.services.sqlite
      .prepare(`SELECT id FROM users WHERE username = 'acc2'`)
      .pluck()
      .get() as number;
    const fin = t.call(l.admin, 'settings.departments.list', {}).find((d) => d.id === l!.deptId)!;
    t.call(l.admin, 'settings.departments.update', { id: fin.id, version: fin.version, headUserId: acc2Id });
    const A = l.asset({
      name: 'A',
      cost: yuan(120_000),
      residualRate: 0.05,
      lifeMonths: 60,
      inServiceDate: '2024-01-15',
    });
    await l.post('2024-02');
    l.setToday('2024-03-10');
    const B = l.asset({ name: 'B', cost: yuan(6_000), lifeMonths: 36, inServiceDate: '2024-03-05' });

    const tr = t.call(l.admin, 'transfers.create', {
      assetIds: [A.id, B.id],
      to: { departmentId: l.otherDeptId },
      reason: '划归生产部',
    });
    expect(tr.status).toBe('pending');
    t.call(l.acc2, 'approvals.act', { kind: 'transfer', documentId: tr.id, action: 'approve' });

    const done = t.call(l.admin, 'transfers.get', { id: tr.id });
    expect(done.status).toBe('done');
    const [lineA, lineB] = done.lines;
    expect(lineA!.changeVoucherId).toEqual(expect.any(Number));
    expect(lineB!.changeVoucherId).toBeNull();

    // A: using department moved, expense department waits for the voucher.
    expect(t.call(l.admin, 'assets.get', { id: A.id })).toMatchObject({
      departmentId: l.otherDeptId,
      expenseDepartmentId: l.deptId,
    });
    expect(t.call(l.admin, 'assets.get', { id: B.id })).toMatchObject({
      departmentId: l.otherDeptId,
      expenseDepartmentId: l.otherDeptId,
    });
    const v = t.call(l.acc1, 'changes.get', { id: lineA!.changeVoucherId! });
    expect(v).toMatchObject({
      assetId: A.id,
      kind: 'expense_department',
      status: 'pending',
      before: { expenseDepartmentId: l.deptId },
      after: { expenseDepartmentId: l.otherDeptId },
    });
    expect(v.reason).toContain(tr.number);
    // Raised by the approver (acc2) in the approval's transaction; acc1 is the second person.
    expect(t.raw(l.acc2, 'changes.approve', { id: v.id, approve: true }).ok).toBe(false);
    t.call(l.acc1, 'changes.approve', { id: v.id, approve: true });
    expect(t.call(l.admin, 'assets.get', { id: A.id }).expenseDepartmentId).toBe(l.otherDeptId);
  });
});
