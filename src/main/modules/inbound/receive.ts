// Receiving (验收入库): one acceptance document per call, its lines, the PO receipt and one asset per
// accepted unit, all in the caller's transaction, so an interrupted acceptance leaves nothing behind.
// Idempotency: a requestId seen before answers the stored document; a unit key (PO line + serial, or
// category + serial) already received is refused, so the same unit never becomes a second asset.
import type { z } from 'zod';
import type { Ctx } from '../../api/context';
import { AppError, notFound, validation } from '../../api/errors';
import { nextDocumentNumber } from '../approvals/numbers';
import { recordAssetEvent } from '../assets/history';
import { createAsset } from '../assets/write';
import { addAttachment } from '../assets/attachments';
import { recordReceipt } from '../purchase-orders/receiving';
import type { InboundLineInput, ReceiveInput } from './contract';
import { sessionSerials } from './sessions';

type Input = z.output<typeof ReceiveInput>;
type Line = z.output<typeof InboundLineInput>;

interface OrderRow {
  id: number;
  number: string;
  supplier_id: number;
  status: string;
}

interface OrderLineRow {
  id: number;
  purchase_order_id: number;
  line_no: number;
  category_id: number;
  spec: string;
  unit_price: number;
  category_name: string;
}

/** What one line makes: the goods, their price and where they go. */
interface Goods {
  orderLineId: number | null;
  categoryId: number;
  name: string;
  spec: string;
  unitPrice: number;
  serials: string[];
  departmentId: number | null;
}

/** The key per unit that makes a second receipt of the same unit impossible; null without a serial. */
export function unitKey(orderLineId: number | null, categoryId: number, serial: string): string | null {
  if (!serial) return null;
  return orderLineId !== null ? `po-line:${orderLineId}:${serial}` : `category:${categoryId}:${serial}`;
}

/** The receipt a requestId already made, if any. */
export function receiptByRequest(ctx: Ctx, requestId: string | undefined): number | undefined {
  if (!requestId) return undefined;
  return ctx.sqlite.prepare('SELECT id FROM inbound_receipts WHERE request_id = ?').pluck().get(requestId) as
    number | undefined;
}

function loadOrder(ctx: Ctx, id: number): OrderRow {
  const o = ctx.sqlite
    .prepare('SELECT id, number, supplier_id, status FROM purchase_orders WHERE id = ?')
    .get(id) as OrderRow | undefined;
  if (!o) throw notFound('purchaseOrder', id);
  if (o.status === 'cancelled')
    throw new AppError('INVALID_TRANSITION', 'errors.poCancelled', { number: o.number });
  return o;
}

function custodianDepartment(ctx: Ctx, custodianId: number | null | undefined): number | null {
  if (!custodianId) return null;
  return (
    (ctx.sqlite.prepare('SELECT department_id FROM custodians WHERE id = ?').pluck().get(custodianId) as
      number | null | undefined) ?? null
  );
}

function checkRefs(ctx: Ctx, line: Line, i: number): void {
  const refs: [string, string, number | null | undefined][] = [
    ['locations', 'locationId', line.locationId],
    ['custodians', 'custodianId', line.custodianId],
    ['departments', 'departmentId', line.departmentId],
  ];
  for (const [table, field, value] of refs) {
    if (value === undefined || value === null) continue;
    if (!ctx.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(value))
      throw validation(`lines.${i}.${field}`, 'validation.notFound', { id: value });
  }
}

function goodsOf(ctx: Ctx, order: OrderRow | null, line: Line, i: number, scanned: string[]): Goods {
  checkRefs(ctx, line, i);
  const serials = line.serialNos.length ? line.serialNos : scanned;
  if (serials.length && serials.length !== line.quantity) {
    throw validation(`lines.${i}.serialNos`, 'validation.inboundSerialCount', {
      quantity: line.quantity,
      serials: serials.length,
    });
  }
  const departmentId =
    line.departmentId !== undefined && line.departmentId !== null
      ? line.departmentId
      : custodianDepartment(ctx, line.custodianId);
  if (order) {
    if (line.lineId === undefined) throw validation(`lines.${i}.lineId`, 'validation.required');
    const l = ctx.sqlite
      .prepare(
        `SELECT l.id, l.purchase_order_id, l.line_no, l.category_id, l.spec, l.unit_price, c.name AS category_name
         FROM purchase_order_lines l JOIN categories c ON c.id = l.category_id WHERE l.id = ?`,
      )
      .get(line.lineId) as OrderLineRow | undefined;
    if (!l || l.purchase_order_id !== order.id)
      throw validation(`lines.${i}.lineId`, 'validation.notFound', { id: line.lineId });
    return {
      orderLineId: l.id,
      categoryId: l.category_id,
      name: line.name || l.spec || l.category_name,
      spec: line.spec ?? l.spec,
      unitPrice: line.unitPrice ?? l.unit_price,
      serials,
      departmentId,
    };
  }
  if (line.lineId !== undefined) throw validation(`lines.${i}.lineId`, 'validation.inboundLineWithoutOrder');
  if (line.categoryId === undefined) throw validation(`lines.${i}.categoryId`, 'validation.required');
  if (!line.name) throw validation(`lines.${i}.name`, 'validation.required');
  if (line.unitPrice === undefined) throw validation(`lines.${i}.unitPrice`, 'validation.required');
  return {
    orderLineId: null,
    categoryId: line.categoryId,
    name: line.name,
    spec: line.spec ?? '',
    unitPrice: line.unitPrice,
    serials,
    departmentId,
  };
}

export interface Received {
  receiptId: number;
  assetIds: number[];
}

export function receive(ctx: Ctx, input: Input): Received {
  const order = input.purchaseOrderId !== undefined ? loadOrder(ctx, input.purchaseOrderId) : null;
  const supplierId = order ? order.supplier_id : (input.supplierId ?? null);
  if (
    !order &&
    supplierId !== null &&
    !ctx.sqlite.prepare('SELECT 1 FROM suppliers WHERE id = ?').get(supplierId)
  )
    throw validation('supplierId', 'validation.notFound', { id: supplierId });
  const receiveDate = input.receiveDate ?? ctx.today;
  const scanned = input.sessionId !== undefined ? sessionSerials(ctx, input.sessionId) : {};

  // Every line is read and checked before anything is written.
  const goods = input.lines.map((line, i) =>
    goodsOf(
      ctx,
      order,
      line,
      i,
      scanned[line.lineId !== undefined ? String(line.lineId) : `#${i + 1}`] ?? [],
    ),
  );
  const seen = new Set<string>();
  goods.forEach((g, i) =>
    g.serials.forEach((s, j) => {
      const key = unitKey(g.orderLineId, g.categoryId, s)!;
      if (seen.has(key))
        throw validation(`lines.${i}.serialNos.${j}`, 'validation.inboundSerialDuplicate', { serialNo: s });
      seen.add(key);
    }),
  );

  const number = nextDocumentNumber(ctx.sqlite, 'IN', ctx.today);
  const receiptId = Number(
    ctx.sqlite
      .prepare(
        `INSERT INTO inbound_receipts (number, purchase_order_id, supplier_id, request_id, receive_date, notes,
           created_by, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      )
      .run(
        number,
        order?.id ?? null,
        supplierId,
        input.requestId ?? null,
        receiveDate,
        input.notes,
        ctx.user().userId,
        ctx.nowIso,
        ctx.nowIso,
      ).lastInsertRowid,
  );
  const insLine = ctx.sqlite.prepare(
    `INSERT INTO inbound_lines (receipt_id, line_no, purchase_order_line_id, category_id, name, spec, unit_price,
       quantity, accepted_quantity, inspection, inspection_note, serial_nos, warranty_end, location_id,
       department_id, custodian_id, in_service_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insUnit = ctx.sqlite.prepare(
    'INSERT INTO inbound_units (receipt_id, line_id, unit_key, serial_no, asset_id) VALUES (?, ?, ?, ?, ?)',
  );
  const keyTaken = ctx.sqlite
    .prepare(
      `SELECT r.number FROM inbound_units u JOIN inbound_receipts r ON r.id = u.receipt_id WHERE u.unit_key = ?`,
    )
    .pluck();
  const assetIds: number[] = [];

  input.lines.forEach((line, i) => {
    const g = goods[i]!;
    const passed = line.inspection === 'pass';
    const lineId = Number(
      insLine.run(
        receiptId,
        i + 1,
        g.orderLineId,
        g.categoryId,
        g.name,
        g.spec,
        g.unitPrice,
        line.quantity,
        passed ? line.quantity : 0,
        line.inspection,
        line.inspectionNote,
        JSON.stringify(g.serials),
        line.warrantyEnd ?? null,
        line.locationId,
        g.departmentId,
        line.custodianId ?? null,
        line.inServiceDate,
      ).lastInsertRowid,
    );
    // A failed inspection goes back to the supplier: no receipt against the order, no asset.
    if (!passed) return;
    if (g.orderLineId !== null) recordReceipt(ctx, g.orderLineId, line.quantity);
    for (let u = 0; u < line.quantity; u++) {
      const serialNo = g.serials[u] ?? '';
      const key = unitKey(g.orderLineId, g.categoryId, serialNo);
      const prior = key ? (keyTaken.get(key) as string | undefined) : undefined;
      if (prior) {
        throw new AppError('DUPLICATE', 'errors.inboundUnitReceived', {
          serialNo,
          receipt: prior,
          line: i + 1,
        });
      }
      const asset = createAsset(ctx, {
        name: g.name,
        categoryId: g.categoryId,
        model: g.spec,
        serialNo,
        supplierId,
        purchaseOrderRef: order?.number ?? '',
        purchaseDate: receiveDate,
        inServiceDate: line.inServiceDate,
        cost: g.unitPrice,
        quantity: 1,
        locationId: line.locationId,
        departmentId: g.departmentId,
        custodianId: line.custodianId ?? null,
        warrantyEnd: line.warrantyEnd ?? null,
        notes: `${number}`,
        // Goods nobody holds yet wait in idle stock until they are issued (领用).
        status: line.custodianId ? 'in_use' : 'idle',
      });
      // The card's timeline says where the asset came from, not just that it was created.
      recordAssetEvent(ctx, {
        assetId: asset.id,
        kind: 'inbound',
        note: [
          `验收入库 ${number}`,
          order ? `采购订单 ${order.number}` : '',
          serialNo ? `序列号 ${serialNo}` : '',
        ]
          .filter(Boolean)
          .join('，'),
      });
      insUnit.run(receiptId, lineId, key, serialNo, asset.id);
      for (const file of [...line.attachments, ...input.attachments]) {
        addAttachment(ctx, { assetId: asset.id, ...file });
      }
      assetIds.push(asset.id);
    }
  });

  ctx.audit({
    entity: 'inbound',
    entityId: receiptId,
    details: {
      number,
      purchaseOrder: order?.number ?? null,
      requestId: input.requestId ?? null,
      lines: input.lines.map((l, i) => ({
        lineId: l.lineId ?? null,
        quantity: l.quantity,
        inspection: l.inspection,
        serialNos: goods[i]!.serials,
      })),
      assets: assetIds.length,
    },
  });
  ctx.emit('inbound.received', { id: receiptId, number, assetIds });
  return { receiptId, assetIds };
}
