// Default base settings written at first-run setup: the category tree after GB/T 14885-2022
// (固定资产等资产基础分类与代码), dictionaries (units, reasons), the asset code rule and LAN access.
// Every insert is INSERT OR IGNORE, so seeding twice changes nothing.
import type { Sqlite } from '../../db/client';
import type { DepreciationMethod } from '../../api/schemas';
import type { TaxClass } from './fields';
import { CODE_RULE_KEY, DEFAULT_ASSET_CODE_PATTERN } from './code-rules';

interface SeedCategory {
  /**
   * Category codes go inside asset codes (AS-202405-PC-NB-000001), so they are short ASCII
   * mnemonics rather than GB/T numeric codes: two or three letters for a class, plus "-XX" for a
   * kind within it. The second level under 通用设备 drops the GE prefix to keep asset codes short.
   */
  code: string;
  name: string;
  lifeMonths: number;
  /** Basis points: 500 = 5%. */
  residualBp: number;
  taxClass: TaxClass;
  method?: DepreciationMethod;
  children?: SeedCategory[];
}

// Lives follow the common small-firm practice of using the tax minimum (企业所得税法实施条例 第六十条)
// as the book life, so book and tax depreciation agree unless the user chooses otherwise; servers,
// network gear and projectors are given the longer life they usually serve. Residual 5% is the
// customary default; collections, books and living assets get none.
const cat = (
  code: string,
  name: string,
  lifeMonths: number,
  taxClass: TaxClass,
  children?: SeedCategory[],
  residualBp = 500,
): SeedCategory => ({ code, name, lifeMonths, residualBp, taxClass, children });

export const DEFAULT_CATEGORIES: SeedCategory[] = [
  // Land itself is not a depreciable fixed asset for firms (土地使用权 is an intangible asset), so
  // this class holds buildings and structures only.
  cat('LB', '土地、房屋和构筑物', 240, 'buildings', [
    cat('LB-BLD', '房屋', 240, 'buildings'),
    cat('LB-STR', '构筑物', 240, 'buildings'),
  ]),
  cat('GE', '通用设备', 120, 'machinery', [
    cat('PC', '计算机设备', 36, 'electronics', [
      cat('PC-DT', '台式计算机', 36, 'electronics'),
      cat('PC-NB', '便携式计算机', 36, 'electronics'),
      cat('PC-SV', '服务器', 60, 'electronics'),
      cat('PC-NW', '网络设备', 60, 'electronics'),
      cat('PC-ST', '存储设备', 60, 'electronics'),
    ]),
    cat('OE', '办公设备', 36, 'electronics', [
      cat('OE-CP', '复印机', 36, 'electronics'),
      cat('OE-PR', '打印机', 36, 'electronics'),
      cat('OE-PJ', '投影仪', 60, 'electronics'),
    ]),
    cat('VH', '车辆', 48, 'vehicles', [
      cat('VH-CAR', '乘用车', 48, 'vehicles'),
      cat('VH-TRK', '货车', 48, 'vehicles'),
    ]),
    cat('MC', '机械设备', 120, 'machinery'),
    cat('EE', '电气设备', 120, 'machinery', [cat('EE-AC', '空调设备', 60, 'tools_furniture')]),
    cat('CM', '通信设备', 36, 'electronics', [
      cat('CM-MP', '移动电话', 36, 'electronics'),
      cat('CM-VC', '视频会议设备', 60, 'electronics'),
    ]),
    cat('IN', '仪器仪表', 60, 'tools_furniture'),
  ]),
  cat('SE', '专用设备', 120, 'machinery'),
  cat('CR', '文物和陈列品', 120, 'other', undefined, 0),
  cat('BK', '图书和档案', 60, 'other', undefined, 0),
  cat('FN', '家具和用具', 60, 'tools_furniture', [
    cat('FN-OF', '办公家具', 60, 'tools_furniture'),
    cat('FN-UT', '用具和装具', 60, 'tools_furniture'),
  ]),
  cat('BIO', '特种动植物', 120, 'other', undefined, 0),
];

export const DEFAULT_DICTIONARIES: Record<string, [code: string, name: string][]> = {
  unit: [
    ['tai', '台'],
    ['tao', '套'],
    ['jian', '件'],
    ['liang', '辆'],
    ['zhang', '张'],
    ['ba', '把'],
    ['ge', '个'],
    ['bu', '部'],
    ['dong', '栋'],
    ['sqm', '平方米'],
  ],
  disposal_reason: [
    ['scrap', '报废'],
    ['sale', '出售'],
    ['donation', '捐赠'],
    ['transfer_out', '调出'],
    ['shortage', '盘亏'],
    ['other', '其他'],
  ],
  transfer_reason: [
    ['reorg', '部门调整'],
    ['staff_change', '人员变动'],
    ['relocation', '办公地点变更'],
    ['project', '项目需要'],
    ['other', '其他'],
  ],
  repair_reason: [
    ['fault', '故障'],
    ['damage', '损坏'],
    ['maintenance', '定期保养'],
    ['other', '其他'],
  ],
};

export function seedDefaults(sqlite: Sqlite, nowIso: string): void {
  const insertCategory = sqlite.prepare(
    `INSERT OR IGNORE INTO categories (parent_id, code, name, life_months, residual_rate_bp, method, tax_class,
       sort_order, active, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?)`,
  );
  const idOf = sqlite.prepare('SELECT id FROM categories WHERE code = ?').pluck();
  const walk = (nodes: SeedCategory[], parentId: number | null) => {
    nodes.forEach((c, i) => {
      insertCategory.run(
        parentId,
        c.code,
        c.name,
        c.lifeMonths,
        c.residualBp,
        c.method ?? 'straight_line',
        c.taxClass,
        (i + 1) * 10,
        nowIso,
        nowIso,
      );
      if (c.children) walk(c.children, idOf.get(c.code) as number);
    });
  };
  walk(DEFAULT_CATEGORIES, null);

  const insertItem = sqlite.prepare(
    `INSERT OR IGNORE INTO dictionary_items (kind, code, name, sort_order, active, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, 1, 1, ?, ?)`,
  );
  for (const [kind, items] of Object.entries(DEFAULT_DICTIONARIES)) {
    items.forEach(([code, name], i) => insertItem.run(kind, code, name, (i + 1) * 10, nowIso, nowIso));
  }

  const insertSetting = sqlite.prepare(
    `INSERT OR IGNORE INTO app_settings (key, value, version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)`,
  );
  insertSetting.run(CODE_RULE_KEY, JSON.stringify({ pattern: DEFAULT_ASSET_CODE_PATTERN }), nowIso, nowIso);
  insertSetting.run('network.lanAccess', 'false', nowIso, nowIso);
}
