// The one label layout: template + asset data → positioned primitives in millimetres. PDF, SVG
// preview, ZPL and TSPL all draw these, so the screen shows what prints.
import bwipjs from 'bwip-js/node';
import { labelFontMetrics, type FontMetrics } from '../../devices/printer/font';
import type { LabelLayout, Primitive, Slot } from './primitives';
import type { LabelData, LabelElement, TemplateDefinition } from './templates';

export type { LabelLayout, Primitive, Slot } from './primitives';

export const PT_MM = 25.4 / 72;
/** Line box height as a multiple of the font size. */
export const LINE_HEIGHT = 1.2;

export function fieldText(el: { field: string | null; text: string }, data: LabelData): string {
  if (!el.field) return el.text;
  const v = data[el.field as keyof LabelData];
  return el.text + (v ?? '');
}

const dotsPerMm = (dpi: number) => dpi / 25.4;
const snapModule = (maxMm: number, units: number, dpi: number) =>
  Math.floor((maxMm * dotsPerMm(dpi)) / units) / dotsPerMm(dpi);

/** Bytes of a UTF-8 string as a binary string: what bwip-js encodes, and what ^CI28 / UTF-8 QR carry. */
export const utf8Binary = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

type Token = { text: string; space: boolean };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // Latin words stay whole; CJK and other wide characters break anywhere.
  const re = /(\s+)|([A-Za-z0-9_\-.,:;!?'"()/#&%+@\u00C0-\u024F]+)|(.)/gsu;
  for (const m of text.matchAll(re)) out.push({ text: m[0], space: m[1] !== undefined });
  return out;
}

/** Greedy line breaking to `maxW` mm at `size` mm, cut to `maxLines`, with "…" when asked. */
export function wrapText(
  text: string,
  maxW: number,
  size: number,
  maxLines: number,
  ellipsis: boolean,
  fm: FontMetrics = labelFontMetrics(),
): string[] {
  const width = (s: string) => fm.width(s) * size;
  const lines: string[] = [];
  let cur = '';
  let overflow = false;
  const push = () => {
    lines.push(cur.trimEnd());
    cur = '';
  };
  for (const tok of tokenize(text.replace(/\s*\n\s*/g, ' '))) {
    if (tok.space) {
      if (cur) cur += ' ';
      continue;
    }
    if (width(cur + tok.text) <= maxW) {
      cur += tok.text;
      continue;
    }
    if (cur.trim() && width(tok.text) <= maxW) {
      push();
      cur = tok.text;
      continue;
    }
    // A token longer than the line (or a wide character): break it character by character.
    for (const ch of tok.text) {
      if (width(cur + ch) > maxW && cur.trim()) push();
      cur += ch;
    }
  }
  if (cur.trim()) push();
  if (lines.length > maxLines) {
    overflow = true;
    lines.length = maxLines;
  }
  if (overflow && ellipsis && lines.length) {
    let last = lines[lines.length - 1]!;
    while (last && width(last + '…') > maxW) last = [...last].slice(0, -1).join('');
    lines[lines.length - 1] = last.trimEnd() + '…';
  }
  return lines;
}

function layoutText(el: LabelElement & { kind: 'text' }, data: LabelData, fm: FontMetrics): Primitive[] {
  const size = el.fontSize * PT_MM;
  const lineH = size * LINE_HEIGHT;
  const lines = wrapText(fieldText(el, data), el.w, size, el.maxLines, el.ellipsis, fm);
  // Centre the glyphs' ascent+descent inside the line box.
  const pad = (lineH - (fm.ascent + fm.descent) * size) / 2;
  return lines.map((text, i) => {
    const width = fm.width(text) * size;
    const x =
      el.align === 'left' ? el.x : el.align === 'right' ? el.x + el.w - width : el.x + (el.w - width) / 2;
    const y = el.y + i * lineH;
    return { kind: 'text', x, y, baseline: y + pad + fm.ascent * size, size, width, text, bold: el.bold };
  });
}

function layoutQr(
  el: LabelElement & { kind: 'qr' },
  data: LabelData,
  dpi: number,
  warn: (key: string) => void,
): Primitive[] {
  const payload = fieldText(el, data);
  if (!payload) return [];
  const [sym] = bwipjs.raw('qrcode', utf8Binary(payload), `eclevel=${el.ecc}`) as {
    pixs: number[];
    pixx: number;
    pixy: number;
  }[];
  const count = sym!.pixx;
  // One module of quiet zone on each side inside the element's square; modules are whole dots.
  let module = snapModule(el.size, count + 2, dpi);
  if (module <= 0) {
    warn('labels.warning.qrTooSmall');
    module = 1 / dotsPerMm(dpi);
  }
  const runs: [number, number, number][] = [];
  for (let r = 0; r < sym!.pixy; r++) {
    let c = 0;
    while (c < count) {
      if (sym!.pixs[r * count + c]) {
        const start = c;
        while (c < count && sym!.pixs[r * count + c]) c++;
        runs.push([start, r, c - start]);
      } else c++;
    }
  }
  return [
    { kind: 'qr', x: el.x + module, y: el.y + module, module, count, data: payload, ecc: el.ecc, runs },
  ];
}

function layoutCode128(
  el: LabelElement & { kind: 'code128' },
  data: LabelData,
  dpi: number,
  fm: FontMetrics,
  warn: (key: string) => void,
): Primitive[] {
  const payload = fieldText(el, data);
  if (!payload) return [];
  // Printers encode ASCII only in Code 128; a scanner could not type anything else anyway.
  if (!/^[\x20-\x7e]+$/.test(payload)) {
    warn('labels.warning.code128Ascii');
    return [];
  }
  const [sym] = bwipjs.raw('code128', payload, {}) as { sbs: number[] }[];
  const bars: [number, number][] = [];
  let pos = 0;
  sym!.sbs.forEach((wid, i) => {
    if (i % 2 === 0) bars.push([pos, wid]);
    pos += wid;
  });
  // Ten modules of quiet zone each side must fit in the element's width.
  let module = snapModule(el.w, pos + 20, dpi);
  if (module <= 0) {
    warn('labels.warning.code128TooLong');
    module = 1 / dotsPerMm(dpi);
  }
  const textH = el.showText ? el.textSize * PT_MM * LINE_HEIGHT : 0;
  const barH = Math.max(1, el.h - textH);
  const x = el.x + (el.w - pos * module) / 2;
  const out: Primitive[] = [
    { kind: 'code128', x, y: el.y, h: barH, module, data: payload, bars, modules: pos },
  ];
  if (el.showText) {
    out.push(
      ...layoutText(
        {
          kind: 'text',
          x: el.x,
          y: el.y + barH,
          w: el.w,
          field: null,
          text: payload,
          fontSize: el.textSize,
          bold: false,
          align: 'center',
          maxLines: 1,
          ellipsis: false,
        },
        data,
        fm,
      ),
    );
  }
  return out;
}

export function layoutLabel(def: TemplateDefinition, data: LabelData): LabelLayout {
  const fm = labelFontMetrics();
  const primitives: Primitive[] = [];
  const warnings: LabelLayout['warnings'] = [];
  def.elements.forEach((el, i) => {
    const warn = (key: string) => warnings.push({ element: i, key });
    switch (el.kind) {
      case 'text':
        primitives.push(...layoutText(el, data, fm));
        break;
      case 'qr':
        primitives.push(...layoutQr(el, data, def.dpi, warn));
        break;
      case 'code128':
        primitives.push(...layoutCode128(el, data, def.dpi, fm, warn));
        break;
      case 'logo':
        primitives.push({ kind: 'logo', x: el.x, y: el.y, w: el.w, h: el.h });
        break;
      case 'line':
        primitives.push(
          el.orientation === 'h'
            ? { kind: 'rect', x: el.x, y: el.y, w: el.length, h: el.thickness }
            : { kind: 'rect', x: el.x, y: el.y, w: el.thickness, h: el.length },
        );
        break;
      case 'box':
        primitives.push({ kind: 'frame', x: el.x, y: el.y, w: el.w, h: el.h, t: el.thickness });
        break;
    }
  });
  return { widthMm: def.widthMm, heightMm: def.heightMm, dpi: def.dpi, primitives, warnings };
}

/**
 * Where each of `count` labels goes: on sheets, skipping the `startPosition - 1` slots already used
 * on the first sheet (numbered left to right, top to bottom); else one label per page.
 */
export function labelSlots(def: TemplateDefinition, count: number, startPosition = 1): Slot[] {
  const s = def.sheet;
  if (!s) return Array.from({ length: count }, (_, i) => ({ page: i, x: 0, y: 0 }));
  const perPage = s.cols * s.rows;
  const skip = Math.min(Math.max(startPosition, 1), perPage) - 1;
  return Array.from({ length: count }, (_, i) => {
    const n = i + skip;
    const k = n % perPage;
    return {
      page: Math.floor(n / perPage),
      x: s.marginLeftMm + (k % s.cols) * s.pitchXMm + s.offsetXMm,
      y: s.marginTopMm + Math.floor(k / s.cols) * s.pitchYMm + s.offsetYMm,
    };
  });
}
