// TSPL/TSPL2 from a label layout: SIZE/GAP/DIRECTION once per job, then CLS … PRINT per label.
// Chinese text goes out GB18030-encoded in a resident font (TSS16/20/24.BF2 scaled by a multiplier).
import type { LabelLayout } from '../../modules/labels/layout';
import { encodeGb18030 } from './gb18030';

export interface TsplOptions {
  /** A resident font name, or "auto" to pick a TSS font and multiplier from the text size. */
  font: string;
  gapMm: number;
  copies?: number;
}

const TSS_FONTS = [
  { name: 'TSS16.BF2', dots: 16 },
  { name: 'TSS20.BF2', dots: 20 },
  { name: 'TSS24.BF2', dots: 24 },
];

/** The resident font and integer multiplier whose height comes nearest `dots`. */
export function tsplFontFor(dots: number, font: string): { name: string; mul: number } {
  if (font !== 'auto') {
    const cell = Number(/(\d+)/.exec(font)?.[1] ?? 24);
    return { name: font, mul: Math.min(10, Math.max(1, Math.round(dots / cell))) };
  }
  let best = { name: 'TSS24.BF2', mul: 1, err: Infinity };
  for (const f of TSS_FONTS) {
    for (let mul = 1; mul <= 10; mul++) {
      const err = Math.abs(f.dots * mul - dots);
      if (err < best.err) best = { name: f.name, mul, err };
    }
  }
  return { name: best.name, mul: best.mul };
}

/** TSPL2 writes a double quote inside a string as \["]. */
export const tsplQuote = (s: string) => '"' + s.replace(/"/g, '\\["]') + '"';

const mmText = (v: number) => String(Math.round(v * 100) / 100);

export function tsplHeader(layout: LabelLayout, opts: TsplOptions): string {
  return (
    [
      `SIZE ${mmText(layout.widthMm)} mm,${mmText(layout.heightMm)} mm`,
      `GAP ${mmText(opts.gapMm)} mm,0 mm`,
      'DIRECTION 1',
      'REFERENCE 0,0',
    ].join('\r\n') + '\r\n'
  );
}

export function tsplLabel(layout: LabelLayout, opts: TsplOptions): string {
  const dpmm = layout.dpi / 25.4;
  const d = (mm: number) => Math.max(0, Math.round(mm * dpmm));
  const out: string[] = ['CLS'];
  for (const p of layout.primitives) {
    switch (p.kind) {
      case 'text': {
        const f = tsplFontFor(d(p.size), opts.font);
        out.push(`TEXT ${d(p.x)},${d(p.y)},${tsplQuote(f.name)},0,${f.mul},${f.mul},${tsplQuote(p.text)}`);
        break;
      }
      case 'rect':
        out.push(`BAR ${d(p.x)},${d(p.y)},${Math.max(1, d(p.w))},${Math.max(1, d(p.h))}`);
        break;
      case 'frame':
        out.push(`BOX ${d(p.x)},${d(p.y)},${d(p.x + p.w)},${d(p.y + p.h)},${Math.max(1, d(p.t))}`);
        break;
      case 'qr': {
        const cell = Math.min(10, Math.max(1, Math.round(p.module * dpmm)));
        out.push(`QRCODE ${d(p.x)},${d(p.y)},${p.ecc},${cell},A,0,${tsplQuote(p.data)}`);
        break;
      }
      case 'code128': {
        const m = Math.min(10, Math.max(1, Math.round(p.module * dpmm)));
        out.push(
          `BARCODE ${d(p.x)},${d(p.y)},"128",${Math.max(1, d(p.h))},0,0,${m},${m},${tsplQuote(p.data)}`,
        );
        break;
      }
      case 'logo':
        break;
    }
  }
  out.push(`PRINT 1,${Math.max(1, opts.copies ?? 1)}`);
  return out.join('\r\n') + '\r\n';
}

/** A whole job (header + labels) as the bytes the printer expects. */
export function tsplJob(layouts: LabelLayout[], opts: TsplOptions): Buffer {
  if (!layouts.length) return Buffer.alloc(0);
  return encodeGb18030(tsplHeader(layouts[0]!, opts) + layouts.map((l) => tsplLabel(l, opts)).join(''));
}
