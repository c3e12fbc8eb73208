// The problems of a preview as an annotated copy of the user's own workbook: each problem cell filled
// red (whole-row problems mark the row's first cell) with a comment in plain Chinese words.
// A CSV comes back as an .xlsx of its rows with the same marks.
import ExcelJS from 'exceljs';
import { csvGrid } from './csv';
import { cellText } from './values';
import type { ImportProblem } from './import-assets';

/** Plain words for the comments (the renderer translates the same keys for the screen). */
const WORDS: Record<string, string> = {
  'validation.io.date': '日期无法识别',
  'validation.io.amount': '金额无法识别',
  'validation.io.rate': '比率无法识别（5% 或 0.05）',
  'validation.io.integer': '应为正整数',
  'validation.io.number': '应为数字',
  'validation.io.cellError': '单元格是错误值或公式没有结果',
  'validation.io.method': '折旧方法无法识别',
  'validation.io.status': '状态无法识别',
  'validation.io.refNotFound': '在基础设置中找不到',
  'validation.io.refAmbiguous': '有多个同名项，请写编码或完整路径',
  'validation.referenceInactive': '该项已停用',
  'validation.io.duplicateKey': '与文件中前面的行重复',
  'validation.io.keyMissing': '缺少匹配用的编号',
  'validation.io.keyNotFound': '台账中没有这个编号',
  'validation.io.fieldNotStored': '此列暂不导入',
  'validation.io.columnMissing': '缺少必需的列',
  'validation.assetCodeTaken': '资产编号已被使用',
  'validation.residualExceedsCost': '残值大于原值',
  'validation.inServiceBeforePurchase': '启用日期早于购置日期',
  'validation.residualRateOrValue': '残值率与残值不一致',
  'validation.required': '必填',
  'validation.too_big': '内容太长或数值太大',
  'validation.too_small': '数值太小',
};

export const problemWords = (p: ImportProblem) => WORDS[p.message] ?? p.message;

function mark(ws: ExcelJS.Worksheet, p: ImportProblem, colIndex: number) {
  const cell = ws.getCell(p.row, colIndex + 1);
  cell.fill = {
    type: 'pattern',
    pattern: 'solid',
    fgColor: { argb: p.severity === 'error' ? 'FFFFC7CE' : 'FFFFEB9C' },
  };
  const prev = typeof cell.note === 'string' ? cell.note + '\n' : '';
  cell.note = prev + problemWords(p);
}

const letterIndex = (letter: string) => [...letter].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

export async function annotatedWorkbook(
  file: Buffer,
  format: 'xlsx' | 'csv',
  sheet: string,
  problems: ImportProblem[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet | undefined;
  if (format === 'xlsx') {
    // exceljs declares its own Buffer interface; a Node Buffer is what it reads.
    await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
    ws = wb.getWorksheet(sheet);
  } else {
    ws = wb.addWorksheet(sheet.slice(0, 31) || 'CSV');
    const { grid } = csvGrid(file, sheet);
    const target = ws;
    grid.rows.forEach((r, i) =>
      r?.forEach((c, j) => {
        if (c !== null && c !== undefined) target.getCell(i + 1, j + 1).value = cellText(c);
      }),
    );
  }
  if (!ws) ws = wb.worksheets[0]!;
  for (const p of problems) mark(ws, p, p.column ? letterIndex(p.column) : 0);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
