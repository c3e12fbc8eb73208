// Purchase orders API (采购订单): from approved requisitions (all or some lines) or on their own;
// requisitions bought outside the PO process are marked so. Receiving against order lines is the
// inbound module's (see receiving.ts).
import { z } from 'zod';
import { method } from '../../api/contract';
import { dateStr, fen, id, paging, requiredText, trimmed, type Page } from '../../api/schemas';
import type { RequisitionDto } from '../requisitions/contract';

export const PO_STATUSES = ['open', 'partially_received', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof PO_STATUSES)[number];

export interface PurchaseOrderLineDto {
  id: number;
  lineNo: number;
  requisitionLineId: number | null;
  categoryId: number;
  categoryName: string;
  spec: string;
  /** Ordered quantity. */
  quantity: number;
  unitPrice: number;
  amount: number;
  /** Advanced by inbound receipts; never above quantity. */
  receivedQuantity: number;
  remainingQuantity: number;
  notes: string;
}

export interface PurchaseOrderListRow {
  id: number;
  number: string;
  supplierId: number;
  supplierName: string;
  requisitionId: number | null;
  requisitionNumber: string | null;
  status: PurchaseOrderStatus;
  orderDate: string;
  expectedDate: string | null;
  totalAmount: number;
  version: number;
}

export interface PurchaseOrderDto extends PurchaseOrderListRow {
  notes: string;
  cancelReason: string;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  lines: PurchaseOrderLineDto[];
}

const head = {
  supplierId: id,
  /** Defaults to today. */
  orderDate: dateStr.optional(),
  expectedDate: dateStr.nullable().default(null),
  notes: trimmed(1000).default(''),
};
const qty = z.number().int().min(1).max(100000);
const version = z.number().int().positive();

export const purchaseOrdersContract = {
  'purchaseOrders.createFromRequisition': method<PurchaseOrderDto>()({
    input: z.object({
      requisitionId: id,
      ...head,
      /** Omitted: every line's remaining quantity at its estimated price. */
      lines: z
        .array(
          z.object({
            requisitionLineId: id,
            /** Defaults to the line's remaining quantity. */
            quantity: qty.optional(),
            /** Agreed unit price, fen; defaults to the estimate. */
            unitPrice: fen.optional(),
            notes: trimmed(500).default(''),
          }),
        )
        .min(1)
        .max(200)
        .optional(),
    }),
    access: 'purchaseOrders.manage',
    mode: 'write',
    summary:
      'Order (some of) an approved requisition’s lines from a supplier with agreed prices and expected delivery; a quantity above what remains is refused.',
    returns: 'PurchaseOrderDto',
  }),
  'purchaseOrders.create': method<PurchaseOrderDto>()({
    input: z.object({
      ...head,
      lines: z
        .array(
          z.object({
            categoryId: id,
            spec: requiredText(200),
            quantity: qty,
            unitPrice: fen,
            notes: trimmed(500).default(''),
          }),
        )
        .min(1)
        .max(200),
    }),
    access: 'purchaseOrders.manage',
    mode: 'write',
    summary: 'A purchase order without a requisition.',
    returns: 'PurchaseOrderDto',
  }),
  'purchaseOrders.get': method<PurchaseOrderDto>()({
    input: z.object({ id }),
    // Whoever receives goods reads the order they receive against (the clerk has inbound.receive only).
    access: ['purchaseOrders.manage', 'requisitions.read', 'inbound.receive'],
    mode: 'read',
    summary: 'A purchase order with lines (ordered and received quantities).',
    returns: 'PurchaseOrderDto',
  }),
  'purchaseOrders.list': method<Page<PurchaseOrderListRow>>()({
    input: z.object({
      status: z.enum(PO_STATUSES).optional(),
      supplierId: id.optional(),
      requisitionId: id.optional(),
      query: trimmed(100).optional(),
      ...paging,
    }),
    access: ['purchaseOrders.manage', 'requisitions.read', 'inbound.receive'],
    mode: 'read',
    summary: 'Purchase orders, newest first.',
    returns: '{ rows: PurchaseOrderListRow[], total }',
  }),
  'purchaseOrders.markBoughtOutside': method<RequisitionDto>()({
    input: z.object({ requisitionId: id, version, note: requiredText(500) }),
    access: 'purchaseOrders.manage',
    mode: 'write',
    summary:
      'Mark what remains of an approved requisition as bought outside the PO process (version: the requisition’s).',
    returns: 'RequisitionDto',
  }),
  'purchaseOrders.cancel': method<PurchaseOrderDto>()({
    input: z.object({ id, version, reason: requiredText(500) }),
    access: 'purchaseOrders.manage',
    mode: 'write',
    summary: 'Cancel an order nothing has been received against; its quantities return to the requisition.',
    returns: 'PurchaseOrderDto',
  }),
};
