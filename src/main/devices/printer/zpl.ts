// ZPL II from a label layout: ^CI28 UTF-8 text in the printer's CJK font (^A@ by name), ^BQ QR,
// ^BC Code 128, ^GB lines and boxes; millimetres become dots at the template's DPI.
import type { LabelLayout } from '../../modules/labels/layout';

export interface ZplOptions {
  /** The printer's CJK font as ^A@ names it, e.g. E:SIMSUN.TTF. */
  font: string;
  copies?: number;
}

/** ^FH_ is in force on every field: _, ^ and ~ go out as hex so data cannot end the field. */
export function zplEscape(s: string): string {
  return s.replace(/[_^~]/g, (c) => '_' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

export function zplLabel(layout: LabelLayout, opts: ZplOptions): string {
  const dpmm = layout.dpi / 25.4;
  const d = (mm: number) => Math.max(0, Math.round(mm * dpmm));
  const out: string[] = ['^XA', '^CI28', `^PW${d(layout.widthMm)}`, `^LL${d(layout.heightMm)}`, '^LH0,0'];
  for (const p of layout.primitives) {
    switch (p.kind) {
      case 'text': {
        const h = Math.max(10, d(p.size));
        out.push(`^FO${d(p.x)},${d(p.y)}^A@N,${h},${h},${opts.font}^FH_^FD${zplEscape(p.text)}^FS`);
        break;
      }
      case 'rect': {
        const w = Math.max(1, d(p.w));
        const h = Math.max(1, d(p.h));
        out.push(`^FO${d(p.x)},${d(p.y)}^GB${w},${h},${Math.min(w, h)}^FS`);
        break;
      }
      case 'frame':
        out.push(`^FO${d(p.x)},${d(p.y)}^GB${d(p.w)},${d(p.h)},${Math.max(1, d(p.t))}^FS`);
        break;
      case 'qr': {
        const mag = Math.min(10, Math.max(1, Math.round(p.module * dpmm)));
        // Field data: <ECC><input mode A = automatic>,payload.
        out.push(`^FO${d(p.x)},${d(p.y)}^BQN,2,${mag}^FH_^FD${p.ecc}A,${zplEscape(p.data)}^FS`);
        break;
      }
      case 'code128': {
        const m = Math.min(10, Math.max(1, Math.round(p.module * dpmm)));
        // Mode A: the printer picks subsets B/C itself, as bwip-js did for the layout.
        out.push(
          `^FO${d(p.x)},${d(p.y)}^BY${m}^BCN,${Math.max(1, d(p.h))},N,N,N,A^FH_^FD${zplEscape(p.data)}^FS`,
        );
        break;
      }
      case 'logo':
        // Logos need a ^GF bitmap download; thermal output leaves the area blank (see warnings).
        break;
    }
  }
  out.push(`^PQ${Math.max(1, opts.copies ?? 1)}`, '^XZ');
  return out.join('\n') + '\n';
}
