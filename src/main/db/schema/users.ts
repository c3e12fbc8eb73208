// Accounts, roles (permission sets) and login sessions.
import { sqliteTable, integer, text, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';

export const roles = sqliteTable('roles', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** JSON array of permission keys. */
  permissions: text('permissions').notNull().default('[]'),
  builtin: integer('builtin', { mode: 'boolean' }).notNull().default(false),
  ...versioned(),
});

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    departmentId: integer('department_id'),
    custodianId: integer('custodian_id'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: text('locked_until'),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    lastLoginAt: text('last_login_at'),
    locale: text('locale'),
    ...versioned(),
  },
  (t) => [index('users_custodian_idx').on(t.custodianId)],
);

export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roleKey: text('role_key')
      .notNull()
      .references(() => roles.key, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleKey] })],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** sha256 of the bearer token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
