// Disposals returned for changes: the requester edits and resubmits (like requisitions), a new approval
// round starts, and the checks before approval (open repair, open count, lent out) run again at the
// resubmission and at the final approval. Amounts by hand in fen.
import { afterEach, describe, expect, it } from 'vitest';
import { codeOf, yuan } from './depreciation-run-helpers';
import { startShop, type Shop } from './repairs-fixtures';

let s: Shop | undefined;
afterEach(async () => {
  await s?.l.t.close();
  s = undefined;
});

describe('returned disposals', () => {
  it('are edited and resubmitted by the requester only, then approved with the edited amounts', () => {
    s = startShop('2024-01-20');
    const { l } = s;
    const mgr = s.as('mgr');
    // 10,000.00 元, no residual, 100 months SL from 2023-12-05: January charges 100.00; NBV 9,900.00.
    const A = l.asset({
      name: '旧服务器',
      cost: yuan(10_000),
      residualRate: 0,
      lifeMonths: 100,
      method: 'straight_line',
      inServiceDate: '2023-12-05',
    });
    const d = l.t.call(mgr, 'disposals.create', {
      assetId: A.id,
      kind: 'scrap',
      date: '2024-01-20',
      reason: '报废',
    });
    const act = { kind: 'disposal', documentId: d.id } as const;
    l.t.call(l.acc1, 'approvals.act', { ...act, action: 'return', comment: '还能卖，请改为出售' });
    const back = l.t.call(mgr, 'disposals.get', { id: d.id });
    expect(back).toMatchObject({ status: 'returned', decidedReason: '还能卖，请改为出售' });
    expect(l.t.call(l.admin, 'assets.get', { id: A.id }).status).toBe('in_use');
    expect(l.t.call(l.admin, 'assets.history', { id: A.id })[0]!.note).toBe(
      `处置 ${d.number} 被退回修改：还能卖，请改为出售`,
    );
    // Nobody else edits it; a stale version conflicts; only a returned disposal is editable.
    const other = l.t.raw(l.admin, 'disposals.update', { id: d.id, version: back.version, kind: 'sale' });
    expect(codeOf(other)).toBe('FORBIDDEN errors.disposalNotOwner');
    expect(codeOf(l.t.raw(mgr, 'disposals.update', { id: d.id, version: d.version, kind: 'sale' }))).toBe(
      'CONFLICT errors.conflict',
    );
    const edited = l.t.call(mgr, 'disposals.update', {
      id: d.id,
      version: back.version,
      kind: 'sale',
      proceeds: yuan(9_000),
      costs: yuan(50),
      reason: '折价出售给员工',
    });
    expect(edited).toMatchObject({ status: 'returned', kind: 'sale', proceeds: 900_000, costs: 5_000 });
    const again = l.t.call(mgr, 'disposals.submit', { id: d.id, version: edited.version, comment: '已改' });
    expect(again).toMatchObject({ status: 'pending', decidedReason: '', approval: { status: 'pending' } });
    expect(l.t.call(l.admin, 'assets.get', { id: A.id }).status).toBe('pending_disposal');
    expect(codeOf(l.t.raw(mgr, 'disposals.update', { id: d.id, version: again.version, costs: 1 }))).toBe(
      'INVALID_TRANSITION errors.disposalStatus',
    );
    l.t.call(l.acc2, 'approvals.act', { ...act, action: 'approve' });
    const done = l.t.call(mgr, 'disposals.get', { id: d.id });
    // 9,000.00 − 50.00 − 9,900.00 = −950.00, a sale: 资产处置损益.
    expect(done).toMatchObject({ status: 'approved', netBookValue: 990_000, gainLoss: -95_000 });
    expect(done.voucher!.lines.slice(-2).map((x) => [x.accountCode, x.debit, x.credit])).toEqual([
      ['6115', 95_000, 0],
      ['1606', 0, 95_000],
    ]);
    // Two approval rounds in the trail.
    const rounds = l.t.core.services.sqlite
      .prepare(
        `SELECT round, status FROM approval_instances WHERE kind = 'disposal' AND document_id = ? ORDER BY round`,
      )
      .all(d.id);
    expect(rounds).toEqual([
      { round: 1, status: 'returned' },
      { round: 2, status: 'approved' },
    ]);
  });

  it('re-runs the checks at resubmission and at approval; a returned disposal can be withdrawn', () => {
    s = startShop('2024-01-20');
    const { l } = s;
    const mgr = s.as('mgr');
    const clerk = s.as('clerk');
    const mk = (name: string, extra: Record<string, unknown> = {}) =>
      l.asset({ name, cost: yuan(5_000), lifeMonths: 60, inServiceDate: '2023-06-01', ...extra });
    const ret = (assetId: number) => {
      const d = l.t.call(mgr, 'disposals.create', {
        assetId,
        kind: 'scrap',
        date: '2024-01-20',
        reason: '报废',
      });
      l.t.call(l.acc1, 'approvals.act', {
        kind: 'disposal',
        documentId: d.id,
        action: 'return',
        comment: '再看看',
      });
      return l.t.call(mgr, 'disposals.get', { id: d.id });
    };

    // Sent to repair while returned: resubmission refused until the repair is closed.
    const R = mk('送修');
    const r1 = ret(R.id);
    const rep = l.t.call(clerk, 'repairs.create', { assetId: R.id, fault: '不开机' });
    expect(codeOf(l.t.raw(mgr, 'disposals.submit', { id: r1.id, version: r1.version }))).toBe(
      'INVALID_TRANSITION errors.disposalOpenRepair',
    );
    expect(l.t.call(mgr, 'disposals.get', { id: r1.id }).status).toBe('returned');
    const acc = l.t.call(clerk, 'repairs.update', { id: rep.id, version: rep.version, status: 'accepted' });
    const fin = l.t.call(clerk, 'repairs.update', { id: rep.id, version: acc.version, status: 'done' });
    l.t.call(clerk, 'repairs.close', { id: rep.id, version: fin.version });
    expect(codeOf(l.t.raw(mgr, 'disposals.submit', { id: r1.id, version: r1.version }))).toBe('OK');

    // Lent out while returned: refused.
    const L = mk('外借');
    const r2 = ret(L.id);
    const cur = l.t.call(l.admin, 'assets.get', { id: L.id });
    l.t.call(clerk, 'assets.changeStatus', { id: L.id, version: cur.version, status: 'lent' });
    expect(codeOf(l.t.raw(mgr, 'disposals.submit', { id: r2.id, version: r2.version }))).toBe(
      'INVALID_TRANSITION errors.disposalAssetLent',
    );
    // A second request for the same asset while one is returned is allowed only once the first is withdrawn
    // or resubmitted; withdrawing a returned one works.
    l.t.call(mgr, 'disposals.cancel', { id: r2.id, version: r2.version, reason: '不报废了' });
    expect(l.t.call(mgr, 'disposals.get', { id: r2.id }).status).toBe('cancelled');
    expect(l.t.call(l.admin, 'assets.get', { id: L.id }).status).toBe('lent');

    // A count started on the pending asset's department while it waits: finance cannot approve it.
    const C = mk('盘点中', { departmentId: l.otherDeptId });
    const pend = l.t.call(mgr, 'disposals.create', {
      assetId: C.id,
      kind: 'scrap',
      date: '2024-01-20',
      reason: '报废',
    });
    const count = l.t.call(mgr, 'counts.create', {
      name: '生产部抽盘',
      scope: { departmentIds: [l.otherDeptId] },
    });
    l.t.call(mgr, 'counts.start', { id: count.id });
    const tryApprove = l.t.raw(l.acc1, 'approvals.act', {
      kind: 'disposal',
      documentId: pend.id,
      action: 'approve',
    });
    expect(codeOf(tryApprove)).toBe('ASSET_LOCKED errors.assetLocked');
    expect(l.t.call(mgr, 'disposals.get', { id: pend.id }).status).toBe('pending');
    expect(l.t.call(l.admin, 'assets.get', { id: C.id }).status).toBe('pending_disposal');
  });
});
