// Benchmark: Excel import and export at scale, each beside a raw exceljs baseline in the same run.
//  - export of N assets (default 100,000) to .xlsx through io.export (list query + streaming writer)
//    vs exceljs's streaming writer writing the same cell values; CSV export alongside;
//  - import of M rows (default 10,000): io.importPreview + io.importCommit vs exceljs's streaming
//    reader (WorkbookReader) merely reading the same file.
// Exports benchIo() for test/bench/run.ts; standalone: npx tsx test/bench/io-import-export.ts [N] [M]
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { startCore } from '../../src/main/core';
import { loadSampleCompany } from '../../src/main/demo/generate';
import type { IoFile } from '../../src/main/modules/io/contract';
import { makeTempDir } from '../helpers/core';
import { printTable, round, type Row } from './lib';

const PASSWORD = 'bench-admin-123';

export interface IoBenchOptions {
  exportRows?: number;
  importRows?: number;
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

async function importFile(path: string, rows: number, categories: string[], departments: string[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  const ws = wb.addWorksheet('资产');
  ws.addRow(['某公司资产清单']).commit();
  ws.addRow(['资产编号', '资产名称', '资产类别', '规格型号', '原值', '购置日期', '使用部门', '残值率', '备注']).commit();
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

export async function benchIo(opts: IoBenchOptions = {}): Promise<Row[]> {
  const N = opts.exportRows ?? 100_000;
  const M = opts.importRows ?? 10_000;
  const dataDir = makeTempDir('fams-bench-io-');
  const rows: Row[] = [];
  try {
    const core = startCore({ dataDir, adminPassword: PASSWORD });
    const { sqlite } = core.services;
    loadSampleCompany(sqlite, { assets: N, now: new Date(), seed: 1 });
    const caller = { token: null as string | null, source: 'desktop' as const };
    const login = core.dispatch(caller, 'auth.login', { username: 'admin', password: PASSWORD });
    if (!login.ok) throw new Error('login');
    caller.token = (login.data as { token: string }).token;
    const call = <T>(m: string, input: unknown): T => {
      const r = core.dispatch(caller, m, input);
      if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
      return r.data as T;
    };
    const job = async <T>(id: string): Promise<T> => {
      await core.services.jobs.idle();
      const j = core.services.jobs.get(id)!;
      if (j.status !== 'done') throw new Error(JSON.stringify(j.error));
      return j.result as T;
    };

    // ---- export ----
    let mem = peakTracker();
    let t = performance.now();
    const out = await job<IoFile>(call<{ jobId: string }>('io.export', { format: 'xlsx' }).jobId);
    const exportMs = performance.now() - t;
    const exportMem = mem.stop();
    const values = (await (async () => {
      // The baseline writes the same cells: read them back from the ledger the cheapest way.
      return sqlite
        .prepare('SELECT asset_code, name, model, serial_no, cost, purchase_date, in_service_date, life_months, quantity, unit, notes FROM assets')
        .raw()
        .all() as unknown[][];
    })());
    t = performance.now();
    const base = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dataDir, 'raw.xlsx'), useStyles: true });
    const bws = base.addWorksheet('raw');
    for (const r of values) bws.addRow(r).commit();
    bws.commit();
    await base.commit();
    const rawWriteMs = performance.now() - t;
    rows.push({ what: `export ${N} assets → xlsx`, value: exportMs / 1000, unit: 's', baseline: rawWriteMs / 1000, note: `${round(out.size / 1e6, 1)} MB, peak RSS ${Math.round(exportMem)} MB` });
    t = performance.now();
    const csv = await job<IoFile>(call<{ jobId: string }>('io.export', { format: 'csv' }).jobId);
    rows.push({ what: `export ${N} assets → csv`, value: (performance.now() - t) / 1000, unit: 's', note: `${round(csv.size / 1e6, 1)} MB` });

    // ---- import ----
    const cats = sqlite.prepare('SELECT name FROM categories WHERE parent_id IS NOT NULL AND active = 1 GROUP BY name HAVING COUNT(*) = 1 LIMIT 10').pluck().all() as string[];
    const depts = sqlite.prepare('SELECT name FROM departments WHERE active = 1 GROUP BY name HAVING COUNT(*) = 1 LIMIT 10').pluck().all() as string[];
    const path = join(dataDir, 'import.xlsx');
    await importFile(path, M, cats, depts);
    const file = (await import('node:fs')).readFileSync(path).toString('base64');
    t = performance.now();
    const rawRows = await rawRead(path);
    const rawReadMs = performance.now() - t;
    mem = peakTracker();
    t = performance.now();
    const p = call<{ id: string; counts: { insert: number; error: number } }>('io.importPreview', { file, fileName: 'import.xlsx' });
    const previewMs = performance.now() - t;
    if (p.counts.insert !== M) throw new Error(`preview: ${JSON.stringify(p.counts)}`);
    t = performance.now();
    const r = await job<{ inserted: number }>(call<{ jobId: string }>('io.importCommit', { previewId: p.id }).jobId);
    const commitMs = performance.now() - t;
    const importMem = mem.stop();
    if (r.inserted !== M) throw new Error('commit');
    rows.push({ what: `import ${M} rows: preview`, value: previewMs / 1000, unit: 's', baseline: rawReadMs / 1000, note: `raw = exceljs streaming read (${rawRows} rows), ${round(statSync(path).size / 1e6, 1)} MB` });
    rows.push({ what: `import ${M} rows: commit`, value: commitMs / 1000, unit: 's' });
    rows.push({ what: `import ${M} rows: preview + commit`, value: (previewMs + commitMs) / 1000, unit: 's', baseline: rawReadMs / 1000, note: `peak RSS ${Math.round(importMem)} MB` });
    await core.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1]?.endsWith('io-import-export.ts')) {
  const [n, m] = process.argv.slice(2).map(Number);
  benchIo({ exportRows: n || undefined, importRows: m || undefined }).then(printTable, (err) => {
    console.error(err);
    process.exit(1);
  });
}
