// The tax book (企业所得税): per asset tax terms that differ from the accounting book's. An asset without a
// row takes the defaults (its category's tax class minimum life, straight line, the book residual, and the
// one-off deduction when eligible).
import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';
import { assets } from './assets';

export const assetTaxTerms = sqliteTable('asset_tax_terms', {
  assetId: integer('asset_id')
    .primaryKey()
    .references(() => assets.id),
  /** Null: the default. */
  lifeMonths: integer('life_months'),
  method: text('method'),
  residualValue: integer('residual_value'),
  /** auto | yes | no: the one-off deduction (一次性税前扣除); auto applies it when eligible. */
  oneOff: text('one_off').notNull().default('auto'),
  ...versioned(),
});
