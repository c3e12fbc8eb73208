// Disposals (处置): the request, its approval outcome with the amounts computed at approval, and the
// disposal voucher's lines (固定资产清理 1606 in and out).
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';
import { assets } from './assets';
import { departments } from './settings';
import { users } from './users';

export const disposals = sqliteTable(
  'disposals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** CZ-YYYYMM-NNNN. */
    number: text('number').notNull(),
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id),
    /** scrap | sale | donation | transfer_out | write_off */
    kind: text('kind').notNull(),
    /** The disposal date: its month is the last month the asset is depreciated. */
    date: text('date').notNull(),
    /** Fen. */
    proceeds: integer('proceeds').notNull().default(0),
    costs: integer('costs').notNull().default(0),
    reason: text('reason').notNull(),
    /** pending | approved | rejected | returned | cancelled */
    status: text('status').notNull(),
    /** The asset's status before pending_disposal; restored when the request does not go through. */
    previousStatus: text('previous_status').notNull(),
    requestedBy: integer('requested_by').references(() => users.id),
    departmentId: integer('department_id').references(() => departments.id),
    /** Filled on approval, fen: as the books stood after the disposal month's charge. */
    cost: integer('cost'),
    accumulated: integer('accumulated'),
    impairment: integer('impairment'),
    netBookValue: integer('net_book_value'),
    /** proceeds − costs − net book value: positive a gain, negative a loss. */
    gainLoss: integer('gain_loss'),
    approvedAt: text('approved_at'),
    decidedReason: text('decided_reason').notNull().default(''),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('disposals_number_uq').on(t.number),
    index('disposals_asset_idx').on(t.assetId, t.status),
    index('disposals_status_idx').on(t.status, t.date),
  ],
);

/** The disposal voucher: written on approval, debits equal credits. */
export const disposalVoucherLines = sqliteTable(
  'disposal_voucher_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    disposalId: integer('disposal_id')
      .notNull()
      .references(() => disposals.id),
    lineNo: integer('line_no').notNull(),
    summary: text('summary').notNull(),
    accountCode: text('account_code').notNull(),
    accountName: text('account_name').notNull(),
    debit: integer('debit').notNull().default(0),
    credit: integer('credit').notNull().default(0),
  },
  (t) => [index('disposal_voucher_lines_idx').on(t.disposalId, t.lineNo)],
);
