// Each asset's depreciation for one period, from its card, its approved change vouchers and its status:
// what the monthly run previews and posts. The schedule is always recomputed from the in-service date, so
// a posted month is exactly the engine's row for it and each depreciation year stays exact to the fen.
//
// Decisions (pinned in test/integration/depreciation-run*.test.ts):
// - An asset is on the books from its in-service month (that month charges nothing: 当月增加当月不提) until
//   the month it is disposed (charged: 当月减少当月照提); fully depreciated assets stay with zero charges.
// - Opening assets (in service before the first period): with opening figures (assets.opening_*), the engine
//   continues from them: openingAccumulated and openingMonths, and the opening impairment as an impairment
//   booked in the opening period (so the rest is spread over the remaining life, as after any impairment).
//   The months already charged are taken to end with the opening period: the engine's schedule starts
//   openingMonths before it, whatever the card's in-service date, so the first ledger month is the first
//   row even when the old books started charging another month. An entry for the opening period or before
//   carries the opening figures; the first row's impairment charge is 0 (the opening impairment is a
//   balance). Without opening figures the asset is taken as depreciated by the rules since its in-service
//   date; its first entry carries that accumulated amount.
// - The disposal month is the month of the approved disposal's date (disposals.date, which may precede the
//   approval), else the date of the asset's status event to 'disposed' (asset_events), else the month of its
//   last update: a card disposed by a path that records no event would move with later edits.
// - Change vouchers take effect the month after approval: residual, life and method as the engine's
//   estimate_change, impairment as its impairment event, both dated on the approval date. A cost change
//   has no engine event: the schedule restarts at the effective month as an opening asset with the new
//   cost, its accumulated depreciation and impairment as they stood, spreading what is left over the
//   remaining life (prospective, nothing restated). Category and expense department only move where the
//   month's charge is reported, from the effective month.
// - Units of production: total units from usage_plans and each month's units from asset_usage (the usage
//   module); without a total, or in a month without usage, the asset charges nothing (the engine's no_usage).
import type { DepreciationMethod } from '../../api/schemas';
import { computeSchedule, type DepreciationEvent, type ScheduleRow } from './engine';
import { PlanCache, plainMonth } from './fast-row';
import { dateMonthIndex, periodIndex, periodOf } from './periods';

export const BOOK = 'accounting';
// Reading the facts lives in ledger-facts.ts; callers take both from here.
export { loadAssetFacts } from './ledger-facts';

export interface VoucherFacts {
  kind: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  approvalDate: string;
  effectivePeriod: string;
}

export interface AssetFacts {
  id: number;
  categoryId: number;
  expenseDepartmentId: number | null;
  cost: number;
  residualValue: number;
  lifeMonths: number;
  method: DepreciationMethod;
  inServiceDate: string;
  /** Month index of the disposal, or null while on the books. */
  disposalMonth: number | null;
  /** Approved vouchers, oldest approval first. */
  vouchers: VoucherFacts[];
  /** Opening balances where the old books stopped, as of `period` (null: none entered). */
  opening?: OpeningFacts | null;
  /** Units of production: expected total units (null: not entered) and units used per period. */
  totalUnits?: number | null;
  usage?: { period: string; units: number }[];
}

export interface OpeningFacts {
  accumulated: number;
  months: number;
  impairment: number;
  period: string;
}

export interface MonthEntry {
  assetId: number;
  categoryId: number;
  expenseDepartmentId: number | null;
  cost: number;
  amount: number;
  accumulated: number;
  impairment: number;
  impairmentCharge: number;
  nbv: number;
  disposed: 0 | 1;
}

const TERM_KINDS = new Set(['cost', 'residual', 'life', 'method', 'impairment']);

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

function voucherEvent(v: VoucherFacts): DepreciationEvent | null {
  const a = v.after;
  switch (v.kind) {
    case 'impairment':
      return {
        kind: 'impairment',
        date: v.approvalDate,
        recoverableAmount: num(a.recoverableAmount) ?? 0,
        remainingLifeMonths: num(a.remainingLifeMonths),
        residualValue: num(a.residualValue),
      };
    case 'residual':
      return { kind: 'estimate_change', date: v.approvalDate, residualValue: num(a.residualValue) };
    case 'life':
      return { kind: 'estimate_change', date: v.approvalDate, totalLifeMonths: num(a.lifeMonths) };
    case 'method':
      return { kind: 'estimate_change', date: v.approvalDate, method: a.method as DepreciationMethod };
    default:
      return null;
  }
}

interface Terms {
  cost: number;
  residualValue: number;
  lifeMonths: number;
  method: DepreciationMethod;
}

/** The terms before any voucher: each field as the first voucher that changed it found it. */
function originalTerms(a: AssetFacts): Terms {
  const t: Terms = {
    cost: a.cost,
    residualValue: a.residualValue,
    lifeMonths: a.lifeMonths,
    method: a.method,
  };
  const seen = new Set<string>();
  for (const v of a.vouchers) {
    for (const f of ['cost', 'residualValue', 'lifeMonths', 'method'] as const) {
      if (seen.has(f) || !(f in v.before)) continue;
      seen.add(f);
      (t as unknown as Record<string, unknown>)[f] = v.before[f];
    }
  }
  return t;
}

/**
 * The in-service date the engine counts from: the card's, or for an opening asset the one that makes its
 * months already charged end with the opening period (see the header).
 */
function engineStart(a: AssetFacts): string {
  if (!a.opening) return a.inServiceDate;
  return `${periodOf(periodIndex(a.opening.period) - a.opening.months)}-01`;
}

/** The engine's rows through `period`, with cost vouchers as restarts (see the header). */
function scheduleRows(a: AssetFacts, period: string): { rows: ScheduleRow[]; costAt: (p: number) => number } {
  const terms = originalTerms(a);
  const start = engineStart(a);
  const first = dateMonthIndex(start) + 1;
  const events = a.vouchers.filter((v) => v.kind !== 'cost');
  const card = a.opening
    ? {
        acc: a.opening.accumulated,
        months: a.opening.months,
        imp: a.opening.impairment,
        at: a.opening.period,
      }
    : undefined;
  const base = (t: Terms, restart?: { acc: number; months: number; imp: number; at: string }) => {
    const ev: DepreciationEvent[] = [];
    // Restart: a fresh plan over the remaining life. Both a restart and the card's opening figures carry
    // the impairment balance over as an impairment booked in the month they stand at.
    if (restart) ev.push({ kind: 'estimate_change', date: `${restart.at}-01`, method: t.method });
    const opening = restart ?? card;
    if (opening && opening.imp > 0)
      ev.push({
        kind: 'impairment',
        date: `${opening.at}-01`,
        recoverableAmount: t.cost - opening.acc - opening.imp,
      });
    for (const v of events) {
      if (restart && v.effectivePeriod <= periodOf(periodIndex(restart.at) + 1)) continue;
      const e = voucherEvent(v);
      if (e) ev.push(e);
    }
    return computeSchedule({
      method: t.method,
      cost: t.cost,
      residualValue: Math.min(t.residualValue, t.cost),
      lifeMonths: Math.max(1, t.lifeMonths),
      inServiceDate: start,
      // Without an expected total nothing can be charged: usage is left out so every month is no_usage.
      totalUnits: a.totalUnits ?? 1,
      usage: a.totalUnits ? a.usage : undefined,
      openingAccumulated: opening?.acc,
      openingMonths: opening?.months,
      events: ev,
      through: period,
    }).rows;
  };
  let rows = base(terms);
  const costs: { from: number; cost: number }[] = [{ from: -Infinity, cost: terms.cost }];
  const P = periodIndex(period);
  for (const c of a.vouchers) {
    if (c.kind !== 'cost') continue;
    const E = periodIndex(c.effectivePeriod);
    if (E > P) break;
    // The terms in force at E: every other voucher effective by then folded in.
    const t: Terms = { ...terms, cost: num(c.after.cost) ?? terms.cost };
    if (num(c.after.residualValue) !== undefined) t.residualValue = num(c.after.residualValue)!;
    for (const v of events) {
      if (periodIndex(v.effectivePeriod) > E) continue;
      if (num(v.after.residualValue) !== undefined) t.residualValue = num(v.after.residualValue)!;
      if (num(v.after.lifeMonths) !== undefined) t.lifeMonths = num(v.after.lifeMonths)!;
      if (typeof v.after.method === 'string') t.method = v.after.method as DepreciationMethod;
    }
    terms.cost = t.cost;
    terms.residualValue = t.residualValue;
    costs.push({ from: E, cost: t.cost });
    const months = E - first;
    if (months <= 0) {
      rows = base(terms);
      continue;
    }
    const prevPeriod = periodOf(E - 1);
    const prev = rows.find((r) => r.period === prevPeriod);
    if (!prev) continue;
    const kept = rows.filter((r) => r.period < c.effectivePeriod);
    rows = [...kept, ...base(t, { acc: prev.accumulated, months, imp: prev.impairment, at: prevPeriod })];
  }
  const costAt = (p: number) => {
    let c = costs[0].cost;
    for (const x of costs) if (x.from <= p) c = x.cost;
    return c;
  };
  return { rows, costAt };
}

/** Category and expense department in force in `period`: vouchers effective later are not yet. */
function attribution(
  a: AssetFacts,
  period: string,
): { categoryId: number; expenseDepartmentId: number | null } {
  let categoryId = a.categoryId;
  let expenseDepartmentId = a.expenseDepartmentId;
  for (let i = a.vouchers.length - 1; i >= 0; i--) {
    const v = a.vouchers[i];
    if (v.effectivePeriod <= period) continue;
    if (v.kind === 'category') categoryId = v.before.categoryId as number;
    if (v.kind === 'expense_department')
      expenseDepartmentId = (v.before.expenseDepartmentId as number | null) ?? null;
  }
  return { categoryId, expenseDepartmentId };
}

/** The asset's entry for `period`, or null when it is not on the books that month. */
export function monthEntry(a: AssetFacts, period: string, cache: PlanCache): MonthEntry | null {
  const P = periodIndex(period);
  if (a.disposalMonth !== null && a.disposalMonth < P) return null;
  const first = dateMonthIndex(a.inServiceDate) + 1;
  if (first - 1 > P) return null;
  const { categoryId, expenseDepartmentId } = a.vouchers.length
    ? attribution(a, period)
    : { categoryId: a.categoryId, expenseDepartmentId: a.expenseDepartmentId };
  const disposed: 0 | 1 = a.disposalMonth === P ? 1 : 0;
  const out = (
    cost: number,
    amount: number,
    accumulated: number,
    impairment: number,
    impairmentCharge: number,
  ) => ({
    assetId: a.id,
    categoryId,
    expenseDepartmentId,
    cost,
    amount,
    accumulated,
    impairment,
    impairmentCharge,
    nbv: cost - accumulated - impairment,
    disposed,
  });

  const plain =
    !a.opening && a.method !== 'units_of_production' && !a.vouchers.some((v) => TERM_KINDS.has(v.kind));
  if (plain) {
    const m = plainMonth(
      cache,
      {
        method: a.method as Exclude<DepreciationMethod, 'units_of_production'>,
        cost: a.cost,
        residualValue: Math.min(a.residualValue, a.cost),
        lifeMonths: a.lifeMonths,
      },
      P - first + 1,
    );
    return out(a.cost, m.amount, m.accumulated, 0, 0);
  }
  const { rows, costAt } = scheduleRows(a, period);
  const cost = costAt(P);
  const row = rows.length && rows[rows.length - 1].period === period ? rows[rows.length - 1] : null;
  // No row yet: in service this month (on the books, nothing charged), or at or before the opening period.
  const o = a.opening;
  if (!row) return o ? out(cost, 0, o.accumulated, o.impairment, 0) : out(cost, 0, 0, 0, 0);
  const prev = rows.length > 1 ? rows[rows.length - 2] : null;
  const impairmentBefore = prev?.impairment ?? o?.impairment ?? 0;
  return out(cost, row.amount, row.accumulated, row.impairment, row.impairment - impairmentBefore);
}
