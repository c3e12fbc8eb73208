// The tamper-evident audit log: append-only (triggers in the migration refuse UPDATE and DELETE),
// each row carrying the hash of the previous one.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: integer('user_id'),
    username: text('username').notNull().default(''),
    source: text('source').notNull(),
    /** The API method or system action, e.g. assets.update, auth.login_failed. */
    action: text('action').notNull(),
    entity: text('entity').notNull().default(''),
    entityId: text('entity_id').notNull().default(''),
    /** JSON details: changed fields, reasons, counts. */
    details: text('details').notNull().default('{}'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_action_idx').on(t.action), index('audit_entity_idx').on(t.entity, t.entityId)],
);
