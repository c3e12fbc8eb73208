// Depreciation API handlers: the public schedule preview, the monthly run (preview, or a posting job) and
// the posted entries.
import type { HandlersOf } from '../../api/context';
import type { Sqlite } from '../../db/client';
import { localPeriod } from '../../util/dates';
import type { depreciationContract, EntryDto, RunStatus } from './contract';
import { computeSchedule } from './engine';
import { BOOK, type MonthEntry } from './ledger-month';
import { postPeriodJob } from './post-job';
import {
  PeriodComputation,
  differingAssets,
  postablePeriods,
  assertPostable,
  postedEntries,
  recordPreview,
  summarise,
  totalsOf,
} from './run';

function withNames(sqlite: Sqlite, period: string, entries: MonthEntry[]): EntryDto[] {
  const q = sqlite.prepare('SELECT asset_code, name FROM assets WHERE id = ?');
  return entries.map((e) => {
    const a = q.get(e.assetId) as { asset_code: string; name: string } | undefined;
    return {
      period,
      assetId: e.assetId,
      assetCode: a?.asset_code ?? '',
      assetName: a?.name ?? '',
      categoryId: e.categoryId,
      expenseDepartmentId: e.expenseDepartmentId,
      cost: e.cost,
      amount: e.amount,
      accumulated: e.accumulated,
      impairment: e.impairment,
      impairmentCharge: e.impairmentCharge,
      netBookValue: e.nbv,
      disposed: e.disposed === 1,
    };
  });
}

export const depreciationHandlers: HandlersOf<typeof depreciationContract> = {
  'depreciation.preview': (_ctx, input) => computeSchedule(input),

  'depreciation.run': (ctx, { period, post, offset, limit }) => {
    const s = ctx.user();
    const current = localPeriod(ctx.now);
    if (post) {
      assertPostable(ctx.sqlite, period, current);
      const jobId = ctx.core.jobs.start('depreciation.post', s.userId, (job) =>
        postPeriodJob(ctx.core, { period, userId: s.userId, username: s.username, source: ctx.source }, job),
      );
      ctx.audit({
        action: 'depreciation.run',
        entity: 'depreciation_run',
        entityId: period,
        details: { period, post, jobId },
      });
      return { mode: 'post' as const, period, jobId };
    }
    const entries = PeriodComputation.all(ctx.sqlite, period);
    const postable = postablePeriods(ctx.sqlite, current).includes(period);
    const run = ctx.sqlite
      .prepare('SELECT status FROM depreciation_runs WHERE period = ? AND book = ?')
      .pluck()
      .get(period, BOOK) as RunStatus | undefined;
    if (postable && run !== 'posted') recordPreview(ctx.sqlite, period, entries, s.userId, ctx.nowIso);
    const totals = totalsOf(entries);
    ctx.audit({
      action: 'depreciation.run',
      entity: 'depreciation_run',
      entityId: period,
      details: { period, post, totals },
    });
    return {
      mode: 'preview' as const,
      period,
      postable,
      runStatus: run ?? (postable ? 'previewed' : 'none'),
      totals,
      ...summarise(ctx.sqlite, entries),
      rows: withNames(ctx.sqlite, period, entries.slice(offset, offset + limit)),
      total: entries.length,
      changedSincePost:
        run === 'posted' ? differingAssets(postedEntries(ctx.sqlite, period), entries).length : null,
    };
  },

  'depreciation.entries': (ctx, { period, assetId, offset, limit }) => {
    const where = ['book = ?'];
    const args: unknown[] = [BOOK];
    if (period !== undefined) {
      where.push('period = ?');
      args.push(period);
    }
    if (assetId !== undefined) {
      where.push('asset_id = ?');
      args.push(assetId);
    }
    const w = where.join(' AND ');
    const total = ctx.sqlite
      .prepare(`SELECT count(*) FROM depreciation_entries WHERE ${w}`)
      .pluck()
      .get(...args) as number;
    const rows = ctx.sqlite
      .prepare(
        `SELECT period, asset_id, category_id, expense_department_id, cost, amount, accumulated, impairment,
           impairment_charge, nbv, disposed FROM depreciation_entries WHERE ${w}
         ORDER BY period, asset_id LIMIT ? OFFSET ?`,
      )
      .all(...args, limit, offset) as {
      period: string;
      asset_id: number;
      category_id: number;
      expense_department_id: number | null;
      cost: number;
      amount: number;
      accumulated: number;
      impairment: number;
      impairment_charge: number;
      nbv: number;
      disposed: 0 | 1;
    }[];
    return {
      total,
      rows: rows.flatMap((r) =>
        withNames(ctx.sqlite, r.period, [
          {
            assetId: r.asset_id,
            categoryId: r.category_id,
            expenseDepartmentId: r.expense_department_id,
            cost: r.cost,
            amount: r.amount,
            accumulated: r.accumulated,
            impairment: r.impairment,
            impairmentCharge: r.impairment_charge,
            nbv: r.nbv,
            disposed: r.disposed,
          },
        ]),
      ),
    };
  },
};
