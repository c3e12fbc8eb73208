import { describe, expect, it } from 'vitest';
import { encodeGb18030 } from '../../src/main/devices/printer/gb18030';
import {
  parseStatus,
  parseTsplStatus,
  parseZplHostStatus,
  statusProblems,
} from '../../src/main/devices/printer/status';
import { tsplFontFor, tsplJob, tsplQuote } from '../../src/main/devices/printer/tspl';
import { zplEscape, zplLabel } from '../../src/main/devices/printer/zpl';
import { layoutLabel } from '../../src/main/modules/labels/layout';
import { presetByKey, presetDefinition } from '../../src/main/modules/labels/presets';
import { SAMPLE_DATA, type TemplateDefinition } from '../../src/main/modules/labels/templates';
import { tsplStrings, zplFields } from '../sim/printer-sim';

const thermal = (dpi: 203 | 300): TemplateDefinition => ({
  ...presetDefinition(presetByKey('thermal-50x30')!),
  dpi,
});

describe('GB18030 encoder', () => {
  it('encodes 资产 as D7CA B2FA and 固定 as B9CC B6A8, ASCII unchanged', () => {
    expect(encodeGb18030('资产').toString('hex')).toBe('d7cab2fa');
    expect(encodeGb18030('固定').toString('hex')).toBe('b9ccb6a8');
    expect(encodeGb18030('ZC-01 "x"').toString('latin1')).toBe('ZC-01 "x"');
  });

  it('round-trips through the platform decoder: GBK, four-byte BMP and astral characters', () => {
    const text = '固定资产标识卡：联想笔记本电脑（行政部）€䶵𠀀😀';
    expect(new TextDecoder('gb18030').decode(encodeGb18030(text))).toBe(text);
    expect(encodeGb18030('😀').length).toBe(4);
  });

  it('covers the whole BMP except a handful of code points the decoder maps twice', () => {
    const dec = new TextDecoder('gb18030');
    let bad = 0;
    for (let cp = 0x80; cp < 0x10000; cp++) {
      if (cp >= 0xd800 && cp < 0xe000) continue;
      const s = String.fromCodePoint(cp);
      if (dec.decode(encodeGb18030(s)) !== s) bad++;
    }
    expect(bad).toBeLessThan(40);
  });
});

describe('ZPL', () => {
  for (const [dpi, pw, ll] of [
    [203, 400, 240],
    [300, 591, 354],
  ] as const) {
    it(`50×30 mm at ${dpi} dpi is ^PW${pw} ^LL${ll}, UTF-8 (^CI28), text in the configured CJK font`, () => {
      const lay = layoutLabel(thermal(dpi), SAMPLE_DATA);
      const zpl = zplLabel(lay, { font: 'E:SIMSUN.TTF', copies: 2 });
      expect(zpl.startsWith('^XA\n^CI28\n')).toBe(true);
      expect(zpl).toContain(`^PW${pw}\n`);
      expect(zpl).toContain(`^LL${ll}\n`);
      expect(zpl).toMatch(/\^A@N,\d+,\d+,E:SIMSUN\.TTF\^FH_\^FD示例科技有限公司\^FS/);
      expect(zpl).toMatch(/\^BQN,2,\d+\^FH_\^FDMA,ZC2024000123\^FS/);
      expect(zpl).toMatch(/\^BY\d+\^BCN,\d+,N,N,N,A\^FH_\^FDZC2024000123\^FS/);
      expect(zpl.trimEnd().endsWith('^PQ2\n^XZ')).toBe(true);
      // Positions scale with the DPI: the QR's ^FO x is the layout's mm × dots/mm.
      const qr = lay.primitives.find((p) => p.kind === 'qr')!;
      const fo = /\^FO(\d+),(\d+)\^BQN,2,(\d+)/.exec(zpl)!;
      expect(Number(fo[1])).toBe(Math.round((qr.x * dpi) / 25.4));
      if (qr.kind === 'qr') expect(Number(fo[3])).toBe(Math.round((qr.module * dpi) / 25.4));
    });
  }

  it('escapes ^, ~ and _ in field data so data cannot end the field', () => {
    expect(zplEscape('A^B~C_D')).toBe('A_5EB_7EC_5FD');
    const def: TemplateDefinition = {
      ...thermal(203),
      elements: [
        {
          kind: 'text',
          x: 1,
          y: 1,
          w: 40,
          field: null,
          text: '型号^XZ_~',
          fontSize: 9,
          bold: false,
          align: 'left',
          maxLines: 1,
          ellipsis: true,
        },
      ],
    };
    const zpl = zplLabel(layoutLabel(def, {}), { font: 'E:SIMSUN.TTF' });
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zplFields(zpl)).toEqual(['型号^XZ_~']);
  });
});

describe('TSPL', () => {
  it('SIZE/GAP/DIRECTION once, then CLS…PRINT per label; dots at 203 and 300 dpi', () => {
    for (const dpi of [203, 300] as const) {
      const lay = layoutLabel(thermal(dpi), SAMPLE_DATA);
      const bytes = tsplJob([lay, lay], { font: 'auto', gapMm: 2, copies: 1 });
      const text = new TextDecoder('gb18030').decode(bytes);
      const lines = text.split('\r\n');
      expect(lines.slice(0, 5)).toEqual([
        'SIZE 50 mm,30 mm',
        'GAP 2 mm,0 mm',
        'DIRECTION 1',
        'REFERENCE 0,0',
        'CLS',
      ]);
      expect(lines.filter((l) => l === 'CLS')).toHaveLength(2);
      expect(lines.filter((l) => l === 'PRINT 1,1')).toHaveLength(2);
      const qr = lay.primitives.find((p) => p.kind === 'qr')!;
      const m = /^QRCODE (\d+),(\d+),M,(\d+),A,0,"ZC2024000123"$/m.exec(text)!;
      expect(Number(m[1])).toBe(Math.round((qr.x * dpi) / 25.4));
      expect(text).toMatch(/^BARCODE \d+,\d+,"128",\d+,0,0,\d+,\d+,"ZC2024000123"$/m);
      expect(tsplStrings(text, 'TEXT')).toContain('部门：行政部');
    }
  });

  it('Chinese text goes out as GB18030 bytes', () => {
    const def: TemplateDefinition = {
      ...thermal(203),
      elements: [
        {
          kind: 'text',
          x: 1,
          y: 1,
          w: 40,
          field: 'name',
          text: '',
          fontSize: 9,
          bold: false,
          align: 'left',
          maxLines: 1,
          ellipsis: true,
        },
      ],
    };
    const bytes = tsplJob([layoutLabel(def, { name: '资产' })], { font: 'auto', gapMm: 2 });
    expect(bytes.includes(Buffer.from('"d7cab2fa"'.replace(/"/g, ''), 'hex'))).toBe(true);
    expect(bytes.includes(Buffer.from('资产', 'utf8'))).toBe(false);
  });

  it('picks a resident font and multiplier near the text height; quotes are escaped', () => {
    expect(tsplFontFor(24, 'auto')).toEqual({ name: 'TSS24.BF2', mul: 1 });
    expect(tsplFontFor(16, 'auto')).toEqual({ name: 'TSS16.BF2', mul: 1 });
    const big = tsplFontFor(48, 'auto');
    expect(Number(/TSS(\d+)/.exec(big.name)![1]) * big.mul).toBe(48);
    expect(tsplFontFor(50, 'TSS24.BF2')).toEqual({ name: 'TSS24.BF2', mul: 2 });
    expect(tsplQuote('a"b')).toBe('"a\\["]b"');
  });
});

describe('printer status', () => {
  const hs = (paperOut: number, pause: number, headUp: number) =>
    Buffer.from(
      `\x02030,${paperOut},${pause},0240,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,${headUp},0,0,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n`,
      'latin1',
    );

  it('reads paper out, pause and head up from ~HS', () => {
    expect(parseZplHostStatus(hs(0, 0, 0))).toMatchObject({ ready: true, paperOut: false, headOpen: false });
    expect(parseZplHostStatus(hs(1, 0, 0))).toMatchObject({ ready: false, paperOut: true });
    expect(parseZplHostStatus(hs(0, 1, 1))).toMatchObject({ ready: false, paused: true, headOpen: true });
    expect(statusProblems(parseZplHostStatus(hs(1, 1, 1))!)).toEqual([
      'labels.printer.headOpen',
      'labels.printer.paperOut',
      'labels.printer.paused',
    ]);
  });

  it('waits for the whole ~HS answer when it arrives in pieces', () => {
    const all = hs(1, 0, 0);
    expect(parseStatus('zpl', all.subarray(0, 30))).toBeNull();
    expect(parseStatus('zpl', all.subarray(0, all.length - 5))).toBeNull();
    expect(parseStatus('zpl', all)).toMatchObject({ paperOut: true });
  });

  it('reads the TSPL <ESC>!? bits', () => {
    expect(parseTsplStatus(0x00)).toMatchObject({ ready: true });
    expect(parseTsplStatus(0x01)).toMatchObject({ headOpen: true, ready: false });
    expect(parseTsplStatus(0x04)).toMatchObject({ paperOut: true, ready: false });
    expect(parseTsplStatus(0x0a)).toMatchObject({ paperJam: true, ribbonOut: true });
    expect(parseTsplStatus(0x20)).toMatchObject({ printing: true, ready: true });
    expect(parseStatus('tspl', Buffer.alloc(0))).toBeNull();
  });
});
