// Label presets (thermal rolls and common A4 label sheets) and the template seeded for each.
import type { LabelElement, SheetSpec, TemplateDefinition } from './templates';

export interface LabelPreset {
  key: string;
  /** Shown in the designer's "new from preset" list. */
  name: string;
  widthMm: number;
  heightMm: number;
  sheet: SheetSpec | null;
}

const a4 = (s: Omit<SheetSpec, 'pageWidthMm' | 'pageHeightMm' | 'offsetXMm' | 'offsetYMm'>): SheetSpec => ({
  pageWidthMm: 210,
  pageHeightMm: 297,
  offsetXMm: 0,
  offsetYMm: 0,
  ...s,
});

/**
 * Sheet geometry follows widely sold A4 label paper (Avery/Herma-compatible layouts, also sold in
 * China under their own numbers): 3×8 = 63.5×33.9 (L7159), 4×10 = 48.5×25.4 (3657),
 * 2×7 = 99.1×38.1 (L7163). Users correct their printer's drift with the sheet offset.
 */
export const PRESETS: LabelPreset[] = [
  { key: 'thermal-50x30', name: '热敏 50×30 mm', widthMm: 50, heightMm: 30, sheet: null },
  { key: 'thermal-40x30', name: '热敏 40×30 mm', widthMm: 40, heightMm: 30, sheet: null },
  { key: 'thermal-70x40', name: '热敏 70×40 mm', widthMm: 70, heightMm: 40, sheet: null },
  {
    key: 'a4-3x8',
    name: 'A4 3×8 (63.5×33.9 mm)',
    widthMm: 63.5,
    heightMm: 33.9,
    sheet: a4({ cols: 3, rows: 8, marginLeftMm: 7.25, marginTopMm: 12.9, pitchXMm: 66, pitchYMm: 33.9 }),
  },
  {
    key: 'a4-4x10',
    name: 'A4 4×10 (48.5×25.4 mm)',
    widthMm: 48.5,
    heightMm: 25.4,
    sheet: a4({ cols: 4, rows: 10, marginLeftMm: 8, marginTopMm: 21.5, pitchXMm: 48.5, pitchYMm: 25.4 }),
  },
  {
    key: 'a4-2x7',
    name: 'A4 2×7 (99.1×38.1 mm)',
    widthMm: 99.1,
    heightMm: 38.1,
    sheet: a4({ cols: 2, rows: 7, marginLeftMm: 4.65, marginTopMm: 15.15, pitchXMm: 101.6, pitchYMm: 38.1 }),
  },
];

export function presetByKey(key: string): LabelPreset | undefined {
  return PRESETS.find((p) => p.key === key);
}

/**
 * A sensible asset label for the size: company name on top, the asset name, a caption block, a QR
 * code on the right and a Code 128 of the asset code across the bottom. Proportions scale with
 * the label so every preset starts from something that prints well.
 */
export function defaultElements(w: number, h: number): LabelElement[] {
  const pad = Math.max(1.5, Math.min(w, h) * 0.06);
  const qr = Math.min(h * 0.5, w * 0.34);
  const barH = Math.max(5, h * 0.2);
  const codeText = 5;
  const textW = w - 2 * pad - qr - 1.5;
  const small = h <= 26 ? 6 : h <= 31 ? 6.5 : 7.5;
  const big = h <= 26 ? 7 : h <= 31 ? 8 : 9.5;
  const lineH = (pt: number) => pt * 0.3528 * 1.2;
  let y = pad;
  const els: LabelElement[] = [];
  const text = (field: LabelElement & { kind: 'text' }) => {
    els.push(field);
    y += lineH(field.fontSize) * field.maxLines + 0.3;
  };
  const base = { x: pad, w: textW, align: 'left' as const, ellipsis: true };
  text({
    kind: 'text',
    ...base,
    y,
    field: 'companyName',
    text: '',
    fontSize: small,
    bold: true,
    maxLines: 1,
  });
  text({ kind: 'text', ...base, y, field: 'name', text: '', fontSize: big, bold: true, maxLines: 2 });
  text({
    kind: 'text',
    ...base,
    y,
    field: 'departmentName',
    text: '部门：',
    fontSize: small,
    bold: false,
    maxLines: 1,
  });
  if (h >= 33)
    text({
      kind: 'text',
      ...base,
      y,
      field: 'inServiceDate',
      text: '启用：',
      fontSize: small,
      bold: false,
      maxLines: 1,
    });
  els.push({ kind: 'qr', x: w - pad - qr, y: pad, size: qr, field: 'assetCode', text: '', ecc: 'M' });
  els.push({
    kind: 'code128',
    x: pad,
    y: h - pad - barH - (codeText * 0.3528 * 1.2 + 0.3),
    w: w - 2 * pad,
    h: barH,
    field: 'assetCode',
    text: '',
    showText: true,
    textSize: codeText,
  });
  return els.map((e) => roundElement(e));
}

function roundElement(e: LabelElement): LabelElement {
  const r = (n: number) => Math.round(n * 10) / 10;
  const out: Record<string, unknown> = { ...e };
  for (const k of ['x', 'y', 'w', 'h', 'size']) if (typeof out[k] === 'number') out[k] = r(out[k] as number);
  return out as LabelElement;
}

export function presetDefinition(p: LabelPreset): TemplateDefinition {
  return {
    widthMm: p.widthMm,
    heightMm: p.heightMm,
    dpi: p.sheet ? 300 : 203,
    sheet: p.sheet,
    printer: { zplFont: 'E:SIMSUN.TTF', tsplFont: 'auto', gapMm: 2 },
    elements: defaultElements(p.widthMm, p.heightMm),
  };
}
