// Shared set-up for the monthly run, period and change voucher tests: a core on a settable clock, an
// accountant pair (maker and checker), one category and department, and asset cards made through the API.
import { insertUser } from '../../src/main/modules/users/accounts';
import { hashPassword } from '../../src/main/modules/users/passwords';
import { ADMIN_PASSWORD, startTestCore, type TestCore } from '../helpers/core';
import type { InputOf } from '../../src/main/api/contracts';

export interface PostResult {
  period: string;
  runId: number;
  assets: number;
  totalAmount: number;
  totalImpairment: number;
  unchanged: boolean;
}

export interface Ledger {
  t: TestCore;
  /** Moves the core's clock (local noon-ish UTC on that day). */
  setToday(date: string): void;
  admin: string;
  acc1: string;
  acc2: string;
  categoryId: number;
  otherCategoryId: number;
  deptId: number;
  otherDeptId: number;
  asset(input: Partial<InputOf<'assets.create'>>): { id: number; version: number };
  /** Posts a period (as the first accountant unless told) and waits for the job; returns its result. */
  post(period: string, token?: string): Promise<PostResult>;
}

export function startLedger(today: string): Ledger {
  let clock = new Date(`${today}T04:00:00Z`);
  const t = startTestCore({ now: () => clock });
  const { sqlite } = t.core.services;
  const mk = (username: string, roles: string[]) => {
    insertUser(
      sqlite,
      {
        username,
        displayName: username,
        passwordHash: hashPassword('pass-word-123'),
        roles,
        mustChangePassword: false,
      },
      clock.toISOString(),
    );
    return t.login(username, 'pass-word-123');
  };
  const acc1 = mk('acc1', ['accountant']);
  const acc2 = mk('acc2', ['accountant']);
  const leafCats = sqlite
    .prepare(
      `SELECT id FROM categories c WHERE active = 1 AND NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)
       ORDER BY id LIMIT 2`,
    )
    .pluck()
    .all() as number[];
  const dept = (code: string, name: string) =>
    t.call(t.adminToken, 'settings.departments.create', { code, name } as never) as unknown as { id: number };
  const d1 = dept('FIN', '财务部');
  const d2 = dept('OPS', '生产部');
  const ledger: Ledger = {
    t,
    setToday(date: string) {
      clock = new Date(`${date}T04:00:00Z`);
      // Sessions idle out across a month: sign everyone in again.
      ledger.admin = t.login('admin', ADMIN_PASSWORD);
      ledger.acc1 = t.login('acc1', 'pass-word-123');
      ledger.acc2 = t.login('acc2', 'pass-word-123');
    },
    admin: t.adminToken,
    acc1,
    acc2,
    categoryId: leafCats[0]!,
    otherCategoryId: leafCats[1]!,
    deptId: d1.id,
    otherDeptId: d2.id,
    asset(input) {
      const a = t.call(ledger.admin, 'assets.create', {
        name: '测试资产',
        categoryId: leafCats[0]!,
        departmentId: d1.id,
        ...input,
      } as InputOf<'assets.create'>);
      return { id: a.id, version: a.version };
    },
    async post(period, token = ledger.acc1) {
      const r = t.call(token, 'depreciation.run', { period, post: true });
      if (r.mode !== 'post') throw new Error('expected a job');
      const jobs = t.core.services.jobs;
      await jobs.idle();
      const job = jobs.get(r.jobId)!;
      if (job.status !== 'done') {
        const e = new Error(
          `job ${job.status}: ${job.error?.code} ${job.error?.message} ${JSON.stringify(job.error?.params)}`,
        );
        (e as Error & { code?: string }).code = job.error?.code;
        throw e;
      }
      return job.result as PostResult;
    },
  };
  return ledger;
}

export const yuan = (y: number) => Math.round(y * 100);

/** 'OK', or an error's code and message key, for comparing outcomes in one expectation. */
export const codeOf = (r: { ok: boolean; error?: { code: string; message: string } }) =>
  r.ok ? 'OK' : `${r.error!.code} ${r.error!.message}`;
