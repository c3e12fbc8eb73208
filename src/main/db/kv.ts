// Single-value application settings (app_settings), JSON-encoded.
import type { Sqlite } from './client';
import { pluckStmt } from './statements';

export function getSetting<T>(sqlite: Sqlite, key: string): T | undefined {
  // Read on hot paths (every card created reads ledger.firstPeriod): the statement is prepared once.
  const raw = pluckStmt(sqlite, 'SELECT value FROM app_settings WHERE key = ?').get(key) as
    string | undefined;
  return raw !== undefined ? (JSON.parse(raw) as T) : undefined;
}

export function setSetting(sqlite: Sqlite, key: string, value: unknown, nowIso: string): void {
  sqlite
    .prepare(
      `INSERT INTO app_settings (key, value, version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, version = version + 1, updated_at = excluded.updated_at`,
    )
    .run(key, JSON.stringify(value), nowIso, nowIso);
}
