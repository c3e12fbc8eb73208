// Reading asset cards: the joined SELECT, row → AssetDto, and the employee's "own assets" scope.
import type { Sqlite } from '../../db/client';
import { stmt } from '../../db/statements';
import type { Ctx } from '../../api/context';
import { notFound } from '../../api/errors';
import type { DepreciationMethod } from '../../api/schemas';
import type { AssetDto } from './contract';
import type { AssetStatus } from './statuses';

export interface AssetRow {
  id: number;
  asset_code: string;
  name: string;
  category_id: number;
  category_name: string;
  model: string;
  serial_no: string;
  supplier_id: number | null;
  supplier_name: string | null;
  purchase_order_ref: string;
  purchase_date: string | null;
  in_service_date: string | null;
  cost: number;
  residual_rate_bp: number;
  residual_value: number;
  life_months: number;
  method: string;
  quantity: number;
  unit: string;
  location_id: number | null;
  location_name: string | null;
  department_id: number | null;
  department_name: string | null;
  expense_department_id: number | null;
  expense_department_name: string | null;
  custodian_id: number | null;
  custodian_name: string | null;
  status: string;
  warranty_end: string | null;
  legacy_id: string | null;
  external_ref: string | null;
  notes: string;
  opening_accumulated: number | null;
  opening_months: number | null;
  opening_impairment: number | null;
  opening_period: string | null;
  created_at: string;
  updated_at: string;
  updated_by_name: string | null;
  deleted_at: string | null;
  version: number;
}

/** The card with the names of everything it refers to; append WHERE / ORDER BY. */
export const ASSET_SELECT = `
SELECT a.id, a.asset_code, a.name, a.category_id, c.name AS category_name, a.model, a.serial_no,
  a.supplier_id, s.name AS supplier_name, a.purchase_order_ref, a.purchase_date, a.in_service_date,
  a.cost, a.residual_rate_bp, a.residual_value, a.life_months, a.method, a.quantity, a.unit,
  a.location_id, l.name AS location_name, a.department_id, d.name AS department_name,
  a.expense_department_id, ed.name AS expense_department_name, a.custodian_id, p.name AS custodian_name,
  a.status, a.warranty_end, a.legacy_id, a.external_ref, a.notes,
  a.opening_accumulated, a.opening_months, a.opening_impairment, a.opening_period, a.created_at, a.updated_at,
  u.display_name AS updated_by_name, a.deleted_at, a.version
FROM assets a
JOIN categories c ON c.id = a.category_id
LEFT JOIN suppliers s ON s.id = a.supplier_id
LEFT JOIN locations l ON l.id = a.location_id
LEFT JOIN departments d ON d.id = a.department_id
LEFT JOIN departments ed ON ed.id = a.expense_department_id
LEFT JOIN custodians p ON p.id = a.custodian_id
LEFT JOIN users u ON u.id = a.updated_by`;

export function toAssetDto(r: AssetRow): AssetDto {
  return {
    id: r.id,
    assetCode: r.asset_code,
    name: r.name,
    categoryId: r.category_id,
    categoryName: r.category_name,
    model: r.model,
    serialNo: r.serial_no,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    purchaseOrderRef: r.purchase_order_ref,
    purchaseDate: r.purchase_date,
    inServiceDate: r.in_service_date,
    cost: r.cost,
    residualRate: r.residual_rate_bp / 10000,
    residualValue: r.residual_value,
    lifeMonths: r.life_months,
    method: r.method as DepreciationMethod,
    quantity: r.quantity,
    unit: r.unit,
    locationId: r.location_id,
    locationName: r.location_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    expenseDepartmentId: r.expense_department_id,
    expenseDepartmentName: r.expense_department_name,
    custodianId: r.custodian_id,
    custodianName: r.custodian_name,
    status: r.status as AssetStatus,
    warrantyEnd: r.warranty_end,
    legacyId: r.legacy_id,
    externalRef: r.external_ref,
    notes: r.notes,
    openingAccumulated: r.opening_accumulated,
    openingMonths: r.opening_months,
    openingImpairment: r.opening_impairment,
    openingPeriod: r.opening_period,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
    version: r.version,
  };
}

/** A live (not deleted) asset row, or undefined. */
export function assetRow(sqlite: Sqlite, id: number): AssetRow | undefined {
  return stmt(sqlite, `${ASSET_SELECT} WHERE a.id = ? AND a.deleted_at IS NULL`).get(id) as
    AssetRow | undefined;
}

export function assetRowsByIds(sqlite: Sqlite, ids: readonly number[]): AssetRow[] {
  if (!ids.length) return [];
  const rows = stmt(sqlite, `${ASSET_SELECT} WHERE a.id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(ids),
  ) as AssetRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((i) => byId.get(i) ?? []);
}

/**
 * undefined: the caller may read every asset. A number: only assets in that custodian's care
 * (a user with only assets.readOwn and no linked custodian gets -1, which matches nothing).
 */
export function ownScope(ctx: Ctx): number | undefined {
  const s = ctx.user();
  if (s.permissions.has('assets.read')) return undefined;
  return s.custodianId ?? -1;
}

/** The live asset the caller may see, or NOT_FOUND (an employee cannot probe others' ids). */
export function visibleAsset(ctx: Ctx, id: number): AssetRow {
  const row = assetRow(ctx.sqlite, id);
  const scope = ownScope(ctx);
  if (!row || (scope !== undefined && row.custodian_id !== scope)) throw notFound('asset', id);
  return row;
}
