// A handler context for work a job does after its starting call returned: the same session, clock
// and audit, with source 'import', and events held until the job's transaction has committed.
import type { AuditInput, Ctx, CoreServices } from '../../api/context';
import { AppError } from '../../api/errors';
import type { Session } from '../../api/session';
import { appendAudit } from '../audit/audit-log';
import { localDate } from '../../util/dates';

export interface JobCtx extends Ctx {
  /** Emit the held events (call after commit). */
  flush(): void;
}

export function jobCtx(core: CoreServices, session: Session | null, method: string): JobCtx {
  const now = core.now();
  const held: { type: string; payload: unknown; userId?: number }[] = [];
  return {
    core,
    db: core.db,
    sqlite: core.sqlite,
    session,
    source: 'import',
    method,
    now,
    nowIso: now.toISOString(),
    today: localDate(now),
    user() {
      if (!session) throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated');
      return session;
    },
    audit(entry: AuditInput) {
      appendAudit(core.sqlite, {
        at: now.toISOString(),
        userId: session?.userId ?? null,
        username: session?.username ?? '',
        source: 'import',
        action: entry.action ?? method,
        entity: entry.entity,
        entityId: entry.entityId,
        details: entry.details,
      });
    },
    emit(type, payload, userId) {
      held.push({ type, payload, userId });
    },
    flush() {
      // Many 'assets.changed' events collapse into one.
      const ids: number[] = [];
      for (const e of held) {
        if (e.type === 'assets.changed') ids.push(...((e.payload as { ids?: number[] }).ids ?? []));
        else core.events.emit(e);
      }
      if (ids.length)
        core.events.emit({
          type: 'assets.changed',
          payload: { ids: ids.length <= 1000 ? ids : [], bulk: true },
        });
      held.length = 0;
    },
  };
}

/** Re-thrown with the sheet row, so the failed job says where. */
export function atRow(err: unknown, row: number): unknown {
  if (!(err instanceof AppError)) return err;
  return new AppError(err.code, err.messageKey, { ...err.params, row }, err.details);
}
