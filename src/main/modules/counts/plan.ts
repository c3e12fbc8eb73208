// Count plans: creating one, freezing its expected list at start (one INSERT … SELECT), cancelling,
// listing, and the count row as the API shows it with its live totals.
import type { z } from 'zod';
import type { Ctx } from '../../api/context';
import { AppError, conflict, notFound } from '../../api/errors';
import type { FieldProblem } from '../../api/errors-shared';
import type { Page } from '../../api/schemas';
import type { Sqlite } from '../../db/client';
import { Rng } from '../../demo/prng';
import { throwProblems } from '../assets/fields';
import { subtreeIds, type TreeTable } from '../settings/trees';
import type { Assignee, CountDto, CountScope, CountStatus, CountTotals, countsContract } from './contract';

export interface CountRow {
  id: number;
  name: string;
  kind: string;
  blind: number;
  scope: string;
  assignees: string;
  due_date: string | null;
  status: CountStatus;
  started_at: string | null;
  finished_at: string | null;
  posted_at: string | null;
  posted_by: number | null;
  created_by: number | null;
  created_at: string;
  version: number;
}

export function countRow(sqlite: Sqlite, id: number): CountRow {
  const row = sqlite.prepare('SELECT * FROM counts WHERE id = ?').get(id) as CountRow | undefined;
  if (!row) throw notFound('count', id);
  return row;
}

/** INVALID_TRANSITION unless the count is in one of `allowed`. */
export function assertCountStatus(row: CountRow, ...allowed: CountStatus[]): void {
  if (!allowed.includes(row.status)) {
    throw new AppError('INVALID_TRANSITION', 'errors.countState', {
      entity: 'count',
      id: row.id,
      from: row.status,
      allowed: allowed.join(', '),
    });
  }
}

export function countTotals(sqlite: Sqlite, countId: number): CountTotals {
  const t = sqlite
    .prepare(
      `SELECT
         COALESCE(SUM(expected = 1), 0) AS expected,
         COALESCE(SUM(expected = 1 AND found_at IS NOT NULL
           AND (found_location_id IS NULL OR found_location_id IS expected_location_id)), 0) AS found,
         COALESCE(SUM(expected = 1 AND found_at IS NOT NULL AND found_location_id IS NOT NULL
           AND found_location_id IS NOT expected_location_id), 0) AS foundElsewhere,
         COALESCE(SUM(asset_id IS NULL), 0) AS unknown,
         COALESCE(SUM(expected = 1 AND found_at IS NULL), 0) AS remaining,
         SUM(result IS NOT NULL AND result <> 'matched') AS differences,
         COALESCE(SUM(result IS NOT NULL), 0) AS classified,
         COALESCE(SUM(expected = 1 OR found_at IS NOT NULL), 0) AS counted,
         COALESCE(SUM(resolution = 'recount' AND result IS NULL), 0) AS recounting
       FROM count_details WHERE count_id = ?`,
    )
    .get(countId) as Required<CountTotals> & { classified: number; counted: number };
  const classified = t.classified > 0;
  return {
    expected: t.expected,
    found: t.found,
    foundElsewhere: t.foundElsewhere,
    unknown: t.unknown,
    remaining: t.remaining,
    differences: classified ? (t.differences ?? 0) : null,
    differenceRate: classified && t.counted ? (t.differences ?? 0) / t.counted : null,
    recounting: t.recounting,
  };
}

/** What a counter of a blind count may know: how many assets they found, and how many unknown ones. */
export function blindTotals(sqlite: Sqlite, countId: number): CountTotals {
  return sqlite
    .prepare(
      `SELECT COALESCE(SUM(found_at IS NOT NULL AND asset_id IS NOT NULL), 0) AS found,
         COALESCE(SUM(found_at IS NOT NULL AND asset_id IS NULL), 0) AS unknown,
         COALESCE(SUM(resolution = 'recount' AND result IS NULL), 0) AS recounting
       FROM count_details WHERE count_id = ?`,
    )
    .get(countId) as CountTotals;
}

export function toCountDto(sqlite: Sqlite, row: CountRow, blindView = false): CountDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as CountDto['kind'],
    blind: !!row.blind,
    scope: JSON.parse(row.scope) as CountScope,
    assignees: JSON.parse(row.assignees) as Assignee[],
    dueDate: row.due_date,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    postedAt: row.posted_at,
    postedBy: row.posted_by,
    createdBy: row.created_by,
    createdAt: row.created_at,
    version: row.version,
    totals: blindView ? blindTotals(sqlite, row.id) : countTotals(sqlite, row.id),
  };
}

function idsExist(sqlite: Sqlite, table: string, ids: number[] | undefined, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stmt = sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`);
  (ids ?? []).forEach((id, i) => {
    if (!stmt.get(id))
      problems.push({ path: `${path}.${i}`, message: 'validation.referenceNotFound', params: { id } });
  });
  return problems;
}

type CreateInput = z.output<(typeof countsContract)['counts.create']['input']>;

export function createCount(ctx: Ctx, input: CreateInput): CountDto {
  const { sqlite } = ctx;
  const s = input.scope;
  throwProblems([
    ...idsExist(sqlite, 'locations', s.locationIds, 'scope.locationIds'),
    ...idsExist(sqlite, 'departments', s.departmentIds, 'scope.departmentIds'),
    ...idsExist(sqlite, 'categories', s.categoryIds, 'scope.categoryIds'),
    ...idsExist(sqlite, 'custodians', s.custodianIds, 'scope.custodianIds'),
    ...input.assignees.flatMap((a, i) => [
      ...idsExist(sqlite, 'users', [a.userId], `assignees.${i}.userId`),
      ...idsExist(sqlite, 'locations', a.locationIds, `assignees.${i}.locationIds`),
    ]),
  ]);
  const info = sqlite
    .prepare(
      `INSERT INTO counts (name, kind, blind, scope, assignees, due_date, status, created_by, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, 1, ?, ?)`,
    )
    .run(
      input.name,
      input.kind,
      input.blind ? 1 : 0,
      JSON.stringify(s),
      JSON.stringify(input.assignees),
      input.dueDate ?? null,
      ctx.session?.userId ?? null,
      ctx.nowIso,
      ctx.nowIso,
    );
  const id = Number(info.lastInsertRowid);
  ctx.audit({
    entity: 'count',
    entityId: id,
    details: { name: input.name, kind: input.kind, blind: input.blind, scope: s },
  });
  return toCountDto(sqlite, countRow(sqlite, id));
}

/** The WHERE clause (over `assets a`) that selects a scope's assets, subtrees expanded. */
export function scopeWhere(sqlite: Sqlite, s: CountScope): { sql: string; params: unknown[] } {
  const where = ['a.deleted_at IS NULL', "a.status <> 'disposed'"];
  const params: unknown[] = [];
  const inList = (col: string, ids: number[]) => {
    where.push(`a.${col} IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(ids));
  };
  const tree = (col: string, table: TreeTable, ids: number[] | undefined) => {
    if (!ids?.length) return;
    inList(col, [...new Set(ids.flatMap((id) => subtreeIds(sqlite, table, id)))]);
  };
  tree('location_id', 'locations', s.locationIds);
  tree('department_id', 'departments', s.departmentIds);
  tree('category_id', 'categories', s.categoryIds);
  if (s.custodianIds?.length) inList('custodian_id', s.custodianIds);
  if (s.statuses?.length) {
    where.push('a.status IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(s.statuses));
  }
  if (s.sample?.minCost !== undefined) {
    where.push('a.cost >= ?');
    params.push(s.sample.minCost);
  }
  return { sql: where.join(' AND '), params };
}

/** `size` ids drawn without replacement by a seeded partial Fisher–Yates: the same seed, the same sample. */
export function drawSample(ids: number[], size: number, seed: number): number[] {
  const a = [...ids];
  const rng = new Rng(seed);
  const n = Math.min(size, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng.next() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n).sort((x, y) => x - y);
}

const FREEZE = `INSERT INTO count_details (count_id, asset_id, expected, expected_location_id, expected_custodian_id, expected_status)
  SELECT ?, a.id, 1, a.location_id, a.custodian_id, a.status FROM assets a WHERE `;

export function startCount(ctx: Ctx, id: number): CountDto {
  const { sqlite } = ctx;
  const row = countRow(sqlite, id);
  assertCountStatus(row, 'draft');
  const scope = JSON.parse(row.scope) as CountScope;
  const w = scopeWhere(sqlite, scope);
  let frozen: number;
  if (scope.sample) {
    const ids = sqlite
      .prepare(`SELECT a.id FROM assets a WHERE ${w.sql}`)
      .pluck()
      .all(...w.params) as number[];
    const picked = drawSample(ids, scope.sample.size, scope.sample.seed ?? id);
    frozen = sqlite
      .prepare(FREEZE + 'a.id IN (SELECT value FROM json_each(?))')
      .run(id, JSON.stringify(picked)).changes;
  } else {
    frozen = sqlite.prepare(FREEZE + w.sql).run(id, ...w.params).changes;
  }
  // One asset, one open count: two counts disagreeing about the same asset could not both be posted.
  const clash = sqlite
    .prepare(
      `SELECT c.id, c.name, d2.asset_id AS assetId FROM count_details d1
       JOIN count_details d2 ON d2.asset_id = d1.asset_id AND d2.count_id <> d1.count_id
       JOIN counts c ON c.id = d2.count_id AND c.status IN ('in_progress', 'finished')
       WHERE d1.count_id = ? LIMIT 1`,
    )
    .get(id) as { id: number; name: string; assetId: number } | undefined;
  if (clash) {
    throw new AppError('ASSET_LOCKED', 'errors.assetLocked', {
      count: clash.name,
      countId: clash.id,
      id: clash.assetId,
    });
  }
  sqlite
    .prepare(
      `UPDATE counts SET status = 'in_progress', started_at = ?, started_by = ?, version = version + 1, updated_at = ?
       WHERE id = ?`,
    )
    .run(ctx.nowIso, ctx.session?.userId ?? null, ctx.nowIso, id);
  ctx.audit({ entity: 'count', entityId: id, details: { name: row.name, frozen } });
  ctx.emit('counts.changed', { id });
  return toCountDto(sqlite, countRow(sqlite, id));
}

export function cancelCount(ctx: Ctx, id: number): CountDto {
  const row = countRow(ctx.sqlite, id);
  assertCountStatus(row, 'draft', 'in_progress', 'finished');
  ctx.sqlite
    .prepare(`UPDATE counts SET status = 'cancelled', version = version + 1, updated_at = ? WHERE id = ?`)
    .run(ctx.nowIso, id);
  ctx.sqlite.prepare('DELETE FROM count_stations WHERE count_id = ?').run(id);
  ctx.audit({ entity: 'count', entityId: id, details: { name: row.name, from: row.status } });
  ctx.emit('counts.changed', { id });
  return toCountDto(ctx.sqlite, countRow(ctx.sqlite, id));
}

/** Bumps the count's version when the caller names the one it read; CONFLICT when stale. */
export function touchCount(ctx: Ctx, row: CountRow, versionRead?: number): void {
  if (versionRead !== undefined && versionRead !== row.version) {
    throw conflict('count', row.id, { current: toCountDto(ctx.sqlite, row) });
  }
}

export function listCounts(
  sqlite: Sqlite,
  q: { offset: number; limit: number; status?: CountStatus },
  /** Whether the caller sees what a blind count expects. */
  seesBlind: boolean,
  /** A counter (no supervisor): only the counts naming them, or naming no one. */
  counter: number | null = null,
): Page<CountDto> {
  const cond: string[] = [];
  const args: unknown[] = [];
  if (q.status) {
    cond.push('status = ?');
    args.push(q.status);
  }
  if (counter !== null) {
    cond.push(
      `(assignees = '[]' OR EXISTS (SELECT 1 FROM json_each(counts.assignees) j WHERE json_extract(j.value, '$.userId') = ?))`,
    );
    args.push(counter);
  }
  const where = cond.length ? `WHERE ${cond.join(' AND ')}` : '';
  const total = sqlite
    .prepare(`SELECT COUNT(*) FROM counts ${where}`)
    .pluck()
    .get(...args) as number;
  const rows = sqlite
    .prepare(`SELECT * FROM counts ${where} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(...args, q.limit, q.offset) as CountRow[];
  return { rows: rows.map((r) => toCountDto(sqlite, r, !!r.blind && !seesBlind)), total };
}
