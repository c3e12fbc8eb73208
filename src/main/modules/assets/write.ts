// Creating and editing asset cards: code generation, category defaults, reference checks,
// optimistic locking with a "who changed what" answer, and a history event for every real change.
import type { z } from 'zod';
import type { Ctx } from '../../api/context';
import { conflict, notFound } from '../../api/errors';
import type { FieldProblem } from '../../api/errors-shared';
import { nextAssetCode } from '../settings/code-rules';
import type { AssetCreateInput, AssetDto, AssetUpdateInput } from './contract';
import {
  EDITABLE_FIELDS,
  SEARCH_FIELDS,
  cardProblems,
  columnValues,
  diffFields,
  ledgerStart,
  OPENING_FIELDS,
  pickEditable,
  settleOpening,
  rateFromResidual,
  referenceProblems,
  residualFromRate,
  throwProblems,
  toBp,
  type EditableField,
  type EditableValues,
} from './fields';
import { changesSince, recordAssetEvent } from './history';
import { assetRow, toAssetDto, type AssetRow } from './rows';
import { refreshSearchText } from './search-text';
import { assertPeriodOpen } from '../periods/lock';
import { assertFinancialFieldsEditable, hasPostedDepreciation } from '../changes/guard';
import { AppError } from '../../api/errors';
import { assertNotUnderCount } from '../counts/lock';
import { stmt } from '../../db/statements';

export interface CategoryDefaults {
  life_months: number;
  residual_rate_bp: number;
  method: string;
  active: number;
}

const emptyToNull = (s: string | null | undefined) => (s === undefined ? undefined : s === '' ? null : s);

/**
 * The card a create input makes, with the category's defaults filled in (no checks, no code yet).
 * `firstPeriod` (ledger.firstPeriod) dates opening figures; only needed when the input has some.
 */
export function newCardValues(
  input: z.output<typeof AssetCreateInput>,
  cat: Pick<CategoryDefaults, 'life_months' | 'residual_rate_bp' | 'method'>,
  firstPeriod?: string | null,
): EditableValues {
  const cost = input.cost ?? 0;
  let rateBp = input.residualRate !== undefined ? toBp(input.residualRate) : cat.residual_rate_bp;
  let residualValue = residualFromRate(cost, rateBp);
  if (input.residualValue !== undefined) {
    residualValue = input.residualValue;
    rateBp = rateFromResidual(cost, residualValue);
  }
  const departmentId = input.departmentId ?? null;
  const values: EditableValues = {
    assetCode: input.assetCode ?? '',
    name: input.name,
    categoryId: input.categoryId,
    model: input.model ?? '',
    serialNo: input.serialNo ?? '',
    supplierId: input.supplierId ?? null,
    purchaseOrderRef: input.purchaseOrderRef ?? '',
    purchaseDate: input.purchaseDate ?? null,
    inServiceDate: input.inServiceDate ?? null,
    cost,
    residualRate: rateBp / 10000,
    residualValue,
    lifeMonths: input.lifeMonths ?? cat.life_months,
    method: input.method ?? (cat.method as EditableValues['method']),
    quantity: input.quantity ?? 1,
    unit: input.unit || '台',
    locationId: input.locationId ?? null,
    departmentId,
    expenseDepartmentId: input.expenseDepartmentId === undefined ? departmentId : input.expenseDepartmentId,
    custodianId: input.custodianId ?? null,
    warrantyEnd: input.warrantyEnd ?? null,
    legacyId: emptyToNull(input.legacyId) ?? null,
    externalRef: emptyToNull(input.externalRef) ?? null,
    notes: input.notes ?? '',
    openingAccumulated: input.openingAccumulated ?? null,
    openingMonths: input.openingMonths ?? null,
    openingImpairment: input.openingImpairment ?? null,
    openingPeriod: null,
  };
  settleOpening(values, firstPeriod);
  return values;
}

export function createAsset(ctx: Ctx, input: z.output<typeof AssetCreateInput>): AssetDto {
  const { sqlite } = ctx;
  const problems: FieldProblem[] = [];
  const cat = stmt(
    sqlite,
    'SELECT life_months, residual_rate_bp, method, active FROM categories WHERE id = ?',
  ).get(input.categoryId) as CategoryDefaults | undefined;
  problems.push(...referenceProblems(sqlite, { ...input }));
  if (input.assetCode !== undefined) {
    // Deleted cards keep their code, so this also refuses reusing a deleted card's code.
    const taken = stmt(sqlite, 'SELECT 1 FROM assets WHERE asset_code = ?').get(input.assetCode);
    if (taken) problems.push({ path: 'assetCode', message: 'validation.assetCodeTaken' });
  }
  throwProblems(problems);
  if (!cat) throw notFound('category', input.categoryId); // unreachable: referenceProblems reported it

  const values = newCardValues(input, cat, ledgerStart(sqlite));
  throwProblems(cardProblems(values));
  assertPeriodOpen(sqlite, values.inServiceDate);
  assertPeriodOpen(sqlite, values.purchaseDate);
  // Taken last, so a refused card does not consume a sequence number.
  if (!values.assetCode)
    values.assetCode = nextAssetCode(sqlite, { categoryId: input.categoryId, date: ctx.today });

  const cols = columnValues(values, EDITABLE_FIELDS);
  const names = Object.keys(cols);
  const userId = ctx.session?.userId ?? null;
  const info = stmt(
    sqlite,
    `INSERT INTO assets (${names.join(', ')}, status, created_by, updated_by, version, created_at, updated_at)
       VALUES (${names.map((n) => '@' + n).join(', ')}, @status, @uid, @uid, 1, @now, @now)`,
  ).run({ ...cols, status: input.status ?? 'in_use', uid: userId, now: ctx.nowIso });
  const id = Number(info.lastInsertRowid);
  refreshSearchText(sqlite, id);
  recordAssetEvent(ctx, { assetId: id, kind: 'created', version: 1 });
  ctx.audit({ entity: 'asset', entityId: id, details: { assetCode: values.assetCode, name: values.name } });
  ctx.emit('assets.changed', { ids: [id] });
  return toAssetDto(assetRow(sqlite, id)!);
}

/** CONFLICT carrying the card as it is now and who changed which fields since the caller read it. */
export function staleError(ctx: Ctx, row: AssetRow, versionRead: number) {
  const since = changesSince(ctx.sqlite, row.id, versionRead);
  return conflict('asset', row.id, {
    current: toAssetDto(row),
    changedBy: since.changedBy ?? row.updated_by_name,
    changedAt: since.changedAt ?? row.updated_at,
    changedFields: since.fields,
    events: since.events,
  });
}

/** A live card for writing, or NOT_FOUND; CONFLICT when the version read is stale. */
export function lockedRow(ctx: Ctx, id: number, versionRead: number): AssetRow {
  const row = assetRow(ctx.sqlite, id);
  if (!row) throw notFound('asset', id);
  if (row.version !== versionRead) throw staleError(ctx, row, versionRead);
  return row;
}

/**
 * The card after `patch`: residual, expense department and opening figures follow the rules of an edit (no
 * checks). `firstPeriod` dates opening figures entered on a card that had none.
 */
export function patchedValues(
  before: EditableValues,
  patch: Partial<EditableValues>,
  firstPeriod?: string | null,
): EditableValues {
  const after: EditableValues = { ...before };
  for (const f of EDITABLE_FIELDS) {
    const v = patch[f];
    if (v !== undefined) (after as Record<EditableField, unknown>)[f] = v;
  }
  after.legacyId = emptyToNull(after.legacyId) ?? null;
  after.externalRef = emptyToNull(after.externalRef) ?? null;
  // The expense-bearing department follows the using department unless it was set apart.
  if (
    patch.departmentId !== undefined &&
    patch.expenseDepartmentId === undefined &&
    before.expenseDepartmentId === before.departmentId
  ) {
    after.expenseDepartmentId = after.departmentId;
  }
  // Residual: an amount given wins; else a rate given; else keep the rate and follow the cost.
  if (patch.residualValue !== undefined) {
    after.residualRate = rateFromResidual(after.cost, after.residualValue) / 10000;
  } else if (patch.residualRate !== undefined || after.cost !== before.cost) {
    after.residualValue = residualFromRate(after.cost, toBp(after.residualRate));
  }
  settleOpening(after, firstPeriod);
  return after;
}

/**
 * Applies `patch` to a card: checks, writes only real changes, bumps the version and records one
 * history event of `kind`. Returns the changes (empty: nothing written).
 */
export function applyPatch(
  ctx: Ctx,
  row: AssetRow,
  patch: Partial<EditableValues>,
  kind: 'updated' | 'bulk' | 'count' | 'transfer',
  note = '',
) {
  const before = pickEditable(toAssetDto(row));
  const opening = OPENING_FIELDS.some((f) => patch[f] !== undefined);
  const after = patchedValues(before, patch, opening ? ledgerStart(ctx.sqlite) : null);
  const changes = diffFields(before, after);
  if (!changes.length) return changes;
  const changed = changes.map((c) => c.field as EditableField);
  // Opening figures are where the old books stopped: once this ledger has charged the asset they are history.
  const openingChanged = changed.filter((f) => f.startsWith('opening'));
  if (openingChanged.length && hasPostedDepreciation(ctx.sqlite, row.id))
    throw new AppError('ASSET_LOCKED', 'errors.useChangeVoucher', { id: row.id, fields: openingChanged });
  // An open count froze where the asset is and who holds it.
  if (changed.includes('locationId') || changed.includes('custodianId'))
    assertNotUnderCount(ctx.sqlite, row.id);
  // Depreciated cards change their financial fields through a change voucher; closed months stay as closed.
  assertFinancialFieldsEditable(ctx.sqlite, row.id, changed);
  for (const f of ['inServiceDate', 'purchaseDate'] as const) {
    if (!changed.includes(f)) continue;
    assertPeriodOpen(ctx.sqlite, before[f]);
    assertPeriodOpen(ctx.sqlite, after[f]);
  }
  const refs: Partial<Record<EditableField, unknown>> = {};
  for (const f of changed) refs[f] = after[f];
  throwProblems([...referenceProblems(ctx.sqlite, refs), ...cardProblems(after)]);

  const cols = columnValues(after, changed);
  const sets = Object.keys(cols).map((c) => `${c} = @${c}`);
  const version = row.version + 1;
  stmt(
    ctx.sqlite,
    `UPDATE assets SET ${sets.join(', ')}, version = @version, updated_at = @now, updated_by = @uid
       WHERE id = @id`,
  ).run({ ...cols, version, now: ctx.nowIso, uid: ctx.session?.userId ?? null, id: row.id });
  if (changed.some((f) => SEARCH_FIELDS.includes(f))) refreshSearchText(ctx.sqlite, row.id);
  recordAssetEvent(ctx, { assetId: row.id, kind, changes, note, version });
  return changes;
}

export function updateAsset(ctx: Ctx, input: z.output<typeof AssetUpdateInput>): AssetDto {
  const { id, version, ...patch } = input;
  const row = lockedRow(ctx, id, version);
  const changes = applyPatch(ctx, row, patch as Partial<EditableValues>, 'updated');
  ctx.audit({ entity: 'asset', entityId: id, details: { assetCode: row.asset_code, changes } });
  if (!changes.length) return toAssetDto(row);
  ctx.emit('assets.changed', { ids: [id] });
  return toAssetDto(assetRow(ctx.sqlite, id)!);
}
