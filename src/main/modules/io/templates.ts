// The import template per kind (assets, and each settings dictionary): Chinese headers (required ones
// marked), a note on each header, a notes sheet, and drop-down lists (data validation) for the
// dictionary and enumeration columns, fed from a hidden sheet of the current active values.
import ExcelJS from 'exceljs';
import type { Sqlite } from '../../db/client';
import { DICT_FIELDS, DICT_LABELS, TREE_KINDS, type DictKind } from './dict-fields';
import { ASSET_FIELDS, type ImportField, type RefTable } from './header-map';
import { METHOD_LABELS, STATUS_LABELS } from './refs';

export type TemplateLists = Record<string, string[]>;

/** Read inside the calling handler's transaction; the workbook is built later in the job. */
export function templateLists(sqlite: Sqlite): TemplateLists {
  const names = (table: RefTable) =>
    sqlite.prepare(`SELECT name FROM ${table} WHERE active = 1 ORDER BY code`).pluck().all() as string[];
  return {
    categoryId: names('categories'),
    supplierId: names('suppliers'),
    locationId: names('locations'),
    departmentId: names('departments'),
    expenseDepartmentId: names('departments'),
    custodianId: names('custodians'),
    method: Object.values(METHOD_LABELS),
    status: Object.values(STATUS_LABELS),
  };
}

const ROWS_WITH_LISTS = 2000;

export interface TemplateSpec {
  fileName: string;
  sheetName: string;
  fields: readonly (ImportField & { labels?: string[] })[];
  lists: TemplateLists;
  /** Lines at the top of the notes sheet. */
  notes: string[];
}

const COMMON_NOTES = [
  '表头行上方可以有标题行；列的顺序不限；合计、小计行会被忽略。',
  '日期可写 2023-05-01、2023/5/1、2023年5月1日 或 2023.5；金额可带 ¥ 和千分位逗号。',
];

/** A kind's template file name (also listed by io.templates). */
export const templateFileName = (kind: 'assets' | DictKind) =>
  `${kind === 'assets' ? '资产' : DICT_LABELS[kind]}导入模板.xlsx`;

export function assetTemplateSpec(lists: TemplateLists): TemplateSpec {
  // Every stored card field, opening balances included.
  return {
    fileName: templateFileName('assets'),
    sheetName: '资产导入',
    fields: ASSET_FIELDS,
    lists,
    notes: COMMON_NOTES,
  };
}

/** A settings dictionary's template: its columns, drop-downs of its enumerations and of the nodes and departments there are. */
export function dictTemplateSpec(sqlite: Sqlite, kind: DictKind): TemplateSpec {
  const names = (table: RefTable) =>
    sqlite.prepare(`SELECT name FROM ${table} WHERE active = 1 ORDER BY code`).pluck().all() as string[];
  const lists: TemplateLists = {};
  for (const f of DICT_FIELDS[kind]) {
    if (f.labels) lists[f.field] = f.labels;
    else if (f.role === 'parent') lists[f.field] = names(kind as RefTable);
    else if (f.ref) lists[f.field] = names(f.ref);
  }
  return {
    fileName: templateFileName(kind),
    sheetName: `${DICT_LABELS[kind]}导入`,
    fields: DICT_FIELDS[kind],
    lists,
    notes: [
      '表头行上方可以有标题行；列的顺序不限。',
      '按编码导入：编码已存在的行更新（新增模式下跳过），不存在的行新增；同一文件再次导入不会改变任何数据。',
      ...(TREE_KINDS.has(kind)
        ? ['上级可写编码、名称或完整路径（如 总部/行政楼/3F）；上级可以写在下级的后面。']
        : []),
    ],
  };
}

export async function buildTemplate(spec: TemplateSpec): Promise<Buffer> {
  const { fields: TEMPLATE_FIELDS, lists } = spec;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'FAMS';
  const ws = wb.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const listSheet = wb.addWorksheet('选项', { state: 'hidden' });
  ws.columns = TEMPLATE_FIELDS.map((f) => ({
    header: f.headers[0]!,
    key: f.field,
    width: Math.max(10, f.headers[0]!.length * 2 + 4),
    style: f.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : f.type === 'amount' ? { numFmt: '#,##0.00' } : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  TEMPLATE_FIELDS.forEach((f, i) => {
    const cell = header.getCell(i + 1);
    if (f.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    if (f.note || f.required) cell.note = [f.required ? '必填' : '', f.note ?? ''].filter(Boolean).join('；');
  });

  let listCol = 0;
  TEMPLATE_FIELDS.forEach((f, i) => {
    const items = lists[f.field];
    if (!items?.length) return;
    listCol++;
    const letter = listSheet.getColumn(listCol).letter;
    listSheet.getCell(1, listCol).value = f.headers[0]!;
    items.forEach((name, j) => (listSheet.getCell(j + 2, listCol).value = name));
    const col = ws.getColumn(i + 1).letter;
    // exceljs keeps range validations in worksheet.dataValidations (not in its type declarations).
    (
      ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
    ).dataValidations.add(`${col}2:${col}${ROWS_WITH_LISTS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'选项'!$${letter}$2:$${letter}$${items.length + 1}`],
      // A name not in the list is allowed: the import can create it (createMissing).
      showErrorMessage: false,
    });
  });

  const notes = wb.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', key: 'h', width: 14 },
    { header: '必填', key: 'r', width: 6 },
    { header: '说明', key: 'n', width: 60 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const line of spec.notes) notes.addRow(['', '', line]);
  for (const f of TEMPLATE_FIELDS)
    notes.addRow([
      f.headers[0],
      f.required ? '是' : '',
      [f.note ?? '', `也可写作：${f.headers.slice(1, 5).join('、')}`].filter(Boolean).join('；'),
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
