// Repair costs over a date range, per asset and per category (by the date the work was done).
import type { Ctx } from '../../api/context';
import { validation } from '../../api/errors';
import type { RepairCostLine, RepairCostsDto } from './contract';
import { downtimeHours } from './rows';

interface Row {
  asset_id: number;
  asset_code: string;
  asset_name: string;
  category_id: number;
  category_code: string;
  category_name: string;
  parts_cost: number;
  labour_cost: number;
  vendor_cost: number;
  capitalised_amount: number | null;
  accepted_at: string | null;
  done_at: string | null;
}

const empty = (id: number, code: string, name: string): RepairCostLine => ({
  id,
  code,
  name,
  repairs: 0,
  partsCost: 0,
  labourCost: 0,
  vendorCost: 0,
  totalCost: 0,
  capitalised: 0,
  downtimeHours: 0,
});

function add(line: Omit<RepairCostLine, 'id' | 'code' | 'name'>, r: Row): void {
  line.repairs++;
  line.partsCost += r.parts_cost;
  line.labourCost += r.labour_cost;
  line.vendorCost += r.vendor_cost;
  line.totalCost += r.parts_cost + r.labour_cost + r.vendor_cost;
  line.capitalised += r.capitalised_amount ?? 0;
  line.downtimeHours += downtimeHours(r.accepted_at, r.done_at) ?? 0;
}

export function repairCosts(ctx: Ctx, from: string, to: string): RepairCostsDto {
  if (from > to) throw validation('to', 'validation.dateRange', { from, to });
  const rows = ctx.sqlite
    .prepare(
      `SELECT r.asset_id, a.asset_code, a.name AS asset_name, a.category_id, c.code AS category_code,
         c.name AS category_name, r.parts_cost, r.labour_cost, r.vendor_cost, r.capitalised_amount, r.accepted_at,
         r.done_at
       FROM repairs r JOIN assets a ON a.id = r.asset_id JOIN categories c ON c.id = a.category_id
       WHERE r.status IN ('done', 'closed') AND r.done_date >= ? AND r.done_date <= ? ORDER BY a.asset_code`,
    )
    .all(from, to) as Row[];
  const byAsset = new Map<number, RepairCostLine>();
  const byCategory = new Map<number, RepairCostLine>();
  const total = empty(0, '', '');
  for (const r of rows) {
    let a = byAsset.get(r.asset_id);
    if (!a) byAsset.set(r.asset_id, (a = empty(r.asset_id, r.asset_code, r.asset_name)));
    let c = byCategory.get(r.category_id);
    if (!c) byCategory.set(r.category_id, (c = empty(r.category_id, r.category_code, r.category_name)));
    add(a, r);
    add(c, r);
    add(total, r);
  }
  const biggest = (x: RepairCostLine, y: RepairCostLine) => y.totalCost - x.totalCost || x.id - y.id;
  const { id: _i, code: _c, name: _n, ...totals } = total;
  return {
    from,
    to,
    byAsset: [...byAsset.values()].sort(biggest),
    byCategory: [...byCategory.values()].sort(biggest),
    total: totals,
  };
}
