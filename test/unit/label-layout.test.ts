import { describe, expect, it } from 'vitest';
import { labelSlots, layoutLabel, wrapText } from '../../src/main/modules/labels/layout';
import { PRESETS, presetByKey, presetDefinition } from '../../src/main/modules/labels/presets';
import {
  SAMPLE_DATA,
  templateDefinition,
  type TemplateDefinition,
} from '../../src/main/modules/labels/templates';
import { labelFontMetrics } from '../../src/main/devices/printer/font';

const fm = labelFontMetrics();

describe('wrapText', () => {
  it('breaks Chinese anywhere and keeps Latin words whole', () => {
    const size = 3; // mm
    const w = fm.width('资产资产') * size + 0.01; // room for exactly four CJK characters
    expect(wrapText('固定资产标识卡片', w, size, 5, false)).toEqual(['固定资产', '标识卡片']);
    const lines = wrapText(
      '联想 ThinkPad X1 Carbon',
      fm.width('联想 ThinkPad') * size + 0.01,
      size,
      5,
      false,
    );
    expect(lines).toEqual(['联想 ThinkPad', 'X1 Carbon']);
  });

  it('cuts at maxLines with an ellipsis that still fits the width', () => {
    const size = 3;
    const w = fm.width('资产资产') * size + 0.01;
    const lines = wrapText('固定资产标识卡片一二三四', w, size, 2, true);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    for (const l of lines) expect(fm.width(l) * size).toBeLessThanOrEqual(w);
    expect(wrapText('固定资产标识卡片一二三四', w, size, 2, false)).toEqual(['固定资产', '标识卡片']);
  });

  it('breaks a token longer than the line character by character', () => {
    const size = 3;
    const w = fm.width('ZC2024') * size + 0.01;
    expect(wrapText('ZC2024000123', w, size, 3, false)).toEqual(['ZC2024', '000123']);
  });
});

describe('layoutLabel on every preset', () => {
  for (const p of PRESETS) {
    it(`${p.key}: every primitive lies inside the label, codes in whole printer dots`, () => {
      const def = presetDefinition(p);
      const lay = layoutLabel(def, SAMPLE_DATA);
      expect(lay.warnings).toEqual([]);
      const dpmm = def.dpi / 25.4;
      const kinds = new Set(lay.primitives.map((x) => x.kind));
      expect(kinds).toEqual(new Set(['text', 'qr', 'code128']));
      for (const prim of lay.primitives) {
        let right = 0;
        let bottom = 0;
        if (prim.kind === 'text') {
          right = prim.x + prim.width;
          bottom = prim.baseline + fm.descent * prim.size;
        } else if (prim.kind === 'qr') {
          right = prim.x + prim.count * prim.module;
          bottom = prim.y + prim.count * prim.module;
          expect(Math.abs(prim.module * dpmm - Math.round(prim.module * dpmm))).toBeLessThan(1e-9);
          expect(prim.module * dpmm).toBeGreaterThanOrEqual(2);
        } else if (prim.kind === 'code128') {
          right = prim.x + prim.modules * prim.module;
          bottom = prim.y + prim.h;
          expect(Math.abs(prim.module * dpmm - Math.round(prim.module * dpmm))).toBeLessThan(1e-9);
          // Ten modules of quiet zone each side stay on the label.
          expect(prim.x - 10 * prim.module).toBeGreaterThanOrEqual(0);
          expect(right + 10 * prim.module).toBeLessThanOrEqual(def.widthMm + 1e-6);
        }
        expect(right, JSON.stringify(prim).slice(0, 80)).toBeLessThanOrEqual(def.widthMm + 1e-6);
        expect(bottom, JSON.stringify(prim).slice(0, 80)).toBeLessThanOrEqual(def.heightMm + 1e-6);
      }
    });
  }

  it('QR and Code 128 do not overlap', () => {
    const lay = layoutLabel(presetDefinition(presetByKey('thermal-40x30')!), SAMPLE_DATA);
    const qr = lay.primitives.find((x) => x.kind === 'qr')!;
    const bc = lay.primitives.find((x) => x.kind === 'code128')!;
    if (qr.kind !== 'qr' || bc.kind !== 'code128') throw new Error('kinds');
    expect(qr.y + qr.count * qr.module).toBeLessThanOrEqual(bc.y);
  });

  it('a Code 128 with Chinese data is skipped with a warning, not drawn wrong', () => {
    const def = templateDefinition.parse({
      widthMm: 50,
      heightMm: 30,
      elements: [{ kind: 'code128', x: 2, y: 2, w: 46, h: 10, field: 'name' }],
    });
    const lay = layoutLabel(def, { name: '笔记本电脑' });
    expect(lay.primitives).toEqual([]);
    expect(lay.warnings).toEqual([{ element: 0, key: 'labels.warning.code128Ascii' }]);
  });

  it('text bound to a field prints caption + value; a literal prints as is', () => {
    const def = templateDefinition.parse({
      widthMm: 60,
      heightMm: 20,
      elements: [
        { kind: 'text', x: 1, y: 1, w: 58, field: 'custodianName', text: '保管人：' },
        { kind: 'text', x: 1, y: 8, w: 58, text: '固定资产标识卡', align: 'center', bold: true },
        { kind: 'line', x: 1, y: 15, length: 58 },
        { kind: 'box', x: 0, y: 0, w: 60, h: 20, thickness: 0.4 },
      ],
    });
    const lay = layoutLabel(def, { custodianName: '张伟' });
    const texts = lay.primitives.filter((x) => x.kind === 'text');
    expect(texts.map((x) => (x.kind === 'text' ? x.text : ''))).toEqual(['保管人：张伟', '固定资产标识卡']);
    const centred = texts[1]!;
    if (centred.kind !== 'text') throw new Error('kind');
    expect(centred.x + centred.width / 2).toBeCloseTo(30, 5);
    expect(lay.primitives.filter((x) => x.kind === 'rect')).toEqual([
      { kind: 'rect', x: 1, y: 15, w: 58, h: 0.3 },
    ]);
    expect(lay.primitives.some((x) => x.kind === 'frame')).toBe(true);
  });
});

describe('labelSlots', () => {
  const sheet = presetDefinition(presetByKey('a4-3x8')!);

  it('places labels left to right, top to bottom, from the start position, onto new sheets', () => {
    const slots = labelSlots(sheet, 4, 23);
    const s = sheet.sheet!;
    expect(slots[0]).toEqual({ page: 0, x: s.marginLeftMm + s.pitchXMm, y: s.marginTopMm + 7 * s.pitchYMm });
    expect(slots[1]).toEqual({
      page: 0,
      x: s.marginLeftMm + 2 * s.pitchXMm,
      y: s.marginTopMm + 7 * s.pitchYMm,
    });
    expect(slots[2]).toEqual({ page: 1, x: s.marginLeftMm, y: s.marginTopMm });
    expect(slots[3]!.page).toBe(1);
  });

  it('applies the printer calibration offset to every label', () => {
    const def: TemplateDefinition = { ...sheet, sheet: { ...sheet.sheet!, offsetXMm: 1.5, offsetYMm: -0.5 } };
    const [a] = labelSlots(def, 1, 1);
    expect(a).toEqual({ page: 0, x: sheet.sheet!.marginLeftMm + 1.5, y: sheet.sheet!.marginTopMm - 0.5 });
  });

  it('every preset sheet fits its labels on A4 (the schema refuses one that does not)', () => {
    for (const p of PRESETS.filter((x) => x.sheet)) {
      expect(templateDefinition.safeParse(presetDefinition(p)).success, p.key).toBe(true);
    }
    const bad = { ...sheet, sheet: { ...sheet.sheet!, cols: 4 } };
    const r = templateDefinition.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('validation.labels.sheetTooWide');
  });

  it('thermal templates get one label per page', () => {
    const def = presetDefinition(presetByKey('thermal-50x30')!);
    expect(labelSlots(def, 3, 5)).toEqual([
      { page: 0, x: 0, y: 0 },
      { page: 1, x: 0, y: 0 },
      { page: 2, x: 0, y: 0 },
    ]);
  });
});
