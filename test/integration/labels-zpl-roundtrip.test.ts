// Thermal labels read back: labels.print sends ZPL / TSPL to the loopback printer simulators, every
// label the printer received is drawn again (ZPL by zpl-renderer-js, TSPL codes by bwip-js) and zbarimg
// must read the asset code out of both the QR and the Code 128. Chinese text is checked in the job
// itself (^FD fields, GB18030-decoded TEXT), since neither renderer has CJK glyphs.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { renderZplToPng, splitZplLabels, writePng, zbarDecode, zplFieldTexts } from '../helpers/label-decode';
import type { LabelPrintResult } from '../../src/main/modules/labels/contract';
import { PrinterSim, parseTsplLabel, renderTsplCodes, tsplStrings } from '../sim/printer-sim';
import { makeAssets, requireTools, waitJob } from './labels-helpers';

let t: TestCore;
let sim: PrinterSim | null = null;
beforeAll(() => requireTools());
beforeEach(() => {
  t = startTestCore();
});
afterEach(async () => {
  await sim?.stop();
  sim = null;
  await t.close();
});

async function print(protocol: 'zpl' | 'tspl', assetIds: number[], templateId?: number) {
  sim = new PrinterSim(protocol);
  const port = await sim.start();
  const { jobId } = t.call(t.adminToken, 'labels.print', {
    assetIds,
    templateId,
    output: protocol,
    printer: { host: '127.0.0.1', port },
  });
  const job = await waitJob(t, t.adminToken, jobId);
  expect(job.status, JSON.stringify(job.error)).toBe('done');
  return job.result as LabelPrintResult;
}

/** A 70×40 label whose second QR carries the Chinese name: UTF-8 must survive ZPL ^CI28 and zbar. */
function chineseQrTemplate(): number {
  return t.call(t.adminToken, 'labels.templates.create', {
    name: '中文二维码 70×40',
    definition: {
      widthMm: 70,
      heightMm: 40,
      dpi: 203,
      elements: [
        { kind: 'text', x: 2, y: 2, w: 40, field: 'name', fontSize: 9 },
        { kind: 'qr', x: 2, y: 10, size: 22, field: 'assetCode' },
        { kind: 'qr', x: 44, y: 2, size: 24, field: 'name', text: '资产：' },
        { kind: 'code128', x: 2, y: 33, w: 60, h: 6, field: 'assetCode', showText: false },
      ],
    },
  }).id;
}

describe('ZPL round trip (zpl-renderer-js → zbarimg)', () => {
  it('default 50×30 template: QR and Code 128 decode to the asset code, ^FD holds the Chinese name', async () => {
    const assets = makeAssets(t);
    const res = await print(
      'zpl',
      assets.map((a) => a.id),
    );
    expect(res.labels).toBe(assets.length);
    const s = sim!;
    expect(s.printed).toHaveLength(assets.length);
    // The stream the printer got splits back into one label per asset.
    expect(splitZplLabels(s.printed.map((l) => l.text).join('~HS\n'))).toHaveLength(assets.length);
    for (const [i, label] of s.printed.entries()) {
      const a = assets[i]!;
      expect(label.text.startsWith('^XA\n^CI28\n')).toBe(true);
      const fields = zplFieldTexts(label.text);
      expect(
        fields.some((f) => f.includes(a.name.slice(0, 4))),
        fields.join(' | '),
      ).toBe(true);
      const png = await renderZplToPng(label.text, 50, 30, 8);
      const codes = zbarDecode(png);
      expect(codes, `label ${i}: ${png}`).toEqual(
        expect.arrayContaining([
          { symbology: 'QR-Code', data: a.assetCode },
          { symbology: 'CODE-128', data: a.assetCode },
        ]),
      );
    }
  });

  it('a QR carrying Chinese decodes to the exact UTF-8 text', async () => {
    const assets = makeAssets(t, ['联想笔记本电脑', '办公桌（实木）']);
    const tplId = chineseQrTemplate();
    await print(
      'zpl',
      assets.map((a) => a.id),
      tplId,
    );
    for (const [i, label] of sim!.printed.entries()) {
      const a = assets[i]!;
      const codes = zbarDecode(await renderZplToPng(label.text, 70, 40, 8));
      expect(codes.filter((c) => c.symbology === 'QR-Code').map((c) => c.data)).toEqual(
        expect.arrayContaining([a.assetCode, `资产：${a.name}`]),
      );
      expect(codes).toContainEqual({ symbology: 'CODE-128', data: a.assetCode });
      expect(zplFieldTexts(label.text)).toContain(a.name);
    }
  });
});

describe('TSPL round trip (GB18030 job parsed by the sim, codes re-drawn with bwip-js → zbarimg)', () => {
  // The printer puts the job's bytes into the QR, so a Chinese QR payload is GB18030 (phones' scanners
  // in China read GBK QR codes), unlike ZPL ^CI28 and PDF where it is UTF-8.
  it('QRCODE and BARCODE contents decode to the asset code; TEXT decodes to the Chinese name', async () => {
    const assets = makeAssets(t);
    const tplId = chineseQrTemplate();
    await print(
      'tspl',
      assets.map((a) => a.id),
      tplId,
    );
    const s = sim!;
    expect(s.printed).toHaveLength(assets.length);
    for (const [i, label] of s.printed.entries()) {
      const a = assets[i]!;
      expect(label.header).toContain('SIZE 70 mm,40 mm');
      const cmds = parseTsplLabel(label.text);
      expect(cmds[0]!.name).toBe('CLS');
      expect(cmds[cmds.length - 1]).toEqual({ name: 'PRINT', args: ['1', '1'] });
      // Long names are cut with … to fit; the Chinese part is always in full.
      expect(tsplStrings(label.text, 'TEXT').join('|')).toContain(a.name.split(' ')[0]);
      const decoded: string[] = [];
      for (const img of await renderTsplCodes(label.text)) {
        const png = writePng(img.png, 'tspl');
        for (const c of zbarDecode(png, 'gb18030')) decoded.push(`${c.symbology}:${c.data}`);
      }
      expect(decoded.sort()).toEqual(
        [`CODE-128:${a.assetCode}`, `QR-Code:${a.assetCode}`, `QR-Code:资产：${a.name}`].sort(),
      );
    }
  });
});
