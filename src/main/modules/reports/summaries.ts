// The small schedules: 固定资产明细账 (register at a date), 增减变动表 (movement by category, from the
// periods module's reconciled summary) and 折旧分配表 (allocation by department and expense account).
import type { Sqlite } from '../../db/client';
import { validation } from '../../api/errors';
import { BOOK } from '../depreciation/ledger-month';
import { movementSummary } from '../periods/movement';
import { METHOD_LABELS } from '../io/refs';
import { expenseResolver, readMapping } from '../vouchers/mapping';
import type { Cell, Col, ReportData } from './columns';
import { companyName, lastPosted, nameMap, periodLabel } from './sources-common';

const once = (rows: Cell[][]) =>
  function* () {
    yield rows;
  };

function postedOrThrow(sqlite: Sqlite, period: string) {
  const ok = sqlite
    .prepare(`SELECT 1 FROM depreciation_runs WHERE period = ? AND book = ? AND status = 'posted'`)
    .get(period, BOOK);
  if (!ok) throw validation('params.period', 'validation.periodNotPosted', { period });
}

/** As of the end of the latest posted month up to the date's month; assets disposed by then are left out. */
export function registerReport(sqlite: Sqlite, date: string): ReportData {
  const lp = lastPosted(sqlite);
  const period = lp && lp < date.slice(0, 7) ? lp : date.slice(0, 7);
  postedOrThrow(sqlite, period);
  const cats = nameMap(sqlite, 'categories');
  const depts = nameMap(sqlite, 'departments');
  const columns: Col[] = [
    { key: 'assetCode', header: '资产编码', kind: 'text', width: 20 },
    { key: 'assetName', header: '资产名称', kind: 'text', width: 22 },
    { key: 'category', header: '资产类别', kind: 'text', width: 14 },
    { key: 'department', header: '费用部门', kind: 'text', width: 12 },
    { key: 'inService', header: '启用日期', kind: 'text', width: 11 },
    { key: 'method', header: '折旧方法', kind: 'text', width: 12 },
    { key: 'life', header: '使用月数', kind: 'int', width: 9 },
    { key: 'cost', header: '原值', kind: 'money', width: 15, total: true },
    { key: 'accumulated', header: '累计折旧', kind: 'money', width: 15, total: true },
    { key: 'impairment', header: '减值准备', kind: 'money', width: 13, total: true },
    { key: 'nbv', header: '净值', kind: 'money', width: 15, total: true },
  ];
  const q = sqlite.prepare(
    `SELECT a.asset_code, a.name, e.category_id, e.expense_department_id, a.in_service_date, a.method, a.life_months,
       e.cost, e.accumulated, e.impairment, e.nbv, e.asset_id
     FROM depreciation_entries e JOIN assets a ON a.id = e.asset_id
     WHERE e.period = ? AND e.book = ? AND e.disposed = 0 AND e.asset_id > ? ORDER BY e.asset_id LIMIT 5000`,
  );
  const total = sqlite
    .prepare('SELECT count(*) FROM depreciation_entries WHERE period = ? AND book = ? AND disposed = 0')
    .pluck()
    .get(period, BOOK) as number;
  return {
    kind: 'register',
    title: '固定资产明细账',
    subtitle: `${companyName(sqlite)}\u3000截至：${date}（${period} 期末）\u3000单位：元`,
    columns,
    estimatedRows: total,
    *chunks() {
      for (let after = 0; ;) {
        const rows = q.raw().all(period, BOOK, after) as unknown[][];
        if (!rows.length) return;
        after = rows[rows.length - 1]![11] as number;
        yield rows.map((r) => [
          r[0] as string,
          r[1] as string,
          cats.get(r[2] as number) ?? '',
          depts.get(r[3] as number) ?? '',
          r[4] as string,
          METHOD_LABELS[r[5] as keyof typeof METHOD_LABELS] ?? (r[5] as string),
          r[6] as number,
          r[7] as number,
          r[8] as number,
          r[9] as number,
          r[10] as number,
        ]);
      }
    },
  };
}

export function movementReport(sqlite: Sqlite, period: string): ReportData {
  postedOrThrow(sqlite, period);
  const lines = movementSummary(sqlite, period);
  const m = (key: string, header: string): Col => ({ key, header, kind: 'money', width: 16, total: true });
  return {
    kind: 'movement',
    title: '固定资产增减变动表',
    subtitle: `${companyName(sqlite)}\u3000期间：${periodLabel(period, period)}\u3000单位：元（净值）`,
    columns: [
      { key: 'category', header: '资产类别', kind: 'text', width: 22 },
      m('opening', '期初净值'),
      m('additions', '本期增加'),
      m('reductions', '本期减少'),
      m('depreciation', '本期折旧'),
      m('impairment', '本期减值'),
      m('closing', '期末净值'),
    ],
    estimatedRows: lines.length,
    chunks: once(
      lines.map((l) => [
        l.categoryName,
        l.opening,
        l.additions,
        l.reductions,
        l.depreciation,
        l.impairment,
        l.closing,
      ]),
    ),
  };
}

export function allocationReport(sqlite: Sqlite, period: string): ReportData {
  postedOrThrow(sqlite, period);
  const mapping = readMapping(sqlite);
  const keyOf = expenseResolver(sqlite, mapping);
  const depts = sqlite.prepare('SELECT id, code, name FROM departments').raw().all() as [
    number,
    string,
    string,
  ][];
  const dept = new Map(depts.map((d) => [d[0], d]));
  const groups = new Map<string, { dept: number | null; key: string; assets: number; amount: number }>();
  const rows = sqlite
    .prepare(
      `SELECT category_id, expense_department_id, count(*), sum(amount) FROM depreciation_entries
       WHERE period = ? AND book = ? AND amount <> 0 GROUP BY category_id, expense_department_id`,
    )
    .raw()
    .all(period, BOOK) as [number, number | null, number, number][];
  for (const [cat, d, n, amount] of rows) {
    const key = keyOf(cat, d);
    const g = groups.get(`${d}|${key}`) ?? { dept: d, key, assets: 0, amount: 0 };
    g.assets += n;
    g.amount += amount;
    groups.set(`${d}|${key}`, g);
  }
  const out = [...groups.values()].sort(
    (a, b) =>
      (dept.get(a.dept ?? 0)?.[1] ?? '').localeCompare(dept.get(b.dept ?? 0)?.[1] ?? '') ||
      a.key.localeCompare(b.key),
  );
  return {
    kind: 'allocation',
    title: '折旧费用分配表',
    subtitle: `${companyName(sqlite)}\u3000期间：${periodLabel(period, period)}\u3000单位：元`,
    columns: [
      { key: 'deptCode', header: '部门编码', kind: 'text', width: 12 },
      { key: 'dept', header: '费用部门', kind: 'text', width: 18 },
      { key: 'accountCode', header: '科目编码', kind: 'text', width: 12 },
      { key: 'accountName', header: '科目名称', kind: 'text', width: 16 },
      { key: 'assets', header: '资产数', kind: 'int', width: 9, total: true },
      { key: 'amount', header: '折旧额', kind: 'money', width: 16, total: true },
    ],
    estimatedRows: out.length,
    chunks: once(
      out.map((g) => {
        const d = g.dept === null ? undefined : dept.get(g.dept);
        const acc = mapping.accounts[g.key as keyof typeof mapping.accounts];
        return [d?.[1] ?? '', d?.[2] ?? '（未指定）', acc.code, acc.name, g.assets, g.amount];
      }),
    ),
  };
}
