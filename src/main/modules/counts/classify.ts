// Finishing a count: every detail row gets its result (相符 / 位置不符 / 状态不符 / 盘亏 / 盘盈) in one
// UPDATE; the ledger is not touched. The rule exists once as SQL and once as the same rule in
// TypeScript, and a unit test runs both over every combination so they cannot drift apart.
import type { Ctx } from '../../api/context';
import { pluckStmt } from '../../db/statements';
import type { CountDto, CountResult } from './contract';
import { assertCountStatus, countRow, toCountDto } from './plan';

export interface ClassifyInput {
  assetId: number | null;
  foundAt: string | null;
  expectedLocationId: number | null;
  foundLocationId: number | null;
  expectedStatus: string | null;
  foundStatus: string | null;
}

/**
 * Not on the books → surplus; not found → missing; found in a room other than the expected one →
 * location_mismatch (a scan without a room does not dispute the location); found where expected but
 * in another state than the books say (or the books say missing) → status_mismatch; else matched.
 */
export function classify(r: ClassifyInput): CountResult {
  if (r.assetId === null) return 'surplus';
  if (r.foundAt === null) return 'missing';
  if (r.foundLocationId !== null && r.foundLocationId !== r.expectedLocationId) return 'location_mismatch';
  if ((r.foundStatus !== null && r.foundStatus !== r.expectedStatus) || r.expectedStatus === 'missing')
    return 'status_mismatch';
  return 'matched';
}

export const CLASSIFY_SQL = `CASE
  WHEN asset_id IS NULL THEN 'surplus'
  WHEN found_at IS NULL THEN 'missing'
  WHEN found_location_id IS NOT NULL AND found_location_id IS NOT expected_location_id THEN 'location_mismatch'
  WHEN (found_status IS NOT NULL AND found_status IS NOT expected_status) OR expected_status IS 'missing'
    THEN 'status_mismatch'
  ELSE 'matched' END`;

export function finishCount(ctx: Ctx, id: number): CountDto {
  const { sqlite } = ctx;
  const row = countRow(sqlite, id);
  if (row.status === 'finished' && recountPending(sqlite, id) > 0) return finishRecount(ctx, id, row.name);
  assertCountStatus(row, 'in_progress');
  const classified = sqlite
    .prepare(`UPDATE count_details SET result = ${CLASSIFY_SQL} WHERE count_id = ?`)
    .run(id).changes;
  sqlite
    .prepare(
      `UPDATE counts SET status = 'finished', finished_at = ?, finished_by = ?, version = version + 1, updated_at = ?
       WHERE id = ?`,
    )
    .run(ctx.nowIso, ctx.session?.userId ?? null, ctx.nowIso, id);
  // Scans stop going into a finished count.
  sqlite.prepare('DELETE FROM count_stations WHERE count_id = ?').run(id);
  const dto = toCountDto(sqlite, countRow(sqlite, id));
  ctx.audit({ entity: 'count', entityId: id, details: { name: row.name, classified, totals: dto.totals } });
  ctx.emit('counts.changed', { id });
  return dto;
}

/** Rows sent back for a recount and not classified again yet. */
export function recountPending(sqlite: Ctx['sqlite'], id: number): number {
  return pluckStmt(
    sqlite,
    "SELECT COUNT(*) FROM count_details WHERE count_id = ? AND resolution = 'recount' AND result IS NULL",
  ).get(id) as number;
}

/**
 * Finishing a recount: only the rows sent back are classified again (the rest keep their results and
 * resolutions); their recount resolution is spent, so a row still different needs a new decision.
 */
function finishRecount(ctx: Ctx, id: number, name: string): CountDto {
  const { sqlite } = ctx;
  const rows = sqlite
    .prepare(
      `UPDATE count_details SET result = ${CLASSIFY_SQL}, resolution = NULL, resolution_data = NULL,
         resolution_note = '', resolved_by = NULL, resolved_at = NULL, version = version + 1
       WHERE count_id = ? AND resolution = 'recount' AND result IS NULL
       RETURNING id, asset_id AS assetId, result`,
    )
    .all(id) as { id: number; assetId: number | null; result: CountResult }[];
  sqlite.prepare('UPDATE counts SET version = version + 1, updated_at = ? WHERE id = ?').run(ctx.nowIso, id);
  sqlite.prepare('DELETE FROM count_stations WHERE count_id = ?').run(id);
  ctx.audit({ entity: 'count', entityId: id, details: { name, recounted: rows } });
  ctx.emit('counts.changed', { id });
  return toCountDto(sqlite, countRow(sqlite, id));
}
