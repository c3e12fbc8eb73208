// Report workbooks through the lean streaming writer (util/xlsx): title rows, a frozen header, 元 number
// formats (fen / 100, which round-trips to the fen), widths, landscape A4 print setup with the header row
// repeated (Print_Titles) and fit to width, and a totals row whose ROUND(SUM(),2) formulas carry the app's
// exact totals as cached results. Long reports continue on further sheets, with a grand-total sheet.
import { validation } from '../../api/errors';
import {
  Style,
  XlsxWriter,
  ZipTooLargeError,
  type SheetWriter,
  type StyleId,
  type XCell,
} from '../../util/xlsx/writer';
import { addTotals, type Cell, type Col, type ReportData } from './columns';

/** Data rows per sheet: Excel's limit is 1,048,576; a new sheet starts before it. */
export const MAX_SHEET_ROWS = 1_000_000;
const HEADER_ROW = 3;
/** Rows between waits for the deflater: bounds the sheet XML in flight to a megabyte or two. */
const FLUSH_ROWS = 2048;

const tick = () => new Promise<void>((r) => setImmediate(r));

const DATA_STYLE: Record<Col['kind'], StyleId> = {
  money: Style.money,
  int: Style.int,
  units: Style.units,
  text: Style.text,
};
const TOTAL_STYLE: Record<Col['kind'], StyleId> = {
  money: Style.totalMoney,
  int: Style.totalInt,
  units: Style.totalUnits,
  text: Style.totalText,
};

async function setupSheet(
  wb: XlsxWriter,
  name: string,
  title: string,
  subtitle: string,
  columns: Col[],
): Promise<SheetWriter> {
  const ws = await wb.addSheet({
    name,
    columns: columns.map((c) => ({ width: c.width })),
    freeze: { rows: HEADER_ROW },
    print: {
      orientation: 'landscape',
      paperSize: 9,
      fitToWidth: true,
      titleRows: [HEADER_ROW, HEADER_ROW],
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      footer: '第 &P 页，共 &N 页',
    },
  });
  ws.addRow([title], Style.title);
  ws.addRow([subtitle]);
  ws.addRow(
    columns.map((c) => c.header),
    Style.header,
  );
  return ws;
}

/** Writes rows, money converted from fen to 元 through one reused array (no per-row allocation). */
async function writeRows(ws: SheetWriter, columns: Col[], rows: Cell[][], styles: StyleId[]) {
  const n = columns.length;
  const money = columns.map((c) => c.kind === 'money');
  const vals: XCell[] = new Array(n);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let c = 0; c < n; c++) {
      const v = r[c];
      vals[c] = money[c] && typeof v === 'number' ? v / 100 : v;
    }
    ws.addRow(vals, styles);
    if (i % FLUSH_ROWS === FLUSH_ROWS - 1) await ws.flush();
  }
}

function colLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function totalsRow(
  ws: SheetWriter,
  columns: Col[],
  sums: number[],
  firstRow: number,
  lastRow: number,
  label: string,
) {
  const values: XCell[] = columns.map((c, i) => {
    if (i === 0) return label;
    if (!c.total) return null;
    const exact = sums[i] ?? 0;
    const result = c.kind === 'money' ? exact / 100 : exact;
    if (lastRow < firstRow) return result;
    const L = colLetter(i);
    const sum = `SUM(${L}${firstRow}:${L}${lastRow})`;
    return { formula: c.kind === 'money' ? `ROUND(${sum},2)` : sum, result };
  });
  ws.addRow(
    values,
    columns.map((c) => TOTAL_STYLE[c.kind]),
  );
}

export interface WriteOptions {
  signal?: AbortSignal;
  progress?: (fraction: number) => void;
}

/** Streams a report to `file`; returns the data rows written and the totals (fen). */
export async function writeReportXlsx(data: ReportData, file: string, opts: WriteOptions = {}) {
  const wb = new XlsxWriter(file, { creator: 'FAMS' });
  try {
    const { columns } = data;
    const styles = columns.map((c) => DATA_STYLE[c.kind]);
    const grand: number[] = [];
    let sheetSums: number[] = [];
    let sheetNo = 1;
    let ws = await setupSheet(wb, data.title.slice(0, 31), data.title, data.subtitle, columns);
    let inSheet = 0;
    let rows = 0;
    const close = (last: boolean) =>
      totalsRow(
        ws,
        columns,
        last && sheetNo === 1 ? grand : sheetSums,
        HEADER_ROW + 1,
        HEADER_ROW + inSheet,
        last && sheetNo === 1 ? '合计' : '本页合计',
      );
    for (const chunk of data.chunks()) {
      if (opts.signal?.aborted) break;
      if (inSheet + chunk.length > MAX_SHEET_ROWS && inSheet > 0) {
        close(false);
        sheetNo++;
        sheetSums = [];
        inSheet = 0;
        ws = await setupSheet(
          wb,
          `${data.title.slice(0, 26)} (${sheetNo})`,
          data.title,
          data.subtitle,
          columns,
        );
      }
      await writeRows(ws, columns, chunk, styles);
      addTotals(columns, chunk, grand);
      addTotals(columns, chunk, sheetSums);
      inSheet += chunk.length;
      rows += chunk.length;
      opts.progress?.(Math.min(0.99, rows / Math.max(1, data.estimatedRows)));
      await ws.flush();
      await tick();
    }
    close(true);
    if (sheetNo > 1) {
      // Split over sheets: the grand total on its own sheet, from the app's exact sums.
      const s = await setupSheet(wb, '合计', data.title, data.subtitle, columns);
      totalsRow(s, columns, grand, 1, 0, '合计');
    }
    if (data.appendix) {
      const a = data.appendix();
      const s = await setupSheet(wb, a.title.slice(0, 31), a.title, data.subtitle, a.columns);
      await writeRows(
        s,
        a.columns,
        a.rows,
        a.columns.map((c) => DATA_STYLE[c.kind]),
      );
      const sums: number[] = [];
      addTotals(a.columns, a.rows, sums);
      totalsRow(s, a.columns, sums, HEADER_ROW + 1, HEADER_ROW + a.rows.length, '合计');
    }
    await wb.finish();
    return { rows, totals: grand };
  } catch (e) {
    wb.abort();
    if (e instanceof ZipTooLargeError) throw validation('params', 'validation.reportTooLarge');
    throw e;
  }
}
