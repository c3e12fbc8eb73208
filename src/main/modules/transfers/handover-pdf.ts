// The handover sheet (交接单) printed for a transfer, issue or loan: company and document heading,
// from and to, the asset table and a signatures block. One A4 portrait page per 22 assets, built
// synchronously (pdfkit's buffered output is drained with read()) so a read handler can return it.
import PDFDocument from 'pdfkit';
import { LABEL_FONT_FACE, labelFontPath } from '../../devices/printer/font';

export interface HandoverSheet {
  title: string;
  company: string;
  number: string;
  date: string;
  /** Label/value pairs shown in the from → to block, e.g. [['调出部门', '信息部'], ...]. */
  from: [string, string][];
  to: [string, string][];
  assets: { code: string; name: string; model: string; serialNo: string; note: string }[];
  remarks: [string, string][];
  /** Who signs: e.g. ['交出人', '接收人', '资产管理员']. */
  signers: string[];
}

const PAGE = { w: 595.28, h: 841.89, m: 40 };
const ROWS_PER_PAGE = 22;
const ROW_H = 20;
const COLS: { header: string; width: number; key: keyof HandoverSheet['assets'][number] | 'seq' }[] = [
  { header: '序号', width: 34, key: 'seq' },
  { header: '资产编码', width: 124, key: 'code' },
  { header: '资产名称', width: 100, key: 'name' },
  { header: '规格型号', width: 116, key: 'model' },
  { header: '序列号', width: 86, key: 'serialNo' },
  { header: '备注', width: 64, key: 'note' },
];

export function handoverPdf(sheet: HandoverSheet): Buffer {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
  doc.info.Title = `${sheet.title} ${sheet.number}`;
  doc.info.Creator = 'FAMS';
  doc.registerFont('cjk', labelFontPath(), LABEL_FONT_FACE);
  const usable = PAGE.w - 2 * PAGE.m;
  const pages = Math.max(1, Math.ceil(sheet.assets.length / ROWS_PER_PAGE));

  for (let p = 0; p < pages; p++) {
    // A small margin (positions are explicit), so the footer line never spills onto a page of its own.
    doc.addPage({ size: 'A4', margin: 10 });
    doc.font('cjk').fillColor('#000');
    doc.fontSize(11).text(sheet.company, PAGE.m, PAGE.m, { width: usable, align: 'center' });
    doc.fontSize(18).text(sheet.title, PAGE.m, PAGE.m + 18, { width: usable, align: 'center' });
    doc.fontSize(9).text(`单号: ${sheet.number}`, PAGE.m, PAGE.m + 48);
    doc.text(`日期: ${sheet.date}`, PAGE.m, PAGE.m + 48, { width: usable, align: 'right' });

    // From → to: two boxes side by side.
    let y = PAGE.m + 66;
    const boxW = (usable - 30) / 2;
    const boxH = 16 + 15 * Math.max(sheet.from.length, sheet.to.length);
    const box = (x: number, heading: string, pairs: [string, string][]) => {
      doc.rect(x, y, boxW, boxH).lineWidth(0.6).strokeColor('#555').stroke();
      doc
        .fontSize(10)
        .fillColor('#1a3d7c')
        .text(heading, x + 6, y + 4);
      doc.fontSize(9).fillColor('#000');
      pairs.forEach(([k, v], i) =>
        doc.text(`${k}: ${v || '—'}`, x + 6, y + 20 + i * 15, { width: boxW - 12 }),
      );
    };
    box(PAGE.m, '交出方', sheet.from);
    doc
      .fontSize(16)
      .fillColor('#555')
      .text('→', PAGE.m + boxW + 8, y + boxH / 2 - 10);
    box(PAGE.m + boxW + 30, '接收方', sheet.to);
    y += boxH + 16;

    // Asset table.
    const scale = usable / COLS.reduce((s, c) => s + c.width, 0);
    const widths = COLS.map((c) => c.width * scale);
    const xs = widths.map((_, i) => PAGE.m + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const row = (values: string[], header: boolean) => {
      if (header) doc.rect(PAGE.m, y, usable, ROW_H).fill('#e8eef7');
      doc.fillColor('#000').fontSize(header ? 9 : 8.5);
      values.forEach((v, i) =>
        doc.text(v, xs[i]! + 3, y + 6, {
          width: widths[i]! - 6,
          height: ROW_H - 6,
          lineBreak: false,
          ellipsis: true,
          align: header || i === 0 ? 'center' : 'left',
        }),
      );
      doc.rect(PAGE.m, y, usable, ROW_H).lineWidth(0.4).strokeColor('#888').stroke();
      for (const x of xs.slice(1))
        doc
          .moveTo(x, y)
          .lineTo(x, y + ROW_H)
          .stroke();
      y += ROW_H;
    };
    row(
      COLS.map((c) => c.header),
      true,
    );
    const slice = sheet.assets.slice(p * ROWS_PER_PAGE, (p + 1) * ROWS_PER_PAGE);
    slice.forEach((a, i) =>
      row(
        COLS.map((c) => (c.key === 'seq' ? String(p * ROWS_PER_PAGE + i + 1) : a[c.key])),
        false,
      ),
    );
    if (p === pages - 1) {
      doc
        .fontSize(9)
        .fillColor('#000')
        .text(`合计: ${sheet.assets.length} 项`, PAGE.m, y + 6);
      y += 24;
      for (const [k, v] of sheet.remarks) {
        doc.text(`${k}: ${v}`, PAGE.m, y, { width: usable });
        y += 15;
      }
      // Signatures: one column per signer, a line to sign on and a date line.
      y = Math.min(y + 36, PAGE.h - PAGE.m - 110);
      doc.fontSize(10).fillColor('#1a3d7c').text('签字确认', PAGE.m, y);
      y += 22;
      const colW = usable / sheet.signers.length;
      sheet.signers.forEach((s, i) => {
        const x = PAGE.m + i * colW;
        doc.fontSize(9).fillColor('#000').text(`${s}（签字）:`, x, y);
        doc
          .moveTo(x, y + 34)
          .lineTo(x + colW - 20, y + 34)
          .lineWidth(0.5)
          .strokeColor('#000')
          .stroke();
        doc.text('日期:', x, y + 46);
        doc
          .moveTo(x + 28, y + 56)
          .lineTo(x + colW - 20, y + 56)
          .stroke();
      });
    }
    doc
      .fontSize(8)
      .fillColor('#777')
      .text(`第 ${p + 1} 页 / 共 ${pages} 页`, PAGE.m, PAGE.h - PAGE.m - 4, {
        width: usable,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  const chunks: Buffer[] = [];
  let c: Buffer | null;
  while ((c = doc.read() as Buffer | null) !== null) chunks.push(c);
  return Buffer.concat(chunks);
}
