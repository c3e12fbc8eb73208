// Raising and approving change vouchers: the before/after of the card, the second-person rule, and on
// approval the card's update with its history event. The monthly run reads approved vouchers as engine
// events effective from the month after approval (depreciation/ledger-month.ts).
import type { z } from 'zod';
import type { Ctx } from '../../api/context';
import { AppError, conflict, notFound, validation } from '../../api/errors';
import { getSetting } from '../../db/kv';
import { localPeriod } from '../../util/dates';
import { rateFromResidual, referenceProblems, residualFromRate, throwProblems, toBp } from '../assets/fields';
import { recordAssetEvent } from '../assets/history';
import { dateMonthIndex, periodIndex, periodOf } from '../depreciation/periods';
import { assertPeriodOpen } from '../periods/lock';
import type { ChangeCreateInput, ChangeKind, ChangeVoucherDto } from './contract';

interface CardRow {
  id: number;
  cost: number;
  residual_value: number;
  residual_rate_bp: number;
  life_months: number;
  method: string;
  category_id: number;
  expense_department_id: number | null;
  in_service_date: string | null;
  version: number;
}

/** Card value of each API field, as the voucher's before/after record it. */
function cardValues(c: CardRow): Record<string, unknown> {
  return {
    cost: c.cost,
    residualValue: c.residual_value,
    residualRate: c.residual_rate_bp / 10000,
    lifeMonths: c.life_months,
    method: c.method,
    categoryId: c.category_id,
    expenseDepartmentId: c.expense_department_id,
  };
}

const COLUMNS: Record<string, string> = {
  cost: 'cost',
  residualValue: 'residual_value',
  residualRate: 'residual_rate_bp',
  lifeMonths: 'life_months',
  method: 'method',
  categoryId: 'category_id',
  expenseDepartmentId: 'expense_department_id',
};

function card(ctx: Ctx, assetId: number): CardRow {
  const row = ctx.sqlite
    .prepare(
      `SELECT id, cost, residual_value, residual_rate_bp, life_months, method, category_id, expense_department_id,
         in_service_date, version FROM assets WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(assetId) as CardRow | undefined;
  if (!row) throw notFound('asset', assetId);
  return row;
}

function refuseImpairmentUnderSbe(ctx: Ctx): void {
  if (getSetting<string>(ctx.sqlite, 'ledger.accountingStandard') === 'sbe') {
    throw validation('kind', 'validation.impairmentNotUnderSbe');
  }
}

type CreateInput = z.output<typeof ChangeCreateInput>;

/** The fields the voucher changes on the card: before and after, only those that differ. */
function plan(
  c: CardRow,
  input: CreateInput,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const cur = cardValues(c);
  const want: Record<string, unknown> = {};
  const a = input.after as Record<string, unknown>;
  switch (input.kind) {
    case 'cost':
      want.cost = a.cost;
      want.residualValue = residualFromRate(a.cost as number, c.residual_rate_bp); // the rate stays
      break;
    case 'residual': {
      const value =
        a.residualValue !== undefined
          ? (a.residualValue as number)
          : residualFromRate(c.cost, toBp(a.residualRate as number));
      want.residualValue = value;
      want.residualRate =
        a.residualValue !== undefined ? rateFromResidual(c.cost, value) / 10000 : a.residualRate;
      break;
    }
    default:
      for (const k of ['lifeMonths', 'method', 'categoryId', 'expenseDepartmentId', 'residualValue']) {
        if (a[k] !== undefined) want[k] = a[k];
      }
  }
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(want)) {
    if (cur[k] === v) continue;
    before[k] = cur[k];
    after[k] = v;
  }
  if (input.kind === 'residual' && 'residualValue' in after && !('residualRate' in after)) {
    before.residualRate = cur.residualRate;
    after.residualRate = cur.residualRate;
  }
  if (input.kind === 'impairment') {
    after.recoverableAmount = a.recoverableAmount;
    if (a.remainingLifeMonths !== undefined) after.remainingLifeMonths = a.remainingLifeMonths;
  }
  return { before, after };
}

function nextNumber(ctx: Ctx, date: string): string {
  const prefix = `BG-${date.slice(0, 4)}${date.slice(5, 7)}-`;
  const last = ctx.sqlite
    .prepare(`SELECT max(number) FROM change_vouchers WHERE number LIKE ? || '%'`)
    .pluck()
    .get(prefix) as string | null;
  const n = last ? Number(last.slice(prefix.length)) + 1 : 1;
  return prefix + String(n).padStart(4, '0');
}

export function createVoucher(ctx: Ctx, input: CreateInput): number {
  const s = ctx.user();
  if (input.kind === 'impairment') refuseImpairmentUnderSbe(ctx);
  const c = card(ctx, input.assetId);
  const date = input.date ?? ctx.today;
  assertPeriodOpen(ctx.sqlite, date);
  if (input.kind === 'method' && input.after.method === 'units_of_production') {
    throw validation('after.method', 'validation.unitsMethodViaVoucher');
  }
  if (input.kind === 'impairment' && !c.in_service_date)
    throw validation('assetId', 'validation.assetNotInService');
  if (input.kind === 'category')
    throwProblems(referenceProblems(ctx.sqlite, { categoryId: input.after.categoryId }));
  if (input.kind === 'expense_department') {
    throwProblems(referenceProblems(ctx.sqlite, { expenseDepartmentId: input.after.expenseDepartmentId }));
  }
  const { before, after } = plan(c, input);
  const residual = (after.residualValue ?? c.residual_value) as number;
  const cost = (after.cost ?? c.cost) as number;
  if (residual > cost) throw validation('after.residualValue', 'validation.residualExceedsCost', { cost });
  if (input.kind !== 'impairment' && Object.keys(after).length === 0) {
    throw validation('after', 'validation.changeVoucherNoChange');
  }
  const info = ctx.sqlite
    .prepare(
      `INSERT INTO change_vouchers (number, asset_id, kind, before, after, reason, voucher_date, status, created_by,
         comment, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, '', 1, ?, ?)`,
    )
    .run(
      nextNumber(ctx, date),
      c.id,
      input.kind,
      JSON.stringify(before),
      JSON.stringify(after),
      input.reason,
      date,
      s.userId,
      ctx.nowIso,
      ctx.nowIso,
    );
  const id = Number(info.lastInsertRowid);
  ctx.audit({
    entity: 'change_voucher',
    entityId: id,
    details: { assetId: c.id, kind: input.kind, before, after, reason: input.reason },
  });
  return id;
}

interface VoucherRow {
  id: number;
  number: string;
  asset_id: number;
  kind: ChangeKind;
  before: string;
  after: string;
  status: string;
  created_by: number | null;
  version: number;
}

export function decideVoucher(
  ctx: Ctx,
  input: { id: number; approve: boolean; comment?: string; version?: number },
): void {
  const s = ctx.user();
  const v = ctx.sqlite.prepare('SELECT * FROM change_vouchers WHERE id = ?').get(input.id) as
    VoucherRow | undefined;
  if (!v) throw notFound('change_voucher', input.id);
  if (input.version !== undefined && v.version !== input.version)
    throw conflict('change_voucher', v.id, { status: v.status });
  if (v.status !== 'pending') {
    throw new AppError('INVALID_TRANSITION', 'errors.invalidTransition', {
      entity: 'change_voucher',
      id: v.id,
      from: v.status,
      to: input.approve ? 'approved' : 'rejected',
    });
  }
  if (v.created_by === s.userId) throw new AppError('FORBIDDEN', 'errors.approveOwnVoucher', { id: v.id });
  const before = JSON.parse(v.before) as Record<string, unknown>;
  const after = JSON.parse(v.after) as Record<string, unknown>;
  const comment = input.comment ?? '';
  if (!input.approve) {
    ctx.sqlite
      .prepare(
        `UPDATE change_vouchers SET status = 'rejected', approved_by = ?, approved_at = ?, comment = ?, version = version + 1,
           updated_at = ? WHERE id = ?`,
      )
      .run(s.userId, ctx.nowIso, comment, ctx.nowIso, v.id);
    ctx.audit({
      action: 'changes.reject',
      entity: 'change_voucher',
      entityId: v.id,
      details: { number: v.number, comment },
    });
    return;
  }
  if (v.kind === 'impairment') refuseImpairmentUnderSbe(ctx);
  assertPeriodOpen(ctx.sqlite, ctx.today);
  const c = card(ctx, v.asset_id);
  const cur = cardValues(c);
  // The card must still be as the voucher found it.
  const moved = Object.keys(before).filter((k) => cur[k] !== before[k]);
  if (moved.length) throw conflict('asset', c.id, { fields: moved, voucher: v.number });
  if (v.kind === 'impairment' && after.remainingLifeMonths !== undefined) {
    // Remaining life counts from the month after approval; the card keeps the total.
    const elapsed = periodIndex(localPeriod(ctx.now)) - (dateMonthIndex(c.in_service_date!) + 1) + 1;
    const total = Math.max(1, elapsed + (after.remainingLifeMonths as number));
    if (total !== c.life_months) {
      before.lifeMonths = c.life_months;
      after.lifeMonths = total;
    }
  }
  if (v.kind === 'impairment' && after.residualValue !== undefined) {
    before.residualRate = cur.residualRate;
    after.residualRate = rateFromResidual(c.cost, after.residualValue as number) / 10000;
  }
  const fields = Object.keys(after).filter((k) => k in COLUMNS && after[k] !== cur[k]);
  if (fields.length) {
    const sets = fields.map((f) => `${COLUMNS[f]} = @${f}`);
    const values: Record<string, unknown> = {};
    for (const f of fields) values[f] = f === 'residualRate' ? toBp(after[f] as number) : after[f];
    ctx.sqlite
      .prepare(
        `UPDATE assets SET ${sets.join(', ')}, version = version + 1, updated_at = @now, updated_by = @uid WHERE id = @id`,
      )
      .run({ ...values, now: ctx.nowIso, uid: s.userId, id: c.id });
  }
  const effective = periodOf(periodIndex(localPeriod(ctx.now)) + 1);
  recordAssetEvent(ctx, {
    assetId: c.id,
    kind: 'change_voucher',
    changes: Object.keys(after).map((f) => ({
      field: f,
      before: f in before ? before[f] : (cur[f] ?? null),
      after: after[f],
    })),
    note: `${v.number} ${effective}`,
    version: fields.length ? c.version + 1 : null,
  });
  ctx.sqlite
    .prepare(
      `UPDATE change_vouchers SET status = 'approved', before = ?, after = ?, approved_by = ?, approved_at = ?,
         approval_date = ?, effective_period = ?, comment = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .run(
      JSON.stringify(before),
      JSON.stringify(after),
      s.userId,
      ctx.nowIso,
      ctx.today,
      effective,
      comment,
      ctx.nowIso,
      v.id,
    );
  ctx.audit({
    action: 'changes.approve',
    entity: 'change_voucher',
    entityId: v.id,
    details: { number: v.number, assetId: c.id, kind: v.kind, before, after, effective, comment },
  });
  ctx.emit('assets.changed', { ids: [c.id] });
}

interface ListRow {
  id: number;
  number: string;
  asset_id: number;
  asset_code: string;
  asset_name: string;
  kind: ChangeKind;
  before: string;
  after: string;
  reason: string;
  voucher_date: string;
  status: ChangeVoucherDto['status'];
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
  approved_by: number | null;
  approved_by_name: string | null;
  approved_at: string | null;
  effective_period: string | null;
  comment: string;
  version: number;
}

export const VOUCHER_SELECT = `SELECT v.*, a.asset_code, a.name AS asset_name, cu.display_name AS created_by_name,
  au.display_name AS approved_by_name FROM change_vouchers v JOIN assets a ON a.id = v.asset_id
  LEFT JOIN users cu ON cu.id = v.created_by LEFT JOIN users au ON au.id = v.approved_by`;

export function toVoucherDto(r: ListRow): ChangeVoucherDto {
  return {
    id: r.id,
    number: r.number,
    assetId: r.asset_id,
    assetCode: r.asset_code,
    assetName: r.asset_name,
    kind: r.kind,
    before: JSON.parse(r.before) as Record<string, unknown>,
    after: JSON.parse(r.after) as Record<string, unknown>,
    reason: r.reason,
    date: r.voucher_date,
    status: r.status,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    approvedBy: r.approved_by,
    approvedByName: r.approved_by_name,
    approvedAt: r.approved_at,
    effectivePeriod: r.effective_period,
    comment: r.comment,
    version: r.version,
  };
}

export function getVoucher(ctx: Ctx, id: number): ChangeVoucherDto {
  const r = ctx.sqlite.prepare(`${VOUCHER_SELECT} WHERE v.id = ?`).get(id) as ListRow | undefined;
  if (!r) throw notFound('change_voucher', id);
  return toVoucherDto(r);
}

export type { ListRow as VoucherListRow };
