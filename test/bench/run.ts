// `npm run bench`: the speed targets on a 200,000-asset sample company, each API figure beside a raw
// better-sqlite3 baseline measured in the same run. Prints a table and writes results/latest.json.
// Options: --assets <N> (default 200000), --keep (keep the data folder), --data <dir> (reuse a folder
// built by an earlier --keep run; skips generation), --strict (exit 1 when a target is missed).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DB_FILE, startCore, type Core } from '../../src/main/core';
import { openDatabase, type Sqlite } from '../../src/main/db/client';
import { createSession } from '../../src/main/modules/users/accounts';
import { forgetListCache } from '../../src/main/modules/assets/list-cache';
import { performSetup } from '../../src/main/modules/system/setup';
import { loadSampleCompany } from '../../src/main/demo/generate';
import Database, { type Statement } from 'better-sqlite3';
import type { ApiResult } from '../../src/main/api/errors-shared';
import { baselineFor, listCases, searchCases, type ListCase, type SearchCase } from './cases';
import {
  percentile,
  printTable,
  round,
  stats,
  time,
  timeCpu,
  updateResults,
  type Row,
  type Stats,
} from './lib';

const TARGETS = { listP95: 30, searchP95: 50, coreStart: 500, demo: 30_000 };
const PASSWORD = 'bench-admin-123';
const PAGE = 50;

const { values } = parseArgs({
  options: {
    assets: { type: 'string', default: '200000' },
    keep: { type: 'boolean', default: false },
    data: { type: 'string' },
    strict: { type: 'boolean', default: false },
    'list-calls': { type: 'string', default: '200' },
    'search-calls': { type: 'string', default: '40' },
    'start-runs': { type: 'string', default: '7' },
  },
});
const N = Number(values.assets);
const started = performance.now();

function generate(dataDir: string): number {
  mkdirSync(dataDir, { recursive: true });
  const { sqlite } = openDatabase(join(dataDir, DB_FILE));
  const [, ms] = time(() =>
    sqlite
      .transaction(() => {
        const now = new Date();
        performSetup(
          sqlite,
          {
            companyName: '基准测试公司',
            accountingStandard: 'cas',
            firstPeriod: now.toISOString().slice(0, 7),
            adminPassword: PASSWORD,
            locale: 'zh-CN',
          },
          now.toISOString(),
        );
        loadSampleCompany(sqlite, { assets: N, now, seed: 1 });
      })
      .immediate(),
  );
  sqlite.pragma('optimize');
  sqlite.close();
  return ms;
}

/** startCore on the existing folder, and the raw baseline: open the file and run quick_check. */
async function coreStarts(dataDir: string, runs: number): Promise<{ core: number[]; raw: number[] }> {
  const out = { core: [] as number[], raw: [] as number[] };
  for (let i = 0; i < runs; i++) {
    const [core, ms] = time(() => startCore({ dataDir }));
    out.core.push(ms);
    await core.close();
    const [, rawMs] = time(() => {
      const db = new Database(join(dataDir, DB_FILE));
      db.pragma('quick_check');
      db.close();
    });
    out.raw.push(rawMs);
  }
  return out;
}

function mustOk<T>(r: ApiResult<T>, what: string): T {
  if (!r.ok)
    throw new Error(
      `${what}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.params ?? r.error.details ?? '')}`,
    );
  return r.data;
}

interface Measured {
  api: number[];
  raw: number[];
  /** The same calls' CPU time (see timeCpu). */
  apiCpu: number[];
  rawCpu: number[];
  /** Calls whose first page or total differ between the API and the baseline. */
  mismatches: string[];
  /** Every call's input and time, to name the slowest. */
  calls: { ms: number; input: string }[];
  /** The second page right after the first (the list remembers the total meanwhile), and raw. */
  next: number[];
  nextRaw: number[];
}

/**
 * Runs each case through dispatch and through the raw query, alternating which goes first so
 * neither profits from the other's warm cache more often.
 */
function measure(
  core: Core,
  token: string,
  sqlite: Sqlite,
  cases: ListCase[],
  like: boolean,
  withNext = false,
): Measured {
  const m: Measured = {
    api: [],
    raw: [],
    apiCpu: [],
    rawCpu: [],
    mismatches: [],
    calls: [],
    next: [],
    nextRaw: [],
  };
  const stmts = new Map<string, { page: Statement<unknown[]>; count: Statement<unknown[]> }>();
  cases.forEach((c, i) => {
    const input = { query: c.query, filters: c.filters, sort: c.sort, offset: 0, limit: PAGE };
    const call = (offset: number) =>
      mustOk(
        core.dispatch({ token, source: 'desktop' }, 'assets.list', { ...input, offset }),
        'assets.list',
      ) as {
        rows: { id: number }[];
        total: number;
      };
    const api = () => call(0);
    // First pages are measured cold: nothing remembered from an earlier call with the same filter.
    forgetListCache(core.services.sqlite);
    const b = baselineFor(c, PAGE, like);
    const raw = () => {
      // Prepared once per distinct SQL, as a hand-written data layer would.
      let s = stmts.get(b.sql);
      if (!s) {
        s = { page: sqlite.prepare<unknown[]>(b.sql), count: sqlite.prepare<unknown[]>(b.countSql).pluck() };
        stmts.set(b.sql, s);
      }
      const rows = s.page.all(b.params) as { id: number }[];
      const total = s.count.get(b.params) as number;
      return { rows, total };
    };
    let a: ReturnType<typeof api>;
    let r: ReturnType<typeof raw>;
    let ta: number;
    let tr: number;
    let ca: number;
    let cr: number;
    if (i % 2 === 0) {
      [a, ta, ca] = timeCpu(api);
      [r, tr, cr] = timeCpu(raw);
    } else {
      [r, tr, cr] = timeCpu(raw);
      [a, ta, ca] = timeCpu(api);
    }
    m.api.push(ta);
    m.raw.push(tr);
    m.apiCpu.push(ca);
    m.rawCpu.push(cr);
    m.calls.push({
      ms: round(ta),
      input: JSON.stringify({ query: c.query, filters: c.filters, sort: c.sort }),
    });
    const same = a.total === r.total && a.rows.map((x) => x.id).join() === r.rows.map((x) => x.id).join();
    if (!same) m.mismatches.push(`${JSON.stringify(input)}: api total ${a.total}, raw total ${r.total}`);
    if (withNext && a.total > PAGE) {
      // The user pages on: the API right after its first page, the baseline's query with an OFFSET.
      const [a2, t2] = time(() => call(PAGE));
      const [r2, tr2] = time(() => ({
        rows: sqlite.prepare<unknown[]>(`${b.sql} OFFSET ${PAGE}`).all(b.params) as { id: number }[],
        total: stmts.get(b.sql)!.count.get(b.params) as number,
      }));
      m.next.push(t2);
      m.nextRaw.push(tr2);
      if (a2.total !== r2.total || a2.rows.map((x) => x.id).join() !== r2.rows.map((x) => x.id).join())
        m.mismatches.push(`${JSON.stringify(input)} page 2: api total ${a2.total}, raw total ${r2.total}`);
    }
  });
  return m;
}

async function main(): Promise<number> {
  const keep = values.keep || !!values.data;
  const dataDir = values.data ?? mkdtempSync(join(tmpdir(), 'fams-bench-'));
  let demoMs: number | null = null;
  if (!values.data) {
    console.log(`generating a ${N.toLocaleString('en')}-asset sample company in ${dataDir} ...`);
    demoMs = generate(dataDir);
  }
  const { core: starts, raw: rawStarts } = await coreStarts(dataDir, Number(values['start-runs']));

  const core = startCore({ dataDir });
  const { sqlite } = core.services;
  // A session straight from the users module, so a folder built by `npm run demo` (any password) works.
  const adminId = sqlite.prepare(`SELECT id FROM users WHERE username = 'admin'`).pluck().get() as number;
  const token = createSession(sqlite, adminId, 'desktop', new Date());
  const assets = sqlite.prepare('SELECT count(*) FROM assets').pluck().get() as number;

  // Warm the page cache the way a user's first minute would, for both sides alike.
  measure(core, token, sqlite, listCases(sqlite, 10, 99), true);
  const list = measure(core, token, sqlite, listCases(sqlite, Number(values['list-calls'])), false);

  const sCases = searchCases(sqlite, Number(values['search-calls']));
  const asList = (s: SearchCase[]): ListCase[] => s.map((c) => ({ filters: {}, sort: [], query: c.query }));
  const search: Record<SearchCase['group'], Measured> = {
    zh2: measure(core, token, sqlite, asList(sCases.filter((c) => c.group === 'zh2')), true, true),
    zh3: measure(core, token, sqlite, asList(sCases.filter((c) => c.group === 'zh3')), true, true),
    latin: measure(core, token, sqlite, asList(sCases.filter((c) => c.group === 'latin')), true, true),
  };
  await core.close();

  const allSearch = [...search.zh2.api, ...search.zh3.api, ...search.latin.api];
  const allSearchRaw = [...search.zh2.raw, ...search.zh3.raw, ...search.latin.raw];
  const allNext = [...search.zh2.next, ...search.zh3.next, ...search.latin.next];
  const allNextRaw = [...search.zh2.nextRaw, ...search.zh3.nextRaw, ...search.latin.nextRaw];
  const allSearchCpu = [...search.zh2.apiCpu, ...search.zh3.apiCpu, ...search.latin.apiCpu];
  const allSearchRawCpu = [...search.zh2.rawCpu, ...search.zh3.rawCpu, ...search.latin.rawCpu];
  const coreMedian = percentile(starts, 50);
  const rows: Row[] = [
    ...(demoMs === null
      ? []
      : [
          {
            what: `demo generation (${N.toLocaleString('en')} assets)`,
            value: demoMs,
            unit: 'ms',
            target: TARGETS.demo,
          },
        ]),
    {
      what: `core start, median of ${starts.length}`,
      value: coreMedian,
      unit: 'ms',
      target: TARGETS.coreStart,
      baseline: percentile(rawStarts, 50),
      note: `max ${round(Math.max(...starts), 1)} ms; baseline: open + quick_check`,
    },
    {
      what: 'assets.list filter+sort p50',
      value: percentile(list.api, 50),
      unit: 'ms',
      baseline: percentile(list.raw, 50),
    },
    {
      what: 'assets.list filter+sort p95',
      value: percentile(list.api, 95),
      unit: 'ms',
      target: TARGETS.listP95,
      baseline: percentile(list.raw, 95),
      note: `${list.api.length} calls`,
    },
    {
      what: 'search 2-char Chinese p95',
      value: percentile(search.zh2.api, 95),
      unit: 'ms',
      baseline: percentile(search.zh2.raw, 95),
    },
    {
      what: 'search 3+char Chinese p95',
      value: percentile(search.zh3.api, 95),
      unit: 'ms',
      baseline: percentile(search.zh3.raw, 95),
    },
    {
      what: 'search Latin p95',
      value: percentile(search.latin.api, 95),
      unit: 'ms',
      baseline: percentile(search.latin.raw, 95),
    },
    {
      what: 'search all p95',
      value: percentile(allSearch, 95),
      unit: 'ms',
      target: TARGETS.searchP95,
      baseline: percentile(allSearchRaw, 95),
      note: `${allSearch.length} calls, baseline LIKE '%x%'`,
    },
    {
      what: 'search next page p95',
      value: percentile(allNext, 95),
      unit: 'ms',
      baseline: percentile(allNextRaw, 95),
      note: `${allNext.length} calls: page 2 right after page 1`,
    },
    // CPU time of the same calls: what they cost without waiting for a core (the targets are wall time).
    {
      what: 'assets.list p95, CPU time',
      value: percentile(list.apiCpu, 95),
      unit: 'ms',
      baseline: percentile(list.rawCpu, 95),
      note: 'no target: shows the cost when the machine is shared',
    },
    {
      what: 'search all p95, CPU time',
      value: percentile(allSearchCpu, 95),
      unit: 'ms',
      baseline: percentile(allSearchRawCpu, 95),
    },
  ];
  console.log(
    `\nFAMS benchmarks: ${assets.toLocaleString('en')} assets, ${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, node ${process.version}, load ${round(loadavg()[0] ?? 0, 1)}\n`,
  );
  printTable(rows);
  const mismatches = [
    ...list.mismatches,
    ...search.zh2.mismatches,
    ...search.zh3.mismatches,
    ...search.latin.mismatches,
  ];
  if (mismatches.length) {
    console.log(
      `\n${mismatches.length} call(s) where the API's first page or total differs from the baseline's:`,
    );
    for (const m of mismatches.slice(0, 10)) console.log('  ' + m);
  }

  const slowest = [list, search.zh2, search.zh3, search.latin]
    .flatMap((m) => m.calls)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8);
  console.log('\nslowest API calls:');
  for (const c of slowest) console.log(`  ${c.ms} ms  ${c.input}`);

  const missed = rows.filter((r) => r.target !== undefined && r.value > r.target).map((r) => r.what);
  const s = (m: Measured): { api: Stats; raw: Stats; ratioP95: number; cpu: { api: Stats; raw: Stats } } => ({
    api: stats(m.api),
    raw: stats(m.raw),
    ratioP95: round(percentile(m.api, 95) / percentile(m.raw, 95)),
    cpu: { api: stats(m.apiCpu), raw: stats(m.rawCpu) },
  });
  const result = {
    at: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? '', cores: cpus().length, node: process.version },
    /** Load average over the last minute when the run ended: above the core count, wall times suffer. */
    loadAvg1m: round(loadavg()[0] ?? 0),
    assets,
    targets: TARGETS,
    demo: demoMs === null ? null : { ms: round(demoMs) },
    coreStart: {
      medianMs: round(coreMedian),
      runsMs: starts.map((x) => round(x)),
      rawOpenQuickCheckMedianMs: round(percentile(rawStarts, 50)),
    },
    list: s(list),
    search: {
      zh2: s(search.zh2),
      zh3: s(search.zh3),
      latin: s(search.latin),
      all: {
        api: stats(allSearch),
        raw: stats(allSearchRaw),
        cpu: { api: stats(allSearchCpu), raw: stats(allSearchRawCpu) },
      },
      nextPage: { api: stats(allNext), raw: stats(allNextRaw) },
    },
    mismatches: mismatches.length,
    slowest,
    missed,
    totalSeconds: round((performance.now() - started) / 1000, 1),
  };
  // Other benches (devices) keep their figures under their own key in the same file.
  const out = updateResults((previous) => ({
    ...result,
    ...Object.fromEntries(Object.entries(previous).filter(([k]) => !(k in result))),
  }));
  console.log(
    `\n${missed.length ? `missed: ${missed.join('; ')}` : 'all targets met'}; ${result.totalSeconds} s in all; results in ${out}`,
  );
  if (keep) console.log(`data folder kept: ${dataDir} (reuse with --data ${dataDir})`);
  else rmSync(dataDir, { recursive: true, force: true });
  return values.strict && (missed.length || mismatches.length) ? 1 : 0;
}

process.exitCode = await main();
