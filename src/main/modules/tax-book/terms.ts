// The tax book's terms per asset and its schedule, computed with the accounting engine: the category's
// tax class minimum life (企业所得税法实施条例 第六十条), straight line and the book residual by default,
// and the one-off deduction (一次性税前扣除) for equipment of unit value ≤ 5,000,000 元 bought
// 2024-01-01..2027-12-31, deducted in full in the month after it is put in service.
//
// Decisions: the tax book follows the card's current cost and in-service date, ignores impairment (not
// deductible) and change vouchers on the book side, and stops after the disposal month like the book.
// "Equipment" is every tax class but buildings; "unit value" is cost ÷ quantity; "bought" is the purchase
// date, else the in-service date.
import type { Sqlite } from '../../db/client';
import type { DepreciationMethod } from '../../api/schemas';
import { computeSchedule, type ScheduleRow } from '../depreciation/engine';

import { TAX_CLASS_MIN_MONTHS } from '../settings/fields';
import type { TaxClass } from '../settings/contract';

export const ONE_OFF_MAX_UNIT_FEN = 500_000_000;
export const ONE_OFF_FROM = '2024-01-01';
export const ONE_OFF_TO = '2027-12-31';

export interface TaxAssetFacts {
  id: number;
  cost: number;
  quantity: number;
  residualValue: number;
  lifeMonths: number;
  inServiceDate: string;
  purchaseDate: string | null;
  taxClass: TaxClass;
  /** Stored overrides (null: default). */
  taxLifeMonths: number | null;
  taxMethod: DepreciationMethod | null;
  taxResidualValue: number | null;
  oneOff: 'auto' | 'yes' | 'no';
  version: number | null;
}

export interface TaxTerms {
  lifeMonths: number;
  method: DepreciationMethod;
  residualValue: number;
  oneOffEligible: boolean;
  oneOffApplied: boolean;
  oneOff: 'auto' | 'yes' | 'no';
  /** The tax class minimum life, months (null for class other). */
  minLifeMonths: number | null;
  /** True where the value is the default, per field. */
  defaults: { lifeMonths: boolean; method: boolean; residualValue: boolean };
}

export function oneOffEligible(
  f: Pick<TaxAssetFacts, 'cost' | 'quantity' | 'purchaseDate' | 'inServiceDate' | 'taxClass'>,
) {
  const bought = f.purchaseDate ?? f.inServiceDate;
  const unit = f.quantity > 0 ? f.cost / f.quantity : f.cost;
  return (
    f.taxClass !== 'buildings' &&
    unit <= ONE_OFF_MAX_UNIT_FEN &&
    bought >= ONE_OFF_FROM &&
    bought <= ONE_OFF_TO
  );
}

export function taxTerms(f: TaxAssetFacts): TaxTerms {
  const min = TAX_CLASS_MIN_MONTHS[f.taxClass] ?? null;
  const eligible = oneOffEligible(f);
  return {
    lifeMonths: f.taxLifeMonths ?? min ?? f.lifeMonths,
    method: f.taxMethod ?? 'straight_line',
    residualValue: Math.min(f.taxResidualValue ?? f.residualValue, f.cost),
    oneOffEligible: eligible,
    oneOffApplied: f.oneOff === 'yes' || (f.oneOff === 'auto' && eligible),
    oneOff: f.oneOff,
    minLifeMonths: min,
    defaults: {
      lifeMonths: f.taxLifeMonths === null,
      method: f.taxMethod === null,
      residualValue: f.taxResidualValue === null,
    },
  };
}

/** The tax schedule through `through`; disposalPeriod stops it after that month. */
export function taxSchedule(f: TaxAssetFacts, through: string, disposalPeriod: string | null): ScheduleRow[] {
  const t = taxTerms(f);
  const events = disposalPeriod ? [{ kind: 'disposal' as const, date: `${disposalPeriod}-01` }] : [];
  const method = t.oneOffApplied
    ? 'straight_line'
    : t.method === 'units_of_production'
      ? 'straight_line'
      : t.method;
  return computeSchedule({
    method,
    cost: f.cost,
    residualValue: t.oneOffApplied ? 0 : t.residualValue,
    lifeMonths: t.oneOffApplied ? 1 : t.lifeMonths,
    inServiceDate: f.inServiceDate,
    events,
    through,
  }).rows;
}

const SELECT = `SELECT a.id, a.cost, a.quantity, a.residual_value AS residualValue, a.life_months AS lifeMonths,
  a.in_service_date AS inServiceDate, a.purchase_date AS purchaseDate, c.tax_class AS taxClass,
  t.life_months AS taxLifeMonths, t.method AS taxMethod, t.residual_value AS taxResidualValue,
  coalesce(t.one_off, 'auto') AS oneOff, t.version
  FROM assets a JOIN categories c ON c.id = a.category_id LEFT JOIN asset_tax_terms t ON t.asset_id = a.id`;

export function loadTaxFacts(sqlite: Sqlite, assetId: number): TaxAssetFacts | undefined {
  return sqlite
    .prepare(`${SELECT} WHERE a.id = ? AND a.deleted_at IS NULL AND a.in_service_date IS NOT NULL`)
    .get(assetId) as TaxAssetFacts | undefined;
}

/** Facts for assets with ids in [lo, hi]. */
export function loadTaxFactsRange(sqlite: Sqlite, lo: number, hi: number): Map<number, TaxAssetFacts> {
  const rows = sqlite
    .prepare(`${SELECT} WHERE a.id BETWEEN ? AND ? AND a.in_service_date IS NOT NULL`)
    .all(lo, hi) as TaxAssetFacts[];
  return new Map(rows.map((r) => [r.id, r]));
}
