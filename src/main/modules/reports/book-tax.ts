// 会计与税法折旧差异表: per asset and posted month, the book charge (posted entries) against the tax
// book's (the tax-book module's terms through the same engine), and the cumulative temporary difference.
import type { Sqlite } from '../../db/client';
import { BOOK } from '../depreciation/ledger-month';
import { loadTaxFactsRange, taxSchedule } from '../tax-book/terms';
import type { Cell, Col, ReportData } from './columns';
import { companyName, lastPosted, periodLabel } from './sources-common';

const CHUNK = 1000;

export const BOOK_TAX_COLUMNS: Col[] = [
  { key: 'assetCode', header: '资产编码', kind: 'text', width: 20 },
  { key: 'assetName', header: '资产名称', kind: 'text', width: 22 },
  { key: 'period', header: '期间', kind: 'text', width: 9 },
  { key: 'book', header: '会计折旧', kind: 'money', width: 14, total: true },
  { key: 'tax', header: '税法折旧', kind: 'money', width: 14, total: true },
  { key: 'difference', header: '本期差异', kind: 'money', width: 14, total: true },
  { key: 'bookAccumulated', header: '会计累计折旧', kind: 'money', width: 15 },
  { key: 'taxAccumulated', header: '税法累计折旧', kind: 'money', width: 15 },
  { key: 'accumulatedDifference', header: '累计差异', kind: 'money', width: 14 },
];

export function bookTaxReport(sqlite: Sqlite, from: string, toIn?: string): ReportData {
  const lp = lastPosted(sqlite) ?? from;
  const to = toIn && toIn < lp ? toIn : lp;
  const ids = sqlite
    .prepare(
      'SELECT DISTINCT asset_id FROM depreciation_entries WHERE book = ? AND period BETWEEN ? AND ? ORDER BY asset_id',
    )
    .pluck()
    .all(BOOK, from, to) as number[];
  const entries = sqlite.prepare(
    `SELECT e.asset_id, e.period, e.amount, e.accumulated, e.disposed, a.asset_code, a.name FROM depreciation_entries e
     JOIN assets a ON a.id = e.asset_id WHERE e.book = ? AND e.asset_id BETWEEN ? AND ? AND e.period BETWEEN ? AND ?
     ORDER BY e.asset_id, e.period`,
  );
  const disposals = sqlite.prepare(
    'SELECT asset_id, period FROM depreciation_entries WHERE book = ? AND disposed = 1 AND asset_id BETWEEN ? AND ?',
  );
  return {
    kind: 'book_tax_difference',
    title: '会计与税法折旧差异表',
    subtitle: `${companyName(sqlite)}\u3000期间：${periodLabel(from, to)}\u3000单位：元（差异 = 税法 − 会计）`,
    columns: BOOK_TAX_COLUMNS,
    estimatedRows: ids.length,
    *chunks() {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const slice = ids.slice(i, i + CHUNK);
        const lo = slice[0]!;
        const hi = slice[slice.length - 1]!;
        const facts = loadTaxFactsRange(sqlite, lo, hi);
        const disp = new Map(
          (disposals.raw().all(BOOK, lo, hi) as [number, string][]).map((r) => [r[0], r[1]]),
        );
        const rows = entries.raw().all(BOOK, lo, hi, from, to) as [
          number,
          string,
          number,
          number,
          number,
          string,
          string,
        ][];
        const out: Cell[][] = [];
        let k = 0;
        for (const id of slice) {
          const f = facts.get(id);
          const tax = f
            ? new Map(taxSchedule(f, to, disp.get(id) ?? null).map((r) => [r.period, r]))
            : new Map();
          for (; k < rows.length && rows[k]![0] === id; k++) {
            const [, period, amount, acc, , code, name] = rows[k]!;
            const t = tax.get(period);
            const taxAmount = t?.amount ?? 0;
            const taxAcc = t?.accumulated ?? lastAccBefore(tax, period);
            if (amount === 0 && taxAmount === 0 && taxAcc === acc) continue;
            out.push([code, name, period, amount, taxAmount, taxAmount - amount, acc, taxAcc, taxAcc - acc]);
          }
        }
        yield out;
      }
    },
  };
}

/** Tax accumulated at a month with no tax row (before the schedule starts: 0; after it ends: its last). */
function lastAccBefore(tax: Map<string, { accumulated: number }>, period: string): number {
  let acc = 0;
  for (const [p, r] of tax) if (p <= period) acc = r.accumulated;
  return acc;
}
