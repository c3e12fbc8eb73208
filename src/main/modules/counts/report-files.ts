// The count report as files (盘点报告): a PDF (pdfkit, CJK font from resources/fonts) and an Excel
// workbook (exceljs) with the summary, the differences and their resolutions, the signatures block
// (盘点人 / 监盘人 / 负责人) and the difference-rate KPI for this count and over time. The data is read
// in the calling transaction (a consistent snapshot); the files are written later by a job.
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { Ctx } from '../../api/context';
import { pluckStmt } from '../../db/statements';
import { LABEL_FONT_FACE, labelFontPath } from '../../devices/printer/font';
import { STATUS_LABELS } from '../io/refs';
import { yuanText } from '../reports/columns';
import { companyName } from '../reports/sources-common';
import type { AssetStatus } from '../assets/statuses';
import type { CountDetailDto, CountReport, CountResult, Resolution } from './contract';
import { COUNT_RESULTS, RESOLUTIONS } from './contract';
import { countReport } from './report';

export const RESULT_LABELS: Record<CountResult, string> = {
  matched: '相符',
  location_mismatch: '位置不符',
  status_mismatch: '状态不符',
  missing: '盘亏',
  surplus: '盘盈',
};
export const RESOLUTION_LABELS: Record<Resolution | 'unresolved', string> = {
  move: '调整位置',
  change_custodian: '变更保管人',
  change_status: '变更状态',
  write_off: '盘亏核销',
  add_to_ledger: '盘盈入账',
  recount: '复盘',
  unresolved: '未处理',
};
const KIND_LABELS: Record<string, string> = { full: '全面盘点', cyclical: '循环盘点', spot: '抽盘' };

/** Everything the files show, read at request time. */
export interface ReportSnapshot {
  company: string;
  report: CountReport;
  /** One text per difference, in the order of report.differences. */
  resolutionText: string[];
  counters: string[];
  poster: string | null;
  generatedAt: string;
}

const statusText = (s: string | null | undefined) => (s ? (STATUS_LABELS[s as AssetStatus] ?? s) : '');
const pct = (r: number | null | undefined) =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(2)}%`;

export function reportSnapshot(ctx: Ctx, id: number): ReportSnapshot {
  const { sqlite } = ctx;
  const report = countReport(ctx, id);
  const name = (table: 'locations' | 'custodians' | 'categories', v: unknown) =>
    typeof v === 'number'
      ? ((pluckStmt(sqlite, `SELECT name FROM ${table} WHERE id = ?`).get(v) as string | undefined) ??
        `#${v}`)
      : '';
  const resolutionText = report.differences.map((d) => {
    if (!d.resolution) return RESOLUTION_LABELS.unresolved;
    const data = d.resolutionData ?? {};
    let what = '';
    if (d.resolution === 'move') what = `→ ${name('locations', data.locationId)}`;
    else if (d.resolution === 'change_custodian')
      what = `→ ${data.custodianId === null ? '（无）' : name('custodians', data.custodianId)}`;
    else if (d.resolution === 'change_status') what = `→ ${statusText(data.status as string)}`;
    else if (d.resolution === 'add_to_ledger')
      what = `${name('categories', data.categoryId)} ${yuanText(Number(data.estimatedValue ?? 0))}`;
    const note = d.resolutionNote ? `（${d.resolutionNote}）` : '';
    return `${RESOLUTION_LABELS[d.resolution]} ${what}${note}`.trim();
  });
  const counters = sqlite
    .prepare(
      `SELECT DISTINCT COALESCE(u.display_name, u.username) FROM count_details d JOIN users u ON u.id = d.found_by
       WHERE d.count_id = ? ORDER BY 1`,
    )
    .pluck()
    .all(id) as string[];
  const poster = report.count.postedBy
    ? ((sqlite.prepare('SELECT display_name FROM users WHERE id = ?').pluck().get(report.count.postedBy) as
        string | undefined) ?? null)
    : null;
  return { company: companyName(sqlite), report, resolutionText, counters, poster, generatedAt: ctx.nowIso };
}

/** The summary lines, label → value, shared by both formats. */
function summaryLines(s: ReportSnapshot): [string, string][] {
  const c = s.report.count;
  const t = c.totals;
  const counted = s.report.history.find((h) => h.id === c.id)?.counted ?? null;
  return [
    ['盘点名称', `${c.name}（#${c.id}）`],
    ['盘点方式', `${KIND_LABELS[c.kind] ?? c.kind}${c.blind ? '，盲盘' : ''}`],
    ['开始时间', c.startedAt ? c.startedAt.slice(0, 16).replace('T', ' ') : ''],
    ['结束时间', c.finishedAt ? c.finishedAt.slice(0, 16).replace('T', ' ') : ''],
    ['过账', c.postedAt ? `${c.postedAt.slice(0, 10)} ${s.poster ?? ''}`.trim() : '未过账'],
    ['账面数量', String(t.expected ?? 0)],
    ['实盘数量（含盘盈）', counted === null ? '' : String(counted)],
    ...COUNT_RESULTS.map((r): [string, string] => [RESULT_LABELS[r], String(s.report.byResult[r])]),
    ['差异数', String(t.differences ?? 0)],
    ['差异率（差异数 / 实盘数量）', pct(t.differenceRate)],
  ];
}

function diffCells(d: CountDetailDto, resolution: string): string[] {
  return [
    d.assetCode ?? d.code ?? '',
    d.assetName ?? d.name ?? '',
    d.result ? RESULT_LABELS[d.result] : d.resolution === 'recount' ? '待复盘' : '',
    d.expectedLocationName ?? '',
    d.foundLocationName ?? (d.foundAt ? '' : '未找到'),
    statusText(d.expectedStatus) +
      (d.foundStatus && d.foundStatus !== d.expectedStatus ? ` → ${statusText(d.foundStatus)}` : ''),
    d.estimatedValue !== null ? yuanText(d.estimatedValue) : '',
    resolution,
  ];
}
const DIFF_HEADERS = ['资产编号', '资产名称', '盘点结果', '账面位置', '实盘位置', '状态', '估值(元)', '处理'];
const SIGNATURES = ['盘点人', '监盘人', '负责人'];

// ---------------------------------------------------------------- PDF (A4 portrait)
const PAGE = { w: 595.28, h: 841.89, m: 36 };
const ROW_H = 16;
const DIFF_W = [92, 80, 44, 56, 56, 50, 46, 99];

export async function writeCountReportPdf(s: ReportSnapshot): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: PAGE.m, bufferPages: true, autoFirstPage: false });
  const c = s.report.count;
  doc.info.Title = `盘点报告 ${c.name}`;
  doc.info.Creator = 'FAMS';
  const parts: Buffer[] = [];
  doc.on('data', (b: Buffer) => parts.push(b));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('cjk', labelFontPath(), LABEL_FONT_FACE);
  const usable = PAGE.w - 2 * PAGE.m;
  const bottom = PAGE.h - PAGE.m - 20;
  let y = PAGE.m;

  const page = () => {
    doc.addPage();
    y = PAGE.m;
  };
  const need = (h: number) => {
    if (y + h > bottom) page();
  };
  const heading = (text: string) => {
    need(ROW_H * 3);
    y += 6;
    doc.font('cjk').fontSize(11).fillColor('#000').text(text, PAGE.m, y, { width: usable });
    y += 18;
  };
  /** One table row; long cells wrap and the row grows to fit them. */
  const row = (cells: string[], widths: number[], opts: { header?: boolean; fill?: string } = {}) => {
    const size = opts.header ? 8.5 : 8;
    doc.font('cjk').fontSize(size);
    const h = Math.max(
      ROW_H,
      ...cells.map((v, i) => doc.heightOfString(v || ' ', { width: widths[i]! - 6 }) + 7),
    );
    need(h);
    let x = PAGE.m;
    if (opts.fill) doc.rect(PAGE.m, y, usable, h).fill(opts.fill);
    doc.font('cjk').fontSize(size).fillColor('#000');
    cells.forEach((v, i) => {
      doc.text(v, x + 3, y + 4, { width: widths[i]! - 6 });
      x += widths[i]!;
    });
    doc
      .moveTo(PAGE.m, y + h)
      .lineTo(PAGE.m + usable, y + h)
      .lineWidth(opts.header ? 0.8 : 0.3)
      .strokeColor(opts.header ? '#333' : '#bbb')
      .stroke();
    y += h;
  };

  page();
  doc
    .font('cjk')
    .fontSize(16)
    .fillColor('#000')
    .text('资产盘点报告', PAGE.m, y, { width: usable, align: 'center' });
  y += 24;
  doc
    .fontSize(9)
    .fillColor('#333')
    .text(`${s.company}    生成时间：${s.generatedAt.slice(0, 16).replace('T', ' ')} UTC`, PAGE.m, y, {
      width: usable,
      align: 'center',
    });
  y += 18;

  heading('一、盘点概况');
  const lines = summaryLines(s);
  const half = Math.ceil(lines.length / 2);
  for (let i = 0; i < half; i++) {
    const l = lines[i]!;
    const r = lines[i + half];
    row([l[0], l[1], r?.[0] ?? '', r?.[1] ?? ''], [110, usable / 2 - 110, 130, usable / 2 - 130]);
  }

  heading('二、差异处理汇总');
  const byRes = [...RESOLUTIONS, 'unresolved' as const].filter((r) => s.report.byResolution[r] > 0);
  row(['处理方式', '条数'], [200, usable - 200], { header: true, fill: '#e8eef7' });
  if (!byRes.length) row(['（无差异）', ''], [200, usable - 200]);
  for (const r of byRes) row([RESOLUTION_LABELS[r], String(s.report.byResolution[r])], [200, usable - 200]);

  heading(`三、差异明细（${s.report.differences.length} 条）`);
  row(DIFF_HEADERS, DIFF_W, { header: true, fill: '#e8eef7' });
  s.report.differences.forEach((d, i) => {
    if (y + ROW_H > bottom) {
      page();
      row(DIFF_HEADERS, DIFF_W, { header: true, fill: '#e8eef7' });
    }
    row(diffCells(d, s.resolutionText[i]!), DIFF_W);
  });

  heading('四、差异率（KPI）历次趋势');
  const hw = [50, 195, 90, 70, 60, usable - 465];
  row(['盘点', '名称', '结束日期', '实盘数量', '差异数', '差异率'], hw, { header: true, fill: '#e8eef7' });
  for (const h of s.report.history.slice(-30)) {
    row(
      [`#${h.id}`, h.name, h.finishedAt.slice(0, 10), String(h.counted), String(h.differences), pct(h.rate)],
      hw,
      {
        fill: h.id === c.id ? '#fff6d6' : undefined,
      },
    );
  }

  heading('五、签字');
  need(70);
  const sw = usable / SIGNATURES.length;
  SIGNATURES.forEach((label, i) => {
    const x = PAGE.m + i * sw;
    doc
      .font('cjk')
      .fontSize(10)
      .fillColor('#000')
      .text(`${label}：`, x, y + 8, { lineBreak: false });
    doc
      .moveTo(x + 48, y + 22)
      .lineTo(x + sw - 16, y + 22)
      .lineWidth(0.6)
      .strokeColor('#333')
      .stroke();
    doc.fontSize(9).text('日期：', x, y + 40, { lineBreak: false });
    doc
      .moveTo(x + 48, y + 52)
      .lineTo(x + sw - 16, y + 52)
      .stroke();
  });
  if (s.counters.length) {
    doc
      .fontSize(8)
      .fillColor('#555')
      .text(`参与盘点：${s.counters.join('、')}`, PAGE.m, y + 62, {
        width: usable,
        lineBreak: false,
        ellipsis: true,
      });
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.page.margins.bottom = 0; // the footer sits in the margin; without this pdfkit would start a page
    doc
      .font('cjk')
      .fontSize(8)
      .fillColor('#555')
      .text(`${c.name}    第 ${i + 1} 页 / 共 ${range.count} 页`, PAGE.m, PAGE.h - PAGE.m, {
        width: usable,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  await ended;
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------- Excel
const BOLD = { bold: true };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };

export async function writeCountReportXlsx(s: ReportSnapshot): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'FAMS';
  const c = s.report.count;

  const sum = wb.addWorksheet('汇总');
  sum.columns = [{ width: 28 }, { width: 40 }];
  sum.addRow(['资产盘点报告']).font = { bold: true, size: 14 };
  sum.addRow([s.company]);
  sum.addRow([]);
  for (const [k, v] of summaryLines(s)) sum.addRow([k, v]);
  // The rate as a number too, so it can be charted and compared in Excel.
  const rate = sum.addRow(['差异率（数值）', c.totals.differenceRate ?? null]);
  rate.getCell(2).numFmt = '0.00%';
  sum.addRow([]);
  sum.addRow(['处理方式', '条数']).font = BOLD;
  for (const r of [...RESOLUTIONS, 'unresolved' as const])
    sum.addRow([RESOLUTION_LABELS[r], s.report.byResolution[r]]);
  sum.addRow([]);
  sum.addRow(['签字']).font = BOLD;
  for (const label of SIGNATURES) sum.addRow([`${label}：`, '日期：']).height = 28;
  if (s.counters.length) sum.addRow(['参与盘点', s.counters.join('、')]);

  const diff = wb.addWorksheet('差异明细');
  diff.columns = [14, 22, 10, 18, 18, 16, 12, 36, 30].map((width) => ({ width }));
  const head = diff.addRow([...DIFF_HEADERS.slice(0, 6), '估值', '处理', '备注']);
  head.font = BOLD;
  head.eachCell((cell) => (cell.fill = HEAD_FILL));
  diff.views = [{ state: 'frozen', ySplit: 1 }];
  s.report.differences.forEach((d, i) => {
    const cells = diffCells(d, s.resolutionText[i]!);
    const r = diff.addRow([
      ...cells.slice(0, 6),
      d.estimatedValue !== null ? d.estimatedValue / 100 : null,
      cells[7],
      d.note || '',
    ]);
    r.getCell(7).numFmt = '#,##0.00';
  });

  const kpi = wb.addWorksheet('差异率趋势');
  kpi.columns = [8, 30, 12, 10, 10, 10].map((width) => ({ width }));
  const kh = kpi.addRow(['盘点', '名称', '结束日期', '实盘数量', '差异数', '差异率']);
  kh.font = BOLD;
  kh.eachCell((cell) => (cell.fill = HEAD_FILL));
  for (const h of s.report.history) {
    const r = kpi.addRow([h.id, h.name, h.finishedAt.slice(0, 10), h.counted, h.differences, h.rate]);
    r.getCell(6).numFmt = '0.00%';
    if (h.id === c.id) r.font = BOLD;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function reportFileName(s: ReportSnapshot, format: 'pdf' | 'xlsx', stampText: string): string {
  const safe = s.report.count.name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40);
  return `盘点报告-${s.report.count.id}-${safe}-${stampText}.${format}`;
}
