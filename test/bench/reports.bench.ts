// Benchmark: 折旧明细表 for 12 posted months on a sample company of N assets (default 100,000) through
// reports.export (xlsx, the lean streaming writer in util/xlsx), against a raw exceljs streaming write of the
// same cells (read from the same entries in the same chunks, money in the same #,##0.00 format; no title,
// header or totals) in the same run. Targets: ≤ 20 s, peak RSS ≤ 400 MB, ≤ 1.5× the raw write.
// Run: npx tsx test/bench/reports.bench.ts [--assets N] [--keep] [--data DIR]
// --keep keeps the data folder (the posted ledger and both files); --data DIR reuses a folder built by an
// earlier --keep run (generation and posting are skipped when its 12 months are posted). The export and the
// raw write are measured in a fresh child process (--measure), after the ledger is built, so the peak RSS
// (sampled every 50 ms, and getrusage maxRSS right after the export) is the export's and not the
// generator's; the raw write runs after the export in that process.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { DB_FILE, startCore } from '../../src/main/core';
import { localPeriod } from '../../src/main/util/dates';
import { periodIndex, periodOf } from '../../src/main/modules/depreciation/periods';
import type { ApiResult } from '../../src/main/api/errors-shared';
import { adminCaller, writeSampleCompany } from './lib';

const TARGET_MS = 20_000;
const TARGET_MB = 400;
const TARGET_RATIO = 1.5;

function ok<T>(r: ApiResult<unknown>, what: string): T {
  if (!r.ok)
    throw new Error(`${what}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.params ?? '')}`);
  return r.data as T;
}

export interface ReportsBenchResult {
  assets: number;
  rows: number;
  postMonthsMs: number;
  exportMs: number;
  /** Process RSS just before the export (the core with the ledger open), for reading the peaks. */
  rssBeforeMb: number;
  /** Peak RSS sampled every 50 ms during the export. */
  exportPeakRssMb: number;
  /** getrusage maxRSS after the export: the process's peak so far (an exact peak when posting was skipped). */
  processMaxRssMb: number;
  reusedData: boolean;
  dataDir?: string;
  rawWriteMs: number;
  rawPeakRssMb: number;
  ratio: number;
  fileMb: number;
  ok: boolean;
}

/** Samples RSS every 50 ms while `work` runs; returns its time and the peak. */
async function measured<T>(work: () => Promise<T>): Promise<[T, number, number]> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t = performance.now();
  try {
    const r = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return [r, performance.now() - t, peak / 1024 / 1024];
  } finally {
    clearInterval(timer);
  }
}

function periods(now: Date) {
  const last = localPeriod(now);
  return { first: periodOf(periodIndex(last) - 11), last };
}

function postedMonths(dataDir: string, first: string, last: string): number {
  const db = new Database(join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(`SELECT count(*) FROM depreciation_runs WHERE status = 'posted' AND period BETWEEN ? AND ?`)
      .pluck()
      .get(first, last) as number;
  } finally {
    db.close();
  }
}

/** Generates the sample company (unless the folder has one) and posts the 12 months; returns the posting ms. */
async function buildLedger(dataDir: string, n: number, reuse: boolean): Promise<number> {
  const now = new Date();
  const { first, last } = periods(now);
  if (!reuse) {
    writeSampleCompany(dataDir, { assets: n, now, firstPeriod: first });
  }
  const core = startCore({ dataDir });
  try {
    const caller = adminCaller(core);
    const { jobs } = core.services;
    const t = performance.now();
    for (let p = periodIndex(first); p <= periodIndex(last); p++) {
      const { jobId } = ok<{ jobId: string }>(
        core.dispatch(caller, 'depreciation.run', { period: periodOf(p), post: true }),
        'post',
      );
      await jobs.idle();
      if (jobs.get(jobId)!.status !== 'done')
        throw new Error(`post ${periodOf(p)}: ${JSON.stringify(jobs.get(jobId)!.error)}`);
    }
    return performance.now() - t;
  } finally {
    await core.close();
  }
}

export async function runReportsBench(
  opts: { assets?: number; keep?: boolean; dataDir?: string; inProcess?: boolean } = {},
): Promise<ReportsBenchResult> {
  const n = opts.assets ?? 100_000;
  const reuse = !!opts.dataDir && existsSync(join(opts.dataDir, DB_FILE));
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'fams-reports-bench-'));
  mkdirSync(dataDir, { recursive: true });
  const keep = opts.keep || !!opts.dataDir;
  try {
    const { first, last } = periods(new Date());
    const ready = reuse && postedMonths(dataDir, first, last) >= 12;
    const postMonthsMs = ready ? 0 : await buildLedger(dataDir, n, reuse);
    // Measured in a fresh process: generating and posting 100,000 assets leaves this one at 600+ MB of
    // RSS, which would hide the export's own peak.
    const r = opts.inProcess ? await measure(dataDir, first, last) : measureInChild(dataDir);
    return {
      ...r,
      assets: n,
      postMonthsMs: Math.round(postMonthsMs),
      reusedData: ready,
      dataDir: keep ? dataDir : undefined,
    };
  } finally {
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

type Measured = Omit<ReportsBenchResult, 'assets' | 'postMonthsMs' | 'reusedData' | 'dataDir'>;

function measureInChild(dataDir: string): Measured {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--measure', '--data', dataDir],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Measured;
}

/** The export and the raw baseline, on a ledger already posted, in this process. */
async function measure(dataDir: string, first: string, last: string): Promise<Measured> {
  {
    const core = startCore({ dataDir });
    try {
      const caller = adminCaller(core);
      const { sqlite, jobs } = core.services;
      (globalThis as { gc?: () => void }).gc?.();
      const rssBeforeMb = Math.round(process.memoryUsage().rss / 1024 / 1024);

      const [file, exportMs, exportPeakRssMb] = await measured(async () => {
        const { jobId } = ok<{ jobId: string }>(
          core.dispatch(caller, 'reports.export', {
            kind: 'depreciation_detail',
            params: { from: first, to: last },
            format: 'xlsx',
          }),
          'export',
        );
        await jobs.idle();
        const job = jobs.get(jobId)!;
        if (job.status !== 'done') throw new Error(`export: ${JSON.stringify(job.error)}`);
        return job.result as { path: string; rows: number };
      });
      const processMaxRssMb = process.resourceUsage().maxRSS / 1024;
      const fileMb = statSync(join(dataDir, file.path)).size / 1024 / 1024;
      (globalThis as { gc?: () => void }).gc?.();

      // Raw: the same cells — code, name, period and six money values per row, money in the same #,##0.00
      // format (a cell's format is part of the cell) — read in the same chunks; no title, header or totals.
      const rawFile = join(dataDir, 'raw.xlsx');
      const [rawRows, rawWriteMs, rawPeakRssMb] = await measured(async () => {
        const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
          filename: rawFile,
          useStyles: true,
          useSharedStrings: false,
        });
        const money = { numFmt: '#,##0.00' };
        const plain = {};
        const sheet = (name: string) => {
          const w = wb.addWorksheet(name);
          return w;
        };
        let ws = sheet('raw');
        const q = sqlite.prepare(
          `SELECT a.asset_code, a.name, e.period, e.cost, e.nbv + e.amount + e.impairment_charge, e.amount, e.impairment_charge,
             e.accumulated, e.nbv, e.asset_id FROM depreciation_entries e JOIN assets a ON a.id = e.asset_id
           WHERE e.book = 'accounting' AND e.period BETWEEN ? AND ? AND e.asset_id > ? ORDER BY e.asset_id, e.period LIMIT 24000`,
        );
        let after = 0;
        let rows = 0;
        let inSheet = 0;
        for (;;) {
          const chunk = q.raw().all(first, last, after) as (string | number)[][];
          if (!chunk.length) break;
          // Whole assets per chunk (as the report does), so none is cut across a LIMIT.
          const lastId = chunk[chunk.length - 1]![9] as number;
          const whole = chunk.length === 24000 ? chunk.filter((r) => r[9] !== lastId) : chunk;
          after = whole.length ? (whole[whole.length - 1]![9] as number) : lastId;
          if (inSheet + whole.length > 1_000_000) {
            ws.commit();
            ws = sheet(`raw${rows}`);
            inSheet = 0;
          }
          for (const r of whole) {
            const row = ws.addRow([
              r[0],
              r[1],
              r[2],
              (r[3] as number) / 100,
              (r[4] as number) / 100,
              (r[5] as number) / 100,
              (r[6] as number) / 100,
              (r[7] as number) / 100,
              (r[8] as number) / 100,
            ]);
            // The fastest way exceljs offers: one shared style object per format (its styles cache is by identity).
            for (let c = 1; c <= 9; c++) row.getCell(c).style = c > 3 ? money : plain;
            row.commit();
          }
          rows += whole.length;
          inSheet += whole.length;
          await new Promise<void>((r) => setImmediate(r));
        }
        ws.commit();
        await wb.commit();
        return rows;
      });
      if (rawRows !== file.rows) throw new Error(`raw wrote ${rawRows} rows, the report ${file.rows}`);
      const ratio = exportMs / rawWriteMs;
      const result: Measured = {
        rows: file.rows,
        exportMs: Math.round(exportMs),
        rssBeforeMb,
        exportPeakRssMb: Math.round(exportPeakRssMb),
        processMaxRssMb: Math.round(processMaxRssMb),
        rawWriteMs: Math.round(rawWriteMs),
        rawPeakRssMb: Math.round(rawPeakRssMb),
        ratio: Math.round(ratio * 100) / 100,
        fileMb: Math.round(fileMb * 10) / 10,
        ok: exportMs <= TARGET_MS && exportPeakRssMb <= TARGET_MB && ratio <= TARGET_RATIO,
      };
      return result;
    } finally {
      await core.close();
    }
  }
}

if (process.argv[1] && /reports\.bench\.ts$/.test(process.argv[1])) {
  const { values } = parseArgs({
    options: {
      assets: { type: 'string', default: '100000' },
      keep: { type: 'boolean', default: false },
      data: { type: 'string' },
      measure: { type: 'boolean', default: false },
    },
  });
  if (values.measure) {
    // The child of measureInChild: one JSON line on stdout.
    const { first, last } = periods(new Date());
    measure(values.data!, first, last).then(
      (r) => console.log(JSON.stringify(r)),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  } else
    runReportsBench({ assets: Number(values.assets), keep: values.keep, dataDir: values.data }).then(
      (r) => {
        console.log(JSON.stringify(r, null, 2));
        console.log(
          `targets: ≤ ${TARGET_MS} ms, ≤ ${TARGET_MB} MB peak RSS, ≤ ${TARGET_RATIO}× raw → ${r.ok ? 'met' : 'MISSED'}`,
        );
      },
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
}
