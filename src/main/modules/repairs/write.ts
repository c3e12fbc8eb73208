// Changing work orders: reporting (the asset goes to in_repair through the status door), moving through
// the statuses, assignment, costs and files, and closing — expensed, or capitalised by change voucher.
import type { z } from 'zod';
import type { Ctx } from '../../api/context';
import { AppError, notFound, validation } from '../../api/errors';
import { addAttachment } from '../assets/attachments';
import { visibleAsset } from '../assets/rows';
import { changeAssetStatus } from '../assets/status';
import { canTransition, type AssetStatus } from '../assets/statuses';
import { nextDocumentNumber } from '../approvals/numbers';
import { ChangeCreateInput } from '../changes/contract';
import { createVoucher } from '../changes/vouchers';
import type { RepairStatus, RepairUpdateInput, RepairUrgency } from './contract';
import { assertRepairStatus, lockedRepair, OPEN_STATUSES, type RepairRow } from './rows';

type Upload = { fileName: string; mime: string; data: string };

/** Where each status may go with repairs.update; done → closed is repairs.close. */
const NEXT: Record<RepairStatus, RepairStatus[]> = {
  reported: ['accepted', 'cancelled'],
  accepted: ['in_repair', 'waiting_parts', 'done', 'cancelled'],
  in_repair: ['waiting_parts', 'done', 'cancelled'],
  waiting_parts: ['in_repair', 'done', 'cancelled'],
  done: [],
  closed: [],
  cancelled: [],
};

function attach(ctx: Ctx, r: { id: number; asset_id: number }, uploads: Upload[], role: 'photo' | 'invoice') {
  const link = ctx.sqlite.prepare(
    'INSERT INTO repair_attachments (repair_id, attachment_id, role) VALUES (?, ?, ?)',
  );
  for (const u of uploads) {
    const a = addAttachment(ctx, {
      assetId: r.asset_id,
      fileName: u.fileName,
      mime: u.mime,
      kind: role,
      data: u.data,
    });
    link.run(r.id, a.id, role);
  }
}

export function createRepair(
  ctx: Ctx,
  input: { assetId: number; fault: string; urgency: RepairUrgency; photos: Upload[] },
): number {
  const me = ctx.user();
  const asset = visibleAsset(ctx, input.assetId);
  const holding = ctx.sqlite
    .prepare('SELECT number FROM repairs WHERE asset_id = ? AND holds_asset = 1')
    .pluck()
    .get(asset.id) as string | undefined;
  if (holding || asset.status === 'in_repair') {
    throw new AppError('INVALID_TRANSITION', 'errors.repairAlreadyOpen', {
      id: asset.id,
      number: holding ?? '',
    });
  }
  const number = nextDocumentNumber(ctx.sqlite, 'WX', ctx.today);
  const id = Number(
    ctx.sqlite
      .prepare(
        `INSERT INTO repairs (number, asset_id, fault, urgency, status, previous_status, holds_asset, reported_by,
           reported_date, version, created_at, updated_at) VALUES (?, ?, ?, ?, 'reported', ?, 1, ?, ?, 1, ?, ?)`,
      )
      .run(
        number,
        asset.id,
        input.fault,
        input.urgency,
        asset.status,
        me.userId,
        ctx.today,
        ctx.nowIso,
        ctx.nowIso,
      ).lastInsertRowid,
  );
  changeAssetStatus(ctx, asset.id, 'in_repair', `报修 ${number}：${input.fault}`, { kind: 'repair' });
  attach(ctx, { id, asset_id: asset.id }, input.photos, 'photo');
  ctx.audit({
    entity: 'repair',
    entityId: id,
    details: {
      number,
      assetId: asset.id,
      fault: input.fault,
      urgency: input.urgency,
      photos: input.photos.length,
    },
  });
  ctx.emit('repairs.changed', { id, status: 'reported' });
  return id;
}

/** The order lets go of the asset: back to where it was (idle if the table cannot go there from repair). */
function releaseAsset(ctx: Ctx, r: RepairRow, why: string): void {
  if (!r.holds_asset) return;
  ctx.sqlite.prepare('UPDATE repairs SET holds_asset = 0 WHERE id = ?').run(r.id);
  const now = ctx.sqlite
    .prepare('SELECT status FROM assets WHERE id = ?')
    .pluck()
    .get(r.asset_id) as AssetStatus;
  // Someone moved the card on (e.g. pending disposal): leave it where it is.
  if (now !== 'in_repair') return;
  const prev = r.previous_status as AssetStatus;
  const to: AssetStatus = canTransition('in_repair', prev) ? prev : 'idle';
  changeAssetStatus(ctx, r.asset_id, to, `${r.number} ${why}`, { kind: 'repair' });
}

function checkAssignment(ctx: Ctx, input: z.output<typeof RepairUpdateInput>, r: RepairRow) {
  const type = input.assigneeType === undefined ? r.assignee_type : input.assigneeType;
  const userId = input.assigneeUserId === undefined ? r.assignee_user_id : input.assigneeUserId;
  const vendorId = input.vendorId === undefined ? r.vendor_id : input.vendorId;
  if (userId !== null) {
    const ok = ctx.sqlite.prepare('SELECT active FROM users WHERE id = ?').pluck().get(userId) as
      number | undefined;
    if (!ok) throw validation('assigneeUserId', 'validation.notFound', { entity: 'user', id: userId });
  }
  if (vendorId !== null) {
    const ok = ctx.sqlite.prepare('SELECT active FROM suppliers WHERE id = ?').pluck().get(vendorId) as
      number | undefined;
    if (!ok) throw validation('vendorId', 'validation.notFound', { entity: 'supplier', id: vendorId });
  }
  if (type === 'internal' && userId === null) throw validation('assigneeUserId', 'validation.required');
  if (type === 'vendor' && vendorId === null) throw validation('vendorId', 'validation.required');
  return {
    type,
    userId: type === 'vendor' ? null : userId,
    vendorId: type === 'internal' ? null : vendorId,
  };
}

export function updateRepair(ctx: Ctx, input: z.output<typeof RepairUpdateInput>): void {
  const r = lockedRepair(ctx, input.id, input.version);
  assertRepairStatus(r, OPEN_STATUSES, input.status ?? r.status);
  const to = input.status;
  if (to && to !== r.status && !NEXT[r.status].includes(to)) {
    throw new AppError('INVALID_TRANSITION', 'errors.repairStatus', { number: r.number, from: r.status, to });
  }
  const a = checkAssignment(ctx, input, r);
  const status = to ?? r.status;
  const acceptedAt =
    status !== 'reported' && !r.accepted_at && status !== 'cancelled' ? ctx.nowIso : r.accepted_at;
  const done = to === 'done' && r.status !== 'done';
  ctx.sqlite
    .prepare(
      `UPDATE repairs SET status = @status, fault = @fault, urgency = @urgency, assignee_type = @type,
         assignee_user_id = @userId, vendor_id = @vendorId, accepted_at = @acceptedAt, done_at = @doneAt,
         done_date = @doneDate, parts_cost = @parts, labour_cost = @labour, vendor_cost = @vendor, note = @note,
         version = version + 1, updated_at = @now WHERE id = @id`,
    )
    .run({
      id: r.id,
      status,
      fault: input.fault ?? r.fault,
      urgency: input.urgency ?? r.urgency,
      type: a.type,
      userId: a.userId,
      vendorId: a.vendorId,
      acceptedAt,
      doneAt: done ? ctx.nowIso : r.done_at,
      doneDate: done ? ctx.today : r.done_date,
      parts: input.partsCost ?? r.parts_cost,
      labour: input.labourCost ?? r.labour_cost,
      vendor: input.vendorCost ?? r.vendor_cost,
      note: input.note ?? r.note,
      now: ctx.nowIso,
    });
  if (input.photos?.length) attach(ctx, r, input.photos, 'photo');
  if (input.invoices?.length) attach(ctx, r, input.invoices, 'invoice');
  if (to === 'done') releaseAsset(ctx, r, '维修完成');
  if (to === 'cancelled') releaseAsset(ctx, r, '报修取消');
  const { photos, invoices, ...rest } = input;
  ctx.audit({
    entity: 'repair',
    entityId: r.id,
    details: {
      ...rest,
      number: r.number,
      from: r.status,
      photos: photos?.length,
      invoices: invoices?.length,
    },
  });
  ctx.emit('repairs.changed', { id: r.id, status });
}

export function closeRepair(
  ctx: Ctx,
  input: {
    id: number;
    version: number;
    note?: string;
    capitalise?: { amount: number; extendLifeMonths?: number };
  },
): void {
  const me = ctx.user();
  const r = lockedRepair(ctx, input.id, input.version);
  assertRepairStatus(r, ['done'], 'closed');
  let costVoucherId: number | null = null;
  let lifeVoucherId: number | null = null;
  if (input.capitalise) {
    const card = ctx.sqlite
      .prepare('SELECT cost, life_months FROM assets WHERE id = ? AND deleted_at IS NULL')
      .get(r.asset_id) as { cost: number; life_months: number } | undefined;
    if (!card) throw notFound('asset', r.asset_id);
    const reason = `大修资本化 ${r.number}：${r.fault}`.slice(0, 500);
    costVoucherId = createVoucher(
      ctx,
      ChangeCreateInput.parse({
        assetId: r.asset_id,
        kind: 'cost',
        reason,
        after: { cost: card.cost + input.capitalise.amount },
      }),
    );
    if (input.capitalise.extendLifeMonths) {
      lifeVoucherId = createVoucher(
        ctx,
        ChangeCreateInput.parse({
          assetId: r.asset_id,
          kind: 'life',
          reason,
          after: { lifeMonths: Math.min(1200, card.life_months + input.capitalise.extendLifeMonths) },
        }),
      );
    }
  }
  ctx.sqlite
    .prepare(
      `UPDATE repairs SET status = 'closed', closed_at = ?, closed_by = ?, note = ?, capitalised_amount = ?,
         extend_life_months = ?, cost_voucher_id = ?, life_voucher_id = ?, version = version + 1, updated_at = ?
       WHERE id = ?`,
    )
    .run(
      ctx.nowIso,
      me.userId,
      input.note ?? r.note,
      input.capitalise?.amount ?? null,
      input.capitalise?.extendLifeMonths ?? null,
      costVoucherId,
      lifeVoucherId,
      ctx.nowIso,
      r.id,
    );
  // A done order has already let go of the asset; this covers an order closed some other way.
  releaseAsset(ctx, r, '维修关闭');
  ctx.audit({
    entity: 'repair',
    entityId: r.id,
    details: { number: r.number, capitalise: input.capitalise ?? null, costVoucherId, lifeVoucherId },
  });
  ctx.emit('repairs.changed', { id: r.id, status: 'closed' });
}
