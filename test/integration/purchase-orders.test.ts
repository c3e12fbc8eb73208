import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { errorOf, laptops, makeCompany, submitted, type Company } from './approvals-fixtures';
import { recordReceipt } from '../../src/main/modules/purchase-orders/receiving';
import { AppError } from '../../src/main/api/errors';

let t: TestCore;
let c: Company;
beforeEach(() => {
  t = startTestCore();
  c = makeCompany(t);
});
afterEach(async () => {
  await t.close();
});

/** Laptops ×2 and monitors ×3, approved by the head and finance. */
function approvedRequisition() {
  const r = submitted(t, c, 'emp', [
    laptops(c),
    {
      categoryId: c.cat.monitor,
      spec: 'Dell U2724D',
      quantity: 3,
      unitPrice: 250_000,
      reason: '',
      neededBy: null,
    },
  ]);
  for (const who of ['head', 'fin']) {
    t.call(c.tok[who]!, 'approvals.act', { kind: 'requisition', documentId: r.id, action: 'approve' });
  }
  const got = t.call(c.tok.mgr!, 'requisitions.get', { id: r.id });
  expect(got.status).toBe('approved');
  return got;
}

describe('purchase orders', () => {
  it('an approved requisition becomes orders, line by line and in part', () => {
    const pending = submitted(t, c, 'emp2', [laptops(c, 1)]);
    expect(
      errorOf(
        t.raw(c.tok.mgr!, 'purchaseOrders.createFromRequisition', {
          requisitionId: pending.id,
          supplierId: c.supplierId,
        }),
      ).code,
    ).toBe('INVALID_TRANSITION');

    const r = approvedRequisition();
    const [pcLine, monLine] = r.lines;
    // Only the asset manager orders.
    expect(
      errorOf(
        t.raw(c.tok.emp!, 'purchaseOrders.createFromRequisition', {
          requisitionId: r.id,
          supplierId: c.supplierId,
        }),
      ).code,
    ).toBe('FORBIDDEN');
    const po1 = t.call(c.tok.mgr!, 'purchaseOrders.createFromRequisition', {
      requisitionId: r.id,
      supplierId: c.supplierId,
      expectedDate: '2030-02-01',
      lines: [{ requisitionLineId: pcLine!.id, quantity: 1, unitPrice: 760_000 }],
    });
    expect(po1).toMatchObject({
      number: expect.stringMatching(/^PO-\d{6}-0001$/),
      status: 'open',
      requisitionId: r.id,
      requisitionNumber: r.number,
      supplierName: '联想直销',
      totalAmount: 760_000,
      expectedDate: '2030-02-01',
    });
    expect(po1.lines).toEqual([
      expect.objectContaining({
        requisitionLineId: pcLine!.id,
        quantity: 1,
        receivedQuantity: 0,
        remainingQuantity: 1,
        unitPrice: 760_000,
      }),
    ]);
    let now = t.call(c.tok.emp!, 'requisitions.get', { id: r.id });
    expect(now.status).toBe('approved');
    expect(now.lines.map((l) => [l.orderedQuantity, l.remainingQuantity])).toEqual([
      [1, 1],
      [0, 3],
    ]);
    expect(now.purchaseOrders).toEqual([
      { id: po1.id, number: po1.number, status: 'open', totalAmount: 760_000 },
    ]);

    // More than remains is refused.
    const over = errorOf(
      t.raw(c.tok.mgr!, 'purchaseOrders.createFromRequisition', {
        requisitionId: r.id,
        supplierId: c.supplierId,
        lines: [{ requisitionLineId: pcLine!.id, quantity: 2 }],
      }),
    );
    expect(over).toMatchObject({
      code: 'VALIDATION',
      details: [expect.objectContaining({ message: 'validation.poQuantityOverRemaining' })],
    });

    // The rest, at the estimates.
    const po2 = t.call(c.tok.mgr!, 'purchaseOrders.createFromRequisition', {
      requisitionId: r.id,
      supplierId: c.supplierId,
    });
    expect(po2.lines.map((l) => [l.requisitionLineId, l.quantity, l.unitPrice])).toEqual([
      [pcLine!.id, 1, 800_000],
      [monLine!.id, 3, 250_000],
    ]);
    now = t.call(c.tok.emp!, 'requisitions.get', { id: r.id });
    expect(now.status).toBe('ordered');
    expect(
      errorOf(
        t.raw(c.tok.mgr!, 'purchaseOrders.createFromRequisition', {
          requisitionId: r.id,
          supplierId: c.supplierId,
        }),
      ).code,
    ).toBe('INVALID_TRANSITION');

    // Cancelling an order gives its quantities back.
    t.call(c.tok.mgr!, 'purchaseOrders.cancel', { id: po2.id, version: po2.version, reason: '供应商缺货' });
    now = t.call(c.tok.emp!, 'requisitions.get', { id: r.id });
    expect(now.status).toBe('approved');
    expect(now.lines.map((l) => l.remainingQuantity)).toEqual([1, 3]);
    expect(
      t
        .call(c.tok.mgr!, 'purchaseOrders.list', { requisitionId: r.id, status: 'open' })
        .rows.map((o) => o.id),
    ).toEqual([po1.id]);
    expect(t.call(c.tok.fin!, 'purchaseOrders.list', {}).total).toBe(2);

    // The rest was bought at a shop round the corner.
    const outside = t.call(c.tok.mgr!, 'purchaseOrders.markBoughtOutside', {
      requisitionId: r.id,
      version: now.version,
      note: '京东自营采购',
    });
    expect(outside.status).toBe('ordered');
    expect(outside.lines.map((l) => [l.orderedQuantity, l.outsideQuantity, l.remainingQuantity])).toEqual([
      [1, 1, 0],
      [0, 3, 0],
    ]);
    const audit = t.call(t.adminToken, 'audit.list', { entity: 'purchaseOrder', limit: 50 });
    expect(audit.rows.map((x: { action: string }) => x.action).sort()).toEqual([
      'purchaseOrders.cancel',
      'purchaseOrders.createFromRequisition',
      'purchaseOrders.createFromRequisition',
    ]);
  });

  it('a requisition bought outside entirely; an order without a requisition', () => {
    const r = approvedRequisition();
    const done = t.call(c.tok.mgr!, 'purchaseOrders.markBoughtOutside', {
      requisitionId: r.id,
      version: r.version,
      note: '现场采购',
    });
    expect(done).toMatchObject({ status: 'bought_outside', outsideNote: '现场采购' });
    const po = t.call(c.tok.mgr!, 'purchaseOrders.create', {
      supplierId: c.supplierId,
      lines: [{ categoryId: c.cat.furniture, spec: '办公椅', quantity: 4, unitPrice: 45_000 }],
    });
    expect(po).toMatchObject({ requisitionId: null, totalAmount: 180_000, status: 'open' });
  });

  it('receiving (for the inbound module): partial, complete, over-receipt refused, no cancel after receipt', () => {
    const r = approvedRequisition();
    const po = t.call(c.tok.mgr!, 'purchaseOrders.createFromRequisition', {
      requisitionId: r.id,
      supplierId: c.supplierId,
    });
    const { sqlite } = t.core.services;
    const ctx = { sqlite, emit: () => undefined, nowIso: new Date().toISOString() } as unknown as Parameters<
      typeof recordReceipt
    >[0];
    const receive = (lineId: number, q: number) => sqlite.transaction(() => recordReceipt(ctx, lineId, q))();
    expect(receive(po.lines[0]!.id, 1)).toMatchObject({
      receivedQuantity: 1,
      remainingQuantity: 1,
      orderStatus: 'partially_received',
    });
    expect(() => receive(po.lines[0]!.id, 2)).toThrow(AppError);
    let got = t.call(c.tok.mgr!, 'purchaseOrders.get', { id: po.id });
    expect(got.status).toBe('partially_received');
    expect(
      errorOf(t.raw(c.tok.mgr!, 'purchaseOrders.cancel', { id: po.id, version: got.version, reason: 'x' }))
        .code,
    ).toBe('INVALID_TRANSITION');
    receive(po.lines[0]!.id, 1);
    expect(receive(po.lines[1]!.id, 3).orderStatus).toBe('received');
    got = t.call(c.tok.mgr!, 'purchaseOrders.get', { id: po.id });
    expect(got.lines.map((l) => l.receivedQuantity)).toEqual([2, 3]);
  });
});
