// The accountant's month: posted depreciation entries, runs, period status (月末结账) and change
// vouchers (变动单).
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';
import { assets } from './assets';

/** One run per period and book: previewed, then posted (re-posting replaces its entries). */
export const depreciationRuns = sqliteTable(
  'depreciation_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    period: text('period').notNull(),
    /** 'accounting' for now; a tax book comes later. */
    book: text('book').notNull().default('accounting'),
    /** previewed | posted */
    status: text('status').notNull(),
    assetCount: integer('asset_count').notNull().default(0),
    /** Sum of the month's charges, fen. */
    totalAmount: integer('total_amount').notNull().default(0),
    /** Impairment recognised in the month, fen. */
    totalImpairment: integer('total_impairment').notNull().default(0),
    previewedAt: text('previewed_at'),
    previewedBy: integer('previewed_by'),
    postedAt: text('posted_at'),
    postedBy: integer('posted_by'),
    ...versioned(),
  },
  (t) => [uniqueIndex('depreciation_runs_period_book_uq').on(t.period, t.book)],
);

/**
 * One row per asset on the books per posted period (zero charges included, so the register and the
 * movement summary see every asset). Category, expense department and cost are as they stood in the period.
 */
export const depreciationEntries = sqliteTable(
  'depreciation_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id')
      .notNull()
      .references(() => depreciationRuns.id),
    period: text('period').notNull(),
    book: text('book').notNull().default('accounting'),
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id),
    categoryId: integer('category_id').notNull(),
    expenseDepartmentId: integer('expense_department_id'),
    cost: integer('cost').notNull(),
    /** The month's charge, fen. */
    amount: integer('amount').notNull(),
    /** Accumulated depreciation after this month. */
    accumulated: integer('accumulated').notNull(),
    /** Impairment provision balance after this month. */
    impairment: integer('impairment').notNull().default(0),
    /** Impairment recognised in this month. */
    impairmentCharge: integer('impairment_charge').notNull().default(0),
    /** cost − accumulated − impairment. */
    nbv: integer('nbv').notNull(),
    /** 1 when the asset left the books this month (charged, nothing after). */
    disposed: integer('disposed').notNull().default(0),
  },
  (t) => [
    uniqueIndex('depreciation_entries_period_uq').on(t.period, t.book, t.assetId),
    index('depreciation_entries_asset_idx').on(t.assetId, t.period),
  ],
);

/** A month's status; a month without a row is open. */
export const periods = sqliteTable('periods', {
  period: text('period').primaryKey(),
  /** open | closed */
  status: text('status').notNull(),
  closedAt: text('closed_at'),
  closedBy: integer('closed_by'),
  reopenedAt: text('reopened_at'),
  reopenedBy: integer('reopened_by'),
  reopenReason: text('reopen_reason'),
  ...versioned(),
});

/** 变动单: a financial change to a depreciated asset, approved by a second person, effective next month. */
export const changeVouchers = sqliteTable(
  'change_vouchers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** BG-YYYYMM-NNNN by voucher date. */
    number: text('number').notNull().unique(),
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id),
    /** cost | residual | life | method | category | expense_department | impairment */
    kind: text('kind').notNull(),
    /** JSON: the card's fields before, in API terms (cost, residualValue, lifeMonths, ...). */
    before: text('before').notNull(),
    /** JSON: the fields after; impairment also carries recoverableAmount and remainingLifeMonths. */
    after: text('after').notNull(),
    reason: text('reason').notNull(),
    /** The voucher's business date, YYYY-MM-DD. */
    voucherDate: text('voucher_date').notNull(),
    /** draft | pending | approved | rejected */
    status: text('status').notNull(),
    createdBy: integer('created_by'),
    approvedBy: integer('approved_by'),
    approvedAt: text('approved_at'),
    /** Local date of the approval; the change takes effect in the month after it. */
    approvalDate: text('approval_date'),
    effectivePeriod: text('effective_period'),
    comment: text('comment').notNull().default(''),
    ...versioned(),
  },
  (t) => [
    index('change_vouchers_asset_idx').on(t.assetId, t.id),
    index('change_vouchers_effective_idx').on(t.effectivePeriod),
    index('change_vouchers_status_idx').on(t.status),
  ],
);
