// Purchase requisitions (申购) with lines, saved line sets, yearly department budgets per category,
// and the purchase orders they become (received against by the inbound module).
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';
import { users } from './users';
import { categories, departments, suppliers } from './settings';

export const requisitions = sqliteTable(
  'requisitions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** RQ-YYYYMM-0001, from code_sequences; never reused. */
    number: text('number').notNull().unique(),
    title: text('title').notNull().default(''),
    requesterId: integer('requester_id')
      .notNull()
      .references(() => users.id),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    /** draft | pending | returned | approved | rejected | cancelled | ordered | bought_outside */
    status: text('status').notNull(),
    reason: text('reason').notNull().default(''),
    /** Sum of line amounts, fen. */
    totalAmount: integer('total_amount').notNull().default(0),
    /** Budget year the amounts count against (set at submit). */
    budgetYear: integer('budget_year'),
    /** JSON BudgetLine[] over budget at submit (warning mode), shown to approvers. */
    budgetWarnings: text('budget_warnings').notNull().default('[]'),
    submittedAt: text('submitted_at'),
    decidedAt: text('decided_at'),
    outsideNote: text('outside_note').notNull().default(''),
    ...versioned(),
  },
  (t) => [
    index('requisitions_requester_idx').on(t.requesterId),
    index('requisitions_status_idx').on(t.status),
    index('requisitions_dept_year_idx').on(t.departmentId, t.budgetYear),
  ],
);

export const requisitionLines = sqliteTable(
  'requisition_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requisitionId: integer('requisition_id')
      .notNull()
      .references(() => requisitions.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    spec: text('spec').notNull(),
    quantity: integer('quantity').notNull(),
    /** Estimated unit price, fen. */
    unitPrice: integer('unit_price').notNull(),
    amount: integer('amount').notNull(),
    reason: text('reason').notNull().default(''),
    neededBy: text('needed_by'),
    /** Quantity on (non-cancelled) purchase orders. */
    orderedQuantity: integer('ordered_quantity').notNull().default(0),
    /** Quantity marked as bought outside the PO process. */
    outsideQuantity: integer('outside_quantity').notNull().default(0),
  },
  (t) => [uniqueIndex('requisition_lines_no_uq').on(t.requisitionId, t.lineNo)],
);

/** Saved line sets for common requests; owner null = shared with everyone. */
export const requisitionTemplates = sqliteTable('requisition_templates', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  ownerId: integer('owner_id').references(() => users.id),
  /** JSON RequisitionLineInput[] */
  lines: text('lines').notNull().default('[]'),
  ...versioned(),
});

/** Yearly budget of a department for a category (and its sub-categories), fen. */
export const requisitionBudgets = sqliteTable(
  'requisition_budgets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    amount: integer('amount').notNull(),
    ...versioned(),
  },
  (t) => [uniqueIndex('requisition_budgets_uq').on(t.year, t.departmentId, t.categoryId)],
);

export const purchaseOrders = sqliteTable(
  'purchase_orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** PO-YYYYMM-0001 */
    number: text('number').notNull().unique(),
    supplierId: integer('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    requisitionId: integer('requisition_id').references(() => requisitions.id),
    /** open | partially_received | received | cancelled */
    status: text('status').notNull(),
    orderDate: text('order_date').notNull(),
    expectedDate: text('expected_date'),
    notes: text('notes').notNull().default(''),
    totalAmount: integer('total_amount').notNull().default(0),
    createdBy: integer('created_by').references(() => users.id),
    cancelReason: text('cancel_reason').notNull().default(''),
    ...versioned(),
  },
  (t) => [
    index('purchase_orders_requisition_idx').on(t.requisitionId),
    index('purchase_orders_status_idx').on(t.status),
  ],
);

/**
 * Ordered quantity and price per line. `received_quantity` is advanced by the inbound module
 * (purchase-orders/receiving.ts: recordReceipt), never past `quantity`.
 */
export const purchaseOrderLines = sqliteTable(
  'purchase_order_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    purchaseOrderId: integer('purchase_order_id')
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    requisitionLineId: integer('requisition_line_id').references(() => requisitionLines.id),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    spec: text('spec').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: integer('unit_price').notNull(),
    amount: integer('amount').notNull(),
    receivedQuantity: integer('received_quantity').notNull().default(0),
    notes: text('notes').notNull().default(''),
  },
  (t) => [
    uniqueIndex('purchase_order_lines_no_uq').on(t.purchaseOrderId, t.lineNo),
    index('purchase_order_lines_req_line_idx').on(t.requisitionLineId),
  ],
);
