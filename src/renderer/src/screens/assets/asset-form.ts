// The asset form's values as the user edits them, and their translation to API input: on create
// every given field, on edit only the fields that differ from the card as it was read.
import type { AssetDto } from '../../../../main/modules/assets/contract';
import type { AssetStatus } from '../../../../main/modules/assets/statuses';
import type { DepreciationMethod } from '../../../../main/api/constants';

/** The depreciation methods (a copy of the contract's list: importing that would bundle zod). */
export const METHODS = [
  'straight_line',
  'double_declining',
  'sum_of_years',
  'units_of_production',
] as const satisfies readonly DepreciationMethod[];

export interface FormValues {
  assetCode: string;
  name: string;
  categoryId: number | null;
  model: string;
  serialNo: string;
  supplierId: number | null;
  purchaseOrderRef: string;
  purchaseDate: string;
  inServiceDate: string;
  cost: number | null;
  residualMode: 'rate' | 'value';
  /** Percent as typed, e.g. "5" for 5 %. */
  residualPct: string;
  residualValue: number | null;
  lifeMonths: string;
  method: DepreciationMethod | '';
  quantity: string;
  unit: string;
  locationId: number | null;
  departmentId: number | null;
  expenseDepartmentId: number | null;
  custodianId: number | null;
  status: AssetStatus;
  warrantyEnd: string;
  legacyId: string;
  externalRef: string;
  notes: string;
  /** Opening balances (assets in service before the ledger's first month). */
  openingAccumulated: number | null;
  openingMonths: string;
  openingImpairment: number | null;
}

export const emptyForm = (): FormValues => ({
  assetCode: '',
  name: '',
  categoryId: null,
  model: '',
  serialNo: '',
  supplierId: null,
  purchaseOrderRef: '',
  purchaseDate: '',
  inServiceDate: '',
  cost: null,
  residualMode: 'rate',
  residualPct: '',
  residualValue: null,
  lifeMonths: '',
  method: '',
  quantity: '1',
  unit: '',
  locationId: null,
  departmentId: null,
  expenseDepartmentId: null,
  custodianId: null,
  status: 'in_use',
  warrantyEnd: '',
  legacyId: '',
  externalRef: '',
  notes: '',
  openingAccumulated: null,
  openingMonths: '',
  openingImpairment: null,
});

/** 0.05 → "5" (exact for the four decimals a rate may have). */
export const pctText = (rate: number) => String(Math.round(rate * 10000) / 100);

export function fromAsset(a: AssetDto): FormValues {
  return {
    assetCode: a.assetCode,
    name: a.name,
    categoryId: a.categoryId,
    model: a.model,
    serialNo: a.serialNo,
    supplierId: a.supplierId,
    purchaseOrderRef: a.purchaseOrderRef,
    purchaseDate: a.purchaseDate ?? '',
    inServiceDate: a.inServiceDate ?? '',
    cost: a.cost,
    residualMode: 'rate',
    residualPct: pctText(a.residualRate),
    residualValue: a.residualValue,
    lifeMonths: String(a.lifeMonths),
    method: a.method,
    quantity: String(a.quantity),
    unit: a.unit,
    locationId: a.locationId,
    departmentId: a.departmentId,
    expenseDepartmentId: a.expenseDepartmentId,
    custodianId: a.custodianId,
    status: a.status,
    warrantyEnd: a.warrantyEnd ?? '',
    legacyId: a.legacyId ?? '',
    externalRef: a.externalRef ?? '',
    notes: a.notes,
    openingAccumulated: a.openingAccumulated,
    openingMonths: a.openingMonths === null ? '' : String(a.openingMonths),
    openingImpairment: a.openingImpairment,
  };
}

/** Whether a card in service on `inServiceDate` was in use before the ledger's first month. */
export function inUseBeforeLedger(inServiceDate: string, firstPeriod: string | null | undefined): boolean {
  return !!firstPeriod && /^\d{4}-\d{2}-\d{2}$/.test(inServiceDate) && inServiceDate < `${firstPeriod}-01`;
}

/** The month before `period` ('YYYY-MM'): where the opening balances stand. */
export function periodBefore(period: string): string {
  const i = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 2;
  const m = (i % 12) + 1;
  return `${Math.floor(i / 12)}-${m < 10 ? '0' : ''}${m}`;
}

/** The form without opening balances (they do not apply to a card in service from the first month on). */
export const withoutOpening = (v: FormValues): FormValues => ({
  ...v,
  openingAccumulated: null,
  openingMonths: '',
  openingImpairment: null,
});

export type Problems = Record<string, string>;

/** "5" → 0.05; "" → undefined (the category's default); NaN when not a number. */
function rateOf(pct: string): number | undefined {
  if (pct.trim() === '') return undefined;
  const n = Number(pct);
  return Number.isFinite(n) ? Math.round(n * 100) / 10000 : NaN;
}

function intOf(s: string): number | undefined {
  if (s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : NaN;
}

/** Local checks the server cannot see (text that is not a number); keys are i18n keys. */
export function localProblems(v: FormValues): Problems {
  const out: Problems = {};
  if (Number.isNaN(rateOf(v.residualPct))) out.residualRate = 'validation.invalid_type';
  if (Number.isNaN(intOf(v.lifeMonths))) out.lifeMonths = 'validation.invalid_type';
  if (Number.isNaN(intOf(v.quantity))) out.quantity = 'validation.invalid_type';
  if (Number.isNaN(intOf(v.openingMonths))) out.openingMonths = 'validation.invalid_type';
  return out;
}

/** Every field the API takes, from the form (undefined: leave to the defaults). */
export function toFields(v: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: v.name,
    categoryId: v.categoryId ?? undefined,
    model: v.model,
    serialNo: v.serialNo,
    supplierId: v.supplierId,
    purchaseOrderRef: v.purchaseOrderRef,
    purchaseDate: v.purchaseDate || null,
    inServiceDate: v.inServiceDate || null,
    cost: v.cost ?? undefined,
    lifeMonths: intOf(v.lifeMonths),
    method: v.method || undefined,
    quantity: intOf(v.quantity),
    unit: v.unit,
    locationId: v.locationId,
    departmentId: v.departmentId,
    expenseDepartmentId: v.expenseDepartmentId,
    custodianId: v.custodianId,
    warrantyEnd: v.warrantyEnd || null,
    legacyId: v.legacyId || null,
    externalRef: v.externalRef || null,
    notes: v.notes,
    // null clears them; the months left empty are counted from the in-service date by the server.
    openingAccumulated: v.openingAccumulated,
    openingMonths: intOf(v.openingMonths) ?? null,
    openingImpairment: v.openingImpairment,
  };
  if (v.residualMode === 'rate') out.residualRate = rateOf(v.residualPct);
  else out.residualValue = v.residualValue ?? undefined;
  return out;
}

export function createInput(v: FormValues): Record<string, unknown> {
  const out = toFields(v);
  if (v.assetCode.trim()) out.assetCode = v.assetCode.trim();
  out.status = v.status;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** Only what the user changed, so the history and a conflict name exactly those fields. */
export function updatePatch(original: FormValues, v: FormValues): Record<string, unknown> {
  const before = toFields({ ...original, residualMode: v.residualMode });
  const after = toFields(v);
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(after)) {
    if (val !== undefined && JSON.stringify(val) !== JSON.stringify(before[k])) out[k] = val;
  }
  return out;
}
