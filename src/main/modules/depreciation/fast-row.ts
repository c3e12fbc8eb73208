// One month of a plain schedule without walking the months: the monthly run's fast path.
//
// Why: posting a month on a 100,000-asset ledger recomputes every asset. computeSchedule walks every
// month since the start and builds a row object for each; for an asset with no events, no opening
// balance and a time-based method, the engine's month is a closed-form function of its plan (see engine.ts:
// a month charges min(monthly, what its year has left), the year's closing month takes the rest, the
// plan's last month takes what is left of the whole). test/unit/depreciation-fast-row.test.ts pins this
// to computeSchedule on random inputs; anything else goes through the engine itself.
import type { DepreciationMethod } from '../../api/schemas';
import { planTime, type TimePlan } from './methods';

export interface PlainAsset {
  method: Exclude<DepreciationMethod, 'units_of_production'>;
  cost: number;
  residualValue: number;
  lifeMonths: number;
}

export interface MonthFigures {
  amount: number;
  /** Accumulated depreciation after the month. */
  accumulated: number;
}

interface CachedPlan {
  plan: TimePlan;
  /** prefix[y] = what years before y charge in all. */
  prefix: number[];
  total: number;
}

/** Plans are shared by assets with the same terms (a ledger repeats its prices); bounded. */
export class PlanCache {
  private map = new Map<string, CachedPlan>();
  constructor(private readonly limit = 50_000) {}

  get(a: PlainAsset): CachedPlan {
    const key = `${a.method}|${a.lifeMonths}|${a.cost}|${a.residualValue}`;
    let c = this.map.get(key);
    if (!c) {
      const amount = Math.max(0, a.cost - a.residualValue);
      const plan = planTime(a.method, 1, Math.max(1, a.lifeMonths), a.cost, amount);
      const prefix = new Array<number>(plan.totals.length + 1);
      prefix[0] = 0;
      for (let y = 0; y < plan.totals.length; y++) prefix[y + 1] = prefix[y] + plan.totals[y];
      c = { plan, prefix, total: amount };
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(key, c);
    }
    return c;
  }
}

/**
 * The figures of month t (1 = the first depreciation month) of a plain asset: what computeSchedule's row
 * for that month says. t < 1: nothing charged yet.
 */
export function plainMonth(cache: PlanCache, a: PlainAsset, t: number): MonthFigures {
  if (t < 1) return { amount: 0, accumulated: 0 };
  const { plan, prefix, total } = cache.get(a);
  const off = t - 1;
  if (off >= plan.months) return { amount: 0, accumulated: total };
  const y = (off / 12) | 0;
  const pos = off - 12 * y;
  const yearTotal = plan.totals[y];
  const m = plan.monthly[y];
  const inYear = Math.min(pos * m, yearTotal);
  const before = prefix[y] + inYear;
  let amount: number;
  if (off === plan.months - 1) amount = total - before;
  else if (pos === plan.lengths[y] - 1) amount = yearTotal - inYear;
  else amount = Math.min(m, yearTotal - inYear);
  if (amount > total - before) amount = total - before;
  if (amount < 0) amount = 0;
  return { amount, accumulated: before + amount };
}
