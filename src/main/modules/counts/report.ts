// What a count looks like to its readers: live progress per area, the paged details (blind for a
// counter), and the count report with the difference-rate KPI over time.
import type { Ctx } from '../../api/context';
import type { Sqlite } from '../../db/client';
import type { AreaProgress, CountGetResult, CountReport, CountResult, Resolution } from './contract';
import { COUNT_RESULTS, RESOLUTIONS } from './contract';
import { listDetails, type DetailQuery } from './details';
import { assertMayView, grantOf, oversees } from './assign';
import { countRow, toCountDto } from './plan';

/**
 * Whether the caller may see what a count expects: always in an open count; in a blind count only
 * supervisors (read, manage or approve), never someone who can only count.
 */
export function showsExpected(ctx: Ctx, blind: boolean): boolean {
  if (!blind) return true;
  const p = ctx.session?.permissions;
  return !!p && (p.has('counts.read') || p.has('counts.manage') || p.has('counts.approve'));
}

export function areaProgress(sqlite: Sqlite, countId: number, full: boolean): AreaProgress[] {
  const areas = new Map<number | null, AreaProgress>();
  const area = (id: number | null): AreaProgress => {
    let a = areas.get(id);
    if (!a) {
      a = full
        ? {
            locationId: id,
            locationName: '',
            expected: 0,
            found: 0,
            foundElsewhere: 0,
            unknown: 0,
            arrived: 0,
            remaining: 0,
          }
        : { locationId: id, locationName: '', found: 0, unknown: 0 };
      areas.set(id, a);
    }
    return a;
  };
  if (full) {
    const rows = sqlite
      .prepare(
        `SELECT expected_location_id AS loc, COUNT(*) AS expected,
           SUM(found_at IS NOT NULL AND (found_location_id IS NULL OR found_location_id IS expected_location_id)) AS found,
           SUM(found_at IS NOT NULL AND found_location_id IS NOT NULL AND found_location_id IS NOT expected_location_id) AS elsewhere,
           SUM(found_at IS NULL) AS remaining
         FROM count_details WHERE count_id = ? AND expected = 1 GROUP BY expected_location_id`,
      )
      .all(countId) as {
      loc: number | null;
      expected: number;
      found: number;
      elsewhere: number;
      remaining: number;
    }[];
    for (const r of rows)
      Object.assign(area(r.loc), {
        expected: r.expected,
        found: r.found,
        foundElsewhere: r.elsewhere,
        remaining: r.remaining,
      });
  }
  // What was found in each room: surplus, and (for supervisors) assets expected elsewhere.
  const found = sqlite
    .prepare(
      `SELECT found_location_id AS loc, SUM(asset_id IS NULL) AS unknown, SUM(asset_id IS NOT NULL) AS assets,
         SUM(asset_id IS NOT NULL AND (expected = 0 OR found_location_id IS NOT expected_location_id)) AS arrived
       FROM count_details WHERE count_id = ? AND found_at IS NOT NULL
         AND (asset_id IS NULL OR expected = 0 OR found_location_id IS NOT expected_location_id OR ? = 0)
       GROUP BY found_location_id`,
    )
    .all(countId, full ? 1 : 0) as { loc: number | null; unknown: number; assets: number; arrived: number }[];
  for (const r of found) {
    const a = area(r.loc);
    a.unknown = r.unknown;
    if (full) a.arrived = r.arrived;
    else a.found = r.assets;
  }
  const names = sqlite.prepare('SELECT name FROM locations WHERE id = ?').pluck();
  const out = [...areas.values()];
  for (const a of out)
    a.locationName = a.locationId === null ? '' : ((names.get(a.locationId) as string | undefined) ?? '');
  return out.sort((x, y) => (x.locationId ?? 0) - (y.locationId ?? 0));
}

export function getCount(ctx: Ctx, id: number, q: DetailQuery): CountGetResult {
  const row = countRow(ctx.sqlite, id);
  assertMayView(ctx, row);
  const shows = showsExpected(ctx, !!row.blind);
  const count = toCountDto(ctx.sqlite, row, !shows);
  // A counter with areas sees the progress and the rows of their areas only.
  const rooms = oversees(ctx.user().permissions) ? null : grantOf(ctx, row).rooms;
  const progress = areaProgress(ctx.sqlite, id, shows);
  return {
    count,
    showsExpected: shows,
    progress: rooms ? progress.filter((a) => a.locationId !== null && rooms.has(a.locationId)) : progress,
    details: listDetails(ctx.sqlite, id, { ...q, rooms: rooms ? [...rooms] : undefined }, shows),
  };
}

const REPORT_DIFFERENCES_MAX = 10_000;

export function countReport(ctx: Ctx, id: number): CountReport {
  const { sqlite } = ctx;
  const count = toCountDto(sqlite, countRow(sqlite, id));
  const byResult = Object.fromEntries(COUNT_RESULTS.map((r) => [r, 0])) as Record<CountResult, number>;
  for (const r of sqlite
    .prepare(
      'SELECT result, COUNT(*) AS n FROM count_details WHERE count_id = ? AND result IS NOT NULL GROUP BY result',
    )
    .all(id) as { result: CountResult; n: number }[])
    byResult[r.result] = r.n;
  const byResolution = Object.fromEntries([...RESOLUTIONS, 'unresolved'].map((r) => [r, 0])) as Record<
    Resolution | 'unresolved',
    number
  >;
  for (const r of sqlite
    .prepare(
      `SELECT COALESCE(resolution, 'unresolved') AS res, COUNT(*) AS n FROM count_details
       WHERE count_id = ? AND ((result IS NOT NULL AND result <> 'matched') OR (resolution = 'recount' AND result IS NULL))
       GROUP BY res`,
    )
    .all(id) as { res: Resolution | 'unresolved'; n: number }[])
    byResolution[r.res] = r.n;
  const differences = listDetails(
    sqlite,
    id,
    { offset: 0, limit: REPORT_DIFFERENCES_MAX, onlyDifferences: true },
    true,
  ).rows;
  const history = (
    sqlite
      .prepare(
        `SELECT c.id, c.name, c.finished_at AS finishedAt,
           (SELECT COUNT(*) FROM count_details d WHERE d.count_id = c.id AND (d.expected = 1 OR d.found_at IS NOT NULL)) AS counted,
           (SELECT COUNT(*) FROM count_details d WHERE d.count_id = c.id AND d.result IS NOT NULL AND d.result <> 'matched') AS differences
         FROM counts c WHERE c.status IN ('finished', 'posted') ORDER BY c.finished_at, c.id`,
      )
      .all() as { id: number; name: string; finishedAt: string; counted: number; differences: number }[]
  ).map((h) => ({ ...h, rate: h.counted ? h.differences / h.counted : 0 }));
  return { count, byResult, byResolution, differences, history };
}
