// Benchmark: Excel import and export at scale, each beside a raw exceljs baseline in the same run.
//  - export of N assets (default 100,000) to .xlsx through io.export (list query + streaming writer)
//    vs exceljs's streaming writer writing the same cell values; CSV export alongside;
//  - import of M rows (default 100,000, the size): io.importPreview + io.importCommit vs exceljs's
//    streaming reader (WorkbookReader) merely reading the same file, and the commit vs a raw INSERT.
// The import's whole (preview + commit) is also given in CPU time beside the raw read's: on a shared
// machine wall times count waits for a core, CPU time much less.
// Exports benchIo() for test/bench/run.ts; standalone: npx tsx test/bench/io-import-export.ts [N] [M]
// (N = 0 measures the import alone; node --expose-gc --import tsx ... lets it collect before measuring).
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { startCore } from '../../src/main/core';
import { loadSampleCompany } from '../../src/main/demo/generate';
import type { IoFile } from '../../src/main/modules/io/contract';
import { DEFAULT_EXPORT_COLUMNS } from '../../src/main/modules/io/export';
import { ASSET_SELECT } from '../../src/main/modules/assets/rows';
import { makeTempDir } from '../helpers/core';
import { adminCaller, BENCH_PASSWORD, printTable, round, type Row } from './lib';

export interface IoBenchOptions {
  exportRows?: number;
  importRows?: number;
}

/** This process's CPU time (user + system, all threads) since `start`, in ms. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function peakTracker() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / 1024 / 1024;
    },
  };
}

async function importFile(
  path: string,
  rows: number,
  categories: string[],
  departments: string[],
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  const ws = wb.addWorksheet('资产');
  ws.addRow(['某公司资产清单']).commit();
  ws.addRow([
    '资产编号',
    '资产名称',
    '资产类别',
    '规格型号',
    '原值',
    '购置日期',
    '使用部门',
    '残值率',
    '备注',
  ]).commit();
  for (let i = 1; i <= rows; i++) {
    ws.addRow([
      `BENCH-${String(i).padStart(6, '0')}`,
      `导入资产${i}`,
      categories[i % categories.length],
      `M-${i % 97}`,
      `¥${(1000 + (i % 5000)).toLocaleString('en-US')}.50`,
      `2023/${(i % 12) + 1}/${(i % 28) + 1}`,
      departments[i % departments.length],
      '5%',
      i % 10 === 0 ? '备注' : null,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

async function rawRead(path: string): Promise<number> {
  let n = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', worksheets: 'emit' });
  for await (const ws of reader) for await (const row of ws) if ((row as ExcelJS.Row).values) n++;
  return n;
}

interface BenchCore {
  core: ReturnType<typeof startCore>;
  call<T>(m: string, input: unknown): T;
  job<T>(id: string): Promise<T>;
}

function benchCore(dataDir: string, assets: number): BenchCore {
  const core = startCore({ dataDir, adminPassword: BENCH_PASSWORD });
  loadSampleCompany(core.services.sqlite, { assets, now: new Date(), seed: 1 });
  const caller = adminCaller(core);
  return {
    core,
    call<T>(m: string, input: unknown): T {
      const r = core.dispatch(caller, m, input);
      if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
      return r.data as T;
    },
    async job<T>(id: string): Promise<T> {
      await core.services.jobs.idle();
      const j = core.services.jobs.get(id)!;
      if (j.status !== 'done') throw new Error(JSON.stringify(j.error));
      return j.result as T;
    },
  };
}

/**
 * The import first, in a fresh process state (so its peak memory is its own), into a small ledger:
 * a firm migrating its Excel list. Beside it: exceljs's streaming read of the same file, and a raw
 * prepared INSERT of the same cards in one transaction (rolled back) — the floor the table's
 * indexes set for any commit.
 */
async function importPhase(dataDir: string, M: number, rows: Row[]) {
  const { core, call, job } = benchCore(dataDir, 1000);
  const { sqlite } = core.services;
  const cats = sqlite
    .prepare(
      'SELECT name FROM categories WHERE parent_id IS NOT NULL AND active = 1 GROUP BY name HAVING COUNT(*) = 1 LIMIT 10',
    )
    .pluck()
    .all() as string[];
  const depts = sqlite
    .prepare('SELECT name FROM departments WHERE active = 1 GROUP BY name HAVING COUNT(*) = 1 LIMIT 10')
    .pluck()
    .all() as string[];
  const path = join(dataDir, 'import.xlsx');
  await importFile(path, M, cats, depts);
  let file: string | null = readFileSync(path).toString('base64');
  let t = performance.now();
  let cpu = process.cpuUsage();
  const rawRows = await rawRead(path);
  const rawReadMs = performance.now() - t;
  const rawReadCpu = cpuMs(cpu);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss / 1024 / 1024;
  const mem = peakTracker();
  t = performance.now();
  cpu = process.cpuUsage();
  const p = call<{ id: string; counts: { insert: number; error: number } }>('io.importPreview', {
    file,
    fileName: 'import.xlsx',
  });
  file = null;
  const previewMs = performance.now() - t;
  const previewCpu = cpuMs(cpu);
  if (p.counts.insert !== M) throw new Error(`preview: ${JSON.stringify(p.counts)}`);
  t = performance.now();
  cpu = process.cpuUsage();
  const r = await job<{ inserted: number }>(
    call<{ jobId: string }>('io.importCommit', { previewId: p.id }).jobId,
  );
  const commitMs = performance.now() - t;
  const commitCpu = cpuMs(cpu);
  const importMem = mem.stop();
  if (r.inserted !== M) throw new Error('commit');

  // Raw floor: the same cards inserted again (new codes) with one prepared statement, then undone.
  const cards = sqlite.prepare(`SELECT * FROM assets WHERE asset_code LIKE 'BENCH-%'`).all() as Record<
    string,
    unknown
  >[];
  const names = Object.keys(cards[0]!).filter((k) => k !== 'id');
  const ins = sqlite.prepare(
    `INSERT INTO assets (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
  );
  const codeAt = names.indexOf('asset_code');
  t = performance.now();
  try {
    sqlite.transaction(() => {
      for (const c of cards) {
        const v = names.map((n) => c[n]);
        v[codeAt] = `RAW-${String(c.asset_code)}`;
        ins.run(...v);
      }
      throw new Error('rollback');
    })();
  } catch {
    /* rolled back on purpose */
  }
  const rawInsertMs = performance.now() - t;

  // The targets are for 100,000 rows; smaller runs scale them.
  const scale = M / 100_000;
  rows.push({
    what: `import ${M} rows: preview`,
    value: previewMs / 1000,
    unit: 's',
    target: round(15 * scale),
    baseline: rawReadMs / 1000,
    note: `raw = exceljs streaming read (${rawRows} rows), ${round(statSync(path).size / 1e6, 1)} MB`,
  });
  rows.push({
    what: `import ${M} rows: commit`,
    value: commitMs / 1000,
    unit: 's',
    target: round(10 * scale),
    baseline: rawInsertMs / 1000,
    note: 'raw = prepared INSERT of the same cards, one transaction',
  });
  rows.push({
    what: `import ${M} rows: preview + commit`,
    value: (previewMs + commitMs) / 1000,
    unit: 's',
    target: round((2.5 * rawReadMs) / 1000),
    baseline: rawReadMs / 1000,
    note: 'target = 2.5 × raw read',
  });
  // On a shared machine wall times also count waits for a core; CPU time (this process, all its
  // threads) stays close to what the work costs on a quiet one, so the ratio is given in both.
  rows.push({
    what: `import ${M} rows: preview + commit, CPU`,
    value: (previewCpu + commitCpu) / 1000,
    unit: 's',
    target: round((2.5 * rawReadCpu) / 1000),
    baseline: rawReadCpu / 1000,
    note: `CPU time: preview ${round(previewCpu / 1000)} s + commit ${round(commitCpu / 1000)} s; target = 2.5 × raw read`,
  });
  rows.push({
    what: `import ${M} rows: peak RSS`,
    value: Math.round(importMem),
    unit: 'MB',
    target: 500,
    note: `RSS before the preview ${Math.round(rssBefore)} MB`,
  });
  await core.close();
}

/** Export of an N-card ledger beside exceljs's streaming writer writing as many cells. */
async function exportPhase(dataDir: string, N: number, rows: Row[]) {
  const { core, call, job } = benchCore(dataDir, N);
  const { sqlite } = core.services;
  global.gc?.();
  const rssBefore = process.memoryUsage().rss / 1024 / 1024;
  const mem = peakTracker();
  let t = performance.now();
  const out = await job<IoFile>(call<{ jobId: string }>('io.export', { format: 'xlsx' }).jobId);
  const exportMs = performance.now() - t;
  const exportMem = mem.stop();
  // The baseline writes as many cells per row as the export (its default columns), read from the
  // ledger the cheapest way (raw arrays, one query, before the clock starts).
  const cols = DEFAULT_EXPORT_COLUMNS.length;
  const values = sqlite.prepare(`${ASSET_SELECT} WHERE a.deleted_at IS NULL`).raw().all() as unknown[][];
  t = performance.now();
  const base = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: join(dataDir, 'raw.xlsx'),
    useStyles: true,
  });
  const bws = base.addWorksheet('raw');
  for (const r of values) bws.addRow(r.slice(1, cols + 1)).commit();
  bws.commit();
  await base.commit();
  const rawWriteMs = performance.now() - t;
  values.length = 0;
  rows.push({
    what: `export ${N} assets → xlsx`,
    value: exportMs / 1000,
    unit: 's',
    baseline: rawWriteMs / 1000,
    note: `raw = exceljs streaming write of ${cols} cells/row; ${round(out.size / 1e6, 1)} MB, peak RSS ${Math.round(exportMem)} MB (${Math.round(rssBefore)} MB before)`,
  });
  t = performance.now();
  const csv = await job<IoFile>(call<{ jobId: string }>('io.export', { format: 'csv' }).jobId);
  rows.push({
    what: `export ${N} assets → csv`,
    value: (performance.now() - t) / 1000,
    unit: 's',
    note: `${round(csv.size / 1e6, 1)} MB`,
  });
  await core.close();
}

export async function benchIo(opts: IoBenchOptions = {}): Promise<Row[]> {
  const N = opts.exportRows ?? 100_000;
  const M = opts.importRows ?? 100_000;
  const rows: Row[] = [];
  const importDir = makeTempDir('fams-bench-import-');
  try {
    await importPhase(importDir, M, rows);
  } finally {
    rmSync(importDir, { recursive: true, force: true });
  }
  if (N <= 0) return rows;
  const exportDir = makeTempDir('fams-bench-export-');
  try {
    await exportPhase(exportDir, N, rows);
  } finally {
    rmSync(exportDir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1]?.endsWith('io-import-export.ts')) {
  const [n, m] = process.argv.slice(2).map(Number);
  // An export size of 0 (e.g. `... 0 100000`) measures the import alone.
  benchIo({
    exportRows: Number.isNaN(n) || n === undefined ? undefined : n,
    importRows: m || undefined,
  }).then(printTable, (err) => {
    console.error(err);
    process.exit(1);
  });
}
