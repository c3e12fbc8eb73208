// The depreciation engine: one asset's monthly schedule under the Chinese rules of
// shared/reference/depreciation.md. Pure and synchronous: no database, no clock.
//
// Why it is built this way (the rules themselves are in the reference; these are the decisions):
// - Money is integer fen; every fraction is a BigInt numerator/denominator until rational.roundHalfUp turns it
//   into fen. Plans are computed once per stretch of life (a few BigInt operations per depreciation year), so
//   the month loop is plain integer arithmetic and a 20-year preview stays far below 1 ms.
// - A "plan" covers the life from a starting carrying amount: the first depreciation month, and again after
//   every impairment or estimate change (prospective: the remaining amount over the remaining months, with
//   depreciation years counted afresh from the plan's first month). So DDB's "last two years" and SYD's
//   digits always count on the remaining life, as the standard asks, and nothing past is restated.
// - A life that is not whole years (n = lifeMonths/12) keeps 12-month depreciation years with a short last
//   one. DDB charges 2/n = 24/lifeMonths a year; its last two depreciation years (a full one and the short
//   one) share what is left evenly per month. SYD weighs a year by the life remaining at its start × its
//   length, which gives the textbook digits for whole years. A plan needs at least one month: a life
//   shortened to the months already past charges the rest in the next month.
// - Each month charges its year's exact amount / its length, rounded, but never more than the year has left;
//   the year's closing month takes the remainder, and the last month of the plan takes exactly what is left of
//   cost − residual − impairment (so rounding never leaks past the life). No month is ever negative and
//   accumulated depreciation never passes that target, whatever the inputs.
// - Units of production has no depreciation years: the exact rate is (carrying − residual) / units remaining;
//   a month charges round(units × rate); the month whose usage reaches the total units trues up. Its life in
//   months only sets the default end of the preview; usage keeps being charged until the units run out.
//   Usage before the first depreciation month is ignored (当月增加当月不提 applies to it too).
// - Opening assets: the first row is the month after the months already charged (taken as consecutive from
//   the first depreciation month). Straight line re-spreads (cost − residual − opening accumulated) over the
//   remaining months, as the reference says. The accelerated methods and units of production continue their
//   original schedule (same year amounts, same per-unit rate), so the charges match what the old books would
//   have shown; a difference between the opening accumulated and that schedule lands in the last month (or
//   stops charges early when the opening is ahead). A large difference is a case for an estimate change.
// - Events are booked at the end of the month they are dated in (or before the first row if earlier), so
//   that month is charged under the old terms and shows the impairment; they take effect the next month.
//   Impairment with recoverable ≥ carrying amount does nothing at all, re-estimates included (those are an
//   estimate_change). A recoverable amount below the residual leaves nothing to depreciate.
import type { DepreciationMethod } from '../../api/schemas';
import { planTime, type Plan } from './methods';
import { dateMonthIndex, periodIndex, periodOf } from './periods';
import { decimalToScaled, roundHalfUp } from './rational';

export type DepreciationEvent =
  | {
      kind: 'impairment';
      date: string;
      recoverableAmount: number;
      remainingLifeMonths?: number;
      residualValue?: number;
    }
  | {
      kind: 'estimate_change';
      date: string;
      totalLifeMonths?: number;
      residualValue?: number;
      method?: DepreciationMethod;
    }
  | { kind: 'disposal'; date: string };

export interface ScheduleInput {
  method: DepreciationMethod;
  /** Fen. */
  cost: number;
  /** Fen; or residualRate, a fraction with at most 4 decimals. */
  residualValue?: number;
  residualRate?: number;
  lifeMonths: number;
  inServiceDate: string;
  totalUnits?: number;
  usage?: { period: string; units: number }[];
  openingAccumulated?: number;
  openingMonths?: number;
  events?: DepreciationEvent[];
  through?: string;
}

export type RowFlag = 'no_usage' | 'fully_depreciated' | 'impairment' | 'estimate_change' | 'disposal';

export interface ScheduleRow {
  period: string;
  /** This month's depreciation, fen. */
  amount: number;
  /** Accumulated depreciation at the month's end. */
  accumulated: number;
  /** Impairment provision (减值准备) balance at the month's end. */
  impairment: number;
  /** cost − accumulated − impairment. */
  netBookValue: number;
  flags?: RowFlag[];
}

export interface Schedule {
  /** The residual value used, in fen (resolved from residualRate when given as a rate). */
  residualValue: number;
  rows: ScheduleRow[];
}

/** Guard against runaway input; the contract keeps real input well inside it. */
const MAX_MONTHS = 3000;
const UNIT_PLACES = 6;

export function residualOf(cost: number, residualValue?: number, residualRate?: number): number {
  if (residualValue !== undefined) return residualValue;
  if (residualRate === undefined) return 0;
  const bp = decimalToScaled(residualRate, 4);
  if (bp === null) throw new RangeError('residualRate has more than 4 decimals');
  return roundHalfUp(BigInt(cost) * bp, 10000n);
}

export function unitsToMicro(units: number): bigint {
  const micro = decimalToScaled(units, UNIT_PLACES);
  if (micro === null)
    throw new RangeError(`units ${units} is negative or has more than ${UNIT_PLACES} decimals`);
  return micro;
}

interface Booked {
  at: number;
  event: Exclude<DepreciationEvent, { kind: 'disposal' }>;
}

export function computeSchedule(input: ScheduleInput): Schedule {
  const cost = input.cost;
  let residual = residualOf(cost, input.residualValue, input.residualRate);
  const residualUsed = residual;
  let method = input.method;
  let lifeEnd = input.lifeMonths;
  const first = dateMonthIndex(input.inServiceDate) + 1;
  const opening = input.openingMonths ?? 0;
  const totalMicro = input.totalUnits === undefined ? null : unitsToMicro(input.totalUnits);

  // Month numbers t count from 1 = the first depreciation month.
  const usage = new Map<number, bigint>();
  let lastUsage = 0;
  for (const u of input.usage ?? []) {
    const t = periodIndex(u.period) - first + 1;
    if (t < 1) continue;
    usage.set(t, unitsToMicro(u.units));
    if (t > lastUsage) lastUsage = t;
  }

  let disposal = Infinity;
  const booked: Booked[] = [];
  const sorted = (input.events ?? [])
    .slice()
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const event of sorted) {
    const t = dateMonthIndex(event.date) - first + 1;
    if (event.kind === 'disposal') disposal = Math.min(disposal, t);
    else booked.push({ at: Math.max(t, opening), event });
  }

  let acc = 0;
  let imp = 0;
  let cum = 0n;
  let inYear = 0;
  let plan!: Plan;
  let replan = false;
  let minEnd = 0;

  const makePlan = (t: number): Plan => {
    const carrying = cost - acc - imp;
    const amount = Math.max(0, carrying - residual);
    if (method === 'units_of_production') {
      if (totalMicro === null) throw new RangeError('units_of_production needs totalUnits');
      return { kind: 'units', start: t, amount: BigInt(amount), remainingMicroUnits: totalMicro - cum };
    }
    return planTime(method, t, Math.max(1, lifeEnd - (t - 1)), carrying, amount);
  };

  /** This month's charge; `units` is this month's usage in micro-units, undefined when none was entered. */
  const charge = (t: number, units: bigint | undefined): number => {
    const room = cost - residual - imp - acc;
    let amount: number;
    if (plan.kind === 'units') {
      if (units === undefined) amount = 0;
      else if (cum >= totalMicro!) amount = room;
      else amount = roundHalfUp(units * plan.amount, plan.remainingMicroUnits);
    } else {
      const off = t - plan.start;
      if (off >= plan.months) {
        amount = 0;
      } else {
        const y = (off / 12) | 0;
        const pos = off - 12 * y;
        if (pos === 0) inYear = 0;
        const left = plan.totals[y] - inYear;
        if (off === plan.months - 1) amount = room;
        else if (pos === plan.lengths[y] - 1) amount = left;
        else amount = plan.monthly[y] < left ? plan.monthly[y] : left;
        inYear += amount;
      }
    }
    if (amount > room) amount = room;
    return amount > 0 ? amount : 0;
  };

  const book = (b: Booked, flags: RowFlag[]) => {
    const e = b.event;
    if (e.kind === 'impairment') {
      const carrying = cost - acc - imp;
      if (e.recoverableAmount >= carrying) return;
      imp += carrying - e.recoverableAmount;
      if (e.residualValue !== undefined) residual = e.residualValue;
      if (e.remainingLifeMonths !== undefined) lifeEnd = b.at + e.remainingLifeMonths;
      flags.push('impairment');
    } else {
      if (e.totalLifeMonths !== undefined) lifeEnd = e.totalLifeMonths;
      if (e.residualValue !== undefined) residual = e.residualValue;
      if (e.method !== undefined) method = e.method;
      flags.push('estimate_change');
    }
    replan = true;
    if (b.at + 1 > minEnd) minEnd = b.at + 1;
  };

  // Opening assets: replay the months already charged so a continued schedule knows where its year stands.
  if (opening === 0) acc = input.openingAccumulated ?? 0;
  plan = makePlan(1);
  for (let t = 1; t <= opening; t++) {
    const units = usage.get(t);
    if (units !== undefined) cum += units;
    acc += charge(t, units);
  }
  if (opening > 0) {
    acc = input.openingAccumulated ?? 0;
    minEnd = opening + 1; // an opening asset always shows where it stands, even past its life
    if (method === 'straight_line' || (plan.kind === 'time' && opening >= plan.start + plan.months - 1)) {
      replan = true;
    }
  }

  const through = input.through === undefined ? null : periodIndex(input.through) - first + 1;
  const endOf = (): number => {
    if (through !== null) return through;
    let end = Math.max(lifeEnd, minEnd);
    if (plan.kind === 'time') end = Math.max(end, plan.start + plan.months - 1);
    else end = Math.max(end, lastUsage);
    for (const b of booked) if (b.at > end) end = b.at;
    return end;
  };

  const rows: ScheduleRow[] = [];
  let early: RowFlag[] = [];
  let next = 0;
  while (next < booked.length && booked[next].at <= opening) book(booked[next++], early);

  const last = Math.min(disposal, MAX_MONTHS);
  for (let t = opening + 1; t <= last && t <= endOf(); t++) {
    if (replan) {
      plan = makePlan(t);
      replan = false;
    }
    const units = usage.get(t);
    if (units !== undefined) cum += units;
    const room = cost - residual - imp - acc;
    const amount = charge(t, units);
    acc += amount;
    const flags: RowFlag[] = early;
    early = [];
    if (amount === 0) {
      if (room <= 0) flags.push('fully_depreciated');
      else if (plan.kind === 'units' && units === undefined) flags.push('no_usage');
    }
    while (next < booked.length && booked[next].at === t) book(booked[next++], flags);
    if (t === disposal) flags.push('disposal');
    const row: ScheduleRow = {
      period: periodOf(first + t - 1),
      amount,
      accumulated: acc,
      impairment: imp,
      netBookValue: cost - acc - imp,
    };
    if (flags.length) row.flags = flags;
    rows.push(row);
  }
  return { residualValue: residualUsed, rows };
}
