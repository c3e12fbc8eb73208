// Sign-in and account handlers.
import type { HandlersOf } from '../../api/context';
import { AppError } from '../../api/errors';
import type { usersContract } from './contract';
import {
  LOCKOUT_MINUTES,
  LOCKOUT_THRESHOLD,
  createSession,
  toUserDto,
  userRow,
  userRowByName,
} from './accounts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords';

type AuthMethods = Pick<
  typeof usersContract,
  'auth.login' | 'auth.logout' | 'auth.me' | 'auth.changePassword'
>;

export const authHandlers: HandlersOf<AuthMethods> = {
  'auth.login': (ctx, { username, password }) => {
    const row = userRowByName(ctx.sqlite, username);
    if (!row) {
      verifyPassword(password, DUMMY_HASH);
      ctx.audit({
        action: 'auth.login_failed',
        actor: { userId: null, username },
        entity: 'user',
        details: { username, reason: 'unknown_user' },
      });
      throw new AppError('BAD_CREDENTIALS', 'errors.badCredentials', {}, undefined, true);
    }
    if (row.locked_until && row.locked_until > ctx.nowIso) {
      ctx.audit({
        action: 'auth.login_refused',
        actor: { userId: row.id, username: row.username },
        entity: 'user',
        entityId: row.id,
        details: { reason: 'locked' },
      });
      throw new AppError(
        'ACCOUNT_LOCKED',
        'errors.accountLocked',
        { until: row.locked_until },
        undefined,
        true,
      );
    }
    if (!verifyPassword(password, row.password_hash) || !row.active) {
      const failures = row.failed_logins + 1;
      const lock = failures >= LOCKOUT_THRESHOLD;
      const until = lock ? new Date(ctx.now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
      ctx.sqlite
        .prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?')
        .run(lock ? 0 : failures, until, row.id);
      ctx.audit({
        action: 'auth.login_failed',
        actor: { userId: row.id, username: row.username },
        entity: 'user',
        entityId: row.id,
        details: {
          username: row.username,
          failures,
          locked: lock,
          reason: row.active ? 'password' : 'inactive',
        },
      });
      if (lock) throw new AppError('ACCOUNT_LOCKED', 'errors.accountLocked', { until }, undefined, true);
      throw new AppError('BAD_CREDENTIALS', 'errors.badCredentials', {}, undefined, true);
    }
    ctx.sqlite
      .prepare('UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?')
      .run(ctx.nowIso, row.id);
    const token = createSession(ctx.sqlite, row.id, ctx.source, ctx.now);
    ctx.audit({
      action: 'auth.login',
      actor: { userId: row.id, username: row.username },
      entity: 'user',
      entityId: row.id,
      details: { ip: ctx.ip ?? null },
    });
    return { token, user: toUserDto(ctx.sqlite, userRow(ctx.sqlite, row.id)!) };
  },

  'auth.logout': (ctx) => {
    const s = ctx.user();
    ctx.sqlite.prepare('DELETE FROM sessions WHERE token_hash = ?').run(s.tokenHash);
    ctx.audit({ entity: 'user', entityId: s.userId });
    return { ok: true };
  },

  'auth.me': (ctx) => toUserDto(ctx.sqlite, userRow(ctx.sqlite, ctx.user().userId)!),

  'auth.changePassword': (ctx, { oldPassword, newPassword }) => {
    const s = ctx.user();
    const row = userRow(ctx.sqlite, s.userId)!;
    if (!verifyPassword(oldPassword, row.password_hash)) {
      throw new AppError('VALIDATION', 'errors.validation', {}, [
        { path: 'oldPassword', message: 'validation.wrongPassword' },
      ]);
    }
    ctx.sqlite
      .prepare(
        'UPDATE users SET password_hash = ?, must_change_password = 0, version = version + 1, updated_at = ? WHERE id = ?',
      )
      .run(hashPassword(newPassword), ctx.nowIso, s.userId);
    ctx.sqlite
      .prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?')
      .run(s.userId, s.tokenHash);
    ctx.audit({ entity: 'user', entityId: s.userId });
    return { ok: true };
  },
};

// users.* and roles.* live in users-admin.ts.
export { usersHandlers } from './users-admin';
