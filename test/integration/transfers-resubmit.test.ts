// A transfer returned for changes (退回修改): only its requester edits and resubmits it, with the
// version they read; the resubmission is a second approval round and the trail keeps both. An edit
// that no longer crosses departments moves the assets at once on submit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { errorOf, makeCompany, type Company } from './approvals-fixtures';

let t: TestCore;
let c: Company;
let room: { a: number; b: number; c: number };

beforeEach(() => {
  t = startTestCore();
  c = makeCompany(t);
  const loc = (code: string, name: string) =>
    t.call(t.adminToken, 'settings.locations.create', { code, name, kind: 'room' }).id;
  room = { a: loc('R1', '信息部机房'), b: loc('R2', '销售部办公室'), c: loc('R3', '信息部库房') };
});
afterEach(async () => {
  await t.close();
});

function asset(name: string) {
  return t.call(t.adminToken, 'assets.create', {
    name,
    categoryId: c.cat.laptop,
    cost: 600_000,
    departmentId: c.dept.it,
    locationId: room.a,
  });
}

/** A cross-department transfer by the clerk, returned by the IT head with a reason. */
function returnedTransfer(assetIds: number[]) {
  const tr = t.call(c.tok.clerk!, 'transfers.create', {
    assetIds,
    to: { departmentId: c.dept.sales },
    reason: '支援销售部',
  });
  t.call(c.tok.head!, 'approvals.act', {
    kind: 'transfer',
    documentId: tr.id,
    action: 'return',
    comment: '请写明存放位置',
  });
  const back = t.call(c.tok.clerk!, 'transfers.get', { id: tr.id });
  expect(back).toMatchObject({
    status: 'returned',
    decisionNote: '请写明存放位置',
    approval: { status: 'returned', round: 1 },
  });
  return back;
}

describe('transfers returned for changes', () => {
  it('the requester edits and resubmits; a second round, the trail keeps both, approval moves the assets', () => {
    const a = asset('笔记本 A');
    const b = asset('笔记本 B');
    const tr = returnedTransfer([a.id]);
    expect(t.call(c.tok.head!, 'approvals.inbox', {}).total).toBe(0);

    // Nobody else edits or resubmits it; a stale version is a conflict; nothing moved meanwhile.
    const edit = { id: tr.id, version: tr.version, to: { departmentId: c.dept.sales, locationId: room.b } };
    expect(errorOf(t.raw(c.tok.mgr!, 'transfers.update', edit)).code).toBe('FORBIDDEN');
    expect(errorOf(t.raw(c.tok.head!, 'transfers.update', edit)).code).toBe('FORBIDDEN');
    expect(errorOf(t.raw(c.tok.mgr!, 'transfers.submit', { id: tr.id, version: tr.version })).code).toBe(
      'FORBIDDEN',
    );
    expect(t.call(t.adminToken, 'assets.get', { id: a.id }).departmentId).toBe(c.dept.it);

    const edited = t.call(c.tok.clerk!, 'transfers.update', {
      ...edit,
      assetIds: [a.id, b.id],
      reason: '支援销售部，放销售部办公室',
    });
    expect(edited).toMatchObject({
      status: 'returned',
      toDepartmentId: c.dept.sales,
      toLocationId: room.b,
      assetCount: 2,
      reason: '支援销售部，放销售部办公室',
      version: tr.version + 1,
    });
    expect(edited.lines.map((l) => l.assetId)).toEqual([a.id, b.id]);
    expect(errorOf(t.raw(c.tok.clerk!, 'transfers.submit', { id: tr.id, version: tr.version })).code).toBe(
      'CONFLICT',
    );

    const again = t.call(c.tok.clerk!, 'transfers.submit', {
      id: tr.id,
      version: edited.version,
      comment: '已补充位置',
    });
    expect(again).toMatchObject({
      status: 'pending',
      decisionNote: '',
      approval: { status: 'pending', round: 2, waitingAt: { assigneeId: c.ids.head } },
    });
    // The list says where it waits, without reading each document.
    const listed = t.call(c.tok.clerk!, 'transfers.list', {}).rows.find((x) => x.id === tr.id);
    expect(listed?.waitingAt).toEqual({
      name: '调出部门负责人',
      approverType: 'department_head',
      roleKey: null,
      assigneeName: 'HEAD',
    });
    expect('waitingAt' in again).toBe(false);
    // Submitted once more it is no longer editable.
    expect(
      errorOf(t.raw(c.tok.clerk!, 'transfers.update', { id: tr.id, version: again.version, reason: 'x' }))
        .code,
    ).toBe('INVALID_TRANSITION');

    const trail = t.call(c.tok.clerk!, 'approvals.trail', { kind: 'transfer', documentId: tr.id });
    expect(trail.rounds.map((r) => [r.round, r.status])).toEqual([
      [1, 'returned'],
      [2, 'pending'],
    ]);
    expect(trail.actions.map((x) => [x.round, x.action, x.comment])).toEqual([
      [1, 'submit', ''],
      [1, 'return', '请写明存放位置'],
      [2, 'submit', '已补充位置'],
    ]);

    t.call(c.tok.head!, 'approvals.act', { kind: 'transfer', documentId: tr.id, action: 'approve' });
    expect(t.call(c.tok.clerk!, 'transfers.get', { id: tr.id }).status).toBe('done');
    expect(t.call(c.tok.clerk!, 'transfers.list', {}).rows.find((x) => x.id === tr.id)?.waitingAt).toBeNull();
    for (const id of [a.id, b.id])
      expect(t.call(t.adminToken, 'assets.get', { id })).toMatchObject({
        departmentId: c.dept.sales,
        locationId: room.b,
      });
    expect(
      errorOf(t.raw(c.tok.clerk!, 'transfers.submit', { id: tr.id, version: again.version + 10 })).code,
    ).toBe('CONFLICT');
    const audit = t.call(t.adminToken, 'audit.list', { entity: 'transfer', limit: 50 });
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'transfers.update',
        'transfers.submit',
        'approvals.return',
        'approvals.submit',
      ]),
    );
  });

  it('edited to stay within the department, the resubmitted transfer moves at once without a new round', () => {
    const a = asset('笔记本 A');
    const tr = returnedTransfer([a.id]);
    const edited = t.call(c.tok.clerk!, 'transfers.update', {
      id: tr.id,
      version: tr.version,
      to: { locationId: room.c },
      reason: '移到库房',
    });
    expect(edited).toMatchObject({ crossesDepartments: false, toDepartmentId: null });
    const done = t.call(c.tok.clerk!, 'transfers.submit', { id: tr.id, version: edited.version });
    expect(done).toMatchObject({ status: 'done', approval: { round: 1, status: 'returned' } });
    expect(t.call(t.adminToken, 'assets.get', { id: a.id })).toMatchObject({
      departmentId: c.dept.it,
      locationId: room.c,
    });
  });

  it('a pending transfer cannot be edited or resubmitted; an edit checks its assets like a new one', () => {
    const a = asset('笔记本 A');
    const other = asset('笔记本 C');
    const pending = t.call(c.tok.clerk!, 'transfers.create', {
      assetIds: [other.id],
      to: { departmentId: c.dept.sales },
      reason: '另一单',
    });
    const upd = { id: pending.id, version: pending.version, reason: '改' };
    expect(errorOf(t.raw(c.tok.clerk!, 'transfers.update', upd)).code).toBe('INVALID_TRANSITION');
    expect(
      errorOf(t.raw(c.tok.clerk!, 'transfers.submit', { id: pending.id, version: pending.version })).code,
    ).toBe('INVALID_TRANSITION');

    const tr = returnedTransfer([a.id]);
    // The asset on the other open transfer cannot be added to this one.
    const locked = errorOf(
      t.raw(c.tok.clerk!, 'transfers.update', { id: tr.id, version: tr.version, assetIds: [a.id, other.id] }),
    );
    expect(locked.code).toBe('ASSET_LOCKED');
    expect(t.call(c.tok.clerk!, 'transfers.get', { id: tr.id }).assetCount).toBe(1);
  });
});
