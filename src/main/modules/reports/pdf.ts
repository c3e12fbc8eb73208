// Report PDFs (pdfkit) with the CJK font shipped in resources/fonts: landscape A4, title with company and
// period, the table header repeated on every page, a totals row, and 第 x 页 / 共 y 页 on each page.
import PDFDocument from 'pdfkit';
import { LABEL_FONT_FACE, labelFontPath } from '../../devices/printer/font';
import { addTotals, yuanText, type Cell, type Col, type ReportData } from './columns';

/** PDFs are for reading and printing; bigger reports go to Excel. */
export const PDF_MAX_ROWS = 20_000;

const PAGE = { w: 841.89, h: 595.28, margin: 32 };
const ROW_H = 15;
const FONT_SIZE = 8;

function text(col: Col, v: Cell): string {
  if (v === null || v === undefined) return '';
  if (col.kind === 'money') return yuanText(v as number);
  return String(v);
}

export async function writeReportPdf(
  data: ReportData,
): Promise<{ buffer: Buffer; rows: number; totals: number[] }> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: PAGE.margin,
    bufferPages: true,
    autoFirstPage: false,
  });
  doc.info.Title = data.title;
  doc.info.Creator = 'FAMS';
  const parts: Buffer[] = [];
  doc.on('data', (b: Buffer) => parts.push(b));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('cjk', labelFontPath(), LABEL_FONT_FACE);

  const rows: Cell[][] = [];
  for (const chunk of data.chunks()) {
    rows.push(...chunk);
    if (rows.length > PDF_MAX_ROWS) break;
  }
  const totals: number[] = [];
  addTotals(data.columns, rows, totals);

  const usable = PAGE.w - 2 * PAGE.margin;
  const unit = usable / data.columns.reduce((s, c) => s + c.width, 0);
  const widths = data.columns.map((c) => c.width * unit);
  const xs = widths.map((_, i) => PAGE.margin + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const bottom = PAGE.h - PAGE.margin - 18;

  const cellRow = (
    values: string[],
    y: number,
    opts: { bold?: boolean; fill?: string; header?: boolean },
  ) => {
    if (opts.fill) doc.rect(PAGE.margin, y, usable, ROW_H).fill(opts.fill);
    doc.fillColor('#000').font('cjk').fontSize(FONT_SIZE);
    data.columns.forEach((c, i) => {
      const right = !opts.header && (c.kind === 'money' || c.kind === 'int' || c.kind === 'units');
      doc.text(values[i] ?? '', xs[i]! + 3, y + 4, {
        width: widths[i]! - 6,
        height: ROW_H - 4,
        align: opts.header ? 'center' : right ? 'right' : 'left',
        lineBreak: false,
        ellipsis: true,
      });
    });
    doc
      .moveTo(PAGE.margin, y + ROW_H)
      .lineTo(PAGE.margin + usable, y + ROW_H)
      .lineWidth(opts.bold ? 0.8 : 0.3)
      .strokeColor(opts.bold ? '#333' : '#bbb')
      .stroke();
  };

  let y = 0;
  const newPage = () => {
    doc.addPage();
    doc
      .font('cjk')
      .fontSize(15)
      .fillColor('#000')
      .text(data.title, PAGE.margin, PAGE.margin, { width: usable, align: 'center' });
    doc
      .fontSize(9)
      .fillColor('#333')
      .text(data.subtitle, PAGE.margin, PAGE.margin + 22, { width: usable, align: 'left' });
    y = PAGE.margin + 40;
    cellRow(
      data.columns.map((c) => c.header),
      y,
      { header: true, fill: '#e8eef7', bold: true },
    );
    y += ROW_H;
  };
  newPage();
  for (const r of rows.slice(0, PDF_MAX_ROWS)) {
    if (y + ROW_H > bottom) newPage();
    cellRow(
      data.columns.map((c, i) => text(c, r[i] ?? null)),
      y,
      {},
    );
    y += ROW_H;
  }
  if (y + ROW_H > bottom) newPage();
  cellRow(
    data.columns.map((c, i) => (i === 0 ? '合计' : c.total ? text(c, totals[i] ?? 0) : '')),
    y,
    { bold: true, fill: '#f4f4f4' },
  );

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.page.margins.bottom = 0; // the footer sits in the margin; without this pdfkit would start a page
    doc
      .font('cjk')
      .fontSize(8)
      .fillColor('#555')
      .text(`第 ${i + 1} 页 / 共 ${range.count} 页`, PAGE.margin, PAGE.h - PAGE.margin - 6, {
        width: usable,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  await ended;
  return { buffer: Buffer.concat(parts), rows: Math.min(rows.length, PDF_MAX_ROWS), totals };
}
