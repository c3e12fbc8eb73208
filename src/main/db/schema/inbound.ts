// Inbound acceptance (入库验收): acceptance documents with their lines, the unit keys that make a
// receipt idempotent (one row per asset made), and acceptance sessions that collect scanned serials.
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';
import { users } from './users';
import { categories, custodians, departments, locations, suppliers } from './settings';
import { purchaseOrderLines, purchaseOrders } from './requisitions';
import { assets } from './assets';

export const inboundReceipts = sqliteTable(
  'inbound_receipts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** IN-YYYYMM-0001, from code_sequences; never reused. */
    number: text('number').notNull().unique(),
    purchaseOrderId: integer('purchase_order_id').references(() => purchaseOrders.id),
    supplierId: integer('supplier_id').references(() => suppliers.id),
    /** Client-supplied idempotency key: the same key again answers the stored receipt. */
    requestId: text('request_id').unique(),
    receiveDate: text('receive_date').notNull(),
    notes: text('notes').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [index('inbound_receipts_po_idx').on(t.purchaseOrderId)],
);

export const inboundLines = sqliteTable(
  'inbound_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    receiptId: integer('receipt_id')
      .notNull()
      .references(() => inboundReceipts.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    purchaseOrderLineId: integer('purchase_order_line_id').references(() => purchaseOrderLines.id),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    name: text('name').notNull(),
    spec: text('spec').notNull().default(''),
    unitPrice: integer('unit_price').notNull(),
    /** Units delivered on this line. */
    quantity: integer('quantity').notNull(),
    /** Units that passed inspection and became assets (0 when the line failed). */
    acceptedQuantity: integer('accepted_quantity').notNull(),
    /** pass | fail */
    inspection: text('inspection').notNull(),
    inspectionNote: text('inspection_note').notNull().default(''),
    /** JSON string[] */
    serialNos: text('serial_nos').notNull().default('[]'),
    warrantyEnd: text('warranty_end'),
    locationId: integer('location_id').references(() => locations.id),
    departmentId: integer('department_id').references(() => departments.id),
    custodianId: integer('custodian_id').references(() => custodians.id),
    inServiceDate: text('in_service_date').notNull(),
  },
  (t) => [
    uniqueIndex('inbound_lines_no_uq').on(t.receiptId, t.lineNo),
    index('inbound_lines_po_line_idx').on(t.purchaseOrderLineId),
  ],
);

/**
 * One row per asset an acceptance made. `unitKey` (PO line + serial, or category + serial without a
 * PO) is unique, so the same unit can never become a second asset.
 */
export const inboundUnits = sqliteTable(
  'inbound_units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    receiptId: integer('receipt_id')
      .notNull()
      .references(() => inboundReceipts.id, { onDelete: 'cascade' }),
    lineId: integer('line_id')
      .notNull()
      .references(() => inboundLines.id, { onDelete: 'cascade' }),
    unitKey: text('unit_key').unique(),
    serialNo: text('serial_no').notNull().default(''),
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id),
  },
  (t) => [index('inbound_units_receipt_idx').on(t.receiptId), index('inbound_units_asset_idx').on(t.assetId)],
);

/** An acceptance under way on a scanning station: scans land on its current line. */
export const inboundSessions = sqliteTable(
  'inbound_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    station: text('station').notNull(),
    purchaseOrderId: integer('purchase_order_id').references(() => purchaseOrders.id),
    /** The line scans go to (the client's key: a PO line id or its own line label). */
    currentLine: text('current_line').notNull().default(''),
    /** active | stopped */
    status: text('status').notNull(),
    startedBy: integer('started_by').references(() => users.id),
    stoppedAt: text('stopped_at'),
    ...versioned(),
  },
  (t) => [index('inbound_sessions_station_idx').on(t.station, t.status)],
);

export const inboundSessionScans = sqliteTable(
  'inbound_session_scans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => inboundSessions.id, { onDelete: 'cascade' }),
    lineKey: text('line_key').notNull(),
    serialNo: text('serial_no').notNull(),
    scanId: integer('scan_id'),
    at: text('at').notNull(),
  },
  // A serial scanned twice in one session counts once.
  (t) => [uniqueIndex('inbound_session_scans_uq').on(t.sessionId, t.serialNo)],
);
