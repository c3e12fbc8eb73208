// The single door for every API call, from IPC and HTTP alike: unknown method, no session,
// missing permission and invalid input are answered here; the handler then runs in one synchronous
// transaction together with its audit record, and its events go out only after commit.
import type { z } from 'zod';
import { SqliteError } from 'better-sqlite3';
import { AppError } from './errors';
import type { ApiResult, FieldProblem } from './errors-shared';
import type { Access, ContractMap } from './contract';
import type { AuditInput, CoreServices, Ctx, HandlerFn } from './context';
import type { Caller, Session } from './session';
import type { Permission } from './permissions';
import { appendAudit } from '../modules/audit/audit-log';
import { localDate } from '../util/dates';

export type Dispatch = (caller: Caller, method: string, input: unknown) => ApiResult<unknown>;

export interface DispatchDeps {
  core: CoreServices;
  contracts: ContractMap;
  handlers: Record<string, HandlerFn<never>>;
  resolveSession(token: string | null, source: Caller['source']): Session | null;
}

const SECRET_KEYS = new Set([
  'password',
  'newPassword',
  'oldPassword',
  'adminPassword',
  'token',
  'file',
  'data',
]);

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEYS.has(k)
        ? typeof v === 'string' && v.length > 64
          ? `<${v.length} chars>`
          : '***'
        : redact(v);
    }
    return out;
  }
  return value;
}

/** The audit row for a write whose handler wrote none: entity from the method name, id from the input. */
export function defaultAudit(method: string, input: unknown): AuditInput {
  const parts = method.split('.');
  const rec = (input ?? {}) as Record<string, unknown>;
  const id = rec.id ?? rec.key ?? rec.assetId;
  return {
    entity: parts.length > 2 ? parts[parts.length - 2] : parts[0],
    entityId: typeof id === 'string' || typeof id === 'number' ? id : undefined,
    details: redact(input),
  };
}

export function hasAccess(session: Session | null, access: Access): boolean {
  if (access === 'public') return true;
  if (!session) return false;
  if (access === 'session') return true;
  const needed: readonly Permission[] = typeof access === 'string' ? [access] : access;
  return needed.some((p) => session.permissions.has(p));
}

export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const { code, path, message, ...rest } = issue as z.core.$ZodIssue & Record<string, unknown>;
    const params: Record<string, unknown> = {};
    for (const k of ['minimum', 'maximum', 'expected', 'format', 'values', 'keys', 'origin']) {
      if (k in rest) params[k] = rest[k];
    }
    return {
      path: path.map(String).join('.'),
      message: message.startsWith('validation.') ? message : `validation.${code}`,
      params: Object.keys(params).length ? params : undefined,
    };
  });
}

export function createDispatch(deps: DispatchDeps): Dispatch {
  const { core, contracts, handlers } = deps;
  const { sqlite } = core;

  return (caller, method, input) => {
    const spec = Object.prototype.hasOwnProperty.call(contracts, method) ? contracts[method] : undefined;
    const handler = spec ? handlers[method] : undefined;
    if (!spec || !handler) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: 'errors.unknownMethod', params: { method } },
      };
    }
    const session =
      spec.access === 'public' && !caller.token ? null : deps.resolveSession(caller.token, caller.source);
    if (spec.access !== 'public' && !session) {
      return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'errors.unauthenticated' } };
    }
    if (!hasAccess(session, spec.access)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'errors.forbidden', params: { method } } };
    }
    if (spec.mode === 'write' && core.integrity.status === 'failed') {
      return {
        ok: false,
        error: { code: 'DB_CORRUPT', message: 'errors.dbCorrupt', params: { detail: core.integrity.detail } },
      };
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'VALIDATION', message: 'errors.validation', details: zodProblems(parsed.error) },
      };
    }

    const now = core.now();
    const pendingEvents: { type: string; payload: unknown; userId?: number }[] = [];
    let audited = false;
    const auditOne = (entry: AuditInput) => {
      audited = true;
      appendAudit(sqlite, {
        at: now.toISOString(),
        userId: entry.actor ? entry.actor.userId : (session?.userId ?? null),
        username: entry.actor ? entry.actor.username : (session?.username ?? ''),
        source: caller.source,
        action: entry.action ?? method,
        entity: entry.entity,
        entityId: entry.entityId,
        details: entry.details,
      });
    };
    const ctx: Ctx = {
      core,
      db: core.db,
      sqlite,
      session,
      source: caller.source,
      ip: caller.ip,
      method,
      now,
      nowIso: now.toISOString(),
      today: localDate(now),
      user() {
        if (!session) throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated');
        return session;
      },
      audit: auditOne,
      emit: (type, payload, userId) => pendingEvents.push({ type, payload, userId }),
    };

    // Errors marked persist (e.g. a failed login's counter) commit their writes, then answer the error.
    let persisted: AppError | null = null;
    const run = () => {
      try {
        const result = (handler as HandlerFn<typeof spec>)(ctx, parsed.data);
        if (spec.mode === 'write' && !audited) auditOne(defaultAudit(method, parsed.data));
        return result;
      } catch (err) {
        if (err instanceof AppError && err.persist) {
          persisted = err;
          return undefined;
        }
        throw err;
      }
    };

    try {
      const tx = sqlite.transaction(run);
      const data = spec.mode === 'write' ? tx.immediate() : tx.deferred();
      for (const e of pendingEvents) core.events.emit(e);
      if (persisted) return { ok: false, error: (persisted as AppError).toApi() };
      return { ok: true, data };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toApi() };
      if (err instanceof SqliteError && err.code.startsWith('SQLITE_CONSTRAINT')) {
        return {
          ok: false,
          error: { code: 'DUPLICATE', message: 'errors.constraint', params: { detail: err.message } },
        };
      }
      console.error(`[dispatch] ${method} failed`, err);
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'errors.internal', params: { detail: String(err) } },
      };
    }
  };
}
