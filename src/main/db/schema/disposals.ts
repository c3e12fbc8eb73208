// Disposals (处置): the request and its approval outcome with the amounts computed at approval; the disposal
// voucher (固定资产清理 1606 in and out) lives with the other vouchers (schema/vouchers.ts).
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
    /** The disposal voucher written on approval (vouchers.id, kind 'disposal'). */
    voucherId: integer('voucher_id'),
    decidedReason: text('decided_reason').notNull().default(''),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('disposals_number_uq').on(t.number),
    index('disposals_asset_idx').on(t.assetId, t.status),
    index('disposals_status_idx').on(t.status, t.date),
  ],
);
