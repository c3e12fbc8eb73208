// "While I'm away" delegations: between two dates another approver may act for the delegator.
import type { Ctx } from '../../api/context';
import { AppError, conflict, notFound, validation } from '../../api/errors';
import type { DelegationDto } from './contract';
import { approvalKind } from './registry';
import { canApprove } from './resolve';

interface Row {
  id: number;
  from_user_id: number;
  from_name: string;
  to_user_id: number;
  to_name: string;
  start_date: string;
  end_date: string;
  kind: string | null;
  note: string;
  active: number;
  version: number;
}

const SELECT = `SELECT d.*, f.display_name AS from_name, t.display_name AS to_name FROM approval_delegations d
  JOIN users f ON f.id = d.from_user_id JOIN users t ON t.id = d.to_user_id`;

const toDto = (r: Row): DelegationDto => ({
  id: r.id,
  fromUserId: r.from_user_id,
  fromUserName: r.from_name,
  toUserId: r.to_user_id,
  toUserName: r.to_name,
  startDate: r.start_date,
  endDate: r.end_date,
  kind: r.kind,
  note: r.note,
  active: r.active === 1,
  version: r.version,
});

function get(ctx: Ctx, id: number): Row {
  const r = ctx.sqlite.prepare(`${SELECT} WHERE d.id = ?`).get(id) as Row | undefined;
  if (!r) throw notFound('delegation', id);
  return r;
}

const isManager = (ctx: Ctx) => ctx.user().permissions.has('approvals.templates');

export function listDelegations(ctx: Ctx, all: boolean): DelegationDto[] {
  const me = ctx.user().userId;
  const rows = (
    all && isManager(ctx)
      ? ctx.sqlite.prepare(`${SELECT} ORDER BY d.start_date DESC, d.id DESC`).all()
      : ctx.sqlite
          .prepare(
            `${SELECT} WHERE d.from_user_id = ? OR d.to_user_id = ? ORDER BY d.start_date DESC, d.id DESC`,
          )
          .all(me, me)
  ) as Row[];
  return rows.map(toDto);
}

export function createDelegation(
  ctx: Ctx,
  input: {
    toUserId: number;
    startDate: string;
    endDate: string;
    kind: string | null;
    note: string;
    fromUserId?: number;
  },
): DelegationDto {
  const me = ctx.user().userId;
  const from = input.fromUserId ?? me;
  if (from !== me && !isManager(ctx))
    throw new AppError('FORBIDDEN', 'errors.forbidden', { method: ctx.method });
  if (input.kind !== null) approvalKind(input.kind);
  if (input.toUserId === from) throw validation('toUserId', 'validation.approvalDelegateSelf');
  if (!canApprove(ctx.sqlite, input.toUserId))
    throw validation('toUserId', 'validation.approvalDelegateNotApprover');
  if (!ctx.sqlite.prepare('SELECT 1 FROM users WHERE id = ?').get(from)) throw notFound('user', from);
  const id = Number(
    ctx.sqlite
      .prepare(
        `INSERT INTO approval_delegations (from_user_id, to_user_id, start_date, end_date, kind, note, active, version,
           created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, 1, ?, ?)`,
      )
      .run(
        from,
        input.toUserId,
        input.startDate,
        input.endDate,
        input.kind,
        input.note,
        ctx.nowIso,
        ctx.nowIso,
      ).lastInsertRowid,
  );
  const dto = toDto(get(ctx, id));
  ctx.audit({ entity: 'approvalDelegation', entityId: id, details: dto });
  ctx.emit('approvals.changed', { delegation: id });
  return dto;
}

export function cancelDelegation(ctx: Ctx, id: number, version: number): DelegationDto {
  const r = get(ctx, id);
  const me = ctx.user().userId;
  if (r.from_user_id !== me && r.to_user_id !== me && !isManager(ctx)) {
    throw new AppError('FORBIDDEN', 'errors.forbidden', { method: ctx.method });
  }
  if (r.version !== version) throw conflict('delegation', id, { current: toDto(r) });
  ctx.sqlite
    .prepare('UPDATE approval_delegations SET active = 0, version = version + 1, updated_at = ? WHERE id = ?')
    .run(ctx.nowIso, id);
  ctx.audit({ entity: 'approvalDelegation', entityId: id, details: { cancelled: true } });
  ctx.emit('approvals.changed', { delegation: id });
  return toDto(get(ctx, id));
}
