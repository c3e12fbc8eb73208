// Inbound acceptance through dispatch: a PO received in two parts with serials (assets with codes,
// category defaults, supplier/PO reference, history, labels job), over-receipt, idempotency by
// requestId and by PO line + serial, an interrupted acceptance leaving nothing, receiving without a
// PO, a failed inspection, and serials scanned into an acceptance session.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { errorOf, makeCompany, type Company } from './approvals-fixtures';

let t: TestCore;
let c: Company;
let roomId: number;
let aliceId: number;

beforeEach(() => {
  t = startTestCore();
  c = makeCompany(t);
  roomId = t.call(t.adminToken, 'settings.locations.create', {
    code: 'R101',
    name: '101 室',
    kind: 'room',
  }).id;
  aliceId = t.call(t.adminToken, 'settings.custodians.create', {
    code: 'E001',
    name: '张三',
    departmentId: c.dept.it,
  }).id;
});
afterEach(async () => {
  await t.close();
});

function order(quantity = 3) {
  return t.call(c.tok.mgr!, 'purchaseOrders.create', {
    supplierId: c.supplierId,
    lines: [{ categoryId: c.cat.laptop, spec: 'ThinkPad X1', quantity, unitPrice: 800_000 }],
  });
}

const count = (table: string) =>
  t.core.services.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function line(lineId: number, quantity: number, serialNos: string[], extra: Record<string, unknown> = {}) {
  return { lineId, quantity, serialNos, locationId: roomId, inServiceDate: today(), ...extra };
}

function today(): string {
  return t.core.services.sqlite.prepare("SELECT date('now', 'localtime')").pluck().get() as string;
}

describe('inbound.receive', () => {
  it('receives a PO in two parts with serials: assets with codes, category defaults, PO reference, history, labels', async () => {
    const po = order(3);
    const poLine = po.lines[0]!;
    const first = t.call(c.tok.clerk!, 'inbound.receive', {
      purchaseOrderId: po.id,
      requestId: 'req-part-one',
      lines: [line(poLine.id, 2, ['SN-A1', 'SN-A2'], { custodianId: aliceId, warrantyEnd: '2030-12-31' })],
    });
    expect(first.replayed).toBe(false);
    expect(first.receipt.number).toMatch(/^IN-\d{6}-0001$/);
    expect(first.assetIds).toHaveLength(2);
    expect(first.jobId).toEqual(expect.any(String));
    expect(first.receipt.lines[0]).toMatchObject({
      purchaseOrderLineId: poLine.id,
      quantity: 2,
      acceptedQuantity: 2,
      inspection: 'pass',
      serialNos: ['SN-A1', 'SN-A2'],
      custodianId: aliceId,
      departmentId: c.dept.it,
    });
    expect(t.call(c.tok.mgr!, 'purchaseOrders.get', { id: po.id })).toMatchObject({
      status: 'partially_received',
      lines: [{ receivedQuantity: 2, remainingQuantity: 1 }],
    });

    const second = t.call(c.tok.clerk!, 'inbound.receive', {
      purchaseOrderId: po.id,
      lines: [line(poLine.id, 1, ['SN-A3'])],
    });
    expect(second.receipt.number).toMatch(/^IN-\d{6}-0002$/);
    expect(t.call(c.tok.mgr!, 'purchaseOrders.get', { id: po.id }).status).toBe('received');

    const assets = [...first.assetIds, ...second.assetIds].map((id) =>
      t.call(t.adminToken, 'assets.get', { id }),
    );
    expect(new Set(assets.map((a) => a.assetCode)).size).toBe(3);
    for (const a of assets) {
      expect(a.assetCode).not.toBe('');
      expect(a).toMatchObject({
        categoryId: c.cat.laptop,
        cost: 800_000,
        quantity: 1,
        lifeMonths: 36, // inherited by 笔记本电脑 from 电子设备
        supplierId: c.supplierId,
        purchaseOrderRef: po.number,
        inServiceDate: today(),
        locationId: roomId,
      });
    }
    expect(assets.map((a) => a.serialNo)).toEqual(['SN-A1', 'SN-A2', 'SN-A3']);
    // Held by someone: in use; nobody yet: idle stock waiting to be issued.
    expect(assets.map((a) => a.status)).toEqual(['in_use', 'in_use', 'idle']);
    expect(assets[0]).toMatchObject({
      custodianId: aliceId,
      departmentId: c.dept.it,
      warrantyEnd: '2030-12-31',
    });
    const history = t.call(t.adminToken, 'assets.history', { id: assets[0]!.id });
    expect(history.map((e) => e.kind)).toContain('created');
    // The card says where it came from (found writing the e2e story: the timeline only said "created").
    expect(history.find((e) => e.kind === 'inbound')?.note).toBe(
      `验收入库 ${first.receipt.number}，采购订单 ${po.number}，序列号 SN-A1`,
    );

    // The labels job prints exactly the new assets.
    await t.core.services.jobs.idle();
    const job = t.core.services.jobs.get(first.jobId!)!;
    expect(job.status).toBe('done');
    const printed = t.call(c.tok.clerk!, 'labels.history', {});
    expect(printed.find((p) => p.jobId === first.jobId)?.assetIds).toEqual(first.assetIds);

    const got = t.call(c.tok.clerk!, 'inbound.get', { id: first.receipt.id });
    expect(got.lines[0]!.units.map((u) => u.serialNo)).toEqual(['SN-A1', 'SN-A2']);
    expect(t.call(c.tok.clerk!, 'inbound.list', { purchaseOrderId: po.id }).total).toBe(2);
  });

  it('refuses over-receipt and creates nothing', () => {
    const po = order(2);
    t.call(c.tok.clerk!, 'inbound.receive', {
      purchaseOrderId: po.id,
      lines: [line(po.lines[0]!.id, 1, [])],
    });
    const before = count('assets');
    const r = t.raw(c.tok.clerk!, 'inbound.receive', {
      purchaseOrderId: po.id,
      lines: [line(po.lines[0]!.id, 2, [])],
    });
    expect(errorOf(r)).toMatchObject({ code: 'VALIDATION', message: 'errors.poOverReceipt' });
    expect(count('assets')).toBe(before);
    expect(count('inbound_receipts')).toBe(1);
    expect(t.call(c.tok.mgr!, 'purchaseOrders.get', { id: po.id }).lines[0]!.receivedQuantity).toBe(1);
  });

  it('the same requestId again answers the stored acceptance and creates nothing', () => {
    const po = order(3);
    const input = {
      purchaseOrderId: po.id,
      requestId: 'tablet-7f3a-0001',
      print: false as const,
      lines: [line(po.lines[0]!.id, 1, ['SN-X1'])],
    };
    const a = t.call(c.tok.clerk!, 'inbound.receive', input);
    const assets = count('assets');
    const b = t.call(c.tok.clerk!, 'inbound.receive', input);
    expect(b.replayed).toBe(true);
    expect(b.receipt.id).toBe(a.receipt.id);
    expect(b.assetIds).toEqual(a.assetIds);
    expect(count('assets')).toBe(assets);
    expect(count('inbound_receipts')).toBe(1);
    expect(t.call(c.tok.mgr!, 'purchaseOrders.get', { id: po.id }).lines[0]!.receivedQuantity).toBe(1);
  });

  it('the same PO line + serial received twice (no requestId) is refused: never a second asset', () => {
    const po = order(3);
    t.call(c.tok.clerk!, 'inbound.receive', {
      purchaseOrderId: po.id,
      lines: [line(po.lines[0]!.id, 1, ['SN-D1'])],
    });
    const assets = count('assets');
    const r = t.raw(c.tok.clerk!, 'inbound.receive', {
      purchaseOrderId: po.id,
      lines: [line(po.lines[0]!.id, 1, ['SN-D1'])],
    });
    expect(errorOf(r)).toMatchObject({ code: 'DUPLICATE', message: 'errors.inboundUnitReceived' });
    expect(count('assets')).toBe(assets);
    expect(t.call(c.tok.mgr!, 'purchaseOrders.get', { id: po.id }).lines[0]!.receivedQuantity).toBe(1);
    // The same serial twice in one receipt is caught before anything is written.
    const dup = t.raw(c.tok.clerk!, 'inbound.receive', {
      purchaseOrderId: po.id,
      lines: [line(po.lines[0]!.id, 2, ['SN-D2', 'SN-D2'])],
    });
    expect(errorOf(dup).details).toEqual([
      expect.objectContaining({ message: 'validation.inboundSerialDuplicate' }),
    ]);
  });

  it('an acceptance interrupted mid-way leaves nothing; re-running it makes each asset once', () => {
    const po = t.call(c.tok.mgr!, 'purchaseOrders.create', {
      supplierId: c.supplierId,
      lines: [
        { categoryId: c.cat.laptop, spec: 'ThinkPad X1', quantity: 2, unitPrice: 800_000 },
        { categoryId: c.cat.monitor, spec: 'Dell U2723', quantity: 2, unitPrice: 300_000 },
      ],
    });
    const [l1, l2] = po.lines;
    // One monitor arrived earlier.
    t.call(c.tok.clerk!, 'inbound.receive', {
      purchaseOrderId: po.id,
      print: false,
      lines: [line(l2!.id, 1, ['SN-M1'])],
    });
    const codeSeq = () =>
      t.core.services.sqlite.prepare(`SELECT coalesce(sum(last_value), 0) FROM code_sequences`).pluck().get();
    const seqBefore = codeSeq();
    const before = {
      assets: count('assets'),
      events: count('asset_events'),
      units: count('inbound_units'),
      receipts: count('inbound_receipts'),
      audit: count('audit_log'),
    };
    const input = {
      purchaseOrderId: po.id,
      requestId: 'interrupted-0001',
      print: false as const,
      lines: [line(l1!.id, 2, ['SN-I1', 'SN-I2']), line(l2!.id, 1, ['SN-M1'])],
    };
    // Line 1's two assets and line 2's receipt are written before line 2's unit turns out to be
    // the monitor already received: the whole acceptance is undone.
    const r = t.raw(c.tok.clerk!, 'inbound.receive', input);
    expect(errorOf(r)).toMatchObject({ code: 'DUPLICATE', message: 'errors.inboundUnitReceived' });
    expect({
      assets: count('assets'),
      events: count('asset_events'),
      units: count('inbound_units'),
      receipts: count('inbound_receipts'),
      audit: count('audit_log'),
    }).toEqual(before);
    expect(codeSeq()).toEqual(seqBefore);
    expect(
      t.call(c.tok.mgr!, 'purchaseOrders.get', { id: po.id }).lines.map((l) => l.receivedQuantity),
    ).toEqual([0, 1]);

    input.lines[1] = line(l2!.id, 1, ['SN-M2']);
    const ok = t.call(c.tok.clerk!, 'inbound.receive', input);
    expect(ok.assetIds).toHaveLength(3);
    const again = t.call(c.tok.clerk!, 'inbound.receive', input);
    expect(again.replayed).toBe(true);
    expect(count('assets')).toBe(before.assets + 3);
    expect(t.call(c.tok.mgr!, 'purchaseOrders.get', { id: po.id }).status).toBe('received');

    // An unknown location is named on its line before anything is written.
    const bad = t.raw(c.tok.clerk!, 'inbound.receive', {
      lines: [
        {
          categoryId: c.cat.furniture,
          name: '柜子',
          unitPrice: 1,
          quantity: 1,
          locationId: 999_999,
          inServiceDate: today(),
        },
      ],
    });
    expect(errorOf(bad).details).toEqual([
      expect.objectContaining({ path: 'lines.0.locationId', message: 'validation.notFound' }),
    ]);
  });

  it('receives without a PO (lines carry category, name, price), attaches the invoice, and records a failed inspection', () => {
    const pdf = Buffer.from('%PDF-1.4\n% invoice\n').toString('base64');
    const r = t.call(c.tok.clerk!, 'inbound.receive', {
      supplierId: c.supplierId,
      print: false,
      attachments: [{ fileName: '发票.pdf', mime: 'application/pdf', kind: 'invoice', data: pdf }],
      lines: [
        {
          categoryId: c.cat.furniture,
          name: '办公桌',
          spec: '1.6m',
          unitPrice: 120_000,
          quantity: 2,
          serialNos: [],
          locationId: roomId,
          inServiceDate: today(),
        },
        {
          categoryId: c.cat.furniture,
          name: '办公椅',
          unitPrice: 50_000,
          quantity: 1,
          serialNos: [],
          locationId: roomId,
          inServiceDate: today(),
          inspection: 'fail',
          inspectionNote: '扶手断裂，退回',
        },
      ],
    });
    expect(r.assetIds).toHaveLength(2);
    expect(r.receipt.lines.map((l) => [l.inspection, l.acceptedQuantity])).toEqual([
      ['pass', 2],
      ['fail', 0],
    ]);
    expect(r.receipt.attachments).toEqual([
      expect.objectContaining({ fileName: '发票.pdf', kind: 'invoice' }),
    ]);
    const desk = t.call(t.adminToken, 'assets.get', { id: r.assetIds[0]! });
    expect(desk).toMatchObject({
      name: '办公桌',
      model: '1.6m',
      cost: 120_000,
      lifeMonths: 60,
      supplierId: c.supplierId,
    });
    expect(t.call(t.adminToken, 'assets.attachments.list', { assetId: desk.id })).toHaveLength(1);

    const missingPrice = t.raw(c.tok.clerk!, 'inbound.receive', {
      lines: [
        {
          categoryId: c.cat.furniture,
          name: '柜子',
          quantity: 1,
          locationId: roomId,
          inServiceDate: today(),
        },
      ],
    });
    expect(errorOf(missingPrice).details).toEqual([
      expect.objectContaining({ path: 'lines.0.unitPrice', message: 'validation.required' }),
    ]);
  });

  it('an acceptance session collects scanned serials on its current line; receive takes them', () => {
    const po = order(2);
    const lineId = po.lines[0]!.id;
    const s = t.call(c.tok.clerk!, 'inbound.sessions.start', {
      station: 'dock-1',
      purchaseOrderId: po.id,
      currentLine: String(lineId),
    });
    for (const code of ['PF-001', 'PF-002', 'PF-001']) {
      const scan = t.call(c.tok.clerk!, 'scans.submit', { code, station: 'dock-1' });
      expect(scan).toMatchObject({ target: 'acceptance', targetId: s.id });
    }
    // Another station is not in the session.
    expect(t.call(c.tok.clerk!, 'scans.submit', { code: 'PF-999', station: 'desk-2' }).target).toBe('find');
    expect(t.call(c.tok.clerk!, 'inbound.sessions.get', { id: s.id }).serials).toEqual({
      [String(lineId)]: ['PF-001', 'PF-002'],
    });
    const r = t.call(c.tok.clerk!, 'inbound.receive', {
      purchaseOrderId: po.id,
      sessionId: s.id,
      print: false,
      lines: [line(lineId, 2, [])],
    });
    expect(r.receipt.lines[0]!.serialNos).toEqual(['PF-001', 'PF-002']);
    expect(t.call(c.tok.clerk!, 'inbound.sessions.stop', { id: s.id }).status).toBe('stopped');
    const stopped = t.call(t.adminToken, 'audit.list', { action: 'inbound.sessions.stop' }).rows;
    expect(stopped.map((r) => [r.entity, r.entityId])).toEqual([['inboundSession', String(s.id)]]);
    expect(t.call(c.tok.clerk!, 'scans.submit', { code: 'PF-003', station: 'dock-1' }).target).toBe('find');
  });

  it('an RFID reader that is not there leaves the tag pending, never undoing the acceptance', () => {
    const po = order(1);
    const r = t.call(c.tok.clerk!, 'inbound.receive', {
      purchaseOrderId: po.id,
      print: false,
      rfid: { deviceId: 999, format: 'ascii' },
      lines: [line(po.lines[0]!.id, 1, ['SN-R1'])],
    });
    expect(r).toMatchObject({ epc: null, rfidPending: r.assetIds, replayed: false });
    expect(r.assetIds).toHaveLength(1);
    expect(count('rfid_bindings')).toBe(0);
  });

  it('is refused to an employee', () => {
    const po = order(1);
    expect(
      errorOf(
        t.raw(c.tok.emp!, 'inbound.receive', {
          purchaseOrderId: po.id,
          lines: [line(po.lines[0]!.id, 1, [])],
        }),
      ).code,
    ).toBe('FORBIDDEN');
  });
});
