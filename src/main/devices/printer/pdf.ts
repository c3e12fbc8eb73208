// PDF from label layouts (pdfkit): label-size pages for thermal/desktop printers or A4 sheets of
// labels; the shipped CJK font is embedded (subset) and every code is vector rectangles.
import PDFDocument from 'pdfkit';
import type { LabelLayout, Primitive, Slot } from '../../modules/labels/layout';
import { LABEL_FONT_FACE, labelFontPath } from './font';

const PT = 72 / 25.4;

export interface LabelPdfOptions {
  /** Page size in mm: the label itself, or the sheet. */
  pageWidthMm: number;
  pageHeightMm: number;
  logo?: Buffer | null;
  title?: string;
}

/**
 * Builds one PDF label by label (so a job can yield between batches) and returns the bytes
 * synchronously: pdfkit pushes its output into the stream buffer, which `finish` drains.
 */
export class LabelPdf {
  private doc: PDFKit.PDFDocument;
  private page = -1;

  constructor(private readonly opts: LabelPdfOptions) {
    this.doc = new PDFDocument({
      autoFirstPage: false,
      margin: 0,
      info: { Title: opts.title ?? 'Labels', Creator: 'FAMS' },
    });
    this.doc.registerFont('label', labelFontPath(), LABEL_FONT_FACE);
  }

  add(layout: LabelLayout, slot: Slot): void {
    while (this.page < slot.page) {
      this.doc.addPage({ size: [this.opts.pageWidthMm * PT, this.opts.pageHeightMm * PT], margin: 0 });
      this.page++;
    }
    const doc = this.doc;
    doc.save();
    doc.translate(slot.x * PT, slot.y * PT);
    doc.scale(PT);
    for (const p of layout.primitives) this.draw(p);
    doc.restore();
  }

  finish(): Buffer {
    if (this.page < 0) this.doc.addPage({ size: [this.opts.pageWidthMm * PT, this.opts.pageHeightMm * PT] });
    this.doc.end();
    const chunks: Buffer[] = [];
    let c: Buffer | null;
    while ((c = this.doc.read() as Buffer | null) !== null) chunks.push(c);
    return Buffer.concat(chunks);
  }

  /** Draws in label millimetres (the caller has scaled user space to mm). */
  private draw(p: Primitive): void {
    const doc = this.doc;
    switch (p.kind) {
      case 'text': {
        doc.font('label').fontSize(p.size).fillColor('black');
        const opts: PDFKit.Mixins.TextOptions = { lineBreak: false, baseline: 'alphabetic' };
        if (p.bold) {
          // The font has one weight: bold is the outline stroked over the fill.
          doc.lineWidth(p.size * 0.045).strokeColor('black');
          doc.text(p.text, p.x, p.baseline, { ...opts, fill: true, stroke: true });
        } else doc.text(p.text, p.x, p.baseline, opts);
        break;
      }
      case 'rect':
        doc.rect(p.x, p.y, p.w, p.h).fill('black');
        break;
      case 'frame':
        doc
          .lineWidth(p.t)
          .rect(p.x + p.t / 2, p.y + p.t / 2, p.w - p.t, p.h - p.t)
          .stroke('black');
        break;
      case 'qr': {
        // Runs of dark modules; a hair of vertical overlap hides seams between rows when rasterised.
        const seam = p.module * 0.02;
        for (const [c, r, n] of p.runs)
          doc.rect(p.x + c * p.module, p.y + r * p.module, n * p.module, p.module + seam);
        doc.fill('black');
        break;
      }
      case 'code128':
        for (const [start, w] of p.bars) doc.rect(p.x + start * p.module, p.y, w * p.module, p.h);
        doc.fill('black');
        break;
      case 'logo':
        if (this.opts.logo) {
          doc.image(this.opts.logo, p.x, p.y, { fit: [p.w, p.h], align: 'center', valign: 'center' });
        }
        break;
    }
  }
}
