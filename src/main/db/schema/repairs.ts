// Repair work orders (报修): fault, urgency, assignment, status, costs, downtime, and the files behind them.
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';
import { assets, attachments } from './assets';
import { suppliers } from './settings';
import { users } from './users';

export const repairs = sqliteTable(
  'repairs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** WX-YYYYMM-NNNN. */
    number: text('number').notNull(),
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id),
    fault: text('fault').notNull(),
    /** low | normal | high | critical */
    urgency: text('urgency').notNull().default('normal'),
    /** reported | accepted | in_repair | waiting_parts | done | closed | cancelled */
    status: text('status').notNull(),
    /** The asset's status before the order took it to in_repair; restored when the work is done. */
    previousStatus: text('previous_status').notNull(),
    /** 1 while the order holds the asset in in_repair. */
    holdsAsset: integer('holds_asset').notNull().default(1),
    reportedBy: integer('reported_by').references(() => users.id),
    reportedDate: text('reported_date').notNull(),
    /** internal | vendor, or null while unassigned. */
    assigneeType: text('assignee_type'),
    assigneeUserId: integer('assignee_user_id').references(() => users.id),
    vendorId: integer('vendor_id').references(() => suppliers.id),
    acceptedAt: text('accepted_at'),
    doneAt: text('done_at'),
    /** Local date the work was done: the date costs are reported under. */
    doneDate: text('done_date'),
    closedAt: text('closed_at'),
    closedBy: integer('closed_by'),
    /** Fen. */
    partsCost: integer('parts_cost').notNull().default(0),
    labourCost: integer('labour_cost').notNull().default(0),
    vendorCost: integer('vendor_cost').notNull().default(0),
    note: text('note').notNull().default(''),
    /** Capitalised instead of expensed: the amount added to cost (fen) and the change vouchers raised. */
    capitalisedAmount: integer('capitalised_amount'),
    extendLifeMonths: integer('extend_life_months'),
    costVoucherId: integer('cost_voucher_id'),
    lifeVoucherId: integer('life_voucher_id'),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('repairs_number_uq').on(t.number),
    index('repairs_asset_idx').on(t.assetId, t.status),
    index('repairs_status_idx').on(t.status),
    index('repairs_done_idx').on(t.doneDate),
  ],
);

/** Photos of the fault and invoices of the costs: rows of the asset's attachments, tied to the order. */
export const repairAttachments = sqliteTable(
  'repair_attachments',
  {
    repairId: integer('repair_id')
      .notNull()
      .references(() => repairs.id),
    attachmentId: integer('attachment_id')
      .notNull()
      .references(() => attachments.id),
    /** photo | invoice */
    role: text('role').notNull(),
  },
  (t) => [index('repair_attachments_repair_idx').on(t.repairId)],
);
