// Units of production (工作量法): each asset's expected total units and the units used per period.
import { sqliteTable, integer, text, real, primaryKey } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';
import { assets } from './assets';

/** The expected total units over the asset's life (km, hours, pieces); at most 6 decimals. */
export const usagePlans = sqliteTable('usage_plans', {
  assetId: integer('asset_id')
    .primaryKey()
    .references(() => assets.id),
  totalUnits: real('total_units').notNull(),
  ...versioned(),
});

/** Units used in a month; a month without a row charges nothing and is flagged no_usage. */
export const assetUsage = sqliteTable(
  'asset_usage',
  {
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id),
    period: text('period').notNull(),
    units: real('units').notNull(),
    ...versioned(),
  },
  (t) => [primaryKey({ columns: [t.assetId, t.period] })],
);
