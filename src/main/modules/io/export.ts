// Exporting a list as the user sees it: the rows of assets.list (filters, search, order, the caller's
// scope), streamed from a snapshot (export-source.ts) in the chosen columns, to .xlsx through exceljs's streaming writer or to CSV (UTF-8 with
// BOM), with a title row, a count and totals row. Written under exports/ in the data folder.
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { AssetDto } from '../assets/contract';
import { csvCell } from '../../util/csv';
import type { ExportColumn, IoFile } from './contract';
import { CSV_MIME, exportPath, fileResult, stamp, XLSX_MIME } from './files';
import { METHOD_LABELS, STATUS_LABELS } from './refs';
import { dateToSerial } from './values';
import type { RowSource } from './export-source';

type Kind = 'text' | 'money' | 'rate' | 'date' | 'number' | 'stamp';

/** Headers are the import's canonical ones, so an export imports back unchanged. */
export const COLUMN_SPECS: Record<ExportColumn, { header: string; kind: Kind; width: number }> = {
  assetCode: { header: '资产编号', kind: 'text', width: 22 },
  name: { header: '资产名称', kind: 'text', width: 24 },
  categoryName: { header: '资产类别', kind: 'text', width: 14 },
  model: { header: '规格型号', kind: 'text', width: 18 },
  serialNo: { header: '序列号', kind: 'text', width: 16 },
  supplierName: { header: '供应商', kind: 'text', width: 18 },
  purchaseOrderRef: { header: '采购单号', kind: 'text', width: 14 },
  purchaseDate: { header: '购置日期', kind: 'date', width: 12 },
  inServiceDate: { header: '启用日期', kind: 'date', width: 12 },
  cost: { header: '原值', kind: 'money', width: 14 },
  residualRate: { header: '残值率', kind: 'rate', width: 8 },
  residualValue: { header: '残值', kind: 'money', width: 12 },
  lifeMonths: { header: '使用月数', kind: 'number', width: 9 },
  method: { header: '折旧方法', kind: 'text', width: 12 },
  quantity: { header: '数量', kind: 'number', width: 7 },
  unit: { header: '单位', kind: 'text', width: 6 },
  locationName: { header: '存放地点', kind: 'text', width: 16 },
  departmentName: { header: '使用部门', kind: 'text', width: 14 },
  expenseDepartmentName: { header: '费用部门', kind: 'text', width: 14 },
  custodianName: { header: '使用人', kind: 'text', width: 10 },
  status: { header: '状态', kind: 'text', width: 8 },
  warrantyEnd: { header: '保修截止', kind: 'date', width: 12 },
  legacyId: { header: '原编号', kind: 'text', width: 14 },
  externalRef: { header: '外部编号', kind: 'text', width: 14 },
  notes: { header: '备注', kind: 'text', width: 24 },
  createdAt: { header: '创建时间', kind: 'stamp', width: 20 },
  updatedAt: { header: '更新时间', kind: 'stamp', width: 20 },
};

export const DEFAULT_EXPORT_COLUMNS = (Object.keys(COLUMN_SPECS) as ExportColumn[]).filter(
  (c) => c !== 'createdAt' && c !== 'updatedAt' && c !== 'expenseDepartmentName',
);

const TOTALLED: ExportColumn[] = ['cost', 'residualValue', 'quantity'];

function raw(a: AssetDto, c: ExportColumn): unknown {
  if (c === 'method') return METHOD_LABELS[a.method] ?? a.method;
  if (c === 'status') return STATUS_LABELS[a.status] ?? a.status;
  return a[c];
}

const yuanText = (fen: number) => {
  const s = fen < 0 ? '-' : '';
  const n = Math.abs(fen);
  return `${s}${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
};

/** Running totals of the summed columns, added to as rows stream past. */
class Totals {
  readonly sums = new Map<ExportColumn, number>();
  count = 0;
  constructor(columns: ExportColumn[]) {
    for (const c of columns) if (TOTALLED.includes(c)) this.sums.set(c, 0);
  }
  add(r: AssetDto) {
    this.count++;
    for (const [c, v] of this.sums) this.sums.set(c, v + (r[c as 'cost'] as number));
  }
}

const yieldNow = () => new Promise((r) => setImmediate(r));

export async function exportCsv(
  source: RowSource,
  columns: ExportColumn[],
  abs: string,
  signal: AbortSignal,
  progress: (f: number) => void,
) {
  const out = createWriteStream(abs);
  const write = (line: string) =>
    out.write(line) ? undefined : new Promise<void>((r) => out.once('drain', () => r()));
  await write('\uFEFF' + columns.map((c) => csvCell(COLUMN_SPECS[c].header)).join(',') + '\r\n');
  const cell = (c: ExportColumn, v: unknown): string => {
    if (v === null || v === undefined) return '';
    const k = COLUMN_SPECS[c].kind;
    if (k === 'money') return yuanText(v as number);
    if (k === 'rate') return `${Math.round((v as number) * 10000) / 100}%`;
    return csvCell(v);
  };
  let chunk = '';
  const t = new Totals(columns);
  for (const r of source.rows()) {
    t.add(r);
    chunk += columns.map((c) => cell(c, raw(r, c))).join(',') + '\r\n';
    if (t.count % 2000 === 0) {
      await write(chunk);
      chunk = '';
      if (signal.aborted) break;
      progress(t.count / Math.max(1, source.total));
      await yieldNow();
    }
  }
  const total = columns.map((c, i) =>
    i === 0
      ? '合计'
      : i === 1
        ? `共 ${t.count} 项`
        : t.sums.has(c)
          ? c === 'quantity'
            ? String(t.sums.get(c))
            : yuanText(t.sums.get(c)!)
          : '',
  );
  await write(chunk + total.map(csvCell).join(',') + '\r\n');
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

export async function exportXlsx(
  source: RowSource,
  columns: ExportColumn[],
  abs: string,
  title: string,
  signal: AbortSignal,
  progress: (f: number) => void,
) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: abs,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('资产台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = columns.map((c) => {
    const k = COLUMN_SPECS[c].kind;
    const numFmt =
      k === 'money' ? '#,##0.00' : k === 'rate' ? '0.00%' : k === 'date' ? 'yyyy-mm-dd' : undefined;
    return { key: c, width: COLUMN_SPECS[c].width, style: numFmt ? { numFmt } : {} };
  });
  const titleRow = ws.addRow([title]);
  titleRow.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, Math.max(1, columns.length));
  titleRow.commit();
  const head = ws.addRow(columns.map((c) => COLUMN_SPECS[c].header));
  head.font = { bold: true };
  head.commit();
  const value = (c: ExportColumn, v: unknown): ExcelJS.CellValue => {
    if (v === null || v === undefined || v === '') return null;
    const k = COLUMN_SPECS[c].kind;
    if (k === 'money') return (v as number) / 100;
    // Dates go in as serials so no time zone shifts them.
    if (k === 'date') return dateToSerial(v as string);
    return v as ExcelJS.CellValue;
  };
  const t = new Totals(columns);
  for (const r of source.rows()) {
    t.add(r);
    ws.addRow(columns.map((c) => value(c, raw(r, c)))).commit();
    if (t.count % 2000 === 0) {
      if (signal.aborted) break;
      progress(t.count / Math.max(1, source.total));
      await yieldNow();
    }
  }
  const total = ws.addRow(
    columns.map((c, i) =>
      i === 0
        ? '合计'
        : i === 1
          ? `共 ${t.count} 项`
          : t.sums.has(c)
            ? c === 'quantity'
              ? t.sums.get(c)!
              : t.sums.get(c)! / 100
            : null,
    ),
  );
  total.font = { bold: true };
  total.commit();
  ws.commit();
  await wb.commit();
}

export async function runExport(
  dataDir: string,
  now: Date,
  source: RowSource,
  columns: ExportColumn[],
  format: 'xlsx' | 'csv',
  job: { signal: AbortSignal; progress(f: number, m?: string): void },
): Promise<IoFile> {
  const fileName = `资产台账-${stamp(now)}.${format}`;
  const { abs, rel } = exportPath(dataDir, fileName);
  const progress = (f: number) => job.progress(f, 'writing');
  try {
    if (format === 'csv') await exportCsv(source, columns, abs, job.signal, progress);
    else await exportXlsx(source, columns, abs, '资产台账', job.signal, progress);
  } finally {
    source.close();
  }
  return fileResult(abs, rel, fileName, format === 'csv' ? CSV_MIME : XLSX_MIME, source.total);
}
