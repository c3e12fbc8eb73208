// 折旧明细表: per asset per month over a period range — opening NBV, charge, impairment, accumulated,
// closing NBV — from the posted entries, plus a forecast by the engine after the last posted month, to a
// chosen month or to the end of each asset's life.
import type { Sqlite } from '../../db/client';
import { BOOK, loadAssetFacts, monthEntry, type AssetFacts } from '../depreciation/ledger-month';
import { PlanCache } from '../depreciation/fast-row';
import { dateMonthIndex, periodIndex, periodOf } from '../depreciation/periods';
import type { Cell, Col, ReportData } from './columns';
import { companyName, lastPosted, periodLabel } from './sources-common';

export interface DetailParams {
  from: string;
  to?: string;
  /** Forecast after the last posted month: through this month, or to each asset's end of life. */
  forecastTo?: string;
  categoryId?: number;
  departmentId?: number;
}

// Small chunks keep the rows in flight (and the sheet XML built from them) to a few MB.
const CHUNK_ASSETS = 500;
/** End-of-life forecasts stop this many months after the last posted one at the latest. */
const MAX_FORECAST_MONTHS = 1200;

export function detailColumns(forecast: boolean): Col[] {
  const cols: Col[] = [
    { key: 'assetCode', header: '资产编码', kind: 'text', width: 20 },
    { key: 'assetName', header: '资产名称', kind: 'text', width: 22 },
    { key: 'period', header: '期间', kind: 'text', width: 9 },
    { key: 'cost', header: '原值', kind: 'money', width: 14 },
    { key: 'opening', header: '期初净值', kind: 'money', width: 14 },
    { key: 'amount', header: '本月折旧', kind: 'money', width: 13, total: true },
    { key: 'impairment', header: '本月减值', kind: 'money', width: 12, total: true },
    { key: 'accumulated', header: '累计折旧', kind: 'money', width: 14 },
    { key: 'closing', header: '期末净值', kind: 'money', width: 14 },
  ];
  if (forecast) cols.push({ key: 'kind', header: '类型', kind: 'text', width: 6 });
  return cols;
}

export function detailReport(sqlite: Sqlite, p: DetailParams): ReportData {
  const to = p.to ?? p.from;
  const last = lastPosted(sqlite);
  const forecast = p.forecastTo !== undefined;
  const fcStart = periodOf(Math.max(periodIndex(p.from), last ? periodIndex(last) + 1 : periodIndex(p.from)));
  const fcEnd =
    p.forecastTo === 'end_of_life'
      ? periodOf(periodIndex(fcStart) + MAX_FORECAST_MONTHS)
      : (p.forecastTo ?? '');
  const postedTo = last && last < to ? last : to;
  const cols = detailColumns(forecast);

  const filter = `${p.categoryId ? 'AND category_id = @cat' : ''} ${p.departmentId ? 'AND expense_department_id = @dept' : ''}`;
  const args = { book: BOOK, from: p.from, to: postedTo, cat: p.categoryId, dept: p.departmentId };
  const postedIds = sqlite
    .prepare(
      `SELECT DISTINCT asset_id FROM depreciation_entries WHERE book = @book AND period BETWEEN @from AND @to ${filter} ORDER BY asset_id`,
    )
    .pluck()
    .all(args) as number[];
  let facts = new Map<number, AssetFacts>();
  if (forecast && fcStart <= fcEnd) {
    const all = loadAssetFacts(sqlite, fcEnd).filter(
      (a) =>
        (!p.categoryId || a.categoryId === p.categoryId) &&
        (!p.departmentId || a.expenseDepartmentId === p.departmentId),
    );
    facts = new Map(all.map((a) => [a.id, a]));
  }
  const ids = [...new Set([...postedIds, ...facts.keys()])].sort((a, b) => a - b);
  const posted = sqlite.prepare(
    `SELECT asset_id, period, cost, amount, impairment_charge, accumulated, nbv FROM depreciation_entries
     WHERE book = @book AND asset_id BETWEEN @lo AND @hi AND period BETWEEN @from AND @to ${filter}
     ORDER BY asset_id, period`,
  );
  const names = sqlite.prepare('SELECT id, asset_code, name FROM assets WHERE id BETWEEN ? AND ?');
  const byPeriod = new Map<string, [number, number, number]>();
  const cache = new PlanCache();

  function* chunks(): Generator<Cell[][], void, void> {
    for (let i = 0; i < ids.length; i += CHUNK_ASSETS) {
      const slice = ids.slice(i, i + CHUNK_ASSETS);
      const lo = slice[0]!;
      const hi = slice[slice.length - 1]!;
      const nm = new Map((names.raw().all(lo, hi) as [number, string, string][]).map((r) => [r[0], r]));
      const rows = posted.raw().all({ ...args, lo, hi }) as [
        number,
        string,
        number,
        number,
        number,
        number,
        number,
      ][];
      const out: Cell[][] = [];
      let k = 0;
      for (const id of slice) {
        const n = nm.get(id);
        const code = n?.[1] ?? '';
        const name = n?.[2] ?? '';
        for (; k < rows.length && rows[k]![0] === id; k++) {
          const [, period, cost, amount, imp, acc, nbv] = rows[k]!;
          const row: Cell[] = [code, name, period, cost, nbv + amount + imp, amount, imp, acc, nbv];
          if (forecast) row.push('实际');
          out.push(row);
          tally(period, amount, imp, 0);
        }
        const a = facts.get(id);
        if (a) forecastRows(a, code, name, out);
      }
      yield out;
    }
  }

  function tally(period: string, amount: number, imp: number, fc: number) {
    let t = byPeriod.get(period);
    if (!t) byPeriod.set(period, (t = [0, 0, 0]));
    t[0] += amount;
    t[1] += imp;
    t[2] += fc;
  }

  function forecastRows(a: AssetFacts, code: string, name: string, out: Cell[][]) {
    const first = dateMonthIndex(a.inServiceDate) + 1;
    const target = a.residualValue;
    for (let P = periodIndex(fcStart), end = periodIndex(fcEnd); P <= end; P++) {
      const period = periodOf(P);
      const e = monthEntry(a, period, cache);
      if (!e) {
        if (P < first) continue;
        break;
      }
      const done = e.amount === 0 && P >= first;
      if (
        done &&
        p.forecastTo === 'end_of_life' &&
        (e.nbv <= Math.min(target, e.cost) || a.method === 'units_of_production')
      )
        break;
      out.push([
        code,
        name,
        period,
        e.cost,
        e.nbv + e.amount + e.impairmentCharge,
        e.amount,
        e.impairmentCharge,
        e.accumulated,
        e.nbv,
        '预测',
      ]);
      tally(period, e.amount, e.impairmentCharge, 1);
      if (e.disposed) break;
    }
  }

  const company = companyName(sqlite);
  const range = forecast
    ? `${p.from} 至 ${p.forecastTo === 'end_of_life' ? '使用期满' : fcEnd}`
    : periodLabel(p.from, to);
  return {
    kind: 'depreciation_detail',
    title: '折旧明细表',
    subtitle: `${company}\u3000期间：${range}${forecast ? `\u3000（${fcStart} 起为预测）` : ''}\u3000单位：元`,
    columns: cols,
    estimatedRows:
      ids.length * Math.max(1, periodIndex(postedTo) - periodIndex(p.from) + 1 + (forecast ? 12 : 0)),
    chunks,
    appendix: () => ({
      title: '按期间汇总',
      columns: [
        { key: 'period', header: '期间', kind: 'text', width: 10 },
        { key: 'amount', header: '本月折旧', kind: 'money', width: 16, total: true },
        { key: 'impairment', header: '本月减值', kind: 'money', width: 16, total: true },
        { key: 'kind', header: '类型', kind: 'text', width: 8 },
      ],
      rows: [...byPeriod.entries()]
        .sort((x, y) => (x[0] < y[0] ? -1 : 1))
        .map(([period, [amount, imp, fc]]) => [period, amount, imp, fc ? '预测' : '实际']),
    }),
  };
}
