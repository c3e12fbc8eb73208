// The four depreciation methods as plans: for a stretch of life starting from a known carrying amount,
// how much each depreciation year charges and what its months charge before the closing month.
import type { DepreciationMethod } from '../../api/schemas';
import { roundHalfUp } from './rational';

/**
 * A time-based plan over R months, cut into depreciation years of 12 months from its first month (the last
 * one possibly shorter). Year y charges `totals[y]` fen in all; its months charge `monthly[y]` each (never
 * more than what is left of the year) and its closing month takes the rest, so each year is exact to the fen.
 */
export interface TimePlan {
  kind: 'time';
  /** Month number (1 = first depreciation month) where the plan starts. */
  start: number;
  months: number;
  lengths: number[];
  totals: number[];
  monthly: number[];
}

/** Units of production: fen per micro-unit kept as the exact fraction amount / remainingMicroUnits. */
export interface UnitsPlan {
  kind: 'units';
  start: number;
  amount: bigint;
  remainingMicroUnits: bigint;
}

export type Plan = TimePlan | UnitsPlan;

function yearLengths(months: number): number[] {
  const out: number[] = [];
  for (let left = months; left > 0; left -= 12) out.push(left >= 12 ? 12 : left);
  return out;
}

/**
 * @param carrying net book value at the start (cost − accumulated − impairment), the DDB base
 * @param amount what the plan must charge in all: carrying − residual, never negative
 */
export function planTime(
  method: Exclude<DepreciationMethod, 'units_of_production'>,
  start: number,
  months: number,
  carrying: number,
  amount: number,
): TimePlan {
  const lengths = yearLengths(months);
  const years = lengths.length;
  const totals = new Array<number>(years);
  const monthly = new Array<number>(years);
  const D = BigInt(amount);
  const R = BigInt(months);
  let charged = 0;
  const close = (y: number, exactNum: bigint, exactDen: bigint) => {
    // The last year takes whatever the rounded earlier years left, so the plan totals `amount` exactly.
    const total = y === years - 1 ? amount - charged : roundHalfUp(exactNum, exactDen);
    totals[y] = Math.max(0, Math.min(total, amount - charged));
    monthly[y] = roundHalfUp(exactNum, exactDen * BigInt(lengths[y]));
    charged += totals[y];
  };

  if (method === 'straight_line') {
    for (let y = 0; y < years; y++) close(y, D * BigInt(lengths[y]), R);
  } else if (method === 'sum_of_years') {
    // A year's weight is the life remaining at its start times its length (both in months): the textbook
    // n−k+1 digits for whole-year lives, and a short last year weighs in proportion to its length.
    const weights = lengths.map((len, y) => BigInt((months - 12 * y) * len));
    const W = weights.reduce((a, b) => a + b, 0n);
    for (let y = 0; y < years; y++) close(y, D * weights[y], W);
  } else {
    // Double declining: 2/n a year on the net book value at the year's start, n = R/12 years, so 24/R;
    // the last two depreciation years spread what is left above the residual evenly over their months.
    const residual = carrying - amount;
    const switchAt = Math.max(0, years - 2);
    let nbv = carrying;
    for (let y = 0; y < switchAt; y++) {
      close(y, BigInt(nbv) * 24n, R);
      nbv -= totals[y];
    }
    const restMonths = months - 12 * switchAt;
    const rest = BigInt(Math.max(0, nbv - residual));
    for (let y = switchAt; y < years; y++) close(y, rest * BigInt(lengths[y]), BigInt(restMonths));
  }
  return { kind: 'time', start, months, lengths, totals, monthly };
}
