// Reading what the monthly run computes from, once per run: live in-service cards up to the period with
// their opening balances, approved change vouchers, disposal months and units-of-production usage.
import type { Sqlite } from '../../db/client';
import type { DepreciationMethod } from '../../api/schemas';
import { localDate } from '../../util/dates';
import type { AssetFacts, VoucherFacts } from './ledger-month';
import { dateMonthIndex, periodIndex, periodOf } from './periods';

/** One card, in the SELECT's column order. */
type AssetRowRaw = [
  id: number,
  categoryId: number,
  expenseDepartmentId: number | null,
  cost: number,
  residualValue: number,
  lifeMonths: number,
  method: string,
  inServiceDate: string,
  status: string,
  updatedAt: string,
  openingAccumulated: number | null,
  openingMonths: number | null,
  openingImpairment: number | null,
  openingPeriod: string | null,
];

const NO_VOUCHERS: readonly VoucherFacts[] = Object.freeze([]);

/** Everything the month needs, read once: live in-service cards up to the period, vouchers, disposals. */
export function loadAssetFacts(sqlite: Sqlite, period: string, assetId?: number): AssetFacts[] {
  const nextMonthStart = `${periodOf(periodIndex(period) + 1)}-01`;
  // Raw rows: at 100k cards, building keyed row objects is a measurable share of the run.
  const rows = sqlite
    .prepare(
      `SELECT id, category_id, expense_department_id, cost, residual_value, life_months, method, in_service_date,
         status, updated_at, opening_accumulated, opening_months, opening_impairment, opening_period
       FROM assets WHERE deleted_at IS NULL AND in_service_date IS NOT NULL AND in_service_date < ?
       ${assetId !== undefined ? 'AND id = ?' : ''} ORDER BY id`,
    )
    .raw()
    .all(...(assetId !== undefined ? [nextMonthStart, assetId] : [nextMonthStart])) as AssetRowRaw[];

  const vouchers = new Map<number, VoucherFacts[]>();
  const vrows = sqlite
    .prepare(
      `SELECT asset_id, kind, before, after, approval_date, effective_period FROM change_vouchers
       WHERE status = 'approved' ${assetId !== undefined ? 'AND asset_id = ?' : ''} ORDER BY approved_at, id`,
    )
    .all(...(assetId !== undefined ? [assetId] : [])) as {
    asset_id: number;
    kind: string;
    before: string;
    after: string;
    approval_date: string;
    effective_period: string;
  }[];
  for (const v of vrows) {
    let list = vouchers.get(v.asset_id);
    if (!list) vouchers.set(v.asset_id, (list = []));
    list.push({
      kind: v.kind,
      before: JSON.parse(v.before) as Record<string, unknown>,
      after: JSON.parse(v.after) as Record<string, unknown>,
      approvalDate: v.approval_date,
      effectivePeriod: v.effective_period,
    });
  }

  const disposedAt = new Map<number, string>();
  const drows = sqlite
    .prepare(
      `SELECT e.asset_id, min(e.at) AS at FROM asset_events e JOIN assets a ON a.id = e.asset_id
       WHERE a.status = 'disposed' AND e.changes LIKE '%"after":"disposed"%'
       ${assetId !== undefined ? 'AND a.id = ?' : ''} GROUP BY e.asset_id`,
    )
    .all(...(assetId !== undefined ? [assetId] : [])) as { asset_id: number; at: string }[];
  for (const d of drows) disposedAt.set(d.asset_id, d.at);
  const disposalDate = new Map<number, string>();
  const ddates = sqlite
    .prepare(
      `SELECT asset_id, max(date) AS date FROM disposals WHERE status = 'approved'
       ${assetId !== undefined ? 'AND asset_id = ?' : ''} GROUP BY asset_id`,
    )
    .all(...(assetId !== undefined ? [assetId] : [])) as { asset_id: number; date: string }[];
  for (const d of ddates) disposalDate.set(d.asset_id, d.date);

  const usage = loadUsage(sqlite, period, assetId);

  return rows.map((r) => {
    const [id, categoryId, expenseDepartmentId, cost, residualValue, lifeMonths, method, inServiceDate] = r;
    const [status, updatedAt, openingAccumulated, openingMonths, openingImpairment, openingPeriod] = r.slice(
      8,
    ) as [string, string, number | null, number | null, number | null, string | null];
    let disposalMonth: number | null = null;
    if (status === 'disposed') {
      const date = disposalDate.get(id);
      const at = disposedAt.get(id) ?? updatedAt;
      disposalMonth = dateMonthIndex(date ?? localDate(new Date(at)));
    }
    const facts: AssetFacts = {
      id,
      categoryId,
      expenseDepartmentId,
      cost,
      residualValue,
      lifeMonths,
      method: method as DepreciationMethod,
      inServiceDate,
      disposalMonth,
      vouchers: (vouchers.get(id) ?? NO_VOUCHERS) as VoucherFacts[],
    };
    if (openingPeriod !== null) {
      facts.opening = {
        accumulated: openingAccumulated ?? 0,
        months: openingMonths ?? 0,
        impairment: openingImpairment ?? 0,
        period: openingPeriod,
      };
    }
    if (method === 'units_of_production' || usage.totals.has(id)) {
      facts.totalUnits = usage.totals.get(id) ?? null;
      facts.usage = usage.months.get(id) ?? [];
    }
    return facts;
  });
}

/** Usage of units-of-production assets through `period` (usage module's tables). */
function loadUsage(sqlite: Sqlite, period: string, assetId?: number) {
  const one = assetId !== undefined ? 'AND asset_id = ?' : '';
  const args = assetId !== undefined ? [assetId] : [];
  const totals = new Map<number, number>();
  for (const r of sqlite
    .prepare(`SELECT asset_id, total_units FROM usage_plans WHERE 1 ${one}`)
    .raw()
    .all(...args) as [number, number][])
    totals.set(r[0], r[1]);
  const months = new Map<number, { period: string; units: number }[]>();
  const rows = sqlite
    .prepare(
      `SELECT asset_id, period, units FROM asset_usage WHERE period <= ? ${one} ORDER BY asset_id, period`,
    )
    .raw()
    .all(period, ...args) as [number, string, number][];
  for (const [id, p, units] of rows) {
    let list = months.get(id);
    if (!list) months.set(id, (list = []));
    list.push({ period: p, units });
  }
  return { totals, months };
}
