// What every handler receives: the database, who is calling, the clock, and the ways to record
// (audit) and announce (events, queued until commit) what it did.
import type { z } from 'zod';
import type { Db, Sqlite } from '../db/client';
import type { EventHub } from '../events';
import type { IntegrityState } from '../db/integrity';
import type { JobManager } from '../jobs/jobs';
import type { ContractMap, MethodSpec } from './contract';
import type { Session, Source } from './session';

export interface CoreServices {
  dataDir: string;
  db: Db;
  sqlite: Sqlite;
  events: EventHub;
  jobs: JobManager;
  now: () => Date;
  /** App version (package.json) and schema version, for status and backups. */
  appVersion: string;
  schemaVersion: number;
  /** Result of PRAGMA quick_check (run in the background on large ledgers). */
  integrity: IntegrityState;
}

export interface AuditInput {
  action?: string;
  /** Who, when there is no session yet (sign-in). */
  actor?: { userId: number | null; username: string };
  entity?: string;
  entityId?: string | number;
  details?: unknown;
}

export interface Ctx {
  core: CoreServices;
  db: Db;
  sqlite: Sqlite;
  session: Session | null;
  source: Source;
  ip?: string;
  method: string;
  /** Fixed at the start of the call, so one call has one timestamp. */
  now: Date;
  nowIso: string;
  /** Local calendar date YYYY-MM-DD. */
  today: string;
  /** The session, or UNAUTHENTICATED; for methods that need a signed-in user. */
  user(): Session;
  audit(entry: AuditInput): void;
  emit(type: string, payload: unknown, userId?: number): void;
}

export type HandlerFn<S extends MethodSpec> = (ctx: Ctx, input: z.output<S['input']>) => S['result'];
export type HandlersOf<C extends ContractMap> = { [K in keyof C]: HandlerFn<C[K]> };
