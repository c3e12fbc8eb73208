// Turning templates + asset data into output bytes: PDF (label pages or A4 sheets), ZPL, TSPL.
// Everything goes through layoutLabel; batching lets the print job yield between slices.
import { LabelPdf } from '../../devices/printer/pdf';
import { tsplHeader, tsplLabel } from '../../devices/printer/tspl';
import { encodeGb18030 } from '../../devices/printer/gb18030';
import { zplLabel } from '../../devices/printer/zpl';
import type { LabelOutput } from './contract';
import { labelSlots, layoutLabel } from './layout';
import type { LabelData, TemplateDefinition } from './templates';

export interface RenderRequest {
  def: TemplateDefinition;
  items: LabelData[];
  copies: number;
  startPosition: number;
  logo: Buffer | null;
  title?: string;
}

/** Warnings as i18n keys, once each; logos are not sent to thermal printers yet. */
function collectWarnings(into: Set<string>, keys: { key: string }[]): void {
  for (const w of keys) into.add(w.key);
}

/** Incremental renderer: call `step(n)` until it returns false, then `finish()`. */
export class LabelRenderer {
  private next = 0;
  readonly warnings = new Set<string>();
  private pdf: LabelPdf | null = null;
  private text: string[] = [];
  private slots: ReturnType<typeof labelSlots> = [];
  /** Labels to lay out (copies of a PDF label are separate pages/slots). */
  readonly total: number;

  constructor(
    private readonly req: RenderRequest,
    readonly output: LabelOutput,
  ) {
    const { def } = req;
    if (output === 'pdf') {
      this.total = req.items.length * req.copies;
      this.slots = labelSlots(def, this.total, req.startPosition);
      this.pdf = new LabelPdf({
        pageWidthMm: def.sheet?.pageWidthMm ?? def.widthMm,
        pageHeightMm: def.sheet?.pageHeightMm ?? def.heightMm,
        logo: req.logo,
        title: req.title,
      });
    } else {
      this.total = req.items.length;
    }
    if (output !== 'pdf' && def.elements.some((e) => e.kind === 'logo'))
      this.warnings.add('labels.warning.logoPdfOnly');
  }

  get done(): number {
    return this.next;
  }

  /** Lays out and draws up to `n` more labels; false when all are done. */
  step(n: number): boolean {
    const { def, items, copies } = this.req;
    const end = Math.min(this.total, this.next + n);
    for (; this.next < end; this.next++) {
      if (this.output === 'pdf') {
        const item = items[Math.floor(this.next / copies)]!;
        const layout = layoutLabel(def, item);
        collectWarnings(this.warnings, layout.warnings);
        this.pdf!.add(layout, this.slots[this.next]!);
      } else {
        const layout = layoutLabel(def, items[this.next]!);
        collectWarnings(this.warnings, layout.warnings);
        if (this.output === 'zpl') this.text.push(zplLabel(layout, { font: def.printer.zplFont, copies }));
        else {
          const opts = { font: def.printer.tsplFont, gapMm: def.printer.gapMm, copies };
          if (this.next === 0) this.text.push(tsplHeader(layout, opts));
          this.text.push(tsplLabel(layout, opts));
        }
      }
    }
    return this.next < this.total;
  }

  finish(): { bytes: Buffer; pages: number } {
    if (this.output === 'pdf') {
      const pages = this.slots.length ? this.slots[this.slots.length - 1]!.page + 1 : 1;
      return { bytes: this.pdf!.finish(), pages };
    }
    const all = this.text.join('');
    return { bytes: this.output === 'zpl' ? Buffer.from(all, 'utf8') : encodeGb18030(all), pages: 0 };
  }
}

/** The whole job in one go (labels.render, tests). */
export function renderLabels(req: RenderRequest, output: LabelOutput) {
  const r = new LabelRenderer(req, output);
  while (r.step(500));
  const { bytes, pages } = r.finish();
  return { bytes, pages, labels: r.total, warnings: [...r.warnings] };
}
