// Counters and their areas (盘点分工): which counts a counter may see and count, and in which rooms.
// The rule: supervisors (counts.manage) count anywhere; in a count with no assignees every counter
// counts everywhere; otherwise only the assignees count, each in their areas (with the areas'
// sub-rooms), or everywhere when their assignment names no area.
import type { Ctx } from '../../api/context';
import { AppError, notFound } from '../../api/errors';
import type { Permission } from '../../api/permissions';
import type { Sqlite } from '../../db/client';
import { stmt } from '../../db/statements';
import { rolesOf } from '../users/accounts';
import { subtreeIds } from '../settings/trees';
import type { Assignee } from './contract';

interface CountRef {
  id: number;
  name: string;
  assignees: string;
}

/** Where one caller may count in one count. */
export interface CounterGrant {
  /** The rooms (assigned areas and their sub-rooms); null: every room. */
  rooms: ReadonlySet<number> | null;
  /** The assigned areas as assigned (the roots), to name them. */
  areas: number[];
}

export const EVERYWHERE: CounterGrant = { rooms: null, areas: [] };

type Perms = ReadonlySet<Permission> | readonly Permission[];
const has = (p: Perms, k: Permission) => (Array.isArray(p) ? p.includes(k) : (p as Set<Permission>).has(k));

/** Supervisors of counts: they see every count and the comparison (blind or not). */
export function oversees(perms: Perms): boolean {
  return has(perms, 'counts.read') || has(perms, 'counts.manage') || has(perms, 'counts.approve');
}

/** The assignment of this user in the count: undefined when not assigned; null when none are. */
function assignment(row: CountRef, userId: number | null): Assignee | null | undefined {
  const list = JSON.parse(row.assignees) as Assignee[];
  if (!list.length) return null;
  const mine = list.filter((a) => a.userId === userId);
  if (!mine.length) return undefined;
  // Listed twice: the union of their areas (any listing without areas means everywhere).
  if (mine.some((a) => !a.locationIds?.length)) return { userId: userId!, locationIds: [] };
  return { userId: userId!, locationIds: [...new Set(mine.flatMap((a) => a.locationIds ?? []))] };
}

/** Whether a counter (not a supervisor) is on the count: assigned, or the count names no one. */
export function isAssigned(row: CountRef, userId: number | null): boolean {
  return assignment(row, userId) !== undefined;
}

/** FORBIDDEN naming the count when a caller who is no supervisor is not assigned to it. */
export function assertMayView(ctx: Ctx, row: CountRef): void {
  const s = ctx.user();
  if (oversees(s.permissions)) return;
  if (!isAssigned(row, s.userId))
    throw new AppError('FORBIDDEN', 'errors.countNotAssigned', { count: row.name, id: row.id });
}

/** The rooms this user may count in; FORBIDDEN when they are not a counter of this count. */
export function grantFor(sqlite: Sqlite, row: CountRef, userId: number | null, perms: Perms): CounterGrant {
  if (has(perms, 'counts.manage')) return EVERYWHERE;
  const a = assignment(row, userId);
  if (a === undefined)
    throw new AppError('FORBIDDEN', 'errors.countNotAssigned', { count: row.name, id: row.id });
  if (a === null || !a.locationIds?.length) return EVERYWHERE;
  const rooms = new Set<number>();
  for (const id of a.locationIds) for (const r of subtreeIds(sqlite, 'locations', id)) rooms.add(r);
  return { rooms, areas: a.locationIds };
}

const COUNT_REF_SQL = 'SELECT id, name, assignees FROM counts WHERE id = ?';

/** The caller's grant in a count (given, or by id: read only when the caller is no supervisor). */
export function grantOf(ctx: Ctx, row: CountRef | number): CounterGrant {
  const s = ctx.user();
  // Supervisors' scans (and the benchmarks' hot path) skip reading the plan.
  if (s.permissions.has('counts.manage')) return EVERYWHERE;
  if (typeof row === 'number') {
    const found = stmt(ctx.sqlite, COUNT_REF_SQL).get(row) as CountRef | undefined;
    if (!found) throw notFound('count', row);
    row = found;
  }
  return grantFor(ctx.sqlite, row, s.userId, s.permissions);
}

// Device scans arrive without a session: the grant is looked up by the station's counter, and kept a
// few seconds so an RFID sweep of hundreds of tags does not re-read roles and location trees per tag.
const deviceGrants = new WeakMap<Sqlite, Map<string, { grant: CounterGrant | Error; until: number }>>();
const DEVICE_GRANT_MS = 5_000;

export function deviceGrant(sqlite: Sqlite, countId: number, userId: number | null): CounterGrant {
  let cache = deviceGrants.get(sqlite);
  if (!cache) deviceGrants.set(sqlite, (cache = new Map()));
  const key = `${countId}:${userId}`;
  const now = Date.now();
  let hit = cache.get(key);
  if (!hit || hit.until < now) {
    const row = stmt(sqlite, COUNT_REF_SQL).get(countId) as CountRef | undefined;
    let grant: CounterGrant | Error = EVERYWHERE;
    try {
      if (row)
        grant = grantFor(sqlite, row, userId, userId === null ? [] : rolesOf(sqlite, userId).permissions);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      grant = err;
    }
    hit = { grant, until: now + DEVICE_GRANT_MS };
    cache.set(key, hit);
  }
  if (hit.grant instanceof Error) throw hit.grant;
  return hit.grant;
}

const names = (sqlite: Sqlite, ids: number[]) => {
  const stmt = sqlite.prepare('SELECT name FROM locations WHERE id = ?').pluck();
  return ids.map((id) => (stmt.get(id) as string | undefined) ?? `#${id}`).join('、');
};

/**
 * FORBIDDEN unless the room lies in the counter's areas: a room outside them is named with the
 * areas that are theirs; a counter with areas must pick (or scan) one of them before counting.
 */
export function assertRoom(sqlite: Sqlite, grant: CounterGrant | undefined, room: number | null): void {
  if (!grant?.rooms) return;
  if (room === null)
    throw new AppError('FORBIDDEN', 'errors.countPickArea', { areas: names(sqlite, grant.areas) });
  if (!grant.rooms.has(room))
    throw new AppError('FORBIDDEN', 'errors.countAreaNotAssigned', {
      area: names(sqlite, [room]),
      areas: names(sqlite, grant.areas),
      locationId: room,
    });
}
