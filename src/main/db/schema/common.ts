// Columns every mutable business row carries: optimistic-lock version and UTC timestamps.
import { integer, text } from 'drizzle-orm/sqlite-core';

export const versioned = () => ({
  version: integer('version').notNull().default(1),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});
