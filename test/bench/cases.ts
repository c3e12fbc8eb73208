// The calls the benchmark makes (varied filters, sorts and search words drawn from the data) and the
// plain SQL a developer would write for each, which is the raw-SQLite baseline.
import type { Sqlite } from '../../src/main/db/client';
import { ASSET_SORT_FIELDS, type AssetListQuery } from '../../src/main/modules/assets/contract';
import { ASSET_SELECT } from '../../src/main/modules/assets/rows';
import { Rng } from '../../src/main/demo/prng';

type SortField = (typeof ASSET_SORT_FIELDS)[number];
type Filters = AssetListQuery['filters'];

export interface ListCase {
  filters: Filters;
  sort: { field: SortField; dir: 'asc' | 'desc' }[];
  query?: string;
}

const ids = (sqlite: Sqlite, sql: string) => sqlite.prepare(sql).pluck().all() as number[];

export function listCases(sqlite: Sqlite, count: number, seed = 1): ListCase[] {
  const rng = new Rng(seed);
  const cats = ids(sqlite, 'SELECT id FROM categories');
  const depts = ids(sqlite, 'SELECT id FROM departments');
  const locs = ids(sqlite, 'SELECT id FROM locations');
  const people = ids(sqlite, 'SELECT id FROM custodians');
  const suppliers = ids(sqlite, 'SELECT id FROM suppliers');
  const year = () => String(rng.int(2018, 2025));
  const makers: (() => Filters)[] = [
    () => ({ status: ['in_use'] }),
    () => ({
      status: [rng.pick(['idle', 'lent', 'in_repair', 'pending_disposal', 'disposed', 'missing'] as const)],
    }),
    () => ({ categoryId: rng.pick(cats) }),
    () => ({ departmentId: rng.pick(depts) }),
    () => ({ locationId: rng.pick(locs) }),
    () => ({ custodianId: rng.pick(people) }),
    () => ({ supplierId: rng.pick(suppliers) }),
    () => ({ costMin: rng.pick([100_000, 500_000, 5_000_000]) }),
    () => {
      const y = year();
      return { inServiceFrom: `${y}-01-01`, inServiceTo: `${y}-12-31` };
    },
    () => ({ status: ['in_use'], categoryId: rng.pick(cats) }),
    () => ({ status: ['in_use', 'idle'], departmentId: rng.pick(depts), costMin: 200_000 }),
  ];
  return Array.from({ length: count }, () => ({
    filters: rng.pick(makers)(),
    sort: [{ field: rng.pick(ASSET_SORT_FIELDS), dir: rng.chance(0.5) ? 'asc' : 'desc' }],
  }));
}

export interface SearchCase {
  group: 'zh2' | 'zh3' | 'latin';
  query: string;
}

/** Search words of each kind, half fixed (brands, items), half cut out of random cards. */
export function searchCases(sqlite: Sqlite, perGroup: number, seed = 2): SearchCase[] {
  const rng = new Rng(seed);
  const sample = sqlite
    .prepare(
      `SELECT a.name, a.model, a.serial_no, a.asset_code, p.name AS custodian FROM assets a
       LEFT JOIN custodians p ON p.id = a.custodian_id ORDER BY a.id LIMIT 2000`,
    )
    .all() as {
    name: string;
    model: string;
    serial_no: string;
    asset_code: string;
    custodian: string | null;
  }[];
  const cjk = (s: string) => [...s].filter((c) => /[\u4e00-\u9fff]/.test(c)).join('');
  const cut = (s: string, n: number) => {
    const chars = [...s];
    if (chars.length < n) return null;
    const at = rng.int(0, chars.length - n);
    return chars.slice(at, at + n).join('');
  };
  const out: SearchCase[] = [];
  const fill = (group: SearchCase['group'], fixed: string[], derive: () => string | null) => {
    for (let i = 0; i < perGroup; i++) {
      let q: string | null = i % 2 === 0 ? rng.pick(fixed) : null;
      for (let tries = 0; !q && tries < 50; tries++) q = derive();
      out.push({ group, query: q ?? rng.pick(fixed) });
    }
  };
  fill('zh2', ['联想', '华为', '空调', '戴尔', '格力', '叉车', '王伟', '会议'], () => {
    const r = rng.pick(sample);
    return cut(cjk(rng.chance(0.3) && r.custodian ? r.custodian : r.name), 2);
  });
  fill('zh3', ['笔记本', '办公椅', '服务器', '投影仪', '打印机', '文件柜', '交换机'], () =>
    cut(cjk(rng.pick(sample).name), rng.int(3, 4)),
  );
  fill('latin', ['thinkpad', 'optiplex', 'laserjet', 'matebook', 'kfr-35', 'poweredge', 'cb-x06'], () => {
    const r = rng.pick(sample);
    const src = rng.pick([r.serial_no, r.model, r.asset_code]).toLowerCase();
    return src.replace(/[^\x21-\x7e]/g, '').length >= 4 ? cut(src.replace(/[%_]/g, ''), rng.int(3, 6)) : null;
  });
  return out;
}

export interface Baseline {
  sql: string;
  countSql: string;
  params: unknown[];
}

const COLUMN: Partial<Record<SortField, string>> = {
  assetCode: 'a.asset_code',
  name: 'a.name',
  model: 'a.model',
  serialNo: 'a.serial_no',
  purchaseDate: 'a.purchase_date',
  inServiceDate: 'a.in_service_date',
  cost: 'a.cost',
  status: 'a.status',
  updatedAt: 'a.updated_at',
  createdAt: 'a.created_at',
};
const NAME: Partial<Record<SortField, [string, string]>> = {
  categoryName: ['c.name', 'a.category_id'],
  locationName: ['l.name', 'a.location_id'],
  departmentName: ['d.name', 'a.department_id'],
  custodianName: ['p.name', 'a.custodian_id'],
};

const subtree = (table: string) =>
  `(WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT t.id FROM ${table} t JOIN sub ON t.parent_id = sub.id) SELECT id FROM sub)`;

/** The straightforward query: the card SELECT, a WHERE per filter, ORDER BY, LIMIT; and a COUNT. */
export function baselineFor(c: ListCase, limit: number, like: boolean): Baseline {
  const where = ['a.deleted_at IS NULL'];
  const params: unknown[] = [];
  const f = c.filters;
  const add = (sql: string, ...p: unknown[]) => {
    where.push(sql);
    params.push(...p);
  };
  if (f.status?.length) add(`a.status IN (${f.status.map(() => '?').join(', ')})`, ...f.status);
  if (f.categoryId !== undefined) add(`a.category_id IN ${subtree('categories')}`, f.categoryId);
  if (f.locationId !== undefined) add(`a.location_id IN ${subtree('locations')}`, f.locationId);
  if (f.departmentId !== undefined) add(`a.department_id IN ${subtree('departments')}`, f.departmentId);
  if (f.custodianId !== undefined) add('a.custodian_id = ?', f.custodianId);
  if (f.supplierId !== undefined) add('a.supplier_id = ?', f.supplierId);
  if (f.costMin !== undefined) add('a.cost >= ?', f.costMin);
  if (f.costMax !== undefined) add('a.cost <= ?', f.costMax);
  if (f.inServiceFrom !== undefined) add('a.in_service_date >= ?', f.inServiceFrom);
  if (f.inServiceTo !== undefined) add('a.in_service_date <= ?', f.inServiceTo);
  if (c.query) {
    const needle = c.query.trim().toLowerCase();
    if (like) add('a.search_text LIKE ?', `%${needle}%`);
    else add('instr(a.search_text, ?) > 0', needle);
  }
  const s = c.sort[0];
  const dir = s?.dir === 'asc' ? 'ASC' : 'DESC';
  let order = `a.id ${dir}`;
  if (s && COLUMN[s.field]) order = `${COLUMN[s.field]} ${dir}, a.id ${dir}`;
  else if (s && NAME[s.field])
    order = `${NAME[s.field]![0]} ${dir}, ${NAME[s.field]![1]} ${dir}, a.id ${dir}`;
  const w = where.join(' AND ');
  return {
    sql: `${ASSET_SELECT} WHERE ${w} ORDER BY ${order} LIMIT ${limit}`,
    countSql: `SELECT count(*) FROM assets a WHERE ${w}`,
    params,
  };
}
