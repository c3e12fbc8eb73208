// The monthly run (计提折旧): which period may be posted, the whole period computed and summarised, and
// posting it: one synchronous transaction that writes the entries (or nothing when they are unchanged).
import type { Sqlite } from '../../db/client';
import { AppError, validation } from '../../api/errors';
import { getSetting } from '../../db/kv';
import { periodIsClosed } from '../periods/lock';
import { BOOK, loadAssetFacts, monthEntry, type AssetFacts, type MonthEntry } from './ledger-month';
import { PlanCache } from './fast-row';
import { periodIndex, periodOf } from './periods';

export interface RunSummaryLine {
  id: number | null;
  name: string;
  assets: number;
  amount: number;
  impairment: number;
}

export interface RunTotals {
  assets: number;
  amount: number;
  impairment: number;
}

export const prevPeriod = (p: string) => periodOf(periodIndex(p) - 1);
export const nextPeriod = (p: string) => periodOf(periodIndex(p) + 1);

export function firstPeriod(sqlite: Sqlite): string {
  const p = getSetting<string>(sqlite, 'ledger.firstPeriod');
  if (!p) throw new AppError('SETUP_REQUIRED', 'errors.setupRequired');
  return p;
}

export function lastPostedPeriod(sqlite: Sqlite): string | null {
  return (
    (sqlite
      .prepare(`SELECT max(period) FROM depreciation_runs WHERE book = ? AND status = 'posted'`)
      .pluck()
      .get(BOOK) as string | null) ?? null
  );
}

/** The periods a post may name now: the last posted one (re-post, while open) and the one after it. */
export function postablePeriods(sqlite: Sqlite, currentPeriod: string): string[] {
  const last = lastPostedPeriod(sqlite);
  const candidates = last ? [last, nextPeriod(last)] : [firstPeriod(sqlite)];
  return candidates.filter((p) => p <= currentPeriod && !periodIsClosed(sqlite, p));
}

export function assertPostable(sqlite: Sqlite, period: string, currentPeriod: string): void {
  if (periodIsClosed(sqlite, period)) throw new AppError('PERIOD_CLOSED', 'errors.periodClosed', { period });
  const ok = postablePeriods(sqlite, currentPeriod);
  if (!ok.includes(period))
    throw validation('period', 'validation.periodNotPostable', { period, postable: ok });
}

/** The month's computation, in chunks so a job can report progress between them. */
export class PeriodComputation {
  readonly facts: AssetFacts[];
  readonly entries: MonthEntry[] = [];
  private next = 0;
  private cache = new PlanCache();

  constructor(
    sqlite: Sqlite,
    readonly period: string,
  ) {
    this.facts = loadAssetFacts(sqlite, period);
  }

  get done(): boolean {
    return this.next >= this.facts.length;
  }

  get fraction(): number {
    return this.facts.length ? this.next / this.facts.length : 1;
  }

  step(count = Infinity): void {
    const end = Math.min(this.facts.length, this.next + count);
    for (let i = this.next; i < end; i++) {
      const e = monthEntry(this.facts[i], this.period, this.cache);
      if (e) this.entries.push(e);
    }
    this.next = end;
  }

  static all(sqlite: Sqlite, period: string): MonthEntry[] {
    const c = new PeriodComputation(sqlite, period);
    c.step();
    return c.entries;
  }
}

export function totalsOf(entries: MonthEntry[]): RunTotals {
  let amount = 0;
  let impairment = 0;
  for (const e of entries) {
    amount += e.amount;
    impairment += e.impairmentCharge;
  }
  return { assets: entries.length, amount, impairment };
}

/** Summaries by category and by expense department, named, largest charge first. */
export function summarise(
  sqlite: Sqlite,
  entries: MonthEntry[],
): { byCategory: RunSummaryLine[]; byExpenseDepartment: RunSummaryLine[] } {
  const group = (key: (e: MonthEntry) => number | null, table: 'categories' | 'departments') => {
    const m = new Map<number | null, RunSummaryLine>();
    for (const e of entries) {
      const k = key(e);
      let line = m.get(k);
      if (!line) m.set(k, (line = { id: k, name: '', assets: 0, amount: 0, impairment: 0 }));
      line.assets++;
      line.amount += e.amount;
      line.impairment += e.impairmentCharge;
    }
    const name = sqlite.prepare(`SELECT name FROM ${table} WHERE id = ?`).pluck();
    const lines = [...m.values()];
    for (const l of lines) l.name = l.id === null ? '' : ((name.get(l.id) as string | undefined) ?? '');
    return lines.sort((a, b) => b.amount - a.amount || (a.id ?? 0) - (b.id ?? 0));
  };
  return {
    byCategory: group((e) => e.categoryId, 'categories'),
    byExpenseDepartment: group((e) => e.expenseDepartmentId, 'departments'),
  };
}

const ENTRY_COLS = `asset_id, category_id, expense_department_id, cost, amount, accumulated, impairment,
  impairment_charge, nbv, disposed`;

export function postedEntries(sqlite: Sqlite, period: string): MonthEntry[] {
  const rows = sqlite
    .prepare(`SELECT ${ENTRY_COLS} FROM depreciation_entries WHERE period = ? AND book = ? ORDER BY asset_id`)
    .raw()
    .all(period, BOOK) as unknown[][];
  return rows.map((r) => ({
    assetId: r[0] as number,
    categoryId: r[1] as number,
    expenseDepartmentId: r[2] as number | null,
    cost: r[3] as number,
    amount: r[4] as number,
    accumulated: r[5] as number,
    impairment: r[6] as number,
    impairmentCharge: r[7] as number,
    nbv: r[8] as number,
    disposed: r[9] as 0 | 1,
  }));
}

const entryKey = (e: MonthEntry) =>
  `${e.assetId}|${e.categoryId}|${e.expenseDepartmentId}|${e.cost}|${e.amount}|${e.accumulated}|${e.impairment}|${e.impairmentCharge}|${e.nbv}|${e.disposed}`;

/** Assets whose computed entry differs from the posted one (either side missing counts), sorted. */
export function differingAssets(posted: MonthEntry[], computed: MonthEntry[]): number[] {
  const a = new Map(posted.map((e) => [e.assetId, entryKey(e)]));
  const out = new Set<number>();
  for (const e of computed) if (a.get(e.assetId) !== entryKey(e)) out.add(e.assetId);
  const b = new Set(computed.map((e) => e.assetId));
  for (const e of posted) if (!b.has(e.assetId)) out.add(e.assetId);
  return [...out].sort((x, y) => x - y);
}

export interface PostResult {
  period: string;
  runId: number;
  assets: number;
  totalAmount: number;
  totalImpairment: number;
  /** True when the period was already posted with exactly these entries: nothing was written. */
  unchanged: boolean;
}

/**
 * Writes the period's entries and marks its run posted. Synchronous; the caller holds the transaction.
 * Re-posting with identical entries writes nothing at all (idempotent to the row).
 */
export function writePosting(
  sqlite: Sqlite,
  period: string,
  entries: MonthEntry[],
  by: number | null,
  nowIso: string,
): PostResult {
  const totals = totalsOf(entries);
  const run = sqlite
    .prepare('SELECT id, status, version FROM depreciation_runs WHERE period = ? AND book = ?')
    .get(period, BOOK) as { id: number; status: string; version: number } | undefined;
  const result = (runId: number, unchanged: boolean): PostResult => ({
    period,
    runId,
    assets: totals.assets,
    totalAmount: totals.amount,
    totalImpairment: totals.impairment,
    unchanged,
  });
  if (run?.status === 'posted' && differingAssets(postedEntries(sqlite, period), entries).length === 0) {
    return result(run.id, true);
  }
  let runId: number;
  if (run) {
    runId = run.id;
    sqlite.prepare('DELETE FROM depreciation_entries WHERE run_id = ?').run(runId);
    sqlite
      .prepare(
        `UPDATE depreciation_runs SET status = 'posted', asset_count = ?, total_amount = ?, total_impairment = ?,
           posted_at = ?, posted_by = ?, version = version + 1, updated_at = ? WHERE id = ?`,
      )
      .run(totals.assets, totals.amount, totals.impairment, nowIso, by, nowIso, runId);
  } else {
    runId = Number(
      sqlite
        .prepare(
          `INSERT INTO depreciation_runs (period, book, status, asset_count, total_amount, total_impairment,
             posted_at, posted_by, version, created_at, updated_at) VALUES (?, ?, 'posted', ?, ?, ?, ?, ?, 1, ?, ?)`,
        )
        .run(period, BOOK, totals.assets, totals.amount, totals.impairment, nowIso, by, nowIso, nowIso)
        .lastInsertRowid,
    );
  }
  const ins = sqlite.prepare(
    `INSERT INTO depreciation_entries (run_id, period, book, ${ENTRY_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of entries) {
    ins.run(
      runId,
      period,
      BOOK,
      e.assetId,
      e.categoryId,
      e.expenseDepartmentId,
      e.cost,
      e.amount,
      e.accumulated,
      e.impairment,
      e.impairmentCharge,
      e.nbv,
      e.disposed,
    );
  }
  return result(runId, false);
}

/** Records a preview on the period's run row, unless the period is already posted. */
export function recordPreview(
  sqlite: Sqlite,
  period: string,
  entries: MonthEntry[],
  by: number | null,
  nowIso: string,
) {
  const t = totalsOf(entries);
  sqlite
    .prepare(
      `INSERT INTO depreciation_runs (period, book, status, asset_count, total_amount, total_impairment,
         previewed_at, previewed_by, version, created_at, updated_at) VALUES (?, ?, 'previewed', ?, ?, ?, ?, ?, 1, ?, ?)
       ON CONFLICT(period, book) DO UPDATE SET asset_count = excluded.asset_count, total_amount = excluded.total_amount,
         total_impairment = excluded.total_impairment, previewed_at = excluded.previewed_at,
         previewed_by = excluded.previewed_by, version = version + 1, updated_at = excluded.updated_at
       WHERE depreciation_runs.status = 'previewed'`,
    )
    .run(period, BOOK, t.assets, t.amount, t.impairment, nowIso, by, nowIso, nowIso);
}

/** A cheap fingerprint of what the computation read; if it moves, a job recomputes inside its transaction. */
export function ledgerMarker(sqlite: Sqlite): string {
  return JSON.stringify(
    sqlite
      .prepare(
        `SELECT (SELECT coalesce(max(id), 0) FROM asset_events) AS e,
           (SELECT coalesce(sum(version), 0) || ':' || count(*) FROM change_vouchers) AS v,
           (SELECT coalesce(sum(version), 0) || ':' || count(*) FROM asset_usage) AS u,
           (SELECT coalesce(sum(version), 0) || ':' || count(*) FROM usage_plans) AS t`,
      )
      .get(),
  );
}
