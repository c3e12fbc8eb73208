// Which spreadsheet column holds which field: the importable fields with their Chinese and English
// synonyms, finding the header row under any title rows, automatic mapping, and the header signature
// under which a user's corrected mapping is remembered.
import { createHash } from 'node:crypto';
import { colLetter, type Cell, type Grid } from './read-workbook';
import { cellText } from './values';

export type FieldType = 'text' | 'date' | 'amount' | 'rate' | 'months' | 'number' | 'ref' | 'enum';
export type RefTable = 'categories' | 'locations' | 'departments' | 'custodians' | 'suppliers';

export interface ImportField {
  field: string;
  type: FieldType;
  /** Canonical Chinese header (templates, exports) first, then synonyms. */
  headers: string[];
  ref?: RefTable;
  required?: boolean;
  note?: string;
}

/** The asset card's importable columns. Opening-balance fields are taken when the schema stores them. */
export const ASSET_FIELDS: ImportField[] = [
  {
    field: 'assetCode',
    type: 'text',
    headers: [
      '资产编号',
      '资产编码',
      '编号',
      '资产代码',
      '卡片编号',
      '资产条码',
      'asset code',
      'asset no',
      'asset number',
      'code',
      'tag',
    ],
    note: '留空则按编码规则自动生成',
  },
  {
    field: 'name',
    type: 'text',
    headers: ['资产名称', '名称', '设备名称', '品名', 'asset name', 'name', 'description'],
    required: true,
  },
  {
    field: 'categoryId',
    type: 'ref',
    ref: 'categories',
    headers: ['资产类别', '类别', '资产分类', '分类', '类别名称', 'category', 'asset category', 'class'],
    required: true,
    note: '类别名称或编码',
  },
  {
    field: 'model',
    type: 'text',
    headers: ['规格型号', '型号', '规格', '型号规格', 'model', 'specification', 'spec'],
  },
  {
    field: 'serialNo',
    type: 'text',
    headers: ['序列号', '出厂编号', '机身号', 'sn', 'serial no', 'serial number', 'serial'],
  },
  {
    field: 'supplierId',
    type: 'ref',
    ref: 'suppliers',
    headers: ['供应商', '供货商', '供货单位', 'supplier', 'vendor'],
  },
  {
    field: 'purchaseOrderRef',
    type: 'text',
    headers: ['采购单号', '订单号', '采购订单', 'po', 'po number', 'purchase order'],
  },
  {
    field: 'purchaseDate',
    type: 'date',
    headers: ['购置日期', '购买日期', '采购日期', '购入日期', 'purchase date', 'acquired'],
  },
  {
    field: 'inServiceDate',
    type: 'date',
    headers: [
      '启用日期',
      '投入使用日期',
      '开始使用日期',
      '入账日期',
      'in service date',
      'in-service date',
      'start date',
    ],
  },
  {
    field: 'cost',
    type: 'amount',
    headers: [
      '原值',
      '原价',
      '购置金额',
      '资产原值',
      '购置价格',
      '金额',
      'cost',
      'original cost',
      'amount',
      'purchase price',
    ],
    note: '元；表头写“原值(万元)”则按万元',
  },
  {
    field: 'residualRate',
    type: 'rate',
    headers: ['残值率', '净残值率', 'residual rate', 'salvage rate'],
    note: '5% 或 0.05',
  },
  {
    field: 'residualValue',
    type: 'amount',
    headers: ['残值', '净残值', '预计净残值', 'residual value', 'salvage value'],
  },
  {
    field: 'lifeMonths',
    type: 'months',
    headers: [
      '使用月数',
      '折旧月数',
      '预计使用月份',
      '使用年限',
      '折旧年限',
      '预计使用年限',
      'life months',
      'useful life',
      'life',
    ],
    note: '表头含“年”按年，否则按月',
  },
  { field: 'method', type: 'enum', headers: ['折旧方法', '折旧方式', 'depreciation method', 'method'] },
  { field: 'quantity', type: 'number', headers: ['数量', 'quantity', 'qty'] },
  { field: 'unit', type: 'text', headers: ['单位', '计量单位', 'unit', 'uom'] },
  {
    field: 'locationId',
    type: 'ref',
    ref: 'locations',
    headers: ['存放地点', '地点', '位置', '存放位置', '所在位置', 'location', 'place'],
  },
  {
    field: 'departmentId',
    type: 'ref',
    ref: 'departments',
    headers: ['使用部门', '部门', '所属部门', 'department', 'dept'],
  },
  {
    field: 'expenseDepartmentId',
    type: 'ref',
    ref: 'departments',
    headers: ['费用部门', '费用承担部门', '成本中心', 'expense department', 'cost center'],
  },
  {
    field: 'custodianId',
    type: 'ref',
    ref: 'custodians',
    headers: ['使用人', '保管人', '责任人', '领用人', '使用者', 'custodian', 'user', 'keeper', 'holder'],
  },
  { field: 'status', type: 'enum', headers: ['状态', '使用状态', '资产状态', 'status'] },
  {
    field: 'warrantyEnd',
    type: 'date',
    headers: ['保修截止', '保修到期日', '保修期至', 'warranty end', 'warranty'],
  },
  {
    field: 'legacyId',
    type: 'text',
    headers: ['原编号', '旧编号', '原系统编号', '原资产编号', 'legacy id', 'old code'],
  },
  {
    field: 'externalRef',
    type: 'text',
    headers: ['外部编号', '外部参考', '财务编号', 'external ref', 'external reference'],
  },
  { field: 'notes', type: 'text', headers: ['备注', '说明', 'notes', 'remarks', 'comment'] },
  {
    field: 'openingAccumulated',
    type: 'amount',
    headers: ['累计折旧', '已提折旧', '期初累计折旧', 'accumulated depreciation'],
  },
  {
    field: 'openingMonths',
    type: 'months',
    headers: ['已提月数', '已折旧月数', '已计提月份', 'months charged', 'months depreciated'],
  },
  { field: 'openingImpairment', type: 'amount', headers: ['减值准备', '资产减值', 'impairment'] },
];

/** Header text reduced for matching: no spaces, marks, brackets' contents or case. */
export function normalizeHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[\s*＊:：_.\-#№]/g, '')
    .replace(/^(必填|选填)/, '');
}

const synonymMaps = new WeakMap<readonly ImportField[], Map<string, string>>();

function synonyms(fields: readonly ImportField[]): Map<string, string> {
  let m = synonymMaps.get(fields);
  if (!m) {
    m = new Map();
    for (const f of fields)
      for (const h of f.headers) if (!m.has(normalizeHeader(h))) m.set(normalizeHeader(h), f.field);
    synonymMaps.set(fields, m);
  }
  return m;
}

export const fieldOf = (name: string, fields: readonly ImportField[] = ASSET_FIELDS) =>
  fields.find((f) => f.field === name);

/** The field a header names, among `fields` (an import kind's columns; default the asset card's). */
export function matchHeader(text: string, fields: readonly ImportField[] = ASSET_FIELDS): string | undefined {
  return synonyms(fields).get(normalizeHeader(text));
}

export interface Column {
  index: number;
  letter: string;
  header: string;
  field: string | null;
  hidden: boolean;
  /** Amount columns whose header says 万元. */
  unit: 'yuan' | 'wan';
  /** Life columns in years (header says 年 / years). */
  years: boolean;
}

/** Header text of each column in row `r`, with merged header cells read as their top-left value. */
export function headerTexts(grid: Grid, r: number): string[] {
  const row = grid.rows[r] ?? [];
  const out: string[] = [];
  for (let c = 0; c < row.length; c++) out[c] = cellText(row[c]);
  for (const m of grid.merges) {
    if (r < m.r1 || r > m.r2) continue;
    const v = cellText(grid.rows[m.r1]?.[m.c1]);
    for (let c = m.c1; c <= m.c2; c++) if (!out[c]) out[c] = v;
  }
  for (let c = 0; c < out.length; c++) out[c] ??= '';
  return out;
}

/** The header row: among the first 30, the one matching the most field synonyms (at least 2). */
export function findHeaderRow(
  grid: Grid,
  fieldList: readonly ImportField[] = ASSET_FIELDS,
): { row: number; matches: number } | undefined {
  let best: { row: number; matches: number } | undefined;
  const limit = Math.min(grid.rows.length, 30);
  for (let r = 0; r < limit; r++) {
    if (!grid.rows[r]) continue;
    const fields = new Set(
      headerTexts(grid, r)
        .map((h) => matchHeader(h, fieldList))
        .filter(Boolean),
    );
    if (fields.size >= 2 && (!best || fields.size > best.matches)) best = { row: r, matches: fields.size };
  }
  return best;
}

export function headerSignature(kind: string, headers: string[]): string {
  const norm = headers.map((h) => normalizeHeader(h)).join('|');
  return createHash('sha1').update(`${kind}\n${norm}`).digest('hex').slice(0, 16);
}

/**
 * Columns of the header row mapped to fields: an explicit mapping (by column letter or header text,
 * '' to ignore) wins, then a remembered one, then synonyms; each field goes to one column only.
 */
export function mapColumns(
  grid: Grid,
  headerRow: number,
  mapping: Record<string, string> | undefined,
  fields: readonly ImportField[] = ASSET_FIELDS,
): Column[] {
  const headers = headerTexts(grid, headerRow);
  const taken = new Set<string>();
  const cols: Column[] = headers.map((header, index) => {
    const letter = colLetter(index);
    const given = mapping?.[letter] ?? (header ? mapping?.[header] : undefined);
    let field: string | null =
      given !== undefined ? given || null : header ? (matchHeader(header, fields) ?? null) : null;
    if (field && (taken.has(field) || !fieldOf(field, fields))) field = null;
    if (field) taken.add(field);
    const norm = header.toLowerCase();
    return {
      index,
      letter,
      header,
      field,
      hidden: grid.hiddenCols.has(index),
      unit: /万元|万|10k/.test(norm) ? 'wan' : 'yuan',
      years: /年|year/.test(norm) && !/月|month/.test(norm),
    };
  });
  return cols;
}

/** The merged ranges below the header, so each covered cell reads the range's top-left value. */
export function fillMerges(grid: Grid, headerRow: number): void {
  for (const m of grid.merges) {
    if (m.r1 <= headerRow) continue;
    const v: Cell | undefined = grid.rows[m.r1]?.[m.c1];
    if (v === undefined || v === null) continue;
    for (let r = m.r1; r <= m.r2; r++) {
      const row = (grid.rows[r] ??= []);
      for (let c = m.c1; c <= m.c2; c++) if (row[c] === undefined || row[c] === null) row[c] = v;
    }
  }
}
