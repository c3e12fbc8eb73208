// Document numbers (RQ-202611-0001, PO-202611-0001, ...): a prefix, the local month and a counter
// per prefix and month in code_sequences, so a number once handed out is never handed out again
// (a rolled-back transaction also rolls back its number).
import type { Sqlite } from '../../db/client';

export function nextDocumentNumber(sqlite: Sqlite, prefix: string, today: string, width = 4): string {
  const month = today.slice(0, 4) + today.slice(5, 7);
  const scope = `doc|${prefix}-${month}-{SEQ}`;
  const n =
    ((sqlite.prepare('SELECT last_value FROM code_sequences WHERE scope = ?').pluck().get(scope) as
      number | undefined) ?? 0) + 1;
  sqlite
    .prepare(
      `INSERT INTO code_sequences (scope, last_value) VALUES (?, ?)
       ON CONFLICT(scope) DO UPDATE SET last_value = excluded.last_value`,
    )
    .run(scope, n);
  return `${prefix}-${month}-${String(n).padStart(width, '0')}`;
}
