// Reading and writing usage rows, with the checks the screen and the import share.
import type { Sqlite } from '../../db/client';
import { AppError } from '../../api/errors';
import { periodIsClosed } from '../periods/lock';
import type { UsageRow } from './contract';

export interface TotalIn {
  assetId: number;
  totalUnits: number;
}
export interface EntryIn {
  assetId: number;
  period: string;
  units: number | null;
}

/** Why an item cannot be saved (an i18n key and params), or null. */
export function checkItem(
  sqlite: Sqlite,
  assetId: number,
  period?: string,
): { message: string; params?: Record<string, unknown> } | null {
  const a = sqlite.prepare('SELECT method, deleted_at FROM assets WHERE id = ?').get(assetId) as
    { method: string; deleted_at: string | null } | undefined;
  if (!a || a.deleted_at) return { message: 'validation.assetNotFound', params: { assetId } };
  if (a.method !== 'units_of_production')
    return { message: 'validation.notUnitsOfProduction', params: { assetId } };
  if (period && periodIsClosed(sqlite, period))
    return { message: 'validation.periodClosed', params: { period } };
  return null;
}

/** Writes totals and entries; the caller holds the transaction and has checked every item. */
export function writeUsage(sqlite: Sqlite, totals: TotalIn[], entries: EntryIn[], nowIso: string) {
  const upTotal = sqlite.prepare(
    `INSERT INTO usage_plans (asset_id, total_units, version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)
     ON CONFLICT(asset_id) DO UPDATE SET total_units = excluded.total_units, version = version + 1,
       updated_at = excluded.updated_at WHERE total_units <> excluded.total_units`,
  );
  const upEntry = sqlite.prepare(
    `INSERT INTO asset_usage (asset_id, period, units, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)
     ON CONFLICT(asset_id, period) DO UPDATE SET units = excluded.units, version = version + 1,
       updated_at = excluded.updated_at WHERE units <> excluded.units`,
  );
  const del = sqlite.prepare('DELETE FROM asset_usage WHERE asset_id = ? AND period = ?');
  for (const t of totals) upTotal.run(t.assetId, t.totalUnits, nowIso, nowIso);
  for (const e of entries) {
    if (e.units === null) del.run(e.assetId, e.period);
    else upEntry.run(e.assetId, e.period, e.units, nowIso, nowIso);
  }
}

export function assertSavable(sqlite: Sqlite, totals: TotalIn[], entries: EntryIn[]) {
  const problems: { path: string; message: string; params?: Record<string, unknown> }[] = [];
  totals.forEach((t, i) => {
    const p = checkItem(sqlite, t.assetId);
    if (p) problems.push({ path: `totals.${i}.assetId`, ...p });
  });
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const key = `${e.assetId}|${e.period}`;
    if (seen.has(key)) problems.push({ path: `entries.${i}.period`, message: 'validation.duplicatePeriod' });
    seen.add(key);
    const p = checkItem(sqlite, e.assetId, e.period);
    if (p?.message === 'validation.periodClosed')
      throw new AppError('PERIOD_CLOSED', 'errors.periodClosed', { period: e.period });
    if (p) problems.push({ path: `entries.${i}.assetId`, ...p });
  });
  if (problems.length) throw new AppError('VALIDATION', 'errors.validation', {}, problems);
}

interface Db {
  id: number;
  asset_code: string;
  name: string;
  total_units: number | null;
  units: number | null;
  used_before: number | null;
  version: number | null;
}

export function periodUsage(
  sqlite: Sqlite,
  period: string,
  search: string | undefined,
  offset: number,
  limit: number,
) {
  const nextStart = `${period}-32`; // any date in the period sorts below it
  const where = `a.deleted_at IS NULL AND a.method = 'units_of_production' AND a.in_service_date IS NOT NULL
    AND a.in_service_date < @next ${search ? "AND (a.asset_code LIKE @q ESCAPE '\\' OR a.name LIKE @q ESCAPE '\\')" : ''}`;
  const q = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const args = { next: nextStart, period, q };
  const total = sqlite.prepare(`SELECT count(*) FROM assets a WHERE ${where}`).pluck().get(args) as number;
  const rows = sqlite
    .prepare(
      `SELECT a.id, a.asset_code, a.name, p.total_units, u.units, u.version,
         (SELECT sum(b.units) FROM asset_usage b WHERE b.asset_id = a.id AND b.period < @period) AS used_before
       FROM assets a LEFT JOIN usage_plans p ON p.asset_id = a.id
       LEFT JOIN asset_usage u ON u.asset_id = a.id AND u.period = @period
       WHERE ${where} ORDER BY a.asset_code LIMIT @limit OFFSET @offset`,
    )
    .all({ ...args, limit, offset }) as Db[];
  return { total, rows: rows.map((r) => toRow(r, period)) };
}

export function assetUsageHistory(sqlite: Sqlite, assetId: number, through: string) {
  const rows = sqlite
    .prepare(
      `SELECT a.id, a.asset_code, a.name, p.total_units, u.units, u.version, u.period,
         (SELECT sum(b.units) FROM asset_usage b WHERE b.asset_id = a.id AND b.period < u.period) AS used_before
       FROM asset_usage u JOIN assets a ON a.id = u.asset_id LEFT JOIN usage_plans p ON p.asset_id = a.id
       WHERE u.asset_id = ? AND u.period <= ? ORDER BY u.period`,
    )
    .all(assetId, through) as (Db & { period: string })[];
  return { total: rows.length, rows: rows.map((r) => toRow(r, r.period)) };
}

function toRow(r: Db, period: string): UsageRow {
  return {
    assetId: r.id,
    assetCode: r.asset_code,
    assetName: r.name,
    totalUnits: r.total_units,
    period,
    units: r.units,
    usedBefore: r.used_before ?? 0,
    version: r.version,
  };
}
