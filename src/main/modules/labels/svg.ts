// SVG of one label layout for the designer's live preview: same primitives as the PDF, in mm.
import { LABEL_FONT_CSS } from '../../devices/printer/font';
import type { LabelLayout } from './layout';

const n = (v: number) => String(Math.round(v * 1000) / 1000);
const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface SvgLogo {
  mime: string;
  base64: string;
}

export function layoutSvg(layout: LabelLayout, logo?: SvgLogo | null): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(layout.widthMm)} ${n(layout.heightMm)}" ` +
      `width="${n(layout.widthMm)}mm" height="${n(layout.heightMm)}mm">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
  ];
  for (const p of layout.primitives) {
    switch (p.kind) {
      case 'text':
        // textLength pins the screen font to the printed width, whatever font the screen has.
        parts.push(
          `<text x="${n(p.x)}" y="${n(p.baseline)}" font-size="${n(p.size)}" font-family="${esc(LABEL_FONT_CSS)}"` +
            `${p.bold ? ' font-weight="bold"' : ''} textLength="${n(p.width)}" lengthAdjust="spacingAndGlyphs">` +
            `${esc(p.text)}</text>`,
        );
        break;
      case 'rect':
        parts.push(`<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}"/>`);
        break;
      case 'frame':
        parts.push(
          `<rect x="${n(p.x + p.t / 2)}" y="${n(p.y + p.t / 2)}" width="${n(p.w - p.t)}" height="${n(p.h - p.t)}" ` +
            `fill="none" stroke="#000" stroke-width="${n(p.t)}"/>`,
        );
        break;
      case 'qr': {
        const d = p.runs.map(([c, r, len]) => `M${c} ${r}h${len}v1h-${len}z`).join('');
        parts.push(`<path transform="translate(${n(p.x)} ${n(p.y)}) scale(${n(p.module)})" d="${d}"/>`);
        break;
      }
      case 'code128': {
        const d = p.bars.map(([s, w]) => `M${s} 0h${w}v1h-${w}z`).join('');
        parts.push(
          `<path transform="translate(${n(p.x)} ${n(p.y)}) scale(${n(p.module)} ${n(p.h)})" d="${d}"/>`,
        );
        break;
      }
      case 'logo':
        parts.push(
          logo
            ? `<image x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}" preserveAspectRatio="xMidYMid meet" ` +
                `href="data:${logo.mime};base64,${logo.base64}"/>`
            : `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}" fill="none" stroke="#999" stroke-width="0.2" stroke-dasharray="1 1"/>`,
        );
        break;
    }
  }
  parts.push('</svg>');
  return parts.join('');
}
