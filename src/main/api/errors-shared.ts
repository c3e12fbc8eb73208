// Error codes and the result envelope shared by core and renderer (pure, no Node imports).

export type ErrorCode =
  | 'VALIDATION'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'NOT_FOUND'
  | 'UNKNOWN_METHOD'
  | 'PERIOD_CLOSED'
  | 'ASSET_LOCKED'
  | 'INVALID_TRANSITION'
  | 'DUPLICATE'
  | 'IN_USE'
  | 'ACCOUNT_LOCKED'
  | 'BAD_CREDENTIALS'
  | 'RATE_LIMITED'
  | 'SETUP_REQUIRED'
  | 'ALREADY_SET_UP'
  | 'DB_TOO_NEW'
  | 'DB_CORRUPT'
  | 'CANCELLED'
  /** A device (printer, reader) is unreachable or reports a fault (paper out, head open). */
  | 'DEVICE_ERROR'
  | 'INTERNAL';

export interface FieldProblem {
  /** Dotted path of the input field, e.g. "cost" or "sort.0.field". */
  path: string;
  /** i18n key of the message, e.g. "validation.required". */
  message: string;
  params?: Record<string, unknown>;
}

export interface ApiError {
  code: ErrorCode;
  /** i18n key; the renderer translates it with params. */
  message: string;
  params?: Record<string, unknown>;
  details?: unknown;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
