// Account and role administration (users.*, roles.*): the rules that keep at least one active
// admin, keep the admin role all-powerful, and never leave a session alive for a disabled account.
import type { HandlersOf } from '../../api/context';
import { AppError, conflict, notFound, validation } from '../../api/errors';
import { PERMISSIONS, ROLE_KEYS, type Permission } from '../../api/permissions';
import type { Sqlite } from '../../db/client';
import type { RoleDto, usersContract } from './contract';
import { ADMIN_ROLE, insertUser, rolePermissions, toUserDto, userRow, userRowByName } from './accounts';
import { hashPassword } from './passwords';
import { lookupUsers } from './lookup';

type AdminMethods = Omit<
  typeof usersContract,
  'auth.login' | 'auth.logout' | 'auth.me' | 'auth.changePassword'
>;

interface RoleRow {
  key: string;
  name: string;
  description: string;
  permissions: string;
  builtin: number;
  version: number;
  updated_at: string;
}

function roleRow(sqlite: Sqlite, key: string): RoleRow | undefined {
  return sqlite.prepare('SELECT * FROM roles WHERE key = ?').get(key) as RoleRow | undefined;
}

function toRoleDto(sqlite: Sqlite, r: RoleRow): RoleDto {
  const { n } = sqlite.prepare('SELECT COUNT(*) AS n FROM user_roles WHERE role_key = ?').get(r.key) as {
    n: number;
  };
  return {
    key: r.key,
    name: r.name,
    description: r.description,
    permissions: rolePermissions(r.key, r.permissions),
    builtin: !!r.builtin,
    userCount: n,
    version: r.version,
  };
}

function mustGetUser(sqlite: Sqlite, id: number) {
  const row = userRow(sqlite, id);
  if (!row) throw notFound('user', id);
  return row;
}

/** Who last changed a row, from the audit log, so a CONFLICT can say so. */
function lastChange(sqlite: Sqlite, entity: string, entityId: string | number) {
  const row = sqlite
    .prepare(
      'SELECT at, username, action FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1',
    )
    .get(entity, String(entityId)) as { at: string; username: string; action: string } | undefined;
  return row ? { changedAt: row.at, changedBy: row.username, action: row.action } : {};
}

function checkRolesExist(sqlite: Sqlite, roles: string[]): void {
  const has = sqlite.prepare('SELECT 1 FROM roles WHERE key = ?');
  const unknown = roles.filter((r) => !has.get(r));
  if (unknown.length) throw validation('roles', 'validation.unknownRole', { roles: unknown });
}

function checkRefs(
  sqlite: Sqlite,
  input: { departmentId?: number | null; custodianId?: number | null },
  userId?: number,
) {
  if (
    input.departmentId != null &&
    !sqlite.prepare('SELECT 1 FROM departments WHERE id = ?').get(input.departmentId)
  ) {
    throw validation('departmentId', 'validation.notFound', { entity: 'department', id: input.departmentId });
  }
  if (input.custodianId != null) {
    if (!sqlite.prepare('SELECT 1 FROM custodians WHERE id = ?').get(input.custodianId)) {
      throw validation('custodianId', 'validation.notFound', { entity: 'custodian', id: input.custodianId });
    }
    // One person, one account: "my assets" must not be visible through two logins.
    const other = sqlite
      .prepare('SELECT username FROM users WHERE custodian_id = ? AND id <> ?')
      .get(input.custodianId, userId ?? 0) as { username: string } | undefined;
    if (other)
      throw validation('custodianId', 'validation.custodianHasAccount', { username: other.username });
  }
}

function otherActiveAdmins(sqlite: Sqlite, userId: number): number {
  const { n } = sqlite
    .prepare(
      `SELECT COUNT(*) AS n FROM users u JOIN user_roles ur ON ur.user_id = u.id
       WHERE ur.role_key = ? AND u.active = 1 AND u.id <> ?`,
    )
    .get(ADMIN_ROLE, userId) as { n: number };
  return n;
}

const lastAdmin = (path: 'active' | 'roles') =>
  new AppError('VALIDATION', 'errors.lastAdmin', {}, [{ path, message: 'validation.lastAdmin' }]);

function setRoles(sqlite: Sqlite, userId: number, roles: string[]): void {
  sqlite.prepare('DELETE FROM user_roles WHERE user_id = ?').run(userId);
  const add = sqlite.prepare('INSERT INTO user_roles (user_id, role_key) VALUES (?, ?)');
  for (const r of new Set(roles)) add.run(userId, r);
}

const endSessions = (sqlite: Sqlite, userId: number) =>
  sqlite.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;

export const usersHandlers: HandlersOf<AdminMethods> = {
  'users.lookup': (ctx, input) => lookupUsers(ctx, input),
  'users.list': (ctx, { query, includeInactive, offset, limit }) => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!includeInactive) where.push('active = 1');
    if (query) {
      const like = `%${query.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      where.push(`(username LIKE ? ESCAPE '\\' OR display_name LIKE ? ESCAPE '\\')`);
      params.push(like, like);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const { total } = ctx.sqlite.prepare(`SELECT COUNT(*) AS total FROM users ${w}`).get(...params) as {
      total: number;
    };
    const rows = ctx.sqlite
      .prepare(`SELECT * FROM users ${w} ORDER BY username COLLATE NOCASE LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as Parameters<typeof toUserDto>[1][];
    return { rows: rows.map((r) => toUserDto(ctx.sqlite, r)), total };
  },

  'users.get': (ctx, { id }) => toUserDto(ctx.sqlite, mustGetUser(ctx.sqlite, id)),

  'users.create': (ctx, input) => {
    if (userRowByName(ctx.sqlite, input.username)) {
      throw validation('username', 'validation.usernameTaken', { username: input.username });
    }
    checkRolesExist(ctx.sqlite, input.roles);
    checkRefs(ctx.sqlite, input);
    const id = insertUser(
      ctx.sqlite,
      {
        username: input.username,
        displayName: input.displayName,
        passwordHash: hashPassword(input.password),
        roles: [...new Set(input.roles)],
        departmentId: input.departmentId,
        custodianId: input.custodianId,
        mustChangePassword: input.mustChangePassword,
      },
      ctx.nowIso,
    );
    const dto = toUserDto(ctx.sqlite, userRow(ctx.sqlite, id)!);
    ctx.audit({
      entity: 'user',
      entityId: id,
      details: {
        username: dto.username,
        displayName: dto.displayName,
        roles: dto.roles,
        departmentId: dto.departmentId,
        custodianId: dto.custodianId,
        mustChangePassword: dto.mustChangePassword,
      },
    });
    return dto;
  },

  'users.update': (ctx, input) => {
    const row = mustGetUser(ctx.sqlite, input.id);
    if (row.version !== input.version) {
      throw conflict('user', input.id, {
        currentVersion: row.version,
        ...lastChange(ctx.sqlite, 'user', input.id),
      });
    }
    const before = toUserDto(ctx.sqlite, row);
    if (input.roles) checkRolesExist(ctx.sqlite, input.roles);
    checkRefs(ctx.sqlite, input, row.id);
    const wasAdmin = before.active && before.roles.includes(ADMIN_ROLE);
    if (wasAdmin && otherActiveAdmins(ctx.sqlite, row.id) === 0) {
      if (input.active === false) throw lastAdmin('active');
      if (input.roles && !input.roles.includes(ADMIN_ROLE)) throw lastAdmin('roles');
    }

    const sets: string[] = [];
    const params: unknown[] = [];
    const columns = {
      displayName: 'display_name',
      departmentId: 'department_id',
      custodianId: 'custodian_id',
      locale: 'locale',
    } as const;
    for (const [field, column] of Object.entries(columns) as [keyof typeof columns, string][]) {
      if (input[field] !== undefined) {
        sets.push(`${column} = ?`);
        params.push(input[field]);
      }
    }
    if (input.active !== undefined) {
      sets.push('active = ?');
      params.push(input.active ? 1 : 0);
    }
    ctx.sqlite
      .prepare(
        `UPDATE users SET ${[...sets, 'version = version + 1', 'updated_at = ?'].join(', ')} WHERE id = ?`,
      )
      .run(...params, ctx.nowIso, row.id);
    if (input.roles) setRoles(ctx.sqlite, row.id, input.roles);
    let sessionsEnded = 0;
    if (input.active === false && before.active) sessionsEnded = endSessions(ctx.sqlite, row.id);

    const after = toUserDto(ctx.sqlite, userRow(ctx.sqlite, row.id)!);
    const changes = (['displayName', 'roles', 'departmentId', 'custodianId', 'active', 'locale'] as const)
      .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
      .map((f) => ({ field: f, before: before[f], after: after[f] }));
    ctx.audit({
      entity: 'user',
      entityId: row.id,
      details: { username: row.username, changes, ...(sessionsEnded ? { sessionsEnded } : {}) },
    });
    return after;
  },

  'users.resetPassword': (ctx, { id, newPassword }) => {
    const row = mustGetUser(ctx.sqlite, id);
    ctx.sqlite
      .prepare(
        `UPDATE users SET password_hash = ?, must_change_password = 1, failed_logins = 0, locked_until = NULL,
           version = version + 1, updated_at = ? WHERE id = ?`,
      )
      .run(hashPassword(newPassword), ctx.nowIso, id);
    const sessionsEnded = endSessions(ctx.sqlite, id);
    ctx.audit({
      entity: 'user',
      entityId: id,
      details: {
        username: row.username,
        wasLocked: !!row.locked_until && row.locked_until > ctx.nowIso,
        sessionsEnded,
      },
    });
    return { ok: true };
  },

  'users.unlock': (ctx, { id }) => {
    const row = mustGetUser(ctx.sqlite, id);
    ctx.sqlite
      .prepare(
        'UPDATE users SET failed_logins = 0, locked_until = NULL, version = version + 1, updated_at = ? WHERE id = ?',
      )
      .run(ctx.nowIso, id);
    ctx.audit({
      entity: 'user',
      entityId: id,
      details: { username: row.username, lockedUntil: row.locked_until, failedLogins: row.failed_logins },
    });
    return toUserDto(ctx.sqlite, userRow(ctx.sqlite, id)!);
  },

  'roles.list': (ctx) => {
    const rows = ctx.sqlite.prepare('SELECT * FROM roles').all() as RoleRow[];
    const order = (k: string) => {
      const i = (ROLE_KEYS as readonly string[]).indexOf(k);
      return i < 0 ? ROLE_KEYS.length : i;
    };
    rows.sort((a, b) => order(a.key) - order(b.key) || a.key.localeCompare(b.key));
    return rows.map((r) => toRoleDto(ctx.sqlite, r));
  },

  'roles.permissions': () => [...PERMISSIONS],

  'roles.create': (ctx, input) => {
    if (roleRow(ctx.sqlite, input.key))
      throw validation('key', 'validation.roleKeyTaken', { key: input.key });
    const permissions = [...new Set(input.permissions)].sort();
    ctx.sqlite
      .prepare(
        `INSERT INTO roles (key, name, description, permissions, builtin, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, 0, 1, ?, ?)`,
      )
      .run(input.key, input.name, input.description, JSON.stringify(permissions), ctx.nowIso, ctx.nowIso);
    ctx.audit({ entity: 'role', entityId: input.key, details: { name: input.name, permissions } });
    return toRoleDto(ctx.sqlite, roleRow(ctx.sqlite, input.key)!);
  },

  'roles.update': (ctx, input) => {
    const row = roleRow(ctx.sqlite, input.key);
    if (!row) throw notFound('role', input.key);
    if (row.version !== input.version) {
      throw conflict('role', input.key, {
        currentVersion: row.version,
        ...lastChange(ctx.sqlite, 'role', input.key),
      });
    }
    const before = toRoleDto(ctx.sqlite, row);
    let permissions: Permission[] | undefined;
    if (input.permissions) {
      permissions = [...new Set(input.permissions)].sort();
      if (input.key === ADMIN_ROLE && permissions.length !== PERMISSIONS.length) {
        throw validation('permissions', 'validation.adminKeepsAllPermissions');
      }
    }
    ctx.sqlite
      .prepare(
        `UPDATE roles SET name = ?, description = ?, permissions = ?, version = version + 1, updated_at = ?
         WHERE key = ?`,
      )
      .run(
        input.name ?? row.name,
        input.description ?? row.description,
        permissions ? JSON.stringify(permissions) : row.permissions,
        ctx.nowIso,
        input.key,
      );
    const after = toRoleDto(ctx.sqlite, roleRow(ctx.sqlite, input.key)!);
    const added = after.permissions.filter((p) => !before.permissions.includes(p));
    const removed = before.permissions.filter((p) => !after.permissions.includes(p));
    ctx.audit({
      entity: 'role',
      entityId: input.key,
      details: {
        ...(before.name !== after.name ? { name: { before: before.name, after: after.name } } : {}),
        ...(before.description !== after.description
          ? { description: { before: before.description, after: after.description } }
          : {}),
        ...(added.length ? { permissionsAdded: added } : {}),
        ...(removed.length ? { permissionsRemoved: removed } : {}),
      },
    });
    return after;
  },

  'roles.delete': (ctx, { key }) => {
    const row = roleRow(ctx.sqlite, key);
    if (!row) throw notFound('role', key);
    if (row.builtin) throw new AppError('VALIDATION', 'errors.builtinRole', { key });
    const holders = ctx.sqlite
      .prepare(
        'SELECT u.username FROM user_roles ur JOIN users u ON u.id = ur.user_id WHERE ur.role_key = ? ORDER BY 1',
      )
      .all(key) as { username: string }[];
    if (holders.length) {
      throw new AppError('IN_USE', 'errors.roleInUse', {
        key,
        users: holders.length,
        usernames: holders.slice(0, 5).map((h) => h.username),
      });
    }
    ctx.sqlite.prepare('DELETE FROM roles WHERE key = ?').run(key);
    ctx.audit({
      entity: 'role',
      entityId: key,
      details: { name: row.name, permissions: rolePermissions(key, row.permissions) },
    });
    return { key };
  },
};
