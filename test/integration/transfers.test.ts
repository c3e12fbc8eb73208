// Transfers and issues through dispatch: moves within a department at once, across departments only
// after approval (history per asset, audit), issue from idle stock into use, the count lock, and the
// handover sheet. The expense-department voucher on a depreciated asset is in transfers-voucher.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { errorOf, makeCompany, type Company } from './approvals-fixtures';

let t: TestCore;
let c: Company;
let room: { a: number; b: number };
let person: { it: number; sales: number };

beforeEach(() => {
  t = startTestCore();
  c = makeCompany(t);
  const loc = (code: string, name: string) =>
    t.call(t.adminToken, 'settings.locations.create', { code, name, kind: 'room' }).id;
  room = { a: loc('R1', '信息部机房'), b: loc('R2', '销售部办公室') };
  const cust = (code: string, name: string, departmentId: number) =>
    t.call(t.adminToken, 'settings.custodians.create', { code, name, departmentId }).id;
  person = { it: cust('E1', '王工', c.dept.it), sales: cust('E2', '李销售', c.dept.sales) };
});
afterEach(async () => {
  await t.close();
});

function asset(name: string, extra: Record<string, unknown> = {}) {
  return t.call(t.adminToken, 'assets.create', {
    name,
    categoryId: c.cat.laptop,
    cost: 600_000,
    departmentId: c.dept.it,
    locationId: room.a,
    custodianId: person.it,
    ...extra,
  });
}

describe('transfers', () => {
  it('within one department: moves at once, one transfer history event per asset', () => {
    const a = asset('笔记本 A');
    const tr = t.call(c.tok.clerk!, 'transfers.create', {
      assetIds: [a.id],
      to: { locationId: room.b },
      reason: '换工位',
    });
    expect(tr).toMatchObject({ status: 'done', kind: 'transfer', crossesDepartments: false, approval: null });
    expect(tr.number).toMatch(/^TR-\d{6}-0001$/);
    expect(tr.lines[0]).toMatchObject({
      assetId: a.id,
      fromLocationId: room.a,
      fromLocationName: '信息部机房',
    });
    expect(t.call(t.adminToken, 'assets.get', { id: a.id })).toMatchObject({
      locationId: room.b,
      departmentId: c.dept.it,
    });
    const ev = t.call(t.adminToken, 'assets.history', { id: a.id })[0]!;
    expect(ev).toMatchObject({
      kind: 'transfer',
      changes: [{ field: 'locationId', before: room.a, after: room.b }],
    });
    expect(ev.note).toContain(tr.number);
  });

  it('across departments: waits for the giving department’s head, moves on approval', () => {
    const a = asset('笔记本 A');
    const b = asset('笔记本 B');
    const tr = t.call(c.tok.clerk!, 'transfers.create', {
      assetIds: [a.id, b.id],
      to: { custodianId: person.sales, locationId: room.b },
      reason: '支援销售部',
    });
    expect(tr).toMatchObject({ status: 'pending', crossesDepartments: true, toDepartmentId: c.dept.sales });
    expect(tr.approval?.waitingAt).toMatchObject({ assigneeId: c.ids.head });
    // Nothing moved yet, and the assets cannot go onto a second transfer or a loan meanwhile.
    expect(t.call(t.adminToken, 'assets.get', { id: a.id })).toMatchObject({
      departmentId: c.dept.it,
      custodianId: person.it,
    });
    const again = t.raw(c.tok.clerk!, 'transfers.create', {
      assetIds: [a.id],
      to: { locationId: room.b },
      reason: 'x',
    });
    expect(errorOf(again)).toMatchObject({ code: 'ASSET_LOCKED', message: 'errors.transferPending' });
    const lend = t.raw(c.tok.clerk!, 'loans.create', {
      assetId: a.id,
      borrowerCustodianId: person.it,
      dueDate: '2099-01-01',
    });
    expect(errorOf(lend).code).toBe('ASSET_LOCKED');

    // A clerk cannot approve; the requester's own approval is refused by the engine.
    expect(
      errorOf(
        t.raw(c.tok.clerk!, 'approvals.act', { kind: 'transfer', documentId: tr.id, action: 'approve' }),
      ).code,
    ).toBe('FORBIDDEN');
    expect(t.call(c.tok.head!, 'approvals.inbox', {}).counts.transfer).toBe(1);
    t.call(c.tok.head!, 'approvals.act', { kind: 'transfer', documentId: tr.id, action: 'approve' });

    const done = t.call(c.tok.clerk!, 'transfers.get', { id: tr.id });
    expect(done).toMatchObject({ status: 'done', approval: { status: 'approved' } });
    for (const id of [a.id, b.id]) {
      const card = t.call(t.adminToken, 'assets.get', { id });
      expect(card).toMatchObject({
        departmentId: c.dept.sales,
        expenseDepartmentId: c.dept.sales, // never depreciated: a direct edit
        custodianId: person.sales,
        locationId: room.b,
        status: 'in_use',
      });
      expect(t.call(t.adminToken, 'assets.history', { id })[0]!.kind).toBe('transfer');
    }
    const audit = t.call(t.adminToken, 'audit.list', { entity: 'transfer', limit: 50 });
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['transfers.create', 'approvals.approve', 'transfers.apply']),
    );
  });

  it('a rejected cross-department transfer moves nothing; a pending one can be withdrawn', () => {
    const a = asset('笔记本 A');
    const tr = t.call(c.tok.clerk!, 'transfers.create', {
      assetIds: [a.id],
      to: { departmentId: c.dept.sales },
      reason: '调拨',
    });
    t.call(c.tok.head!, 'approvals.act', {
      kind: 'transfer',
      documentId: tr.id,
      action: 'reject',
      comment: '本部门仍需使用',
    });
    expect(t.call(c.tok.clerk!, 'transfers.get', { id: tr.id }).status).toBe('rejected');
    expect(t.call(t.adminToken, 'assets.get', { id: a.id }).departmentId).toBe(c.dept.it);

    const tr2 = t.call(c.tok.clerk!, 'transfers.create', {
      assetIds: [a.id],
      to: { departmentId: c.dept.sales },
      reason: '再调',
    });
    expect(
      errorOf(t.raw(c.tok.mgr!, 'transfers.cancel', { id: tr2.id, version: tr2.version, reason: 'x' })).code,
    ).toBe('FORBIDDEN');
    const cancelled = t.call(c.tok.clerk!, 'transfers.cancel', {
      id: tr2.id,
      version: tr2.version,
      reason: '不调了',
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', approval: { status: 'cancelled' } });
    expect(t.call(c.tok.head!, 'approvals.inbox', {}).total).toBe(0);
  });

  it('issue (领用): idle stock to a person goes into use through the status door', () => {
    const a = asset('备用机', { status: 'idle', custodianId: null, departmentId: null });
    const tr = t.call(c.tok.clerk!, 'transfers.create', {
      assetIds: [a.id],
      to: { custodianId: person.it },
      reason: '新员工领用',
    });
    expect(tr).toMatchObject({ kind: 'issue', status: 'done', crossesDepartments: false });
    expect(t.call(t.adminToken, 'assets.get', { id: a.id })).toMatchObject({
      status: 'in_use',
      custodianId: person.it,
      departmentId: c.dept.it,
    });
    const kinds = t.call(t.adminToken, 'assets.history', { id: a.id }).map((e) => e.kind);
    expect(kinds.slice(0, 2)).toEqual(['issue', 'transfer']);
    expect(t.call(c.tok.clerk!, 'transfers.list', { kind: 'issue' }).total).toBe(1);
  });

  it('an asset under an open count is ASSET_LOCKED; a lent one is refused', () => {
    const a = asset('笔记本 A');
    const b = asset('笔记本 B', { locationId: room.b });
    const count = t.call(c.tok.mgr!, 'counts.create', { name: '年中盘点', scope: { locationIds: [room.a] } });
    t.call(c.tok.mgr!, 'counts.start', { id: count.id });
    const r = t.raw(c.tok.clerk!, 'transfers.create', {
      assetIds: [a.id],
      to: { locationId: room.b },
      reason: '搬迁',
    });
    expect(errorOf(r)).toMatchObject({ code: 'ASSET_LOCKED', message: 'errors.assetLocked' });
    expect(t.call(c.tok.clerk!, 'transfers.list', {}).total).toBe(0);

    t.call(c.tok.clerk!, 'loans.create', {
      assetId: b.id,
      borrowerCustodianId: person.it,
      dueDate: '2099-01-01',
    });
    const lent = t.raw(c.tok.clerk!, 'transfers.create', {
      assetIds: [b.id],
      to: { locationId: room.a },
      reason: 'x',
    });
    expect(errorOf(lent)).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'errors.transferAssetStatus',
    });
  });

  it('the handover sheet is a PDF naming the assets', () => {
    const a = asset('笔记本 A', { serialNo: 'PF-12345' });
    const tr = t.call(c.tok.clerk!, 'transfers.create', {
      assetIds: [a.id],
      to: { custodianId: person.sales },
      reason: '支援',
    });
    const sheet = t.call(c.tok.clerk!, 'transfers.handoverPdf', { id: tr.id });
    const pdf = Buffer.from(sheet.pdf, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sheet.fileName).toBe(`${tr.number}.pdf`);
    expect(pdf.length).toBeGreaterThan(5000); // the CJK subset is embedded
    const pages = (b: Buffer) => b.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length;
    expect(pages(pdf)).toBe(1);
    // 23 assets: the table continues on a second page, signatures after the last row.
    const many = Array.from({ length: 23 }, (_, i) => asset(`显示器 ${i + 1}`).id);
    const big = t.call(c.tok.clerk!, 'transfers.create', {
      assetIds: many,
      to: { locationId: room.b },
      reason: '搬迁',
    });
    expect(
      pages(Buffer.from(t.call(c.tok.clerk!, 'transfers.handoverPdf', { id: big.id }).pdf, 'base64')),
    ).toBe(2);
  });
});
