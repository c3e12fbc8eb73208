// Issue and transfer documents (领用/调拨) with their asset lines (where each asset came from), and
// loans (借用) with due date, return and the status the asset goes back to.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';
import { users } from './users';
import { custodians, departments, locations } from './settings';
import { assets } from './assets';
import { changeVouchers } from './depreciation';

export const transfers = sqliteTable(
  'transfers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** TR-YYYYMM-0001 */
    number: text('number').notNull().unique(),
    /** issue (from idle stock) | transfer */
    kind: text('kind').notNull(),
    /** pending | done | rejected | returned | cancelled */
    status: text('status').notNull(),
    toDepartmentId: integer('to_department_id').references(() => departments.id),
    toLocationId: integer('to_location_id').references(() => locations.id),
    toCustodianId: integer('to_custodian_id').references(() => custodians.id),
    reason: text('reason').notNull().default(''),
    transferDate: text('transfer_date').notNull(),
    /** True when an asset changes department: the document then goes through approval. */
    crossesDepartments: integer('crosses_departments', { mode: 'boolean' }).notNull().default(false),
    requesterId: integer('requester_id')
      .notNull()
      .references(() => users.id),
    decidedAt: text('decided_at'),
    decisionNote: text('decision_note').notNull().default(''),
    ...versioned(),
  },
  (t) => [index('transfers_status_idx').on(t.status)],
);

export const transferLines = sqliteTable(
  'transfer_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    transferId: integer('transfer_id')
      .notNull()
      .references(() => transfers.id, { onDelete: 'cascade' }),
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id),
    fromDepartmentId: integer('from_department_id'),
    fromExpenseDepartmentId: integer('from_expense_department_id'),
    fromLocationId: integer('from_location_id'),
    fromCustodianId: integer('from_custodian_id'),
    fromStatus: text('from_status').notNull(),
    /** Raised when the move changed the expense department of a depreciated asset. */
    changeVoucherId: integer('change_voucher_id').references(() => changeVouchers.id),
  },
  (t) => [
    index('transfer_lines_transfer_idx').on(t.transferId),
    index('transfer_lines_asset_idx').on(t.assetId),
  ],
);

export const loans = sqliteTable(
  'loans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** LN-YYYYMM-0001 */
    number: text('number').notNull().unique(),
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id),
    borrowerCustodianId: integer('borrower_custodian_id')
      .notNull()
      .references(() => custodians.id),
    lentDate: text('lent_date').notNull(),
    dueDate: text('due_date').notNull(),
    note: text('note').notNull().default(''),
    /** The asset's status before it was lent; a return restores it. */
    previousStatus: text('previous_status').notNull(),
    /** out | returned */
    status: text('status').notNull(),
    returnedAt: text('returned_at'),
    /** good | damaged | incomplete */
    returnCondition: text('return_condition'),
    returnNote: text('return_note').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [index('loans_asset_idx').on(t.assetId), index('loans_status_due_idx').on(t.status, t.dueDate)],
);
