// Designer helpers: a new element of each kind placed sensibly on the label, the box an element
// takes (for selection and dragging over the preview), and a short description for the list.
import type { LabelElement, TemplateDefinition } from '../../../../main/modules/labels/templates';
import { t } from '../../lib/i18n/index.svelte';

export type ElementKind = LabelElement['kind'];
export const ELEMENT_KINDS: ElementKind[] = ['text', 'qr', 'code128', 'logo', 'line', 'box'];
const PT = 0.3528;

const r1 = (n: number) => Math.round(n * 10) / 10;

export function newElement(kind: ElementKind, def: TemplateDefinition): LabelElement {
  const w = def.widthMm;
  const h = def.heightMm;
  const pad = r1(Math.max(1.5, Math.min(w, h) * 0.06));
  switch (kind) {
    case 'text':
      return {
        kind,
        x: pad,
        y: pad,
        w: r1(w / 2),
        field: null,
        text: t('labels.kind.text'),
        fontSize: 8,
        bold: false,
        align: 'left',
        maxLines: 1,
        ellipsis: true,
      };
    case 'qr':
      return {
        kind,
        x: pad,
        y: pad,
        size: r1(Math.min(w, h) * 0.45),
        field: 'assetCode',
        text: '',
        ecc: 'M',
      };
    case 'code128':
      return {
        kind,
        x: pad,
        y: r1(h / 2),
        w: r1(w - 2 * pad),
        h: r1(Math.max(5, h * 0.2)),
        field: 'assetCode',
        text: '',
        showText: true,
        textSize: 6,
      };
    case 'logo':
      return { kind, x: pad, y: pad, w: r1(w * 0.25), h: r1(h * 0.25) };
    case 'line':
      return { kind, x: pad, y: r1(h / 2), length: r1(w - 2 * pad), orientation: 'h', thickness: 0.3 };
    case 'box':
      return { kind, x: 0.5, y: 0.5, w: r1(w - 1), h: r1(h - 1), thickness: 0.3 };
  }
}

/** The element's box in mm (text: its line boxes; codes: the largest area they may take). */
export function boxOf(e: LabelElement): { x: number; y: number; w: number; h: number } {
  switch (e.kind) {
    case 'text':
      return { x: e.x, y: e.y, w: e.w, h: e.fontSize * PT * 1.2 * e.maxLines };
    case 'qr':
      return { x: e.x, y: e.y, w: e.size, h: e.size };
    case 'code128':
      return { x: e.x, y: e.y, w: e.w, h: e.h + (e.showText ? e.textSize * PT * 1.2 + 0.3 : 0) };
    case 'line':
      return e.orientation === 'h'
        ? { x: e.x, y: e.y, w: e.length, h: Math.max(e.thickness, 0.6) }
        : { x: e.x, y: e.y, w: Math.max(e.thickness, 0.6), h: e.length };
    case 'logo':
    case 'box':
      return { x: e.x, y: e.y, w: e.w, h: e.h };
  }
}

/** Clamps a moved element inside the label (0.1 mm steps, like the inputs). */
export function moveTo(e: LabelElement, x: number, y: number, def: TemplateDefinition): void {
  const b = boxOf(e);
  e.x = r1(Math.max(0, Math.min(def.widthMm - Math.min(b.w, def.widthMm), x)));
  e.y = r1(Math.max(0, Math.min(def.heightMm - Math.min(b.h, def.heightMm), y)));
}

export function fieldOf(e: LabelElement): string | null {
  return 'field' in e ? e.field : null;
}
