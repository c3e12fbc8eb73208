// The lean xlsx writer (src/main/util/xlsx): every feature read back with exceljs (values, formats, frozen
// pane, print setup and titles, widths, formulas with results, Chinese, three sheets), the ZIP structure
// walked by hand (headers, data descriptors, central directory, CRC-32 of the inflated data) and by
// `unzip -t` when the machine has it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, crc32Table } from '../../src/main/util/xlsx/crc32';
import { Style, XlsxWriter } from '../../src/main/util/xlsx/writer';

const dir = mkdtempSync(join(tmpdir(), 'fams-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAD = ['资产编码', '资产名称', '原值', '数量', '工作量', '备注'];
const STYLES = [Style.text, Style.text, Style.money, Style.int, Style.units, Style.text];

/** Three sheets: a detail with totals, a second one named like the first, and a tiny third. */
async function sample(file: string, rows: number) {
  const wb = new XlsxWriter(file, { creator: '测试' });
  const ws = await wb.addSheet({
    name: '折旧明细表',
    columns: [{ width: 20 }, { width: 22 }, { width: 14 }, { width: 9 }, {}, { width: 30 }],
    freeze: { rows: 3 },
    print: {
      orientation: 'landscape',
      paperSize: 9,
      fitToWidth: true,
      titleRows: [3, 3],
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      footer: '第 &P 页，共 &N 页',
    },
  });
  ws.addRow(['折旧明细表'], Style.title);
  ws.addRow(['示例公司\u3000单位：元']);
  ws.addRow(HEAD, Style.header);
  let fen = 0;
  for (let i = 1; i <= rows; i++) {
    const cost = i * 100_001; // fen: every value has fen digits
    fen += cost;
    ws.addRow([`FA-${String(i).padStart(6, '0')}`, `电脑 ${i}`, cost / 100, i, i / 8, null], STYLES);
    if (i % 1000 === 0) await ws.flush();
  }
  const L = rows + 3;
  ws.addRow(
    [
      '合计',
      null,
      { formula: `ROUND(SUM(C4:C${L}),2)`, result: fen / 100 },
      { formula: `SUM(D4:D${L})`, result: (rows * (rows + 1)) / 2 },
      null,
      null,
    ],
    [Style.totalText, Style.totalText, Style.totalMoney, Style.totalInt, Style.totalUnits, Style.totalText],
  );
  const s2 = await wb.addSheet({
    name: '折旧明细表',
    columns: [{ width: 12 }],
    freeze: { rows: 1, cols: 1 },
  });
  s2.addRow([
    '转义 <a & "b"> \'c\'',
    'bad\u0001\u0008ctl\u000b\u001f\ufffe end',
    '  前后空格  ',
    true,
    false,
  ]);
  s2.addRow(['x'.repeat(40_000), -0.5, 1e-7, 12_345_678_901.23, Number.NaN]);
  s2.addRow([
    { formula: '=A1&"!"', result: '文本结果' },
    { formula: '1=1', result: true },
    { formula: 'NOW()' },
    { formula: 'B2+0.5', result: 0 },
  ]);
  const s3 = await wb.addSheet({ name: 'a/b:c*d?e[f]g\\h' + 'z'.repeat(40) });
  s3.addRow(['第三张']);
  s3.merge(1, 1, 1, 3);
  s3.addRow([new Date(Date.UTC(2024, 1, 29)), 0.1234, 45_351], [Style.date, Style.percent, Style.date]);
  await wb.finish();
  return fen;
}

async function read(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('xlsx writer', () => {
  const file = join(dir, 'sample.xlsx');
  let totalFen = 0;

  it('writes a workbook exceljs reads back: values, formats, widths, Chinese, totals with results', async () => {
    totalFen = await sample(file, 2500);
    const wb = await read(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '折旧明细表',
      '折旧明细表 (2)',
      'a_b_c_d_e_f_g_hzzzzzzzzzzzzzzzz',
    ]);
    const ws = wb.getWorksheet('折旧明细表')!;
    expect(ws.getCell('A1').value).toBe('折旧明细表');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getCell('A2').value).toBe('示例公司\u3000单位：元');
    expect(ws.getRow(3).values).toEqual([undefined, ...HEAD]);
    expect(ws.getCell('B3').font?.bold).toBe(true);
    expect(ws.getCell('B3').alignment).toMatchObject({ horizontal: 'center', wrapText: true });
    expect(ws.getCell('B3').fill).toMatchObject({
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: 'FFE8EEF7' },
    });
    expect(ws.getCell('B3').border?.bottom?.style).toBe('thin');
    let sum = 0;
    for (let r = 4; r < 4 + 2500; r++) {
      const row = ws.getRow(r);
      const i = r - 3;
      expect(row.getCell(1).value).toBe(`FA-${String(i).padStart(6, '0')}`);
      expect(row.getCell(2).value).toBe(`电脑 ${i}`);
      const v = row.getCell(3).value as number;
      expect(Math.round(v * 100)).toBe(i * 100_001);
      expect(Math.abs(v * 100 - i * 100_001)).toBeLessThan(1e-6);
      sum += Math.round(v * 100);
      expect(row.getCell(4).value).toBe(i);
      expect(row.getCell(5).value).toBe(i / 8);
      expect(row.getCell(6).value).toBeNull();
    }
    expect(ws.getCell('C4').numFmt).toBe('#,##0.00');
    expect(ws.getCell('D4').numFmt).toBe('0');
    expect(ws.getCell('E4').numFmt).toBe('#,##0.######');
    expect(ws.getCell('A4').numFmt).toBeUndefined();
    const tot = ws.getRow(2504);
    expect(tot.getCell(1).value).toBe('合计');
    expect(tot.getCell(3).value).toEqual({ formula: 'ROUND(SUM(C4:C2503),2)', result: totalFen / 100 });
    expect(Math.round((tot.getCell(3).value as { result: number }).result * 100)).toBe(sum);
    expect(tot.getCell(4).value).toEqual({ formula: 'SUM(D4:D2503)', result: (2500 * 2501) / 2 });
    expect(tot.getCell(3).numFmt).toBe('#,##0.00');
    expect(tot.getCell(3).font?.bold).toBe(true);
    // Empty styled cells in the totals row keep their border.
    expect(tot.getCell(5).border?.top?.style).toBe('thin');
    expect(ws.rowCount).toBe(2504);
    expect(ws.columns.map((c) => c.width)).toEqual([20, 22, 14, 9, undefined, 30]);
  });

  it('freezes the header, sets landscape A4 fit to width, margins, footer and repeats the header row', async () => {
    const wb = await read(file);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 0, ySplit: 3, topLeftCell: 'A4' });
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    });
    expect(ws.headerFooter.oddFooter).toBe('第 &P 页，共 &N 页');
    const s2 = wb.worksheets[1]!;
    expect(s2.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2' });
    expect(s2.pageSetup.printTitlesRow).toBeUndefined();
    expect(s2.pageSetup.orientation).toBe('portrait');
  });

  it('escapes markup, drops XML-illegal characters, keeps spaces, cuts long text, writes formulas of every result type', async () => {
    const s2 = (await read(file)).worksheets[1]!;
    expect(s2.getCell('A1').value).toBe('转义 <a & "b"> \'c\'');
    expect(s2.getCell('B1').value).toBe('badctl end');
    expect(s2.getCell('C1').value).toBe('  前后空格  ');
    expect(s2.getCell('D1').value).toBe(true);
    expect(s2.getCell('E1').value).toBe(false);
    expect((s2.getCell('A2').value as string).length).toBe(32_767);
    expect(s2.getCell('B2').value).toBe(-0.5);
    expect(s2.getCell('C2').value).toBe(1e-7);
    expect(s2.getCell('D2').value).toBe(12_345_678_901.23);
    expect(s2.getCell('E2').value).toBeNull();
    expect(s2.getCell('A3').value).toEqual({ formula: 'A1&"!"', result: '文本结果' });
    expect(s2.getCell('B3').value).toEqual({ formula: '1=1', result: true });
    expect(s2.getCell('C3').value).toMatchObject({ formula: 'NOW()' });
    expect(s2.getCell('C3').result).toBeUndefined();
    // A zero result is written (exceljs keeps it on .result but leaves it out of .value).
    expect(s2.getCell('D3').formula).toBe('B2+0.5');
    expect(s2.getCell('D3').result).toBe(0);
    expect(s2.getColumn(1).width).toBe(12);
  });

  it('merges ranges, writes dates as serials shown yyyy-mm-dd, and percentages', async () => {
    const s3 = (await read(file)).worksheets[2]!;
    expect(s3.getCell('A1').value).toBe('第三张');
    expect(s3.getCell('C1').isMerged).toBe(true);
    expect(s3.getCell('C1').master.address).toBe('A1');
    expect(s3.getCell('A2').numFmt).toBe('yyyy-mm-dd');
    expect(s3.getCell('A2').value).toEqual(new Date(Date.UTC(2024, 1, 29)));
    expect(s3.getCell('C2').value).toEqual(new Date(Date.UTC(2024, 1, 29)));
    expect(s3.getCell('B2').numFmt).toBe('0.00%');
    expect(s3.getCell('B2').value).toBe(0.1234);
  });

  it('reads back through exceljs’s streaming reader too (data descriptors, parts after the sheets)', async () => {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
    });
    const counts: number[] = [];
    for await (const sheet of reader) {
      let n = 0;
      for await (const _row of sheet as AsyncIterable<unknown>) n++;
      counts.push(n);
    }
    expect(counts).toEqual([2504, 3, 2]);
  });

  it('is a well-formed ZIP: local headers, descriptors and central directory agree, CRCs match the data', () => {
    const buf = readFileSync(file);
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(eocd).toBe(buf.length - 22);
    const count = buf.readUInt16LE(eocd + 10);
    const cdSize = buf.readUInt32LE(eocd + 12);
    let p = buf.readUInt32LE(eocd + 16);
    expect(p + cdSize).toBe(eocd);
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      expect(buf.readUInt32LE(p)).toBe(0x02014b50);
      const [crc, csize, usize] = [
        buf.readUInt32LE(p + 16),
        buf.readUInt32LE(p + 20),
        buf.readUInt32LE(p + 24),
      ];
      const nameLen = buf.readUInt16LE(p + 28);
      const off = buf.readUInt32LE(p + 42);
      const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
      names.push(name);
      // The local header, its name, the deflated data and the descriptor with the same CRC and sizes.
      expect(buf.readUInt32LE(off)).toBe(0x04034b50);
      expect(buf.readUInt16LE(off + 6) & 0x0008).toBe(8);
      expect(buf.readUInt16LE(off + 8)).toBe(8);
      expect(buf.toString('utf8', off + 30, off + 30 + buf.readUInt16LE(off + 26))).toBe(name);
      const data = off + 30 + nameLen + buf.readUInt16LE(off + 28);
      const raw = zlib.inflateRawSync(buf.subarray(data, data + csize));
      expect(raw.length).toBe(usize);
      expect(crc32(raw)).toBe(crc);
      expect(crc32Table(raw)).toBe(crc);
      const d = data + csize;
      expect([
        buf.readUInt32LE(d),
        buf.readUInt32LE(d + 4),
        buf.readUInt32LE(d + 8),
        buf.readUInt32LE(d + 12),
      ]).toEqual([0x08074b50, crc, csize, usize]);
      p += 46 + nameLen;
    }
    expect(names.sort()).toEqual(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'docProps/app.xml',
        'docProps/core.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
        'xl/worksheets/sheet2.xml',
        'xl/worksheets/sheet3.xml',
      ].sort(),
    );
  });

  const unzip = ['/usr/bin/unzip', '/bin/unzip', '/usr/local/bin/unzip'].find((u) => existsSync(u));
  it.skipIf(!unzip)('passes `unzip -t` (skipped where unzip is not installed)', () => {
    const out = execFileSync(unzip!, ['-t', file], { encoding: 'utf8' });
    expect(out).toMatch(/No errors detected/);
  });

  it('CRC-32: the table fallback and the native one agree with the standard check value', () => {
    const v = Buffer.from('123456789');
    expect(crc32Table(v)).toBe(0xcbf43926);
    expect(crc32(v)).toBe(0xcbf43926);
    const a = Buffer.from('前半段'),
      b = Buffer.from('后半段');
    expect(crc32(b, crc32(a))).toBe(crc32(Buffer.concat([a, b])));
    expect(crc32Table(b, crc32Table(a))).toBe(crc32(Buffer.concat([a, b])));
  });

  it('refuses a row after its sheet ended, and abort() removes the partial file', async () => {
    const f = join(dir, 'partial.xlsx');
    const wb = new XlsxWriter(f);
    const a = await wb.addSheet({ name: 'A' });
    a.addRow([1]);
    await wb.addSheet({ name: 'B' });
    expect(() => a.addRow([2])).toThrow(/already ended/);
    expect(existsSync(f)).toBe(true);
    wb.abort();
    expect(existsSync(f)).toBe(false);
  });

  it('writes an empty workbook as one empty sheet that opens', async () => {
    const f = join(dir, 'empty.xlsx');
    await new XlsxWriter(f).finish();
    const wb = await read(f);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sheet1']);
    expect(wb.worksheets[0]!.rowCount).toBe(0);
  });
});
