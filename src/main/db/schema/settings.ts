// Base settings (基础设置): category, location and department trees, custodians, suppliers,
// dictionaries, key/value application settings and the never-reused code sequences.
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';

export const categories = sqliteTable(
  'categories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    parentId: integer('parent_id'),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    lifeMonths: integer('life_months').notNull(),
    /** Residual rate in basis points (500 = 5%). */
    residualRateBp: integer('residual_rate_bp').notNull().default(0),
    method: text('method').notNull().default('straight_line'),
    taxClass: text('tax_class').notNull().default('other'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    ...versioned(),
  },
  (t) => [index('categories_parent_idx').on(t.parentId)],
);

export const locations = sqliteTable(
  'locations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    parentId: integer('parent_id'),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind').notNull().default('room'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    ...versioned(),
  },
  (t) => [index('locations_parent_idx').on(t.parentId)],
);

export const departments = sqliteTable(
  'departments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    parentId: integer('parent_id'),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    /** The department head (a user), used by approval chains. */
    headUserId: integer('head_user_id'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    ...versioned(),
  },
  (t) => [index('departments_parent_idx').on(t.parentId)],
);

export const custodians = sqliteTable(
  'custodians',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...versioned(),
  },
  (t) => [index('custodians_department_idx').on(t.departmentId)],
);

export const suppliers = sqliteTable('suppliers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  contact: text('contact').notNull().default(''),
  phone: text('phone').notNull().default(''),
  email: text('email').notNull().default(''),
  address: text('address').notNull().default(''),
  taxNo: text('tax_no').notNull().default(''),
  notes: text('notes').notNull().default(''),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  ...versioned(),
});

export const dictionaryItems = sqliteTable(
  'dictionary_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** unit | disposal_reason | transfer_reason | ... */
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...versioned(),
  },
  (t) => [uniqueIndex('dictionary_kind_code_uq').on(t.kind, t.code)],
);

/** Company profile, accounting standard, code rule, LAN access and other single values (JSON). */
export const appSettings = sqliteTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  ...versioned(),
});

/** Sequence counters for generated codes. A value once handed out is never handed out again. */
export const codeSequences = sqliteTable('code_sequences', {
  scope: text('scope').primaryKey(),
  lastValue: integer('last_value').notNull().default(0),
});
