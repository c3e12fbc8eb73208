// Periods handlers: list, close (posted, up to date, reconciled) and reopen (admin, latest closed only).
import type { HandlersOf } from '../../api/context';
import { AppError, validation } from '../../api/errors';
import { localPeriod } from '../../util/dates';
import { BOOK } from '../depreciation/ledger-month';
import {
  PeriodComputation,
  differingAssets,
  firstPeriod,
  nextPeriod,
  postablePeriods,
  postedEntries,
} from '../depreciation/run';
import type { periodsContract, PeriodDto } from './contract';
import { movementSummary } from './movement';

interface PeriodRow {
  period: string;
  status: string;
  closed_at: string | null;
  closed_by_name: string | null;
  reopened_at: string | null;
  reopen_reason: string | null;
  version: number;
}

interface RunRow {
  period: string;
  status: 'previewed' | 'posted';
  asset_count: number;
  total_amount: number;
  total_impairment: number;
  posted_at: string | null;
}

function closedPeriods(ctx: { sqlite: import('../../db/client').Sqlite }): string[] {
  return ctx.sqlite
    .prepare(`SELECT period FROM periods WHERE status = 'closed' ORDER BY period`)
    .pluck()
    .all() as string[];
}

export const periodsHandlers: HandlersOf<typeof periodsContract> = {
  'periods.list': (ctx) => {
    const { sqlite } = ctx;
    const first = firstPeriod(sqlite);
    const current = localPeriod(ctx.now);
    const runs = new Map(
      (
        sqlite
          .prepare(
            'SELECT period, status, asset_count, total_amount, total_impairment, posted_at FROM depreciation_runs WHERE book = ?',
          )
          .all(BOOK) as RunRow[]
      ).map((r) => [r.period, r]),
    );
    const rows = new Map(
      (
        sqlite
          .prepare(
            `SELECT p.period, p.status, p.closed_at, u.display_name AS closed_by_name, p.reopened_at, p.reopen_reason, p.version
           FROM periods p LEFT JOIN users u ON u.id = p.closed_by`,
          )
          .all() as PeriodRow[]
      ).map((r) => [r.period, r]),
    );
    let last = current;
    for (const p of [...runs.keys(), ...rows.keys()]) if (p > last) last = p;
    const postable = new Set(postablePeriods(sqlite, current));
    const closed = closedPeriods(ctx);
    const latestClosed = closed.at(-1) ?? null;
    let earliestOpen: string | null = null;
    const out: PeriodDto[] = [];
    for (let p = first; p <= last; p = nextPeriod(p)) {
      const r = rows.get(p);
      const run = runs.get(p);
      const status = r?.status === 'closed' ? 'closed' : 'open';
      if (status === 'open' && earliestOpen === null) earliestOpen = p;
      out.push({
        period: p,
        status,
        runStatus: run?.status ?? 'none',
        assets: run?.asset_count ?? 0,
        totalAmount: run?.total_amount ?? 0,
        totalImpairment: run?.total_impairment ?? 0,
        postedAt: run?.posted_at ?? null,
        closedAt: status === 'closed' ? (r?.closed_at ?? null) : null,
        closedBy: status === 'closed' ? (r?.closed_by_name ?? null) : null,
        reopenedAt: r?.reopened_at ?? null,
        reopenReason: r?.reopen_reason ?? null,
        canPost: postable.has(p),
        canClose: false,
        canReopen: p === latestClosed,
        version: r?.version ?? 0,
      });
    }
    const next = out.find((x) => x.period === earliestOpen);
    if (next && next.runStatus === 'posted') next.canClose = true;
    return out.reverse();
  },

  'periods.close': (ctx, { period }) => {
    const { sqlite } = ctx;
    const s = ctx.user();
    const first = firstPeriod(sqlite);
    const closed = closedPeriods(ctx);
    if (closed.includes(period)) throw new AppError('PERIOD_CLOSED', 'errors.periodClosed', { period });
    // Months close in order: the earliest open one.
    let expected = first;
    while (closed.includes(expected)) expected = nextPeriod(expected);
    if (period !== expected) throw validation('period', 'validation.closeInOrder', { period, expected });
    const run = sqlite
      .prepare('SELECT status FROM depreciation_runs WHERE period = ? AND book = ?')
      .pluck()
      .get(period, BOOK) as string | undefined;
    if (run !== 'posted') throw new AppError('INVALID_TRANSITION', 'errors.periodNotPosted', { period });
    const changed = differingAssets(postedEntries(sqlite, period), PeriodComputation.all(sqlite, period));
    if (changed.length) {
      throw new AppError(
        'INVALID_TRANSITION',
        'errors.periodRunOutOfDate',
        { period, count: changed.length },
        {
          assetIds: changed.slice(0, 50),
        },
      );
    }
    const movement = movementSummary(sqlite, period);
    const off = movement.filter((l) => l.difference !== 0);
    if (off.length) {
      throw new AppError(
        'INVALID_TRANSITION',
        'errors.periodNotReconciled',
        { period, categories: off.length },
        { lines: off },
      );
    }
    sqlite
      .prepare(
        `INSERT INTO periods (period, status, closed_at, closed_by, version, created_at, updated_at)
         VALUES (?, 'closed', ?, ?, 1, ?, ?)
         ON CONFLICT(period) DO UPDATE SET status = 'closed', closed_at = excluded.closed_at,
           closed_by = excluded.closed_by, version = version + 1, updated_at = excluded.updated_at`,
      )
      .run(period, ctx.nowIso, s.userId, ctx.nowIso, ctx.nowIso);
    const totals = movement.reduce(
      (t, l) => ({
        opening: t.opening + l.opening,
        depreciation: t.depreciation + l.depreciation,
        closing: t.closing + l.closing,
      }),
      { opening: 0, depreciation: 0, closing: 0 },
    );
    ctx.audit({ entity: 'period', entityId: period, details: { period, ...totals } });
    ctx.emit('periods.changed', { period, status: 'closed' });
    return { period, status: 'closed' as const, movement };
  },

  'periods.reopen': (ctx, { period, reason }) => {
    const { sqlite } = ctx;
    const s = ctx.user();
    const closed = closedPeriods(ctx);
    if (!closed.includes(period)) throw validation('period', 'validation.periodNotClosed', { period });
    if (closed.at(-1) !== period) {
      throw validation('period', 'validation.reopenLatestOnly', { period, latest: closed.at(-1) });
    }
    sqlite
      .prepare(
        `UPDATE periods SET status = 'open', reopened_at = ?, reopened_by = ?, reopen_reason = ?,
           version = version + 1, updated_at = ? WHERE period = ?`,
      )
      .run(ctx.nowIso, s.userId, reason, ctx.nowIso, period);
    ctx.audit({ entity: 'period', entityId: period, details: { period, reason } });
    ctx.emit('periods.changed', { period, status: 'open' });
    return { period, status: 'open' as const };
  },

  'periods.movement': (ctx, { period }) => movementSummary(ctx.sqlite, period),
};
