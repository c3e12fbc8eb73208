// Record rules shared by every settings entity: unique codes, optimistic versions, field-by-field
// updates with their audit trail, and refusing to delete what is still referenced.
import { SqliteError } from 'better-sqlite3';
import type { Sqlite } from '../../db/client';
import type { Ctx } from '../../api/context';
import { AppError, conflict, notFound, validation } from '../../api/errors';

/** Tables the settings module writes; names are interpolated into SQL, so only these pass. */
export type SettingsTable =
  'categories' | 'locations' | 'departments' | 'custodians' | 'suppliers' | 'dictionary_items';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** camelCase input field → column, with an optional conversion to the stored value. */
export type ColumnMap = Record<string, { column: string; toDb?: (v: never) => unknown }>;

export function duplicateCode(entity: string, value: string): AppError {
  return new AppError('DUPLICATE', 'errors.duplicate', { entity, field: 'code', value }, [
    { path: 'code', message: 'validation.duplicateCode', params: { value } },
  ]);
}

/** Codes are compared case-insensitively so "PC" and "pc" cannot both exist. */
export function assertUniqueCode(
  sqlite: Sqlite,
  table: SettingsTable,
  entity: string,
  code: string,
  exceptId: number | null,
  scope?: { column: string; value: string },
): void {
  const where = scope ? ` AND ${scope.column} = ?` : '';
  const params: unknown[] = [code, exceptId ?? -1];
  if (scope) params.push(scope.value);
  const hit = sqlite
    .prepare(`SELECT 1 FROM ${table} WHERE code = ? COLLATE NOCASE AND id <> ?${where} LIMIT 1`)
    .get(...params);
  if (hit) throw duplicateCode(entity, code);
}

export function lastChange(sqlite: Sqlite, entity: string, id: number | string) {
  const row = sqlite
    .prepare(
      'SELECT at, username, action FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1',
    )
    .get(entity, String(id)) as { at: string; username: string; action: string } | undefined;
  return row ? { changedAt: row.at, changedBy: row.username, action: row.action } : {};
}

/** CONFLICT naming who changed the row last and when, with the current record to reload. */
export function assertVersion(
  sqlite: Sqlite,
  entity: string,
  id: number,
  current: { version: number },
  expected: number,
): void {
  if (current.version !== expected) {
    throw conflict(entity, id, {
      currentVersion: current.version,
      ...lastChange(sqlite, entity, id),
      current,
    });
  }
}

export function mustGet<T>(row: T | undefined, entity: string, id: number): T {
  if (row === undefined) throw notFound(entity, id);
  return row;
}

/** A referenced row must exist; else VALIDATION on the field. */
export function assertExists(
  sqlite: Sqlite,
  table: string,
  id: number | null | undefined,
  path: string,
): void {
  if (id === null || id === undefined) return;
  if (!sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id)) {
    throw validation(path, 'validation.referenceNotFound', { id });
  }
}

/**
 * Applies the given fields (undefined = unchanged) to one row, bumps its version and returns what
 * changed (before → after, in API terms). `before` holds the API values of the current row.
 */
export function applyUpdate(
  ctx: Ctx,
  table: SettingsTable,
  id: number,
  columns: ColumnMap,
  input: Record<string, unknown>,
  before: Record<string, unknown>,
): FieldChange[] {
  const sets: string[] = [];
  const params: unknown[] = [];
  const changes: FieldChange[] = [];
  for (const [field, { column, toDb }] of Object.entries(columns)) {
    const value = input[field];
    if (value === undefined || value === before[field]) continue;
    sets.push(`${column} = ?`);
    const stored = toDb ? toDb(value as never) : value;
    params.push(typeof stored === 'boolean' ? Number(stored) : stored);
    changes.push({ field, before: before[field], after: value });
  }
  if (changes.length) {
    ctx.sqlite
      .prepare(`UPDATE ${table} SET ${sets.join(', ')}, version = version + 1, updated_at = ? WHERE id = ?`)
      .run(...params, ctx.nowIso, id);
  }
  return changes;
}

/**
 * Deletes a row nothing refers to. `usage` counts the references the module knows of; anything
 * else (a later module's foreign key) is caught from SQLite and answered the same way.
 */
export function deleteUnused(
  ctx: Ctx,
  table: SettingsTable,
  entity: string,
  id: number,
  usage: Record<string, number>,
): void {
  const used = Object.fromEntries(Object.entries(usage).filter(([, n]) => n > 0));
  if (Object.keys(used).length) throw inUse(entity, id, used);
  try {
    ctx.sqlite.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id);
  } catch (err) {
    if (err instanceof SqliteError && err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw inUse(entity, id, { other: 1 });
    }
    throw err;
  }
}

export function inUse(entity: string, id: number, usage: Record<string, number>): AppError {
  return new AppError('IN_USE', 'errors.inUse', { entity, id: String(id), ...usage });
}

export const count = (sqlite: Sqlite, sql: string, ...params: unknown[]): number =>
  sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number;

/** Escapes a user's substring for LIKE ... ESCAPE '\'. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
