// Disposal requests: the checks before approval (open repair, lent out, open count, dates), the asset to
// pending_disposal, the approval kind 'disposal', and on the final approval the posting in the approver's
// transaction: status disposed, amounts after the disposal month's charge, gain or loss, the voucher.
import type { Ctx } from '../../api/context';
import { AppError, conflict, notFound, validation } from '../../api/errors';
import { assetRow } from '../assets/rows';
import { changeAssetStatus } from '../assets/status';
import { canTransition, type AssetStatus } from '../assets/statuses';
import { nextDocumentNumber } from '../approvals/numbers';
import { cancelApproval, startApproval } from '../approvals/engine';
import { registerApprovalKind } from '../approvals/registry';
import { assertNotUnderCount } from '../counts/lock';
import { BOOK } from '../depreciation/ledger-month';
import { lastPostedPeriod } from '../depreciation/run';
import { assertPeriodOpen } from '../periods/lock';
import { openRepairOf } from '../repairs/rows';
import { writeDocumentVoucher } from '../vouchers/document';
import { amountsAt, disposalVoucher } from './accounting';
import type { DisposalKind, DisposalStatus } from './contract';

export const KIND = 'disposal';

export interface DisposalRow {
  id: number;
  number: string;
  asset_id: number;
  kind: DisposalKind;
  date: string;
  proceeds: number;
  costs: number;
  reason: string;
  status: DisposalStatus;
  previous_status: string;
  requested_by: number | null;
  department_id: number | null;
  version: number;
}

export function disposalRow(ctx: Ctx, id: number): DisposalRow {
  const r = ctx.sqlite.prepare('SELECT * FROM disposals WHERE id = ?').get(id) as DisposalRow | undefined;
  if (!r) throw notFound('disposal', id);
  return r;
}

export interface DisposalRequest {
  assetId: number;
  kind: DisposalKind;
  date: string;
  proceeds: number;
  costs: number;
  reason: string;
}

/** The dates a disposal may carry: open period, not before service, not before posted depreciation. */
function checkDate(ctx: Ctx, date: string, inServiceDate: string | null): void {
  if (date > ctx.today) throw validation('date', 'validation.disposalDateFuture', { today: ctx.today });
  if (inServiceDate && date < inServiceDate)
    throw validation('date', 'validation.disposalBeforeInService', { inServiceDate });
  assertPeriodOpen(ctx.sqlite, date);
  const posted = lastPostedPeriod(ctx.sqlite);
  // A later month already charged the asset: the disposal month must be the last one charged.
  if (posted && date.slice(0, 7) < posted)
    throw validation('date', 'validation.disposalBeforePosted', { period: date.slice(0, 7), posted });
}

/**
 * The checks before approval, run at request, at resubmission and again at the final approval (the asset
 * may have been counted, lent or sent to repair while the request waited): no other pending disposal, no
 * open count holding it, no open repair, not lent out. Returns the asset row.
 */
function assertDisposable(
  ctx: Ctx,
  assetId: number,
  self: number | null,
): NonNullable<ReturnType<typeof assetRow>> {
  const asset = assetRow(ctx.sqlite, assetId);
  if (!asset || asset.deleted_at) throw notFound('asset', assetId);
  const pending = ctx.sqlite
    .prepare(`SELECT number FROM disposals WHERE asset_id = ? AND status = 'pending' AND id IS NOT ?`)
    .pluck()
    .get(asset.id, self) as string | undefined;
  if (pending) throw new AppError('INVALID_TRANSITION', 'errors.disposalAlreadyPending', { number: pending });
  assertNotUnderCount(ctx.sqlite, asset.id);
  const repair = openRepairOf(ctx.sqlite, asset.id);
  if (repair)
    throw new AppError('INVALID_TRANSITION', 'errors.disposalOpenRepair', { number: repair.number });
  // The loans module keeps the status ('lent' is authoritative); an open loan row says the same.
  const onLoan = ctx.sqlite
    .prepare(`SELECT 1 FROM loans WHERE asset_id = ? AND status = 'out' LIMIT 1`)
    .get(asset.id);
  if (asset.status === 'lent' || onLoan)
    throw new AppError('INVALID_TRANSITION', 'errors.disposalAssetLent', { id: asset.id });
  return asset;
}

/**
 * Creates and submits a disposal request. Also the door for the counts module: a 盘亏 resolution
 * creates a write_off request here (after the count is posted, so the count no longer holds the asset).
 */
export function createDisposalRequest(ctx: Ctx, input: DisposalRequest): number {
  const me = ctx.user();
  const asset = assertDisposable(ctx, input.assetId, null);
  checkDate(ctx, input.date, asset.in_service_date);

  const number = nextDocumentNumber(ctx.sqlite, 'CZ', ctx.today);
  const id = Number(
    ctx.sqlite
      .prepare(
        `INSERT INTO disposals (number, asset_id, kind, date, proceeds, costs, reason, status, previous_status,
           requested_by, department_id, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, 1, ?, ?)`,
      )
      .run(
        number,
        asset.id,
        input.kind,
        input.date,
        input.proceeds,
        input.costs,
        input.reason,
        asset.status,
        me.userId,
        asset.department_id ?? me.departmentId,
        ctx.nowIso,
        ctx.nowIso,
      ).lastInsertRowid,
  );
  changeAssetStatus(ctx, asset.id, 'pending_disposal', `处置申请 ${number}：${input.reason}`, {
    kind: 'disposal',
  });
  ctx.audit({ entity: KIND, entityId: id, details: { number, ...input } });
  startApproval(ctx, KIND, id);
  ctx.emit('disposals.changed', { id });
  return id;
}

/** How the card's timeline says a request did not go through. */
const SETTLED_WORDS: Partial<Record<DisposalStatus, string>> = {
  rejected: '被驳回',
  returned: '被退回修改',
  cancelled: '已撤回',
};

/** The request did not go through: the asset goes back to where it was (idle where the table says no). */
function settle(ctx: Ctx, id: number, status: DisposalStatus, reason: string): void {
  const d = disposalRow(ctx, id);
  ctx.sqlite
    .prepare(
      'UPDATE disposals SET status = ?, decided_reason = ?, version = version + 1, updated_at = ? WHERE id = ?',
    )
    .run(status, reason, ctx.nowIso, id);
  const now = assetRow(ctx.sqlite, d.asset_id)!.status as AssetStatus;
  if (now === 'pending_disposal') {
    const prev = d.previous_status as AssetStatus;
    const to: AssetStatus = canTransition('pending_disposal', prev) ? prev : 'idle';
    const why = reason ? `：${reason}` : '';
    changeAssetStatus(ctx, d.asset_id, to, `处置 ${d.number} ${SETTLED_WORDS[status] ?? status}${why}`, {
      kind: 'disposal',
    });
  }
  ctx.emit('disposals.changed', { id });
}

/** The requester's own disposal at the version read, in one of the given statuses. */
function ownDisposal(ctx: Ctx, id: number, version: number, allowed: DisposalStatus[]): DisposalRow {
  const d = disposalRow(ctx, id);
  if (d.requested_by !== ctx.user().userId)
    throw new AppError('FORBIDDEN', 'errors.disposalNotOwner', { number: d.number });
  if (d.version !== version)
    throw conflict('disposal', d.id, { currentVersion: d.version, status: d.status });
  if (!allowed.includes(d.status))
    throw new AppError('INVALID_TRANSITION', 'errors.disposalStatus', { number: d.number, status: d.status });
  return d;
}

export function cancelDisposal(ctx: Ctx, input: { id: number; version: number; reason?: string }): void {
  const d = ownDisposal(ctx, input.id, input.version, ['pending', 'returned']);
  if (d.status === 'pending') cancelApproval(ctx, KIND, d.id, input.reason ?? '');
  else
    ctx.audit({
      action: 'disposals.cancel',
      entity: KIND,
      entityId: d.id,
      details: { number: d.number, reason: input.reason ?? '' },
    });
  settle(ctx, d.id, 'cancelled', input.reason ?? '');
}

/** Edits a disposal returned for changes (the requester's own); resubmitting re-runs every check. */
export function updateDisposal(
  ctx: Ctx,
  input: { id: number; version: number } & Partial<Omit<DisposalRequest, 'assetId'>>,
): void {
  const d = ownDisposal(ctx, input.id, input.version, ['returned']);
  const after = {
    kind: input.kind ?? d.kind,
    date: input.date ?? d.date,
    proceeds: input.proceeds ?? d.proceeds,
    costs: input.costs ?? d.costs,
    reason: input.reason ?? d.reason,
  };
  if (input.date !== undefined) checkDate(ctx, after.date, assetRow(ctx.sqlite, d.asset_id)!.in_service_date);
  ctx.sqlite
    .prepare(
      `UPDATE disposals SET kind = ?, date = ?, proceeds = ?, costs = ?, reason = ?, version = version + 1,
         updated_at = ? WHERE id = ?`,
    )
    .run(after.kind, after.date, after.proceeds, after.costs, after.reason, ctx.nowIso, d.id);
  ctx.audit({
    entity: KIND,
    entityId: d.id,
    details: {
      number: d.number,
      before: { kind: d.kind, date: d.date, proceeds: d.proceeds, costs: d.costs, reason: d.reason },
      after,
    },
  });
  ctx.emit('disposals.changed', { id: d.id });
}

/** Resubmits a returned disposal: the checks again, the asset back to pending_disposal, a new approval round. */
export function submitDisposal(ctx: Ctx, input: { id: number; version: number; comment?: string }): void {
  const d = ownDisposal(ctx, input.id, input.version, ['returned']);
  const asset = assertDisposable(ctx, d.asset_id, d.id);
  checkDate(ctx, d.date, asset.in_service_date);
  ctx.sqlite
    .prepare(
      `UPDATE disposals SET status = 'pending', previous_status = ?, decided_reason = '', version = version + 1,
         updated_at = ? WHERE id = ?`,
    )
    .run(asset.status, ctx.nowIso, d.id);
  changeAssetStatus(ctx, asset.id, 'pending_disposal', `处置申请 ${d.number}（重新提交）：${d.reason}`, {
    kind: 'disposal',
  });
  ctx.audit({ entity: KIND, entityId: d.id, details: { number: d.number, comment: input.comment ?? '' } });
  startApproval(ctx, KIND, d.id, input.comment ?? '');
  ctx.emit('disposals.changed', { id: d.id });
}

/** Final approval: one transaction (the approver's) posts the disposal. */
function approve(ctx: Ctx, id: number): void {
  const d = disposalRow(ctx, id);
  const period = d.date.slice(0, 7);
  const asset = assertDisposable(ctx, d.asset_id, d.id);
  assertPeriodOpen(ctx.sqlite, d.date);
  const posted = lastPostedPeriod(ctx.sqlite);
  if (posted && period < posted) {
    // Depreciation was posted past the disposal month while the request waited: re-date and resubmit.
    throw new AppError('VALIDATION', 'errors.disposalDatePosted', { number: d.number, period, posted });
  }
  // Approved first: the ledger takes the disposal month from the approved disposal's date.
  ctx.sqlite
    .prepare(`UPDATE disposals SET status = 'approved', approved_at = ?, updated_at = ? WHERE id = ?`)
    .run(ctx.nowIso, ctx.nowIso, id);
  changeAssetStatus(ctx, d.asset_id, 'disposed', `处置 ${d.number}（${d.date}）：${d.reason}`, {
    kind: 'disposal',
  });
  const a = amountsAt(ctx.sqlite, d.asset_id, d.date, d);
  const v = disposalVoucher(
    ctx.sqlite,
    { ...d, assetId: d.asset_id, assetCode: asset.asset_code, assetName: asset.name },
    a,
  );
  const voucherId = writeDocumentVoucher(ctx.sqlite, {
    kind: 'disposal',
    documentId: id,
    documentNumber: d.number,
    date: d.date,
    word: v.word,
    summary: v.summary,
    lines: v.lines,
    userId: ctx.user().userId,
    nowIso: ctx.nowIso,
  });
  ctx.sqlite
    .prepare(
      `UPDATE disposals SET cost = ?, accumulated = ?, impairment = ?, net_book_value = ?, gain_loss = ?,
         voucher_id = ?, version = version + 1 WHERE id = ?`,
    )
    .run(a.cost, a.accumulated, a.impairment, a.netBookValue, a.gainLoss, voucherId, id);
  // The disposal month already posted (the last posted month): its entry now marks the asset leaving.
  ctx.sqlite
    .prepare('UPDATE depreciation_entries SET disposed = 1 WHERE period = ? AND book = ? AND asset_id = ?')
    .run(period, BOOK, d.asset_id);
  ctx.audit({
    action: 'disposals.approved',
    entity: KIND,
    entityId: id,
    details: {
      number: d.number,
      assetId: d.asset_id,
      date: d.date,
      ...a,
      voucherId,
      voucher: v.lines.map((l) => [l.account.code, l.debit, l.credit]),
    },
  });
  ctx.emit('disposals.changed', { id });
}

registerApprovalKind({
  kind: KIND,
  facts(ctx, documentId) {
    const d = disposalRow(ctx, documentId);
    const a = assetRow(ctx.sqlite, d.asset_id)!;
    return {
      number: d.number,
      title: `${a.asset_code} ${a.name}`,
      // Conditions on amount read the original cost (原值) of what is disposed of.
      amount: a.cost,
      requesterId: d.requested_by ?? 0,
      departmentId: d.department_id,
      categoryIds: [a.category_id],
    };
  },
  onApproved: (ctx, id) => approve(ctx, id),
  onRejected: (ctx, id, reason) => settle(ctx, id, 'rejected', reason),
  onReturned: (ctx, id, reason) => settle(ctx, id, 'returned', reason),
  // Out of the box: finance decides every disposal (templates may add the department head or the GM).
  defaultSteps: [{ name: '财务', approver: { type: 'role', role: 'accountant' } }],
  readPermissions: ['disposals.read'],
});
