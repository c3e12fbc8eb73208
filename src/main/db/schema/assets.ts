// The ledger (台账): asset cards, their structured history and attachments.
import { sqliteTable, integer, text, real, index } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';
import { categories, custodians, departments, locations, suppliers } from './settings';

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
    /** Lower-cased code, name, model, serial and custodian name, for substring search. */
    searchText: text('search_text').notNull().default(''),
    deletedAt: text('deleted_at'),
    createdBy: integer('created_by'),
    updatedBy: integer('updated_by'),
    ...versioned(),
  },
  (t) => [
    index('assets_status_idx').on(t.status),
    index('assets_category_idx').on(t.categoryId),
    index('assets_location_idx').on(t.locationId),
    index('assets_department_idx').on(t.departmentId),
    index('assets_custodian_idx').on(t.custodianId),
    index('assets_in_service_idx').on(t.inServiceDate),
    index('assets_cost_idx').on(t.cost),
    index('assets_serial_idx').on(t.serialNo),
    index('assets_legacy_idx').on(t.legacyId),
    index('assets_external_idx').on(t.externalRef),
    index('assets_updated_idx').on(t.updatedAt),
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
  (t) => [index('attachments_asset_idx').on(t.assetId)],
);
