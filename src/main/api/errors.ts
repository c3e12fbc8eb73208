// Domain errors thrown by handlers and turned into { ok: false, error } by dispatch.
import type { ApiError, ErrorCode } from './errors-shared';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
    /** Commit the transaction's writes before answering with this error (e.g. failed-login counters). */
    readonly persist = false,
  ) {
    super(`${code}: ${messageKey} ${JSON.stringify(params)}`);
    this.name = 'AppError';
  }

  toApi(): ApiError {
    const out: ApiError = { code: this.code, message: this.messageKey };
    if (Object.keys(this.params).length) out.params = this.params;
    if (this.details !== undefined) out.details = this.details;
    return out;
  }
}

export const notFound = (entity: string, id: unknown) =>
  new AppError('NOT_FOUND', 'errors.notFound', { entity, id: String(id) });

export const conflict = (entity: string, id: unknown, details?: unknown) =>
  new AppError('CONFLICT', 'errors.conflict', { entity, id: String(id) }, details);

export const validation = (path: string, message: string, params?: Record<string, unknown>) =>
  new AppError('VALIDATION', 'errors.validation', {}, [{ path, message, params }]);
