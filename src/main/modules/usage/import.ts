// Usage from an Excel sheet (exceljs): header row found by synonyms, every problem by row and column
// letter, and all rows written in one transaction or none.
import ExcelJS from 'exceljs';
import type { CoreServices } from '../../api/context';
import type { Session } from '../../api/session';
import type { JobContext } from '../../jobs/jobs';
import { jobCtx } from '../io/job-ctx';
import { decimalToScaled } from '../depreciation/rational';
import type { UsageImportResult, UsageProblem } from './contract';
import { checkItem, writeUsage, type EntryIn, type TotalIn } from './store';

const HEADERS: Record<'code' | 'period' | 'units' | 'total', string[]> = {
  code: ['资产编码', '资产编号', '资产代码', 'assetcode', 'code'],
  period: ['期间', '会计期间', '月份', 'period'],
  units: ['工作量', '本期工作量', '本月工作量', '实际工作量', 'units'],
  total: ['预计总工作量', '总工作量', 'totalunits'],
};
const norm = (s: string) => s.replace(/[\s_*（）()]/g, '').toLowerCase();

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 7);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
  }
  return String(v).trim();
}

function cellNumber(v: ExcelJS.CellValue): number | null {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  const s = cellText(v).replace(/,/g, '');
  return s !== '' && /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

function periodOfCell(v: ExcelJS.CellValue): string | null {
  if (v instanceof Date) return `${v.getUTCFullYear()}-${String(v.getUTCMonth() + 1).padStart(2, '0')}`;
  const m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(cellText(v));
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return `${m[1]}-${m[2]!.padStart(2, '0')}`;
}

export async function importUsageJob(
  core: CoreServices,
  session: Session,
  input: { file: string; period?: string; dryRun: boolean },
  job: JobContext,
): Promise<UsageImportResult> {
  const wb = new ExcelJS.Workbook();
  const problems: UsageProblem[] = [];
  const done = (imported = 0, totalsSet = 0, dryRun = true): UsageImportResult => ({
    imported,
    totalsSet,
    problems,
    dryRun,
  });
  try {
    await wb.xlsx.load(Buffer.from(input.file, 'base64') as unknown as ArrayBuffer);
  } catch {
    problems.push({ row: 0, column: '', message: 'validation.fileUnreadable' });
    return done();
  }
  job.progress(0.3, 'usage.reading');
  const ws = wb.worksheets.find((w) => w.state !== 'hidden');
  if (!ws) {
    problems.push({ row: 0, column: '', message: 'validation.fileUnreadable' });
    return done();
  }
  // The header row: the first of the top 10 rows naming an asset code column.
  let headerRow = 0;
  const cols: Partial<Record<keyof typeof HEADERS, number>> = {};
  for (let r = 1; r <= Math.min(10, ws.rowCount) && !headerRow; r++) {
    ws.getRow(r).eachCell((cell, c) => {
      const h = norm(cellText(cell.value));
      for (const [k, names] of Object.entries(HEADERS) as [keyof typeof HEADERS, string[]][]) {
        if (cols[k] === undefined && names.some((n) => norm(n) === h)) cols[k] = c;
      }
    });
    if (cols.code !== undefined) headerRow = r;
    else for (const k of Object.keys(cols)) delete cols[k as keyof typeof HEADERS];
  }
  const letter = (c: number | undefined) => (c ? ws.getColumn(c).letter : '');
  if (!headerRow) problems.push({ row: 1, column: 'A', message: 'validation.usageHeaderMissing' });
  else if (cols.units === undefined && cols.total === undefined)
    problems.push({ row: headerRow, column: '', message: 'validation.usageHeaderMissing' });
  else if (cols.units !== undefined && cols.period === undefined && !input.period)
    problems.push({ row: headerRow, column: '', message: 'validation.usagePeriodMissing' });
  if (problems.length) return done();

  const { sqlite } = core;
  const byCode = sqlite.prepare('SELECT id FROM assets WHERE asset_code = ? AND deleted_at IS NULL').pluck();
  const totals: TotalIn[] = [];
  const entries: EntryIn[] = [];
  const seen = new Map<string, number>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const code = cellText(row.getCell(cols.code!).value);
    const unitsCell = cols.units !== undefined ? row.getCell(cols.units).value : null;
    const totalCell = cols.total !== undefined ? row.getCell(cols.total).value : null;
    if (!code && cellText(unitsCell) === '' && cellText(totalCell) === '') continue; // blank row
    const problem = (col: number | undefined, message: string, params?: Record<string, unknown>) =>
      problems.push({ row: r, column: letter(col), message, params });
    if (!code) {
      problem(cols.code, 'validation.required');
      continue;
    }
    const assetId = byCode.get(code) as number | undefined;
    if (assetId === undefined) {
      problem(cols.code, 'validation.assetNotFound', { code });
      continue;
    }
    const notUop = checkItem(sqlite, assetId);
    if (notUop) {
      problem(cols.code, notUop.message, notUop.params);
      continue;
    }
    const number = (v: ExcelJS.CellValue, col: number) => {
      const n = cellNumber(v);
      if (n === null || n < 0 || n > 1e9) return (problem(col, 'validation.usageUnits'), null);
      if (decimalToScaled(n, 6) === null) return (problem(col, 'validation.unitsDecimals'), null);
      return n;
    };
    if (cols.total !== undefined && cellText(totalCell) !== '') {
      const n = number(totalCell, cols.total);
      if (n !== null && n <= 0) problem(cols.total, 'validation.positive');
      else if (n !== null) totals.push({ assetId, totalUnits: n });
    }
    if (cols.units !== undefined && cellText(unitsCell) !== '') {
      const period =
        cols.period !== undefined && cellText(row.getCell(cols.period).value) !== ''
          ? periodOfCell(row.getCell(cols.period).value)
          : (input.period ?? null);
      if (!period) {
        problem(cols.period, 'validation.period');
        continue;
      }
      const n = number(unitsCell, cols.units);
      if (n === null) continue;
      const key = `${assetId}|${period}`;
      if (seen.has(key)) {
        problem(cols.units, 'validation.usageDuplicateRow', { firstRow: seen.get(key) });
        continue;
      }
      seen.set(key, r);
      const p = checkItem(sqlite, assetId, period);
      if (p) problem(cols.period ?? cols.units, p.message, p.params);
      else entries.push({ assetId, period, units: n });
    }
  }
  job.progress(0.8, 'usage.writing');
  if (problems.length || input.dryRun) return done(entries.length, totals.length, true);
  const ctx = jobCtx(core, session, 'usage.import');
  core.sqlite
    .transaction(() => {
      writeUsage(sqlite, totals, entries, ctx.nowIso);
      ctx.audit({ entity: 'usage', details: { imported: entries.length, totalsSet: totals.length } });
    })
    .immediate();
  return done(entries.length, totals.length, false);
}
