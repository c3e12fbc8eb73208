// Inventory counts (盘点): plans, the frozen expected list with what was found (盘点明细), the raw
// count scan log, and which count and room each station is counting.
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';
import { assets } from './assets';
import { users } from './users';

export const counts = sqliteTable(
  'counts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** full | cyclical | spot */
    kind: text('kind').notNull().default('full'),
    blind: integer('blind', { mode: 'boolean' }).notNull().default(false),
    /** JSON: { locationIds?, departmentIds?, categoryIds?, custodianIds?, statuses?, sample? } */
    scope: text('scope').notNull().default('{}'),
    /** JSON: [{ userId, locationIds? }] */
    assignees: text('assignees').notNull().default('[]'),
    dueDate: text('due_date'),
    /** draft | in_progress | finished | posted | cancelled */
    status: text('status').notNull().default('draft'),
    startedAt: text('started_at'),
    startedBy: integer('started_by').references(() => users.id),
    finishedAt: text('finished_at'),
    finishedBy: integer('finished_by').references(() => users.id),
    postedAt: text('posted_at'),
    postedBy: integer('posted_by').references(() => users.id),
    createdBy: integer('created_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [index('counts_status_idx').on(t.status)],
);

export const countDetails = sqliteTable(
  'count_details',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    countId: integer('count_id')
      .notNull()
      .references(() => counts.id),
    /** Null for a surplus row (found, not on the books). */
    assetId: integer('asset_id').references(() => assets.id),
    /** 1: frozen at start; 0: found during the count but outside its scope (or surplus). */
    expected: integer('expected').notNull().default(1),
    expectedLocationId: integer('expected_location_id'),
    expectedCustodianId: integer('expected_custodian_id'),
    expectedStatus: text('expected_status'),
    foundAt: text('found_at'),
    foundBy: integer('found_by'),
    foundLocationId: integer('found_location_id'),
    /** Status the counter observed, when they said so. */
    foundStatus: text('found_status'),
    foundDeviceId: integer('found_device_id'),
    foundStation: text('found_station'),
    /** Surplus: the scanned code or EPC and what the counter can tell. */
    code: text('code'),
    name: text('name'),
    estimatedValue: integer('estimated_value'),
    photoSha256: text('photo_sha256'),
    photoMime: text('photo_mime'),
    note: text('note').notNull().default(''),
    /** matched | location_mismatch | status_mismatch | missing | surplus (set by finish). */
    result: text('result'),
    /** move | change_custodian | change_status | write_off | add_to_ledger | recount */
    resolution: text('resolution'),
    /** JSON: the resolution's parameters (locationId, custodianId, status, categoryId, ...). */
    resolutionData: text('resolution_data'),
    resolutionNote: text('resolution_note').notNull().default(''),
    resolvedBy: integer('resolved_by'),
    resolvedAt: text('resolved_at'),
    /** The asset the posting created (盘盈) or changed. */
    postedAssetId: integer('posted_asset_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('count_details_asset_uq').on(t.countId, t.assetId),
    index('count_details_lock_idx').on(t.assetId),
    index('count_details_area_idx').on(t.countId, t.expectedLocationId),
    index('count_details_code_idx').on(t.countId, t.code),
  ],
);

export const countScans = sqliteTable(
  'count_scans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    countId: integer('count_id')
      .notNull()
      .references(() => counts.id),
    at: text('at').notNull(),
    userId: integer('user_id'),
    deviceId: integer('device_id'),
    station: text('station').notNull().default('local'),
    locationId: integer('location_id'),
    code: text('code'),
    epc: text('epc'),
    assetId: integer('asset_id'),
    detailId: integer('detail_id'),
    /** counted | duplicate | unknown | room | rejected */
    outcome: text('outcome').notNull(),
    /** The row in the device layer's scans log, when the scan came through it. */
    scanId: integer('scan_id'),
  },
  (t) => [index('count_scans_count_idx').on(t.countId, t.id)],
);

/** The count (and room) a station is counting: device scans on that station route here. */
export const countStations = sqliteTable('count_stations', {
  station: text('station').primaryKey(),
  countId: integer('count_id')
    .notNull()
    .references(() => counts.id),
  locationId: integer('location_id'),
  userId: integer('user_id'),
  updatedAt: text('updated_at').notNull(),
});
