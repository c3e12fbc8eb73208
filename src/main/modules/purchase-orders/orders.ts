// Purchase orders: creating them (from a requisition's remaining lines or freely), cancelling,
// marking a requisition bought outside, and reading them.
import type { Ctx } from '../../api/context';
import { AppError, conflict, notFound, validation } from '../../api/errors';
import type { Page } from '../../api/schemas';
import { nextDocumentNumber } from '../approvals/numbers';
import { requisitionRow } from '../requisitions/rows';
import { refreshPurchaseStatus } from '../requisitions/write';
import type {
  PurchaseOrderDto,
  PurchaseOrderLineDto,
  PurchaseOrderListRow,
  PurchaseOrderStatus,
} from './contract';

interface NewLine {
  requisitionLineId: number | null;
  categoryId: number;
  spec: string;
  quantity: number;
  unitPrice: number;
  notes: string;
}

interface Head {
  supplierId: number;
  orderDate?: string;
  expectedDate: string | null;
  notes: string;
}

function insertOrder(ctx: Ctx, head: Head, requisitionId: number | null, lines: NewLine[]): number {
  const supplier = ctx.sqlite
    .prepare('SELECT active FROM suppliers WHERE id = ?')
    .pluck()
    .get(head.supplierId) as number | undefined;
  if (supplier === undefined) throw validation('supplierId', 'validation.notFound', { id: head.supplierId });
  const cat = ctx.sqlite.prepare('SELECT 1 FROM categories WHERE id = ?');
  let total = 0;
  lines.forEach((l, i) => {
    if (!cat.get(l.categoryId))
      throw validation(`lines.${i}.categoryId`, 'validation.notFound', { id: l.categoryId });
    const amount = l.quantity * l.unitPrice;
    if (!Number.isSafeInteger(amount)) throw validation(`lines.${i}.unitPrice`, 'validation.tooBig');
    total += amount;
  });
  const number = nextDocumentNumber(ctx.sqlite, 'PO', ctx.today);
  const id = Number(
    ctx.sqlite
      .prepare(
        `INSERT INTO purchase_orders (number, supplier_id, requisition_id, status, order_date, expected_date, notes,
           total_amount, created_by, version, created_at, updated_at) VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, 1, ?, ?)`,
      )
      .run(
        number,
        head.supplierId,
        requisitionId,
        head.orderDate ?? ctx.today,
        head.expectedDate,
        head.notes,
        total,
        ctx.user().userId,
        ctx.nowIso,
        ctx.nowIso,
      ).lastInsertRowid,
  );
  const ins = ctx.sqlite.prepare(
    `INSERT INTO purchase_order_lines (purchase_order_id, line_no, requisition_line_id, category_id, spec, quantity,
       unit_price, amount, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  lines.forEach((l, i) =>
    ins.run(
      id,
      i + 1,
      l.requisitionLineId,
      l.categoryId,
      l.spec,
      l.quantity,
      l.unitPrice,
      l.quantity * l.unitPrice,
      l.notes,
    ),
  );
  ctx.audit({
    entity: 'purchaseOrder',
    entityId: id,
    details: { number, ...head, requisitionId, total, lines },
  });
  ctx.emit('purchaseOrders.changed', { id, requisitionId });
  return id;
}

interface ReqLine {
  id: number;
  line_no: number;
  category_id: number;
  spec: string;
  quantity: number;
  unit_price: number;
  ordered_quantity: number;
  outside_quantity: number;
}

export function createFromRequisition(
  ctx: Ctx,
  input: Head & {
    requisitionId: number;
    lines?: { requisitionLineId: number; quantity?: number; unitPrice?: number; notes: string }[];
  },
): number {
  const r = requisitionRow(ctx, input.requisitionId);
  if (r.status !== 'approved') {
    throw new AppError('INVALID_TRANSITION', 'errors.requisitionStatus', {
      number: r.number,
      status: r.status,
    });
  }
  const reqLines = ctx.sqlite
    .prepare('SELECT * FROM requisition_lines WHERE requisition_id = ? ORDER BY line_no')
    .all(r.id) as ReqLine[];
  const byId = new Map(reqLines.map((l) => [l.id, l]));
  const wanted =
    input.lines ??
    reqLines
      .filter((l) => l.quantity - l.ordered_quantity - l.outside_quantity > 0)
      .map((l) => ({ requisitionLineId: l.id, quantity: undefined, unitPrice: undefined, notes: '' }));
  if (!wanted.length)
    throw new AppError('INVALID_TRANSITION', 'errors.requisitionNothingToOrder', { number: r.number });
  const seen = new Set<number>();
  const lines: NewLine[] = wanted.map((w, i) => {
    const l = byId.get(w.requisitionLineId);
    if (!l || seen.has(w.requisitionLineId)) {
      throw validation(`lines.${i}.requisitionLineId`, 'validation.notFound', { id: w.requisitionLineId });
    }
    seen.add(l.id);
    const remaining = l.quantity - l.ordered_quantity - l.outside_quantity;
    const quantity = w.quantity ?? remaining;
    if (quantity < 1 || quantity > remaining) {
      throw validation(`lines.${i}.quantity`, 'validation.poQuantityOverRemaining', {
        remaining,
        lineNo: l.line_no,
      });
    }
    return {
      requisitionLineId: l.id,
      categoryId: l.category_id,
      spec: l.spec,
      quantity,
      unitPrice: w.unitPrice ?? l.unit_price,
      notes: w.notes,
    };
  });
  const id = insertOrder(ctx, input, r.id, lines);
  const bump = ctx.sqlite.prepare(
    'UPDATE requisition_lines SET ordered_quantity = ordered_quantity + ? WHERE id = ?',
  );
  for (const l of lines) bump.run(l.quantity, l.requisitionLineId);
  refreshPurchaseStatus(ctx, r.id);
  return id;
}

export function createOrder(ctx: Ctx, input: Head & { lines: Omit<NewLine, 'requisitionLineId'>[] }): number {
  return insertOrder(
    ctx,
    input,
    null,
    input.lines.map((l) => ({ ...l, requisitionLineId: null })),
  );
}

interface OrderRow {
  id: number;
  requisition_id: number | null;
  status: PurchaseOrderStatus;
  version: number;
  number: string;
}

export function cancelOrder(ctx: Ctx, input: { id: number; version: number; reason: string }): void {
  const o = ctx.sqlite.prepare('SELECT * FROM purchase_orders WHERE id = ?').get(input.id) as
    OrderRow | undefined;
  if (!o) throw notFound('purchaseOrder', input.id);
  if (o.version !== input.version)
    throw conflict('purchaseOrder', o.id, { currentVersion: o.version, status: o.status });
  const received = ctx.sqlite
    .prepare(
      'SELECT coalesce(sum(received_quantity), 0) FROM purchase_order_lines WHERE purchase_order_id = ?',
    )
    .pluck()
    .get(o.id) as number;
  if (o.status === 'cancelled' || received > 0) {
    throw new AppError('INVALID_TRANSITION', 'errors.poCannotCancel', {
      number: o.number,
      status: o.status,
      received,
    });
  }
  ctx.sqlite
    .prepare(
      `UPDATE purchase_orders SET status = 'cancelled', cancel_reason = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .run(input.reason, ctx.nowIso, o.id);
  ctx.sqlite
    .prepare(
      `UPDATE requisition_lines SET ordered_quantity = ordered_quantity - (
         SELECT sum(p.quantity) FROM purchase_order_lines p WHERE p.purchase_order_id = ? AND p.requisition_line_id = requisition_lines.id)
       WHERE id IN (SELECT requisition_line_id FROM purchase_order_lines WHERE purchase_order_id = ?)`,
    )
    .run(o.id, o.id);
  if (o.requisition_id !== null) refreshPurchaseStatus(ctx, o.requisition_id);
  ctx.audit({ entity: 'purchaseOrder', entityId: o.id, details: { number: o.number, reason: input.reason } });
  ctx.emit('purchaseOrders.changed', { id: o.id, requisitionId: o.requisition_id });
}

export function markBoughtOutside(
  ctx: Ctx,
  input: { requisitionId: number; version: number; note: string },
): void {
  const r = requisitionRow(ctx, input.requisitionId);
  if (r.version !== input.version)
    throw conflict('requisition', r.id, { currentVersion: r.version, status: r.status });
  if (r.status !== 'approved') {
    throw new AppError('INVALID_TRANSITION', 'errors.requisitionStatus', {
      number: r.number,
      status: r.status,
    });
  }
  ctx.sqlite
    .prepare(
      'UPDATE requisition_lines SET outside_quantity = quantity - ordered_quantity WHERE requisition_id = ?',
    )
    .run(r.id);
  ctx.sqlite.prepare('UPDATE requisitions SET outside_note = ? WHERE id = ?').run(input.note, r.id);
  const status = refreshPurchaseStatus(ctx, r.id);
  ctx.audit({
    entity: 'requisition',
    entityId: r.id,
    details: { number: r.number, note: input.note, status },
  });
}

interface LineRow {
  id: number;
  line_no: number;
  requisition_line_id: number | null;
  category_id: number;
  category_name: string;
  spec: string;
  quantity: number;
  unit_price: number;
  amount: number;
  received_quantity: number;
  notes: string;
}

const LIST_SELECT = `SELECT o.id, o.number, o.supplier_id AS supplierId, s.name AS supplierName,
  o.requisition_id AS requisitionId, r.number AS requisitionNumber, o.status, o.order_date AS orderDate,
  o.expected_date AS expectedDate, o.total_amount AS totalAmount, o.version,
  o.notes, o.cancel_reason AS cancelReason, o.created_by AS createdBy, u.display_name AS createdByName,
  o.created_at AS createdAt, o.updated_at AS updatedAt
  FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id
  LEFT JOIN requisitions r ON r.id = o.requisition_id LEFT JOIN users u ON u.id = o.created_by`;

export function getOrder(ctx: Ctx, id: number): PurchaseOrderDto {
  const o = ctx.sqlite.prepare(`${LIST_SELECT} WHERE o.id = ?`).get(id) as
    Omit<PurchaseOrderDto, 'lines'> | undefined;
  if (!o) throw notFound('purchaseOrder', id);
  const lines = ctx.sqlite
    .prepare(
      `SELECT l.*, c.name AS category_name FROM purchase_order_lines l JOIN categories c ON c.id = l.category_id
       WHERE l.purchase_order_id = ? ORDER BY l.line_no`,
    )
    .all(id) as LineRow[];
  return {
    ...o,
    lines: lines.map((l): PurchaseOrderLineDto => ({
      id: l.id,
      lineNo: l.line_no,
      requisitionLineId: l.requisition_line_id,
      categoryId: l.category_id,
      categoryName: l.category_name,
      spec: l.spec,
      quantity: l.quantity,
      unitPrice: l.unit_price,
      amount: l.amount,
      receivedQuantity: l.received_quantity,
      remainingQuantity: l.quantity - l.received_quantity,
      notes: l.notes,
    })),
  };
}

export function listOrders(
  ctx: Ctx,
  f: {
    status?: PurchaseOrderStatus;
    supplierId?: number;
    requisitionId?: number;
    query?: string;
    offset: number;
    limit: number;
  },
): Page<PurchaseOrderListRow> {
  const where: string[] = [];
  const args: unknown[] = [];
  const eq = (col: string, v: unknown) => {
    if (v === undefined) return;
    where.push(`${col} = ?`);
    args.push(v);
  };
  eq('o.status', f.status);
  eq('o.supplier_id', f.supplierId);
  eq('o.requisition_id', f.requisitionId);
  if (f.query) {
    where.push('(o.number LIKE ? OR s.name LIKE ? OR r.number LIKE ?)');
    const like = `%${f.query}%`;
    args.push(like, like, like);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = ctx.sqlite
    .prepare(
      `SELECT count(*) FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id
       LEFT JOIN requisitions r ON r.id = o.requisition_id ${w}`,
    )
    .pluck()
    .get(...args) as number;
  const rows = ctx.sqlite
    .prepare(`${LIST_SELECT} ${w} ORDER BY o.id DESC LIMIT ? OFFSET ?`)
    .all(...args, f.limit, f.offset) as (PurchaseOrderListRow & Record<string, unknown>)[];
  return {
    total,
    rows: rows.map((o) => ({
      id: o.id,
      number: o.number,
      supplierId: o.supplierId,
      supplierName: o.supplierName,
      requisitionId: o.requisitionId,
      requisitionNumber: o.requisitionNumber,
      status: o.status,
      orderDate: o.orderDate,
      expectedDate: o.expectedDate,
      totalAmount: o.totalAmount,
      version: o.version,
    })),
  };
}
