// The ledger (台账): asset cards, their structured history and attachments.
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, real, index } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';
import { categories, custodians, departments, locations, suppliers } from './settings';

type RefColumn = 'categoryId' | 'locationId' | 'departmentId' | 'custodianId' | 'supplierId';

/** The reference columns a covering index carries after its leading one. */
function refs<T extends Record<RefColumn, unknown>>(t: T, leading: RefColumn | 'status'): T[RefColumn][] {
  const all: RefColumn[] = ['categoryId', 'locationId', 'departmentId', 'custodianId', 'supplierId'];
  return all.filter((c) => c !== leading).map((c) => t[c]);
}

export const assets = sqliteTable(
  'assets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assetCode: text('asset_code').notNull().unique(),
    name: text('name').notNull(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    model: text('model').notNull().default(''),
    serialNo: text('serial_no').notNull().default(''),
    supplierId: integer('supplier_id').references(() => suppliers.id),
    purchaseOrderRef: text('purchase_order_ref').notNull().default(''),
    purchaseDate: text('purchase_date'),
    inServiceDate: text('in_service_date'),
    /** Original cost (原值) in fen. */
    cost: integer('cost').notNull().default(0),
    residualRateBp: integer('residual_rate_bp').notNull().default(0),
    /** Residual value in fen, derived from the rate unless given as an amount. */
    residualValue: integer('residual_value').notNull().default(0),
    lifeMonths: integer('life_months').notNull(),
    method: text('method').notNull().default('straight_line'),
    quantity: real('quantity').notNull().default(1),
    unit: text('unit').notNull().default('台'),
    locationId: integer('location_id').references(() => locations.id),
    departmentId: integer('department_id').references(() => departments.id),
    expenseDepartmentId: integer('expense_department_id').references(() => departments.id),
    custodianId: integer('custodian_id').references(() => custodians.id),
    status: text('status').notNull().default('in_use'),
    warrantyEnd: text('warranty_end'),
    legacyId: text('legacy_id'),
    externalRef: text('external_ref'),
    notes: text('notes').notNull().default(''),
    /**
     * Opening balances of an asset in use before the ledger starts (all null: none entered, the asset is
     * taken as depreciated by the rules since its in-service date): accumulated depreciation and
     * impairment provision in fen and months already charged, as of opening_period (YYYY-MM, the month
     * before ledger.firstPeriod).
     */
    openingAccumulated: integer('opening_accumulated'),
    openingMonths: integer('opening_months'),
    openingImpairment: integer('opening_impairment'),
    openingPeriod: text('opening_period'),
    /** Lower-cased code, name, model, serial and custodian name, for substring search. */
    searchText: text('search_text').notNull().default(''),
    deletedAt: text('deleted_at'),
    createdBy: integer('created_by'),
    updatedBy: integer('updated_by'),
    ...versioned(),
  },
  // Filter indexes carry deleted_at so counts of live rows never touch the table; the partial
  // "live" indexes serve the list's sort orders (the list walks them when a filter matches many rows).
  (t) => [
    index('assets_status_idx').on(t.status, t.deletedAt),
    index('assets_category_idx').on(t.categoryId, t.deletedAt),
    index('assets_location_idx').on(t.locationId, t.deletedAt),
    index('assets_department_idx').on(t.departmentId, t.deletedAt),
    index('assets_expense_department_idx').on(t.expenseDepartmentId),
    index('assets_custodian_idx').on(t.custodianId, t.deletedAt),
    index('assets_supplier_idx').on(t.supplierId, t.deletedAt),
    index('assets_serial_idx').on(t.serialNo),
    index('assets_legacy_idx').on(t.legacyId),
    index('assets_external_idx').on(t.externalRef),
    index('assets_live_name_idx')
      .on(t.name)
      .where(sql`deleted_at IS NULL`),
    index('assets_live_model_idx')
      .on(t.model)
      .where(sql`deleted_at IS NULL`),
    index('assets_live_serial_idx')
      .on(t.serialNo)
      .where(sql`deleted_at IS NULL`),
    index('assets_live_purchase_idx')
      .on(t.purchaseDate)
      .where(sql`deleted_at IS NULL`),
    index('assets_live_in_service_idx')
      .on(t.inServiceDate)
      .where(sql`deleted_at IS NULL`),
    index('assets_live_cost_idx')
      .on(t.cost)
      .where(sql`deleted_at IS NULL`),
    index('assets_live_updated_idx')
      .on(t.updatedAt)
      .where(sql`deleted_at IS NULL`),
    index('assets_live_created_idx')
      .on(t.createdAt)
      .where(sql`deleted_at IS NULL`),
    // Status in id order (assets_status_idx puts deleted cards in between): the walk sorted by status.
    index('assets_live_status_idx')
      .on(t.status)
      .where(sql`deleted_at IS NULL`),
    // Covering indexes for counting and sorting the matches: each leads with a filter and carries
    // every other filter column but the search text, so "in use, IT department, over 2,000 yuan"
    // is counted, and sorted by cost, a date, status or a referenced name, without reading a row.
    index('assets_live_status_cover_idx')
      .on(t.status, t.cost, t.inServiceDate, t.purchaseDate, ...refs(t, 'status'))
      .where(sql`deleted_at IS NULL`),
    index('assets_live_category_cover_idx')
      .on(t.categoryId, t.status, t.cost, t.inServiceDate, t.purchaseDate, ...refs(t, 'categoryId'))
      .where(sql`deleted_at IS NULL`),
    index('assets_live_location_cover_idx')
      .on(t.locationId, t.status, t.cost, t.inServiceDate, t.purchaseDate, ...refs(t, 'locationId'))
      .where(sql`deleted_at IS NULL`),
    index('assets_live_department_cover_idx')
      .on(t.departmentId, t.status, t.cost, t.inServiceDate, t.purchaseDate, ...refs(t, 'departmentId'))
      .where(sql`deleted_at IS NULL`),
    index('assets_live_supplier_cover_idx')
      .on(t.supplierId, t.status, t.cost, t.inServiceDate, t.purchaseDate, ...refs(t, 'supplierId'))
      .where(sql`deleted_at IS NULL`),
    // Narrow copy of the search text: a substring scan reads this instead of the wide rows.
    index('assets_live_search_idx')
      .on(t.searchText)
      .where(sql`deleted_at IS NULL`),
  ],
);

/** One row per change: who, when, from where, which fields before → after. */
export const assetEvents = sqliteTable(
  'asset_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id),
    at: text('at').notNull(),
    userId: integer('user_id'),
    username: text('username').notNull().default(''),
    source: text('source').notNull(),
    /** created | updated | status | bulk | attachment_added | attachment_removed | deleted | ... */
    kind: text('kind').notNull(),
    /** JSON array of { field, before, after }. */
    changes: text('changes').notNull().default('[]'),
    note: text('note').notNull().default(''),
    /** The asset's version after this event (null when the event did not change the card). */
    version: integer('version'),
  },
  (t) => [index('asset_events_asset_idx').on(t.assetId, t.id)],
);

export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id),
    /** Content address: the file lives at attachments/<sha256[0..2]>/<sha256>. */
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    kind: text('kind').notNull().default('other'),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by'),
    deletedAt: text('deleted_at'),
  },
  (t) => [index('attachments_asset_idx').on(t.assetId), index('attachments_sha_idx').on(t.sha256)],
);
