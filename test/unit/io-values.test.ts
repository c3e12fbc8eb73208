// Parsers for what people type into spreadsheets, CSV decoding, header matching and the xlsx reader.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  parseAmount,
  parseDate,
  parseMonths,
  parseRate,
  scaleDecimal,
  serialToDate,
} from '../../src/main/modules/io/values';
import { decodeText, parseCsv } from '../../src/main/modules/io/csv';
import { matchHeader, normalizeHeader } from '../../src/main/modules/io/header-map';
import { colLetter, isDateFormat, parseRef, readXlsx } from '../../src/main/modules/io/read-workbook';
import { encodeGbk } from '../fixtures/io/workbooks';

const v = <T>(p: { ok: boolean; value?: T; message?: string }) => (p.ok ? p.value : p.message);

describe('dates', () => {
  it.each([
    ['2023-05-01', '2023-05-01'],
    ['2023/5/1', '2023-05-01'],
    ['2023年5月1日', '2023-05-01'],
    ['2023.5', '2023-05-01'],
    ['2023.10', '2023-10-01'],
    ['2023年5月', '2023-05-01'],
    ['20230501', '2023-05-01'],
    ['2023-05-01 10:30:00', '2023-05-01'],
    ['２０２３-０５-０１', '2023-05-01'],
    ['2023-02-30', 'validation.io.date'],
    ['2023-13-01', 'validation.io.date'],
    ['明天', 'validation.io.date'],
  ])('%s → %s', (input, out) => expect(v(parseDate(input))).toBe(out));

  it('serials, including the 1900 leap-year bug and numbers typed as 2023.5', () => {
    expect(serialToDate(45047)).toBe('2023-05-01');
    expect(serialToDate(1)).toBe('1900-01-01');
    expect(serialToDate(61)).toBe('1900-03-01');
    expect(v(parseDate({ kind: 'date', serial: 45047.75 }))).toBe('2023-05-01');
    expect(v(parseDate(45047))).toBe('2023-05-01');
    expect(v(parseDate(2023.5))).toBe('2023-05-01');
    expect(v(parseDate(20230501))).toBe('2023-05-01');
  });
});

describe('amounts to fen', () => {
  it.each<[string | number, 'yuan' | 'wan', number | string]>([
    ['¥1,234.56', 'yuan', 123456],
    ['￥ 1 234.5', 'yuan', 123450],
    ['1234.565', 'yuan', 123457],
    [1234.56, 'yuan', 123456],
    [0.1 + 0.2, 'yuan', 30],
    ['1.2', 'wan', 1_200_000],
    [1.23456, 'wan', 1_234_560],
    ['3万元', 'yuan', 3_000_000],
    ['500元', 'yuan', 50000],
    ['(100.00)', 'yuan', -10000],
    ['RMB 8,000', 'yuan', 800000],
    ['abc', 'yuan', 'validation.io.amount'],
    ['1.2.3', 'yuan', 'validation.io.amount'],
  ])('%s (%s) → %s', (input, unit, out) => expect(v(parseAmount(input, unit))).toBe(out));

  it('scales exactly without floats', () => {
    expect(scaleDecimal('0.005', 2)).toBe(1);
    expect(scaleDecimal('0.0049', 2)).toBe(0);
    expect(scaleDecimal('123456789012.34', 2)).toBe(12345678901234);
  });
});

describe('rates and lives', () => {
  it.each<[string | number, number | string]>([
    ['5%', 0.05],
    ['5 %', 0.05],
    ['0.05', 0.05],
    [0.05, 0.05],
    [5, 0.05],
    ['3.5%', 0.035],
    ['100%', 'validation.io.rate'],
    ['x', 'validation.io.rate'],
  ])('rate %s → %s', (input, out) => expect(v(parseRate(input))).toBe(out));

  it('months from years or months', () => {
    expect(v(parseMonths(5, true))).toBe(60);
    expect(v(parseMonths('5年', false))).toBe(60);
    expect(v(parseMonths('36个月', true))).toBe(36);
    expect(v(parseMonths(2.5, true))).toBe(30);
    expect(v(parseMonths(0, false))).toBe('validation.io.integer');
  });
});

describe('csv', () => {
  const text = '资产编号,资产名称\r\nA-1,"带,逗号"\r\nA-2,"引""号"\n';
  it('detects UTF-8 with and without BOM, and GBK as GB18030', () => {
    expect(decodeText(Buffer.from('\uFEFF' + text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(encodeGbk(text))).toEqual({ text, encoding: 'gb18030' });
  });
  it('parses quotes, embedded delimiters and newlines; guesses tabs', () => {
    expect(parseCsv(text)).toEqual([
      ['资产编号', '资产名称'],
      ['A-1', '带,逗号'],
      ['A-2', '引"号'],
    ]);
    expect(parseCsv('a\tb\n"x\ny"\t2')).toEqual([
      ['a', 'b'],
      ['x\ny', '2'],
    ]);
  });
});

describe('headers', () => {
  it('match synonyms in Chinese and English, ignoring units, marks and case', () => {
    expect(matchHeader('原值(万元)')).toBe('cost');
    expect(matchHeader('*资产名称')).toBe('name');
    expect(matchHeader('资产编码')).toBe('assetCode');
    expect(matchHeader('Asset Code')).toBe('assetCode');
    expect(matchHeader('In-Service Date')).toBe('inServiceDate');
    expect(matchHeader('使用部门')).toBe('departmentId');
    expect(matchHeader('序号')).toBeUndefined();
    expect(normalizeHeader(' 规格 型号（mm） ')).toBe('规格型号');
  });
});

describe('xlsx reader', () => {
  it('cell refs and date formats', () => {
    expect(parseRef('AB12')).toEqual({ r: 11, c: 27 });
    expect(colLetter(27)).toBe('AB');
    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('#,##0.00')).toBe(false);
    expect(isDateFormat('[Red]0.00%')).toBe(false);
  });

  it('reads shared and inline strings, numbers, dates, formulas, merges, hidden columns and sheets', async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('H', { state: 'hidden' });
    hidden.addRow(['x']);
    const ws = wb.addWorksheet('数据 & <表>');
    ws.addRow(['标题 & "引号"']);
    ws.mergeCells('A1:C1');
    ws.addRow([1.5, new Date(Date.UTC(2023, 4, 1)), { formula: 'A2*2', result: 3 }, true, { formula: 'X1' }]);
    ws.addRow([{ richText: [{ text: '富' }, { text: '文本' }] }]);
    ws.getColumn(2).numFmt = 'yyyy-mm-dd';
    ws.getColumn(3).hidden = true;
    const book = readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(book.sheets).toEqual([
      { name: 'H', hidden: true },
      { name: '数据 & <表>', hidden: false },
    ]);
    const g = book.sheet(1);
    expect(g.rows[0]![0]).toBe('标题 & "引号"');
    expect(g.merges).toEqual([{ r1: 0, c1: 0, r2: 0, c2: 2 }]);
    expect(g.rows[1]!.slice(0, 4)).toEqual([1.5, { kind: 'date', serial: 45047 }, 3, true]);
    expect(g.rows[1]![4]).toEqual({ kind: 'error', text: '#NOVALUE' });
    expect(g.rows[2]![0]).toBe('富文本');
    expect([...g.hiddenCols]).toEqual([2]);
  });
});
