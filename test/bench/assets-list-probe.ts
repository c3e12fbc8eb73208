// Throwaway probe for the ledger list's speed on 200,000 cards (the real suite is test/bench/run.ts).
// Usage: npx tsx test/bench/assets-list-probe.ts [--assets 200000] [--analyze] [--keep]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/main/db/client';
import { AssetListInput } from '../../src/main/modules/assets/contract';
import { listAssets } from '../../src/main/modules/assets/list-query';
import { buildSearchText } from '../../src/main/modules/assets/search-text';

const arg = (name: string) => process.argv.indexOf(name);
const N = arg('--assets') > 0 ? Number(process.argv[arg('--assets') + 1]) : 200_000;
const dir = mkdtempSync(join(tmpdir(), 'fams-probe-'));
const { sqlite } = openDatabase(join(dir, 'fams.db'));
const now = new Date().toISOString();
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;

const t0 = performance.now();
sqlite.transaction(() => {
  const tree = (table: string, n: number, roots: number, extra = '') =>
    Array.from({ length: n }, (_, k) => {
      const i = k + 1;
      sqlite
        .prepare(
          `INSERT INTO ${table} (id, parent_id, code, name, created_at, updated_at${extra ? ', life_months' : ''}) VALUES (?, ?, ?, ?, ?, ?${extra ? ', 60' : ''})`,
        )
        .run(i, i > roots ? ((i - 1) % roots) + 1 : null, `P${table[0]}${i}`, `${table}-${i}`, now, now);
    });
  tree('categories', 30, 6, 'life');
  tree('locations', 200, 10);
  tree('departments', 40, 5);
  const sur = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'.split('');
  const giv = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚'.split('');
  const people: string[] = [''];
  for (let i = 1; i <= 2000; i++) {
    const name = pick(sur) + pick(giv) + (rnd() < 0.5 ? pick(giv) : '');
    people.push(name);
    sqlite
      .prepare(
        'INSERT INTO custodians (id, code, name, department_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(i, `PE${i}`, name, (i % 40) + 1, now, now);
  }
  const products = [
    ['联想', 'ThinkPad X1 笔记本电脑'],
    ['戴尔', 'OptiPlex 7090 台式机'],
    ['惠普', 'LaserJet 打印机'],
    ['格力', '空调'],
    ['美的', '冰箱'],
    ['华为', 'MateBook 笔记本'],
    ['', '办公椅'],
    ['', '会议桌'],
    ['海尔', '冷柜'],
    ['佳能', '复印机'],
    ['苹果', 'MacBook Pro'],
    ['小米', '电视'],
    ['', '文件柜'],
    ['大疆', '无人机'],
  ] as const;
  const statuses = [
    'in_use',
    'in_use',
    'in_use',
    'in_use',
    'idle',
    'lent',
    'in_repair',
    'pending_disposal',
    'disposed',
    'missing',
  ];
  const ins =
    sqlite.prepare(`INSERT INTO assets (asset_code, name, category_id, model, serial_no, cost, life_months, location_id,
    department_id, custodian_id, status, in_service_date, purchase_date, search_text, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, 60, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (let i = 1; i <= N; i++) {
    const [brand, what] = pick(products);
    const name = brand + what;
    const model =
      pick(['X1', 'T14', 'A3-200', 'KFR-35', 'M2', 'Pro 14', '']) +
      (rnd() < 0.5 ? '-' + Math.floor(rnd() * 1000) : '');
    const serial =
      'SN' +
      Math.floor(rnd() * 1e10)
        .toString(36)
        .toUpperCase();
    const code = `AS-2024${String(1 + (i % 12)).padStart(2, '0')}-C${(i % 30) + 1}-${String(i).padStart(6, '0')}`;
    const cust = rnd() < 0.9 ? Math.floor(rnd() * 2000) + 1 : null;
    const d = `20${10 + Math.floor(rnd() * 15)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-15`;
    const text = buildSearchText({
      assetCode: code,
      name,
      model,
      serialNo: serial,
      custodianName: cust ? people[cust]! : null,
    });
    ins.run(
      code,
      name,
      (i % 30) + 1,
      model,
      serial,
      Math.floor(rnd() * 1e7),
      Math.floor(rnd() * 200) + 1,
      Math.floor(rnd() * 40) + 1,
      cust,
      pick(statuses),
      d,
      d,
      text,
      now,
      now,
    );
  }
})();
if (arg('--analyze') > 0) sqlite.exec('ANALYZE');
console.log(
  `generated ${N} assets in ${(performance.now() - t0).toFixed(0)} ms${arg('--analyze') > 0 ? ' (analyzed)' : ''}`,
);

function time(label: string, input: unknown, runs = 30) {
  const q = AssetListInput.parse(input);
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    total = sqlite.transaction(() => listAssets(sqlite, q, undefined).total).deferred();
    times.push(performance.now() - a);
  }
  times.sort((x, y) => x - y);
  const p = (f: number) => times[Math.min(times.length - 1, Math.ceil(f * times.length) - 1)]!.toFixed(1);
  console.log(
    `${label.padEnd(46)} total ${String(total).padStart(6)}  p50 ${p(0.5).padStart(6)} ms  p95 ${p(0.95).padStart(6)} ms`,
  );
}

time('default (newest first)', {});
time('status=in_use, sort name', { filters: { status: ['in_use'] }, sort: [{ field: 'name', dir: 'asc' }] });
time('status=idle, sort cost desc', {
  filters: { status: ['idle'] },
  sort: [{ field: 'cost', dir: 'desc' }],
});
time('category subtree, sort inServiceDate desc', {
  filters: { categoryId: 2 },
  sort: [{ field: 'inServiceDate', dir: 'desc' }],
});
time('location subtree, sort custodianName', {
  filters: { locationId: 3 },
  sort: [{ field: 'custodianName', dir: 'asc' }],
});
time('department, sort assetCode', {
  filters: { departmentId: 7 },
  sort: [{ field: 'assetCode', dir: 'asc' }],
});
time('custodian, sort name', { filters: { custodianId: 17 }, sort: [{ field: 'name', dir: 'asc' }] });
time('status+category, sort categoryName', {
  filters: { status: ['in_use'], categoryId: 3 },
  sort: [{ field: 'categoryName', dir: 'asc' }],
});
time('cost range, sort cost', {
  filters: { costMin: 100000, costMax: 200000 },
  sort: [{ field: 'cost', dir: 'asc' }],
});
time('no filter, sort locationName desc', { sort: [{ field: 'locationName', dir: 'desc' }] });
time('search 联 (1 char)', { query: '联' });
time('search 联想 (2 chars)', { query: '联想' });
time('search 王伟 (2 chars, custodian)', { query: '王伟' });
time('search thinkpad', { query: 'thinkpad' });
time('search 联想thinkpad, sort name', { query: '联想thinkpad', sort: [{ field: 'name', dir: 'asc' }] });
time('search as-2024 (matches all), sort cost', { query: 'as-2024', sort: [{ field: 'cost', dir: 'desc' }] });
time('search rare serial fragment', { query: 'sn1a' });
time('search no match', { query: '不存在的东西' });
time('search 笔记本 + status idle', { query: '笔记本', filters: { status: ['idle'] } });
sqlite.close();
if (arg('--keep') > 0) console.log('kept', dir);
else rmSync(dir, { recursive: true, force: true });
