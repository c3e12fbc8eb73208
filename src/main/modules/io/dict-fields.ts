// The settings dictionaries an import can bring in (categories, locations, departments, custodians,
// suppliers and the generic dictionary items): each kind's columns with Chinese and English synonyms,
// the words people write for its enumerations, and the table it lands in. Keyed on code everywhere.
import type { LocationKind, TaxClass } from '../settings/contract';
import { DICTIONARY_KINDS } from '../settings/fields';
import type { ImportField } from './header-map';
import { METHOD_LABELS, methodOf } from './refs';
import { DICT_KINDS } from './contract';

// The kinds live in the contract (the import's input takes them); the io files read them from here.
export { DICT_KINDS };
export type DictKind = (typeof DICT_KINDS)[number];

/** A dictionary column: an ImportField plus, for enumerations, how a cell's words map to a value. */
export interface DictField extends ImportField {
  /** 'parent': a node of the same tree, by code, name or path (总部/行政楼/3F). */
  role?: 'parent';
  words?: (text: string) => string | undefined;
  /** Drop-down labels for the template. */
  labels?: string[];
}

const wordKey = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

function wordsOf<T extends string>(table: Record<string, T>): (text: string) => T | undefined {
  const m = new Map<string, T>();
  for (const [k, v] of Object.entries(table)) m.set(wordKey(k), v);
  return (text) => m.get(wordKey(text));
}

export const LOCATION_KIND_LABELS: Record<LocationKind, string> = {
  site: '场地',
  building: '楼宇',
  floor: '楼层',
  room: '房间',
};
const LOCATION_KIND_WORDS = wordsOf<LocationKind>({
  site: 'site',
  building: 'building',
  floor: 'floor',
  room: 'room',
  场地: 'site',
  园区: 'site',
  厂区: 'site',
  楼宇: 'building',
  楼: 'building',
  建筑: 'building',
  楼栋: 'building',
  楼层: 'floor',
  层: 'floor',
  房间: 'room',
  室: 'room',
  区域: 'room',
});

export const TAX_CLASS_LABELS: Record<TaxClass, string> = {
  buildings: '房屋、建筑物',
  aircraft_trains_ships: '飞机、火车、轮船',
  machinery: '机器、机械和其他生产设备',
  tools_furniture: '与生产经营活动有关的器具、工具、家具等',
  vehicles: '飞机、火车、轮船以外的运输工具',
  electronics: '电子设备',
  other: '其他',
};
const TAX_CLASS_WORDS = wordsOf<TaxClass>({
  ...Object.fromEntries(Object.keys(TAX_CLASS_LABELS).map((k) => [k, k as TaxClass])),
  ...Object.fromEntries(Object.entries(TAX_CLASS_LABELS).map(([k, v]) => [v, k as TaxClass])),
  房屋: 'buildings',
  建筑物: 'buildings',
  生产设备: 'machinery',
  机器设备: 'machinery',
  器具工具家具: 'tools_furniture',
  飞机火车轮船: 'aircraft_trains_ships',
  家具: 'tools_furniture',
  运输工具: 'vehicles',
  车辆: 'vehicles',
  电子设备: 'electronics',
});

export const DICTIONARY_KIND_LABELS: Record<(typeof DICTIONARY_KINDS)[number], string> = {
  unit: '计量单位',
  disposal_reason: '处置原因',
  transfer_reason: '调拨原因',
  repair_reason: '维修原因',
};
const DICTIONARY_KIND_WORDS = wordsOf<string>({
  ...Object.fromEntries(DICTIONARY_KINDS.map((k) => [k, k])),
  ...Object.fromEntries(Object.entries(DICTIONARY_KIND_LABELS).map(([k, v]) => [v, k])),
  单位: 'unit',
  报废原因: 'disposal_reason',
  处置理由: 'disposal_reason',
  调拨理由: 'transfer_reason',
  维修理由: 'repair_reason',
});
/** A custom kind (lower-case key) is taken as written. */
const dictionaryKindOf = (text: string) =>
  DICTIONARY_KIND_WORDS(text) ?? (/^[a-z][a-z0-9_]{1,39}$/.test(text.trim()) ? text.trim() : undefined);

const CODE_HEADERS = ['编码', '编号', '代码', 'code', 'no'];
const NAME_HEADERS = ['名称', 'name'];
const PARENT_NOTE = '上级的编码、名称或路径（如 总部/行政楼/3F）；留空为顶级';

function codeField(prefix: string, extra: string[] = []): DictField {
  return {
    field: 'code',
    type: 'text',
    headers: [`${prefix}编码`, `${prefix}编号`, `${prefix}代码`, ...extra, ...CODE_HEADERS],
    required: true,
    note: '唯一；再次导入时按编码更新',
  };
}
function nameField(prefix: string, extra: string[] = []): DictField {
  return {
    field: 'name',
    type: 'text',
    headers: [`${prefix}名称`, ...extra, ...NAME_HEADERS],
    required: true,
  };
}
function parentField(prefix: string, extra: string[] = []): DictField {
  return {
    field: 'parent',
    type: 'text',
    role: 'parent',
    headers: [
      `上级${prefix}`,
      `上级${prefix}编码`,
      `所属${prefix}`,
      ...extra,
      '上级',
      '上级编码',
      '父级',
      'parent',
      'parent code',
    ],
    note: PARENT_NOTE,
  };
}
const phone: DictField = {
  field: 'phone',
  type: 'text',
  headers: ['电话', '联系电话', '手机', 'phone', 'tel'],
};
const email: DictField = { field: 'email', type: 'text', headers: ['邮箱', '电子邮件', 'email', 'e-mail'] };

export const DICT_FIELDS: Record<DictKind, DictField[]> = {
  categories: [
    codeField('类别', ['分类编码', '分类代码', '国标代码', 'GB/T 14885', 'GB/T 14885代码']),
    nameField('类别', ['分类名称']),
    parentField('类别', ['上级分类', '上级类别名称']),
    {
      field: 'lifeMonths',
      type: 'months',
      headers: [
        '使用月数',
        '折旧月数',
        '折旧年限',
        '使用年限',
        '预计使用年限',
        'life months',
        'useful life',
        'life',
      ],
      note: '表头含“年”按年，否则按月；顶级类别必填，子类别留空则沿用上级',
    },
    {
      field: 'residualRate',
      type: 'rate',
      headers: ['残值率', '净残值率', 'residual rate', 'salvage rate'],
      note: '5% 或 0.05',
    },
    {
      field: 'method',
      type: 'enum',
      headers: ['折旧方法', '折旧方式', 'depreciation method', 'method'],
      words: (t) => methodOf(t),
      labels: Object.values(METHOD_LABELS),
    },
    {
      field: 'taxClass',
      type: 'enum',
      headers: ['税法类别', '税法分类', '所得税类别', 'tax class'],
      words: TAX_CLASS_WORDS,
      labels: Object.values(TAX_CLASS_LABELS),
    },
  ],
  locations: [
    codeField('地点', ['位置编码']),
    nameField('地点', ['位置名称', '存放地点']),
    parentField('地点', ['上级位置']),
    {
      field: 'kind',
      type: 'enum',
      headers: ['类型', '地点类型', '层级', 'kind', 'type'],
      words: LOCATION_KIND_WORDS,
      labels: Object.values(LOCATION_KIND_LABELS),
      note: '场地、楼宇、楼层或房间；留空为房间',
    },
  ],
  departments: [codeField('部门'), nameField('部门'), parentField('部门', ['上级部门名称'])],
  custodians: [
    codeField('人员', ['工号', '员工编号', '职工编号', '保管人编码']),
    nameField('人员', ['姓名', '保管人', '使用人', '员工姓名']),
    {
      field: 'departmentId',
      type: 'ref',
      ref: 'departments',
      headers: ['所属部门', '部门', '使用部门', 'department', 'dept'],
      note: '部门名称、编码或路径',
    },
    phone,
    email,
  ],
  suppliers: [
    codeField('供应商'),
    nameField('供应商', ['单位名称', '公司名称']),
    { field: 'contact', type: 'text', headers: ['联系人', 'contact'] },
    phone,
    email,
    { field: 'address', type: 'text', headers: ['地址', '联系地址', 'address'] },
    {
      field: 'taxNo',
      type: 'text',
      headers: ['税号', '纳税人识别号', '统一社会信用代码', 'tax no', 'tax id'],
    },
    { field: 'notes', type: 'text', headers: ['备注', '说明', 'notes', 'remarks'] },
  ],
  dictionaries: [
    {
      field: 'kind',
      type: 'enum',
      headers: ['字典类型', '字典', '类型', 'kind', 'dictionary'],
      words: dictionaryKindOf,
      labels: Object.values(DICTIONARY_KIND_LABELS),
      required: true,
      note: '计量单位、处置原因、调拨原因、维修原因',
    },
    codeField('项目'),
    nameField('项目'),
    { field: 'sortOrder', type: 'number', headers: ['排序', '顺序', '序号', 'sort order', 'order'] },
  ],
};

export const DICT_LABELS: Record<DictKind, string> = {
  categories: '资产类别',
  locations: '存放地点',
  departments: '部门',
  custodians: '人员',
  suppliers: '供应商',
  dictionaries: '数据字典',
};

export const TREE_KINDS = new Set<DictKind>(['categories', 'locations', 'departments']);
