// For the inbound module: recording a receipt against a purchase order line. Call it inside the
// receiving write transaction; it refuses over-receipt and receipts on cancelled orders, advances
// `purchase_order_lines.received_quantity`, and moves the order to partially_received / received.
// A receipt that is undone passes a negative quantity (never below zero).
import type { Ctx } from '../../api/context';
import { AppError, notFound } from '../../api/errors';
import type { PurchaseOrderStatus } from './contract';

export interface ReceiptResult {
  purchaseOrderId: number;
  lineId: number;
  receivedQuantity: number;
  remainingQuantity: number;
  orderStatus: PurchaseOrderStatus;
}

export function recordReceipt(ctx: Ctx, lineId: number, quantity: number): ReceiptResult {
  const l = ctx.sqlite
    .prepare(
      `SELECT l.id, l.purchase_order_id, l.quantity, l.received_quantity, o.status, o.number
       FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.purchase_order_id WHERE l.id = ?`,
    )
    .get(lineId) as
    | {
        id: number;
        purchase_order_id: number;
        quantity: number;
        received_quantity: number;
        status: string;
        number: string;
      }
    | undefined;
  if (!l) throw notFound('purchaseOrderLine', lineId);
  if (l.status === 'cancelled')
    throw new AppError('INVALID_TRANSITION', 'errors.poCancelled', { number: l.number });
  const received = l.received_quantity + quantity;
  if (!Number.isInteger(quantity) || received > l.quantity || received < 0) {
    throw new AppError('VALIDATION', 'errors.poOverReceipt', {
      number: l.number,
      ordered: l.quantity,
      received: l.received_quantity,
      quantity,
    });
  }
  ctx.sqlite
    .prepare('UPDATE purchase_order_lines SET received_quantity = ? WHERE id = ?')
    .run(received, l.id);
  const agg = ctx.sqlite
    .prepare(
      `SELECT sum(quantity) AS ordered, sum(received_quantity) AS received FROM purchase_order_lines WHERE purchase_order_id = ?`,
    )
    .get(l.purchase_order_id) as { ordered: number; received: number };
  const status: PurchaseOrderStatus =
    agg.received === 0 ? 'open' : agg.received >= agg.ordered ? 'received' : 'partially_received';
  ctx.sqlite
    .prepare('UPDATE purchase_orders SET status = ?, version = version + 1, updated_at = ? WHERE id = ?')
    .run(status, ctx.nowIso, l.purchase_order_id);
  ctx.emit('purchaseOrders.changed', { id: l.purchase_order_id });
  return {
    purchaseOrderId: l.purchase_order_id,
    lineId: l.id,
    receivedQuantity: received,
    remainingQuantity: l.quantity - received,
    orderStatus: status,
  };
}
