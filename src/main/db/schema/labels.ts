// Label templates (designer output, JSON definition) and the print history used for reprints.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';

export const labelTemplates = sqliteTable('label_templates', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  /** The preset it started from (thermal-50x30, a4-3x8, ...), or 'custom'. */
  preset: text('preset').notNull().default('custom'),
  /** TemplateDefinition as JSON (size, dpi, sheet, printer options, elements). */
  definition: text('definition').notNull(),
  /** The template used when a print names none; exactly one row has it. */
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  createdBy: integer('created_by'),
  ...versioned(),
});

export const labelPrints = sqliteTable(
  'label_prints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    createdAt: text('created_at').notNull(),
    userId: integer('user_id'),
    username: text('username').notNull().default(''),
    templateId: integer('template_id'),
    templateName: text('template_name').notNull(),
    /** pdf | zpl | tspl */
    output: text('output').notNull(),
    /** host:port for network printers, device:<id>, or '' for a download. */
    target: text('target').notNull().default(''),
    /** JSON array of asset ids, in print order. */
    assetIds: text('asset_ids').notNull(),
    assetCount: integer('asset_count').notNull(),
    copies: integer('copies').notNull().default(1),
    startPosition: integer('start_position').notNull().default(1),
    /** running | done | failed | cancelled */
    status: text('status').notNull(),
    error: text('error'),
    jobId: text('job_id'),
    finishedAt: text('finished_at'),
  },
  (t) => [index('label_prints_created_idx').on(t.createdAt)],
);
