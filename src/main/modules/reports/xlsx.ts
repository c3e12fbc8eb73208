// Report workbooks through exceljs's streaming writer: title rows, a frozen header, 元 number formats
// (fen / 100, which round-trips to the fen), widths, landscape print setup with the header repeated and
// fit to width, and a totals row whose ROUND(SUM(),2) formulas carry the app's exact totals as cached results.
import ExcelJS from 'exceljs';
import { addTotals, type Cell, type Col, type ReportData } from './columns';

const MONEY_FMT = '#,##0.00';
/** Data rows per sheet: Excel's limit is 1,048,576; a new sheet starts before it. */
export const MAX_SHEET_ROWS = 1_000_000;
const HEADER_ROW = 3;

const tick = () => new Promise<void>((r) => setImmediate(r));

function setupSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  title: string,
  subtitle: string,
  columns: Col[],
) {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  // Widths only: formats go on the cells (shared styles, see addDataRow).
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  const t = ws.addRow([title]);
  t.font = { bold: true, size: 14 };
  t.commit();
  ws.addRow([subtitle]).commit();
  const head = ws.addRow(columns.map((c) => c.header));
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  head.commit();
  return ws;
}

// exceljs caches a style by object identity (a WeakMap in its styles writer); a fresh style object per cell,
// which a column style produces, costs a full style lookup per cell, several times the cost of the write.
// So every data cell gets one of these shared objects.
const SHARED_STYLES: Record<Col['kind'], Partial<ExcelJS.Style>> = {
  money: { numFmt: MONEY_FMT },
  int: { numFmt: '0' },
  units: { numFmt: '#,##0.######' },
  text: {},
};

function addDataRow(ws: ExcelJS.Worksheet, columns: Col[], values: ExcelJS.CellValue[]) {
  const row = ws.addRow(values);
  for (let c = 0; c < columns.length; c++) row.getCell(c + 1).style = SHARED_STYLES[columns[c]!.kind];
  row.commit();
}

/** Converts a row's fen to 元 for the sheet. */
function sheetValues(columns: Col[], r: Cell[]): ExcelJS.CellValue[] {
  const out: ExcelJS.CellValue[] = new Array(columns.length);
  for (let c = 0; c < columns.length; c++) {
    const v = r[c];
    out[c] = v !== null && v !== undefined && columns[c]!.kind === 'money' ? (v as number) / 100 : v;
  }
  return out;
}

function colLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function totalsRow(
  ws: ExcelJS.Worksheet,
  columns: Col[],
  sums: number[],
  firstRow: number,
  lastRow: number,
  label: string,
) {
  const values: ExcelJS.CellValue[] = columns.map((c, i) => {
    if (i === 0) return label;
    if (!c.total) return null;
    const exact = sums[i] ?? 0;
    const result = c.kind === 'money' ? exact / 100 : exact;
    if (lastRow < firstRow) return result;
    const L = colLetter(i);
    const sum = `SUM(${L}${firstRow}:${L}${lastRow})`;
    return { formula: c.kind === 'money' ? `ROUND(${sum},2)` : sum, result };
  });
  const row = ws.addRow(values);
  columns.forEach((c, i) => {
    row.getCell(i + 1).style = {
      ...SHARED_STYLES[c.kind],
      font: { bold: true },
      border: { top: { style: 'thin' } },
    };
  });
  row.commit();
}

export interface WriteOptions {
  signal?: AbortSignal;
  progress?: (fraction: number) => void;
}

/** Streams a report to `file`; returns the data rows written and the totals (fen). */
export async function writeReportXlsx(data: ReportData, file: string, opts: WriteOptions = {}) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'FAMS';
  const { columns } = data;
  const grand: number[] = [];
  let sheetSums: number[] = [];
  let sheetNo = 1;
  let ws = setupSheet(wb, data.title.slice(0, 31), data.title, data.subtitle, columns);
  let inSheet = 0;
  let rows = 0;
  const close = (last: boolean) => {
    totalsRow(
      ws,
      columns,
      last && sheetNo === 1 ? grand : sheetSums,
      HEADER_ROW + 1,
      HEADER_ROW + inSheet,
      last && sheetNo === 1 ? '合计' : '本页合计',
    );
    ws.commit();
  };
  for (const chunk of data.chunks()) {
    if (opts.signal?.aborted) break;
    if (inSheet + chunk.length > MAX_SHEET_ROWS && inSheet > 0) {
      close(false);
      sheetNo++;
      sheetSums = [];
      inSheet = 0;
      ws = setupSheet(wb, `${data.title.slice(0, 26)} (${sheetNo})`, data.title, data.subtitle, columns);
    }
    for (const r of chunk) addDataRow(ws, columns, sheetValues(columns, r));
    addTotals(columns, chunk, grand);
    addTotals(columns, chunk, sheetSums);
    inSheet += chunk.length;
    rows += chunk.length;
    opts.progress?.(Math.min(0.99, rows / Math.max(1, data.estimatedRows)));
    await tick();
  }
  close(true);
  if (sheetNo > 1) {
    // Split over sheets: the grand total on its own sheet, from the app's exact sums.
    const s = setupSheet(wb, '合计', data.title, data.subtitle, columns);
    totalsRow(s, columns, grand, 1, 0, '合计');
    s.commit();
  }
  if (data.appendix) {
    const a = data.appendix();
    const s = setupSheet(wb, a.title.slice(0, 31), a.title, data.subtitle, a.columns);
    for (const r of a.rows) addDataRow(s, a.columns, sheetValues(a.columns, r));
    const sums: number[] = [];
    addTotals(a.columns, a.rows, sums);
    totalsRow(s, a.columns, sums, HEADER_ROW + 1, HEADER_ROW + a.rows.length, '合计');
    s.commit();
  }
  await wb.commit();
  return { rows, totals: grand };
}
