// Account rules shared by sign-in, setup and user management: loading a user with roles and
// permissions, creating sessions, resolving bearer tokens.
import { createHash, randomBytes } from 'node:crypto';
import type { Sqlite } from '../../db/client';
import { getSetting, setSetting } from '../../db/kv';
import type { Session, Source } from '../../api/session';
import type { Permission } from '../../api/permissions';
import { DEFAULT_ROLES, PERMISSIONS, ROLE_KEYS } from '../../api/permissions';
import type { UserDto } from './contract';

export const SESSION_IDLE_HOURS = 12;
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  department_id: number | null;
  custodian_id: number | null;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  must_change_password: number;
  last_login_at: string | null;
  locale: string | null;
  version: number;
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export function seedRoles(sqlite: Sqlite, nowIso: string): void {
  const insert = sqlite.prepare(
    `INSERT OR IGNORE INTO roles (key, name, description, permissions, builtin, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, 1, 1, ?, ?)`,
  );
  for (const key of ROLE_KEYS) {
    const r = DEFAULT_ROLES[key];
    insert.run(key, r.name, r.description, JSON.stringify(r.permissions), nowIso, nowIso);
  }
}

/**
 * Grants the permissions a newer app version added to the built-in roles' defaults, once. What an
 * admin removed from a role on purpose stays removed: only permissions this database has never
 * known are added. Returns the number of roles changed.
 */
export function syncBuiltinRoles(sqlite: Sqlite, nowIso: string): number {
  const known = new Set<string>(getSetting<string[]>(sqlite, 'roles.knownPermissions') ?? []);
  const fresh = PERMISSIONS.filter((p) => !known.has(p));
  if (!fresh.length) return 0;
  let changed = 0;
  const read = sqlite.prepare('SELECT permissions FROM roles WHERE key = ? AND builtin = 1');
  const write = sqlite.prepare(
    'UPDATE roles SET permissions = ?, version = version + 1, updated_at = ? WHERE key = ?',
  );
  for (const key of ROLE_KEYS) {
    const row = read.get(key) as { permissions: string } | undefined;
    if (!row) continue;
    const current = new Set(JSON.parse(row.permissions) as string[]);
    const add = DEFAULT_ROLES[key].permissions.filter((p) => fresh.includes(p) && !current.has(p));
    if (!add.length) continue;
    for (const p of add) current.add(p);
    write.run(JSON.stringify([...current].sort()), nowIso, key);
    changed++;
  }
  setSetting(sqlite, 'roles.knownPermissions', [...PERMISSIONS], nowIso);
  return changed;
}

export function userRow(sqlite: Sqlite, id: number): UserRow | undefined {
  return sqlite.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function userRowByName(sqlite: Sqlite, username: string): UserRow | undefined {
  return sqlite.prepare('SELECT * FROM users WHERE username = ? COLLATE NOCASE').get(username) as
    UserRow | undefined;
}

export const ADMIN_ROLE = 'admin';

/**
 * A role's effective permissions. The admin role holds every permission the running app knows,
 * including ones added by a later version after the role row was written; unknown keys left in
 * the row by an older version are dropped.
 */
export function rolePermissions(key: string, stored: string): Permission[] {
  if (key === ADMIN_ROLE) return [...PERMISSIONS];
  const known = new Set<string>(PERMISSIONS);
  return (JSON.parse(stored) as string[]).filter((p): p is Permission => known.has(p));
}

export function rolesOf(sqlite: Sqlite, userId: number): { roles: string[]; permissions: Permission[] } {
  const rows = sqlite
    .prepare(
      `SELECT r.key, r.permissions FROM user_roles ur JOIN roles r ON r.key = ur.role_key
       WHERE ur.user_id = ? ORDER BY r.key`,
    )
    .all(userId) as { key: string; permissions: string }[];
  const perms = new Set<Permission>();
  for (const r of rows) for (const p of rolePermissions(r.key, r.permissions)) perms.add(p);
  return { roles: rows.map((r) => r.key), permissions: [...perms].sort() };
}

export function toUserDto(sqlite: Sqlite, row: UserRow): UserDto {
  const { roles, permissions } = rolesOf(sqlite, row.id);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles,
    permissions,
    departmentId: row.department_id,
    custodianId: row.custodian_id,
    active: !!row.active,
    lockedUntil: row.locked_until,
    mustChangePassword: !!row.must_change_password,
    lastLoginAt: row.last_login_at,
    locale: row.locale,
    version: row.version,
  };
}

export function insertUser(
  sqlite: Sqlite,
  u: {
    username: string;
    displayName: string;
    passwordHash: string;
    roles: string[];
    departmentId?: number | null;
    custodianId?: number | null;
    mustChangePassword?: boolean;
  },
  nowIso: string,
): number {
  const info = sqlite
    .prepare(
      `INSERT INTO users (username, display_name, password_hash, department_id, custodian_id, must_change_password,
         version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    )
    .run(
      u.username,
      u.displayName,
      u.passwordHash,
      u.departmentId ?? null,
      u.custodianId ?? null,
      u.mustChangePassword ? 1 : 0,
      nowIso,
      nowIso,
    );
  const id = Number(info.lastInsertRowid);
  const addRole = sqlite.prepare('INSERT INTO user_roles (user_id, role_key) VALUES (?, ?)');
  for (const r of u.roles) addRole.run(id, r);
  return id;
}

export function createSession(sqlite: Sqlite, userId: number, source: Source, now: Date): string {
  const token = randomBytes(32).toString('base64url');
  const nowIso = now.toISOString();
  const expires = new Date(now.getTime() + SESSION_IDLE_HOURS * 3600_000).toISOString();
  sqlite
    .prepare(
      'INSERT INTO sessions (token_hash, user_id, source, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(tokenHash(token), userId, source, nowIso, nowIso, expires);
  return token;
}

/**
 * Token → session, or null when unknown, expired or the user is inactive. Sliding expiry: the
 * expiry moves forward at most once a minute so reads stay cheap.
 */
export function makeSessionResolver(sqlite: Sqlite, now: () => Date) {
  const find = sqlite.prepare(
    `SELECT s.token_hash, s.expires_at, s.last_seen_at, u.id, u.username, u.display_name, u.custodian_id,
            u.department_id, u.active
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
  );
  const touch = sqlite.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?');
  return (token: string | null, source: Source): Session | null => {
    if (!token) return null;
    const h = tokenHash(token);
    const row = find.get(h) as
      | {
          token_hash: string;
          expires_at: string;
          last_seen_at: string;
          id: number;
          username: string;
          display_name: string;
          custodian_id: number | null;
          department_id: number | null;
          active: number;
        }
      | undefined;
    const t = now();
    if (!row || !row.active || row.expires_at <= t.toISOString()) return null;
    if (t.getTime() - Date.parse(row.last_seen_at) > 60_000) {
      touch.run(t.toISOString(), new Date(t.getTime() + SESSION_IDLE_HOURS * 3600_000).toISOString(), h);
    }
    const { roles, permissions } = rolesOf(sqlite, row.id);
    return {
      tokenHash: h,
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      roles,
      permissions: new Set(permissions),
      custodianId: row.custodian_id,
      departmentId: row.department_id,
      source,
    };
  };
}
