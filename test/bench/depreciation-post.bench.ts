// Benchmark: posting a month (depreciation.run post=true, as a job) on a sample company of N assets (default
// 100,000), against a raw better-sqlite3 insert of the same entries into a table of the same shape, measured
// in the same run. Targets: ≤ 3 s and ≤ 3× the raw insert.
// Run: npx tsx test/bench/depreciation-post.bench.ts [--assets N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCore } from '../../src/main/core';
import { localPeriod } from '../../src/main/util/dates';
import type { ApiResult } from '../../src/main/api/errors-shared';
import type { RunPosting, RunPreview } from '../../src/main/modules/depreciation/contract';
import { adminCaller, writeSampleCompany } from './lib';

const TARGET_MS = 3000;
const TARGET_RATIO = 3;

function ok<T>(r: ApiResult<unknown>, what: string): T {
  if (!r.ok)
    throw new Error(`${what}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.params ?? '')}`);
  return r.data as T;
}

export interface PostBenchResult {
  assets: number;
  entries: number;
  generateMs: number;
  previewMs: number;
  postMs: number;
  repostMs: number;
  rawInsertMs: number;
  ratio: number;
  ok: boolean;
}

export async function runDepreciationPostBench(opts: { assets?: number } = {}): Promise<PostBenchResult> {
  const n = opts.assets ?? 100_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'fams-post-bench-'));
  try {
    const now = new Date();
    const t0 = performance.now();
    writeSampleCompany(dataDir, { assets: n, now });
    const generateMs = performance.now() - t0;

    const core = startCore({ dataDir });
    try {
      const caller = adminCaller(core);
      const period = localPeriod(now);
      const { sqlite, jobs } = core.services;

      let t = performance.now();
      ok<RunPreview>(
        core.dispatch(caller, 'depreciation.run', { period, post: false, limit: 50 }),
        'preview',
      );
      const previewMs = performance.now() - t;

      const post = async () => {
        const s = performance.now();
        const { jobId } = ok<RunPosting>(
          core.dispatch(caller, 'depreciation.run', { period, post: true }),
          'post',
        );
        await jobs.idle();
        const job = jobs.get(jobId)!;
        if (job.status !== 'done') throw new Error(`post job ${job.status}: ${JSON.stringify(job.error)}`);
        return [performance.now() - s, job.result as { assets: number; unchanged: boolean }] as const;
      };
      const [postMs, first] = await post();
      const [repostMs, second] = await post();
      if (first.unchanged || !second.unchanged)
        throw new Error('expected a first post and an unchanged re-post');

      // Raw baseline: the same rows into a table of the same shape and indexes, one prepared statement, one
      // transaction — what a hand-written insert with the entries already in memory would cost.
      const rows = sqlite
        .prepare(
          'SELECT run_id, period, book, asset_id, category_id, expense_department_id, cost, amount, accumulated, impairment, impairment_charge, nbv, disposed FROM depreciation_entries WHERE period = ?',
        )
        .raw()
        .all(period) as unknown[][];
      const ddl = sqlite
        .prepare(`SELECT sql FROM sqlite_master WHERE tbl_name = 'depreciation_entries' AND sql IS NOT NULL`)
        .pluck()
        .all() as string[];
      sqlite.exec('DROP TABLE IF EXISTS bench_entries');
      for (const s of ddl) {
        sqlite.exec(
          s
            .replace(/depreciation_entries_/g, 'bench_entries_')
            .replace(/[`"]?depreciation_entries[`"]?/g, 'bench_entries')
            .replace(/,\s*FOREIGN KEY[^)]*\)[^,)]*REFERENCES[^)]*\)[^,)]*/g, ''),
        );
      }
      const ins = sqlite.prepare(
        'INSERT INTO bench_entries (run_id, period, book, asset_id, category_id, expense_department_id, cost, amount, accumulated, impairment, impairment_charge, nbv, disposed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      t = performance.now();
      sqlite
        .transaction(() => {
          for (const r of rows) ins.run(r);
        })
        .immediate();
      const rawInsertMs = performance.now() - t;
      sqlite.exec('DROP TABLE bench_entries');

      const ratio = postMs / rawInsertMs;
      const result: PostBenchResult = {
        assets: n,
        entries: first.assets,
        generateMs,
        previewMs,
        postMs,
        repostMs,
        rawInsertMs,
        ratio,
        ok: postMs <= TARGET_MS && ratio <= TARGET_RATIO,
      };
      const f = (x: number) => `${x.toFixed(0)} ms`;
      console.log(
        `depreciation post bench: ${n.toLocaleString('en')} assets, ${first.assets.toLocaleString('en')} entries for ${period}`,
      );
      console.log(`  sample company generated      ${f(generateMs)}`);
      console.log(`  preview (depreciation.run)    ${f(previewMs)}`);
      console.log(`  post (job, dispatch → done)   ${f(postMs)}   target ≤ ${TARGET_MS} ms`);
      console.log(`  re-post, unchanged            ${f(repostMs)}`);
      console.log(`  raw insert of the same rows   ${f(rawInsertMs)}`);
      console.log(`  ratio post / raw insert       ${ratio.toFixed(2)}×   target ≤ ${TARGET_RATIO}×`);
      console.log(result.ok ? 'PASS' : 'MISS');
      return result;
    } finally {
      await core.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { assets: { type: 'string', default: '100000' } } });
  const r = await runDepreciationPostBench({ assets: Number(values.assets) });
  process.exitCode = r.ok ? 0 : 1;
}
