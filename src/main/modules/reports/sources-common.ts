// Lookups every report shares: names of categories and departments, the company line, posted periods.
import type { Sqlite } from '../../db/client';
import { getSetting } from '../../db/kv';
import { BOOK } from '../depreciation/ledger-month';

export function nameMap(sqlite: Sqlite, table: 'categories' | 'departments'): Map<number, string> {
  return new Map(
    (sqlite.prepare(`SELECT id, name FROM ${table}`).raw().all() as [number, string][]).map((r) => [
      r[0],
      r[1],
    ]),
  );
}

export function companyName(sqlite: Sqlite): string {
  return getSetting<{ name?: string }>(sqlite, 'company.profile')?.name ?? '';
}

export function lastPosted(sqlite: Sqlite): string | null {
  return (
    (sqlite
      .prepare(`SELECT max(period) FROM depreciation_runs WHERE book = ? AND status = 'posted'`)
      .pluck()
      .get(BOOK) as string | null) ?? null
  );
}

/** The month the asset left the books (its entry marked disposed), or null. */
export function lastDisposalPeriod(sqlite: Sqlite, assetId: number): string | null {
  return (
    (sqlite
      .prepare(
        'SELECT max(period) FROM depreciation_entries WHERE asset_id = ? AND book = ? AND disposed = 1',
      )
      .pluck()
      .get(assetId, BOOK) as string | null) ?? null
  );
}

export const periodLabel = (from: string, to: string) =>
  from === to ? `${from.slice(0, 4)}年${Number(from.slice(5))}月` : `${from} 至 ${to}`;
