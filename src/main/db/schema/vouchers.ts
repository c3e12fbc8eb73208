// Accounting vouchers (记账凭证): the depreciation voucher of a posted period (one per period) and one voucher
// per approved disposal; lines per account (and department where the mapping goes by department), and the
// assets behind each line.
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';

export const vouchers = sqliteTable(
  'vouchers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    period: text('period').notNull(),
    /** depreciation | disposal */
    kind: text('kind').notNull(),
    /** 凭证字, e.g. 记. */
    word: text('word').notNull(),
    /** 凭证号: sequential per period, kept when regenerated. */
    number: integer('number').notNull(),
    /** The last day of the period. */
    voucherDate: text('voucher_date').notNull(),
    summary: text('summary').notNull(),
    totalDebit: integer('total_debit').notNull(),
    totalCredit: integer('total_credit').notNull(),
    /** Posted run id it was generated from (regenerate after a re-post). */
    runId: integer('run_id'),
    createdBy: integer('created_by'),
    /** The document behind a document voucher (a disposal's id and number); null for depreciation. */
    documentId: integer('document_id'),
    documentNumber: text('document_number'),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('vouchers_period_depreciation_uq')
      .on(t.period, t.kind)
      .where(sql`kind = 'depreciation'`),
    uniqueIndex('vouchers_document_uq').on(t.kind, t.documentId),
    uniqueIndex('vouchers_period_number_uq').on(t.period, t.word, t.number),
  ],
);

export const voucherLines = sqliteTable(
  'voucher_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    voucherId: integer('voucher_id')
      .notNull()
      .references(() => vouchers.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    summary: text('summary').notNull(),
    accountCode: text('account_code').notNull(),
    accountName: text('account_name').notNull(),
    debit: integer('debit').notNull().default(0),
    credit: integer('credit').notNull().default(0),
    /** 辅助核算: the department the line is kept by, if any. */
    departmentId: integer('department_id'),
    assetCount: integer('asset_count').notNull().default(0),
  },
  (t) => [index('voucher_lines_voucher_idx').on(t.voucherId, t.lineNo)],
);

/** The assets behind a line and what each contributes to it. */
export const voucherLineAssets = sqliteTable(
  'voucher_line_assets',
  {
    lineId: integer('line_id')
      .notNull()
      .references(() => voucherLines.id, { onDelete: 'cascade' }),
    assetId: integer('asset_id').notNull(),
    amount: integer('amount').notNull(),
  },
  (t) => [index('voucher_line_assets_line_idx').on(t.lineId, t.assetId)],
);
