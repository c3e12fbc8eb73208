// Benchmark: depreciation.preview for a 20-year asset (target ≤ 1 ms), engine alone and through dispatch,
// against a raw floating-point straight-line loop as the baseline. Run: npx tsx test/bench/depreciation-preview.bench.ts
import { performance } from 'node:perf_hooks';
import { createDispatch } from '../../src/main/api/dispatch';
import { contracts } from '../../src/main/api/contracts';
import { handlers } from '../../src/main/api/handlers';
import type { HandlerFn } from '../../src/main/api/context';
import { makeSessionResolver } from '../../src/main/modules/users/accounts';
import { depreciationContract } from '../../src/main/modules/depreciation/contract';
import { depreciationHandlers } from '../../src/main/modules/depreciation/handlers';
import { computeSchedule, type ScheduleInput } from '../../src/main/modules/depreciation/engine';
import { startTestCore } from '../helpers/core';

const TARGET_MS = 1;
const twentyYears = (method: ScheduleInput['method']): ScheduleInput => ({
  method,
  cost: 123_456_789_01,
  residualRate: 0.05,
  lifeMonths: 240,
  inServiceDate: '2024-03-15',
});
const withEvents: ScheduleInput = {
  ...twentyYears('double_declining'),
  events: [
    { kind: 'impairment', date: '2029-07-20', recoverableAmount: 3_000_000_000 },
    { kind: 'estimate_change', date: '2033-01-31', totalLifeMonths: 216, residualValue: 100_000 },
  ],
};
const units: ScheduleInput = {
  ...twentyYears('units_of_production'),
  totalUnits: 1_000_000,
  usage: Array.from({ length: 240 }, (_, i) => ({
    period: `${2024 + Math.floor((i + 3) / 12)}-${String(((i + 3) % 12) + 1).padStart(2, '0')}`,
    units: 3_000 + (i % 7) * 1.25,
  })),
};

interface Stats {
  p50: number;
  p95: number;
  mean: number;
}

function measure(fn: () => unknown, iterations = 3000): Stats {
  for (let i = 0; i < 300; i++) fn(); // warm up the JIT
  const times = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    times[i] = performance.now() - t0;
  }
  times.sort();
  const mean = times.reduce((a, b) => a + b, 0) / iterations;
  return { p50: times[Math.floor(iterations * 0.5)], p95: times[Math.floor(iterations * 0.95)], mean };
}

/** The raw baseline: 240 months of straight line in doubles, same row objects, none of the rules. */
function rawFloatStraightLine(cost: number, residual: number, months: number) {
  const monthly = (cost - residual) / months;
  const rows = [];
  let acc = 0;
  for (let m = 0; m < months; m++) {
    acc += monthly;
    rows.push({
      period: `m${m}`,
      amount: Math.round(monthly),
      accumulated: Math.round(acc),
      impairment: 0,
      netBookValue: Math.round(cost - acc),
    });
  }
  return rows;
}

export async function runDepreciationPreviewBench() {
  const fmt = (s: Stats) => `p50 ${(s.p50 * 1000).toFixed(1)} µs  p95 ${(s.p95 * 1000).toFixed(1)} µs`;
  const out: Record<string, Stats> = {};
  out['raw float straight line (baseline)'] = measure(() =>
    rawFloatStraightLine(123_456_789_01, 617_283_945, 240),
  );
  for (const m of ['straight_line', 'double_declining', 'sum_of_years'] as const) {
    out[`engine ${m}`] = measure(() => computeSchedule(twentyYears(m)));
  }
  out['engine DDB + impairment + estimate change'] = measure(() => computeSchedule(withEvents));
  out['engine units of production, 240 usage months'] = measure(() => computeSchedule(units));

  const t = startTestCore();
  try {
    const dispatch = createDispatch({
      core: t.core.services,
      contracts: { ...contracts, ...depreciationContract },
      handlers: { ...handlers, ...(depreciationHandlers as unknown as Record<string, HandlerFn<never>>) },
      resolveSession: makeSessionResolver(t.core.services.sqlite, () => new Date()),
    });
    const call = (input: ScheduleInput) => {
      const r = dispatch({ token: null, source: 'browser' }, 'depreciation.preview', input);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    };
    out['dispatch DDB + events (zod + transaction)'] = measure(() => call(withEvents), 2000);
    out['dispatch units of production (zod + transaction)'] = measure(() => call(units), 2000);
  } finally {
    await t.close();
  }

  const base = out['raw float straight line (baseline)'].p50;
  let ok = true;
  for (const [name, s] of Object.entries(out)) {
    const ratio = (s.p50 / base).toFixed(1);
    if (!name.includes('baseline') && s.p95 > TARGET_MS) ok = false;
    console.log(`${name.padEnd(50)} ${fmt(s)}  (${ratio}× baseline)`);
  }
  console.log(ok ? `PASS: every p95 ≤ ${TARGET_MS} ms` : `FAIL: some p95 > ${TARGET_MS} ms`);
  return { ok, stats: out };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ok } = await runDepreciationPreviewBench();
  process.exitCode = ok ? 0 : 1;
}
