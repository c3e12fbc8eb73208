// Single-value application settings (app_settings), JSON-encoded.
import type { Sqlite } from './client';

export function getSetting<T>(sqlite: Sqlite, key: string): T | undefined {
  const row = sqlite.prepare('SELECT value FROM app_settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function setSetting(sqlite: Sqlite, key: string, value: unknown, nowIso: string): void {
  sqlite
    .prepare(
      `INSERT INTO app_settings (key, value, version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, version = version + 1, updated_at = excluded.updated_at`,
    )
    .run(key, JSON.stringify(value), nowIso, nowIso);
}
