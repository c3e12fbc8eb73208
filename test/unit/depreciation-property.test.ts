// Random schedules from a seeded PRNG: the invariants every schedule must keep, whatever the inputs.
import { describe, expect, it } from 'vitest';
import type { DepreciationMethod } from '../../src/main/api/schemas';
import {
  computeSchedule,
  residualOf,
  type DepreciationEvent,
  type ScheduleInput,
  type ScheduleRow,
} from '../../src/main/modules/depreciation/engine';
import { prng } from './depreciation-helpers';

const TIME_METHODS = ['straight_line', 'double_declining', 'sum_of_years'] as const;
type Rng = ReturnType<typeof prng>;

function randomDate(r: Rng, fromYear = 2000, toYear = 2030): string {
  const y = r.int(fromYear, toYear);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The month `t` (1 = first depreciation month) as a date inside it. */
function dateAt(inService: string, t: number, day = 15): string {
  const idx = Number(inService.slice(0, 4)) * 12 + Number(inService.slice(5, 7)) - 1 + t;
  const y = Math.floor(idx / 12);
  return `${y}-${String(idx - y * 12 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function periodAt(inService: string, t: number): string {
  return dateAt(inService, t).slice(0, 7);
}

interface Case {
  input: ScheduleInput;
  /** The residual in force at the end, for the final-accumulated invariant. */
  finalResidual: number;
}

/**
 * Residuals only go down and every recoverable amount is at least the starting residual, so the carrying amount
 * never falls below the residual in force and the life must end at exactly cost − residual − impairment.
 */
function randomCase(r: Rng): Case {
  const units = r.next() < 0.25;
  const method: DepreciationMethod = units ? 'units_of_production' : r.pick(TIME_METHODS);
  const cost = r.next() < 0.2 ? r.int(1, 5_000) : r.int(10_000, 100_000_000_000);
  const lifeMonths = r.next() < 0.5 ? 12 * r.int(1, 30) : r.int(1, 360);
  const inServiceDate = randomDate(r);
  const input: ScheduleInput = { method, cost, lifeMonths, inServiceDate };
  let residual: number;
  if (r.next() < 0.5) {
    input.residualRate = r.pick([0, 0.03, 0.05, r.int(0, 1000) / 10000]);
    residual = residualOf(cost, undefined, input.residualRate);
  } else {
    residual = input.residualValue = r.int(0, Math.floor(cost * 0.1));
  }
  if (r.next() < 0.25) {
    input.openingMonths = r.int(0, lifeMonths - 1);
    input.openingAccumulated = r.int(0, cost - residual);
  }
  const opening = input.openingMonths ?? 0;
  const events: DepreciationEvent[] = [];
  let lastT = lifeMonths;
  // Generated in date order, so the residual in force when each event is booked is the one tracked here.
  const when = Array.from({ length: r.int(0, 3) }, () => [r.int(0, lifeMonths + 6), r.int(1, 28)]);
  when.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [at, day] of when) {
    const date = dateAt(inServiceDate, at, day);
    if (r.next() < 0.5) {
      let e: DepreciationEvent;
      if (residual > 0 && r.next() < 0.3) {
        // Below the residual, so it certainly impairs; the new residual is at most what is recoverable.
        const recoverableAmount = r.int(0, residual - 1);
        residual = r.int(0, recoverableAmount);
        e = { kind: 'impairment', date, recoverableAmount, residualValue: residual };
      } else {
        e = { kind: 'impairment', date, recoverableAmount: r.int(residual, cost) };
      }
      if (r.next() < 0.3) e.remainingLifeMonths = r.int(1, 120);
      events.push(e);
    } else {
      const e: DepreciationEvent = { kind: 'estimate_change', date };
      if (r.next() < 0.5) e.totalLifeMonths = r.int(1, 360);
      if (r.next() < 0.4) residual = e.residualValue = r.int(0, residual);
      if (!units && (r.next() < 0.4 || (e.totalLifeMonths === undefined && e.residualValue === undefined))) {
        e.method = r.pick(TIME_METHODS);
      }
      events.push(e);
    }
    lastT = Math.max(lastT, at + 1);
  }
  input.events = events;
  if (units) {
    input.totalUnits = r.int(1, 1_000_000) / r.pick([1, 10, 1000]);
    const usage: { period: string; units: number }[] = [];
    const end = Math.max(lastT, opening + 1) + r.int(0, 12);
    for (let t = 1; t < end; t++) {
      if (r.next() < 0.8)
        usage.push({ period: periodAt(inServiceDate, t), units: r.int(0, 5000) / r.pick([1, 100]) });
    }
    // The last month uses the whole total: the units are certainly exhausted by then.
    usage.push({ period: periodAt(inServiceDate, end), units: input.totalUnits });
    input.usage = usage;
    input.through = periodAt(inServiceDate, end);
  }
  return { input, finalResidual: residual };
}

/** The bookkeeping every row must satisfy; returns the first broken one (cheap enough for hundreds of cases). */
function brokenRow(rows: ScheduleRow[], cost: number): string | null {
  let acc = rows.length ? rows[0].accumulated - rows[0].amount : 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    acc += row.amount;
    const prev = rows[i - 1];
    const step = prev ? periodNumber(row.period) - periodNumber(prev.period) : 1;
    if (
      !Number.isSafeInteger(row.amount) ||
      row.amount < 0 ||
      row.accumulated !== acc ||
      row.netBookValue !== cost - row.accumulated - row.impairment ||
      step !== 1 ||
      (prev && row.impairment < prev.impairment)
    ) {
      return JSON.stringify(row);
    }
  }
  return null;
}

const periodNumber = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7));

describe('schedules keep their invariants (seeded random cases)', () => {
  it('ends at exactly cost − residual − impairment, never negative, never beyond, consecutive months', () => {
    const r = prng(20240601);
    for (let n = 0; n < 400; n++) {
      const { input, finalResidual } = randomCase(r);
      const rows = computeSchedule(input).rows;
      const label = JSON.stringify(input);
      expect(rows.length, label).toBeGreaterThan(0);
      expect(brokenRow(rows, input.cost), label).toBeNull();
      const last = rows.at(-1)!;
      expect(last.accumulated, label).toBe(input.cost - finalResidual - last.impairment);
      expect(Math.max(...rows.map((x) => x.accumulated + x.impairment)), label).toBeLessThanOrEqual(
        input.cost,
      );
    }
  });

  it('a disposal or an earlier `through` only cuts the schedule: the months before are unchanged', () => {
    const r = prng(7);
    for (let n = 0; n < 200; n++) {
      const { input } = randomCase(r);
      const full = computeSchedule(input).rows;
      const cut = r.int(0, full.length - 1);
      const disposalDate = `${full[cut].period}-${String(r.int(1, 28)).padStart(2, '0')}`;
      const disposed = computeSchedule({
        ...input,
        events: [...(input.events ?? []), { kind: 'disposal', date: disposalDate }],
      });
      const label = JSON.stringify(input) + disposalDate;
      expect(
        disposed.rows.map(({ flags: _, ...x }) => x),
        label,
      ).toEqual(full.slice(0, cut + 1).map(({ flags: _, ...x }) => x));
      expect(disposed.rows.at(-1)!.flags, label).toContain('disposal');
      expect(computeSchedule({ ...input, through: full[cut].period }).rows, label).toEqual(
        full.slice(0, cut + 1),
      );
    }
  });
});

// An independent reference for the depreciation years of a plain time-based schedule (no events, no opening):
// the exact year amounts as fractions, computed straight from the formulas.
function referenceYears(
  method: (typeof TIME_METHODS)[number],
  cost: number,
  residual: number,
  life: number,
): number[] {
  const lengths: number[] = [];
  for (let left = life; left > 0; left -= 12) lengths.push(Math.min(12, left));
  const round = (num: bigint, den: bigint) => Number((2n * num + den) / (2n * den));
  const D = BigInt(cost - residual);
  const out: number[] = [];
  let done = 0;
  const push = (y: number, num: bigint, den: bigint) => {
    const v =
      y === lengths.length - 1 ? cost - residual - done : Math.min(round(num, den), cost - residual - done);
    out.push(v);
    done += v;
  };
  if (method === 'straight_line') {
    lengths.forEach((len, y) => push(y, D * BigInt(len), BigInt(life)));
  } else if (method === 'sum_of_years') {
    const w = lengths.map((len, y) => BigInt((life - 12 * y) * len));
    const W = w.reduce((a, b) => a + b);
    lengths.forEach((_, y) => push(y, D * w[y], W));
  } else {
    const switchAt = Math.max(0, lengths.length - 2);
    for (let y = 0; y < lengths.length; y++) {
      // 2/n with n = life/12 years, on the NBV (cost − what earlier years took) at the year's start.
      if (y < switchAt) push(y, BigInt(cost - done) * 24n, BigInt(life));
      else push(y, BigInt(cost - residual - done) * BigInt(lengths[y]), BigInt(life - 12 * switchAt));
    }
  }
  return out;
}

describe('every depreciation year totals its exact amount rounded to the fen', () => {
  it('matches an independent computation of the year amounts for random plain schedules', () => {
    const r = prng(42);
    for (let n = 0; n < 300; n++) {
      const method = r.pick(TIME_METHODS);
      const cost = r.int(1, 10_000_000_000);
      const residual = r.int(0, Math.floor(cost * 0.08));
      const life = r.next() < 0.5 ? 12 * r.int(1, 25) : r.int(1, 300);
      const rows = computeSchedule({
        method,
        cost,
        residualValue: residual,
        lifeMonths: life,
        inServiceDate: randomDate(r),
      }).rows;
      const sums: number[] = [];
      for (let i = 0; i < rows.length; i += 12)
        sums.push(rows.slice(i, i + 12).reduce((a, x) => a + x.amount, 0));
      expect(sums, JSON.stringify({ method, cost, residual, life })).toEqual(
        referenceYears(method, cost, residual, life),
      );
    }
  });
});
