// Test harness: a real core on a fresh data folder with the real migrations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type Core } from '../../src/main/core';
import type { Caller } from '../../src/main/api/session';
import type { InputOf, MethodName, ResultOf } from '../../src/main/api/contracts';
import type { ApiResult } from '../../src/main/api/errors-shared';

export const ADMIN_PASSWORD = 'admin-pass-123';

export interface TestCore {
  core: Core;
  dataDir: string;
  /** Calls as the given token (or anonymously), returning the raw envelope. */
  raw(token: string | null, method: string, input?: unknown): ApiResult<unknown>;
  /** Calls and unwraps; throws with the error code when the call fails. */
  call<M extends MethodName>(token: string | null, method: M, input?: InputOf<M>): ResultOf<M>;
  login(username: string, password: string): string;
  adminToken: string;
  close(): Promise<void>;
}

export function makeTempDir(prefix = 'fams-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function startTestCore(
  opts: { now?: () => Date; headless?: boolean; autoBackup?: boolean } = {},
): TestCore {
  const dataDir = makeTempDir();
  const core = startCore({
    dataDir,
    now: opts.now,
    // Daily/exit backups have their own tests; elsewhere they would only slow every close.
    autoBackup: opts.autoBackup ?? false,
    adminPassword: opts.headless === false ? undefined : ADMIN_PASSWORD,
  });
  const raw = (token: string | null, method: string, input?: unknown) =>
    core.dispatch({ token, source: 'desktop' } satisfies Caller, method, input ?? {});
  const call = <M extends MethodName>(token: string | null, method: M, input?: InputOf<M>): ResultOf<M> => {
    const r = raw(token, method, input);
    if (!r.ok) {
      const e = new Error(
        `${method} → ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details ?? r.error.params ?? '')}`,
      );
      (e as Error & { code: string }).code = r.error.code;
      throw e;
    }
    return r.data as ResultOf<M>;
  };
  const login = (username: string, password: string) =>
    call(null, 'auth.login', { username, password }).token;
  const adminToken = opts.headless === false ? '' : login('admin', ADMIN_PASSWORD);
  return {
    core,
    dataDir,
    raw,
    call,
    login,
    adminToken,
    async close() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
