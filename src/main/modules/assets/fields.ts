// The editable card fields: their columns, reference checks, residual arithmetic and the diff that
// becomes a history event. Shared by create, update and bulk update.
import type { Sqlite } from '../../db/client';
import { AppError } from '../../api/errors';
import { getSetting } from '../../db/kv';
import { dateMonthIndex, periodIndex, periodOf } from '../depreciation/periods';
import type { FieldProblem } from '../../api/errors-shared';
import type { AssetDto, FieldChange } from './contract';

/** API field → column, for every field a clerk may edit (status has its own door). */
export const FIELD_COLUMNS = {
  assetCode: 'asset_code',
  name: 'name',
  categoryId: 'category_id',
  model: 'model',
  serialNo: 'serial_no',
  supplierId: 'supplier_id',
  purchaseOrderRef: 'purchase_order_ref',
  purchaseDate: 'purchase_date',
  inServiceDate: 'in_service_date',
  cost: 'cost',
  residualRate: 'residual_rate_bp',
  residualValue: 'residual_value',
  lifeMonths: 'life_months',
  method: 'method',
  quantity: 'quantity',
  unit: 'unit',
  locationId: 'location_id',
  departmentId: 'department_id',
  expenseDepartmentId: 'expense_department_id',
  custodianId: 'custodian_id',
  warrantyEnd: 'warranty_end',
  legacyId: 'legacy_id',
  externalRef: 'external_ref',
  notes: 'notes',
  openingAccumulated: 'opening_accumulated',
  openingMonths: 'opening_months',
  openingImpairment: 'opening_impairment',
  // Not an input: set from the ledger's first period when opening figures are entered (settleOpening).
  openingPeriod: 'opening_period',
} as const;

export type EditableField = keyof typeof FIELD_COLUMNS;
export type EditableValues = Pick<AssetDto, EditableField>;

export const EDITABLE_FIELDS = Object.keys(FIELD_COLUMNS) as EditableField[];

/** Fields whose change alters the search text. */
export const SEARCH_FIELDS: readonly EditableField[] = [
  'assetCode',
  'name',
  'model',
  'serialNo',
  'custodianId',
];

const REFERENCES: Partial<Record<EditableField, string>> = {
  categoryId: 'categories',
  supplierId: 'suppliers',
  locationId: 'locations',
  departmentId: 'departments',
  expenseDepartmentId: 'departments',
  custodianId: 'custodians',
};

/** Problems for references that do not exist or are deactivated (only the fields given are checked). */
export function referenceProblems(
  sqlite: Sqlite,
  values: Partial<Record<EditableField, unknown>>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, table] of Object.entries(REFERENCES) as [EditableField, string][]) {
    const v = values[field];
    if (v === undefined || v === null) continue;
    const row = sqlite.prepare(`SELECT active FROM ${table} WHERE id = ?`).get(v) as
      { active: number } | undefined;
    if (!row) problems.push({ path: field, message: 'validation.referenceNotFound', params: { id: v } });
    else if (!row.active)
      problems.push({ path: field, message: 'validation.referenceInactive', params: { id: v } });
  }
  return problems;
}

/** Problems between fields of the finished card. */
export function cardProblems(v: EditableValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (v.residualValue > v.cost) {
    problems.push({
      path: 'residualValue',
      message: 'validation.residualExceedsCost',
      params: { cost: v.cost },
    });
  }
  if (v.purchaseDate && v.inServiceDate && v.inServiceDate < v.purchaseDate) {
    problems.push({ path: 'inServiceDate', message: 'validation.inServiceBeforePurchase' });
  }
  problems.push(...openingProblems(v));
  return problems;
}

/** The opening-balance fields a clerk enters (openingPeriod follows from them). */
export const OPENING_FIELDS = ['openingAccumulated', 'openingMonths', 'openingImpairment'] as const;

const hasOpening = (v: Partial<EditableValues>) =>
  OPENING_FIELDS.some((f) => v[f] !== null && v[f] !== undefined);

/** The ledger's first period (ledger.firstPeriod), or null before setup. */
export function ledgerStart(sqlite: Sqlite): string | null {
  return getSetting<string>(sqlite, 'ledger.firstPeriod') ?? null;
}

/**
 * Completes a card's opening figures in place: none entered → all null; else the impairment defaults to 0,
 * the months already charged default to the calendar months from the month after the in-service date to
 * the opening period (当月增加当月不提), and the figures are as of the month before the ledger's first
 * period, kept once set so a later change of the first period does not move them.
 */
export function settleOpening(v: EditableValues, firstPeriod: string | null | undefined): void {
  if (!hasOpening(v)) {
    v.openingAccumulated = v.openingMonths = v.openingImpairment = v.openingPeriod = null;
    return;
  }
  if (v.openingPeriod === null && firstPeriod) v.openingPeriod = periodOf(periodIndex(firstPeriod) - 1);
  v.openingImpairment ??= 0;
  if (v.openingMonths === null && v.openingPeriod && v.inServiceDate) {
    const months = periodIndex(v.openingPeriod) - dateMonthIndex(v.inServiceDate);
    v.openingMonths = Math.max(0, Math.min(v.lifeMonths, months));
  }
}

/** Problems of the opening figures: only for assets in service before the ledger starts, within the life. */
function openingProblems(v: EditableValues): FieldProblem[] {
  if (!hasOpening(v)) return [];
  const problems: FieldProblem[] = [];
  const period = v.openingPeriod;
  if (period === null) return [{ path: 'openingAccumulated', message: 'validation.openingNeedsLedgerStart' }];
  const firstPeriod = periodOf(periodIndex(period) + 1);
  if (!v.inServiceDate || v.inServiceDate >= `${firstPeriod}-01`)
    problems.push({
      path: 'inServiceDate',
      message: 'validation.openingInServiceAfterStart',
      params: { firstPeriod },
    });
  if (v.openingAccumulated === null)
    problems.push({ path: 'openingAccumulated', message: 'validation.openingAccumulatedRequired' });
  if (v.openingMonths !== null && v.openingMonths > v.lifeMonths)
    problems.push({
      path: 'openingMonths',
      message: 'validation.openingMonthsExceedLife',
      params: { lifeMonths: v.lifeMonths },
    });
  const impairment = v.openingImpairment ?? 0;
  const depreciable = v.cost - v.residualValue;
  if (impairment > depreciable)
    problems.push({
      path: 'openingImpairment',
      message: 'validation.openingImpairmentExceedsDepreciable',
      params: { max: Math.max(0, depreciable) },
    });
  else if ((v.openingAccumulated ?? 0) > depreciable - impairment)
    problems.push({
      path: 'openingAccumulated',
      message: 'validation.openingExceedsDepreciable',
      params: { max: Math.max(0, depreciable - impairment) },
    });
  return problems;
}

export function throwProblems(problems: FieldProblem[]): void {
  if (problems.length) throw new AppError('VALIDATION', 'errors.validation', {}, problems);
}

/** Residual value in fen: cost × rate, rounded half up, in integer arithmetic (rate in basis points). */
export function residualFromRate(cost: number, rateBp: number): number {
  return Number((BigInt(cost) * BigInt(rateBp) + 5000n) / 10000n);
}

/** The rate (basis points) a given residual amount represents, for display; 0 when cost is 0. */
export function rateFromResidual(cost: number, residualValue: number): number {
  if (cost <= 0) return 0;
  return Math.min(9999, Number((BigInt(residualValue) * 10000n * 2n + BigInt(cost)) / (BigInt(cost) * 2n)));
}

export const toBp = (rate: number) => Math.round(rate * 10000);

/** Field-by-field difference, in API terms (residualRate as a fraction); only real changes. */
export function diffFields(before: EditableValues, after: EditableValues): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of EDITABLE_FIELDS) {
    const b = before[f] ?? null;
    const a = after[f] ?? null;
    if (b !== a) out.push({ field: f, before: b, after: a });
  }
  return out;
}

export function pickEditable(dto: AssetDto): EditableValues {
  const out = {} as Record<EditableField, unknown>;
  for (const f of EDITABLE_FIELDS) out[f] = dto[f];
  return out as EditableValues;
}

/** Column values for an UPDATE/INSERT, converting the rate back to basis points. */
export function columnValues(v: EditableValues, fields: readonly EditableField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields)
    out[FIELD_COLUMNS[f]] = f === 'residualRate' ? toBp(v.residualRate) : (v[f] ?? null);
  return out;
}
