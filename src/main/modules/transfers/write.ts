// Creating, approving and applying transfers: the checks on each asset (live, movable, not under a
// count, not on another open transfer), the approval for moves across departments, and the move
// itself (one history event per asset; an expense-department change of a depreciated asset goes
// through a change voucher instead of a direct edit).
import type { Ctx } from '../../api/context';
import { AppError, conflict, notFound, validation } from '../../api/errors';
import { stmt } from '../../db/statements';
import { nextDocumentNumber } from '../approvals/numbers';
import { registerApprovalKind } from '../approvals/registry';
import { cancelApproval, startApproval } from '../approvals/engine';
import { pickEditable } from '../assets/fields';
import { assetRow, toAssetDto, type AssetRow } from '../assets/rows';
import { applyPatch, patchedValues } from '../assets/write';
import { changeAssetStatus } from '../assets/status';
import { assertNotUnderCount } from '../counts/lock';
import { hasPostedDepreciation } from '../changes/guard';
import { createVoucher } from '../changes/vouchers';
import type { TransferStatus } from './contract';

export const KIND = 'transfer';
/** Only assets in these statuses move; lent ones come back first, repairs finish first. */
const MOVABLE = ['in_use', 'idle'];
const OPEN: TransferStatus[] = ['pending', 'returned'];

export interface TransferRow {
  id: number;
  number: string;
  kind: 'issue' | 'transfer';
  status: TransferStatus;
  to_department_id: number | null;
  to_location_id: number | null;
  to_custodian_id: number | null;
  reason: string;
  transfer_date: string;
  crosses_departments: number;
  requester_id: number;
  version: number;
}

export function transferRow(ctx: Ctx, id: number): TransferRow {
  const t = ctx.sqlite.prepare('SELECT * FROM transfers WHERE id = ?').get(id) as TransferRow | undefined;
  if (!t) throw notFound('transfer', id);
  return t;
}

/** ASSET_LOCKED when the asset is on a transfer still waiting (another one must not move it meanwhile). */
export function assertNoOpenTransfer(ctx: Ctx, assetId: number, code: string, exceptId?: number): void {
  // Once per asset of a document (movableAssets): the statement is prepared once per connection.
  const open = stmt(
    ctx.sqlite,
    `SELECT t.id, t.number FROM transfer_lines l JOIN transfers t ON t.id = l.transfer_id
       WHERE l.asset_id = ? AND t.status IN ('pending', 'returned') LIMIT 1`,
  ).get(assetId) as { id: number; number: string } | undefined;
  if (open && open.id !== exceptId)
    throw new AppError('ASSET_LOCKED', 'errors.transferPending', { id: assetId, code, number: open.number });
}

function movable(ctx: Ctx, assetId: number): AssetRow {
  const a = assetRow(ctx.sqlite, assetId);
  if (!a) throw notFound('asset', assetId);
  assertNotUnderCount(ctx.sqlite, a.id);
  if (!MOVABLE.includes(a.status)) {
    throw new AppError('INVALID_TRANSITION', 'errors.transferAssetStatus', {
      id: a.id,
      code: a.asset_code,
      status: a.status,
    });
  }
  return a;
}

function checkRef(ctx: Ctx, table: string, path: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!ctx.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(value))
    throw validation(path, 'validation.notFound', { id: value });
}

export interface Destination {
  departmentId?: number;
  locationId?: number;
  custodianId?: number;
}

/** The department a destination puts the assets in: the one named, else the person's own. */
export function destinationDepartment(ctx: Ctx, to: Destination): number | null {
  checkRef(ctx, 'departments', 'to.departmentId', to.departmentId);
  checkRef(ctx, 'locations', 'to.locationId', to.locationId);
  checkRef(ctx, 'custodians', 'to.custodianId', to.custodianId);
  // A person's department comes with them unless the move names another.
  return (
    to.departmentId ??
    (to.custodianId !== undefined
      ? ((ctx.sqlite
          .prepare('SELECT department_id FROM custodians WHERE id = ?')
          .pluck()
          .get(to.custodianId) as number | null) ?? null)
      : null)
  );
}

/** The assets, each checked movable and on no other open transfer (this one excepted). */
export function movableAssets(ctx: Ctx, assetIds: number[], exceptId?: number): AssetRow[] {
  return [...new Set(assetIds)].map((id) => {
    const a = movable(ctx, id);
    assertNoOpenTransfer(ctx, a.id, a.asset_code, exceptId);
    return a;
  });
}

/** What the assets and the destination make of the document: an issue or a transfer, across departments or not. */
export function classify(assets: AssetRow[], toDept: number | null) {
  return {
    crosses: toDept !== null && assets.some((a) => a.department_id !== null && a.department_id !== toDept),
    kind: assets.every((a) => a.status === 'idle') ? ('issue' as const) : ('transfer' as const),
  };
}

/** Snapshots where each asset comes from (replacing any earlier snapshot of the document). */
export function writeLines(ctx: Ctx, transferId: number, assets: AssetRow[]): void {
  ctx.sqlite.prepare('DELETE FROM transfer_lines WHERE transfer_id = ?').run(transferId);
  const ins = ctx.sqlite.prepare(
    `INSERT INTO transfer_lines (transfer_id, asset_id, from_department_id, from_expense_department_id,
       from_location_id, from_custodian_id, from_status) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of assets)
    ins.run(
      transferId,
      a.id,
      a.department_id,
      a.expense_department_id,
      a.location_id,
      a.custodian_id,
      a.status,
    );
}

export function createTransfer(
  ctx: Ctx,
  input: { assetIds: number[]; to: Destination; reason: string; date?: string },
): number {
  const me = ctx.user();
  const toDept = destinationDepartment(ctx, input.to);
  const assets = movableAssets(ctx, input.assetIds);
  const ids = assets.map((a) => a.id);
  const { crosses, kind } = classify(assets, toDept);
  const number = nextDocumentNumber(ctx.sqlite, 'TR', ctx.today);
  const id = Number(
    ctx.sqlite
      .prepare(
        `INSERT INTO transfers (number, kind, status, to_department_id, to_location_id, to_custodian_id, reason,
           transfer_date, crosses_departments, requester_id, version, created_at, updated_at)
         VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      )
      .run(
        number,
        kind,
        toDept,
        input.to.locationId ?? null,
        input.to.custodianId ?? null,
        input.reason,
        input.date ?? ctx.today,
        crosses ? 1 : 0,
        me.userId,
        ctx.nowIso,
        ctx.nowIso,
      ).lastInsertRowid,
  );
  writeLines(ctx, id, assets);
  ctx.audit({
    entity: KIND,
    entityId: id,
    details: {
      number,
      kind,
      assetIds: ids,
      to: { ...input.to, departmentId: toDept },
      crosses,
      reason: input.reason,
    },
  });
  if (crosses) startApproval(ctx, KIND, id);
  else applyTransfer(ctx, id);
  ctx.emit('transfers.changed', { id });
  return id;
}

export function setStatus(ctx: Ctx, id: number, status: TransferStatus, note = ''): void {
  ctx.sqlite
    .prepare(
      `UPDATE transfers SET status = ?, decided_at = ?, decision_note = ?, version = version + 1, updated_at = ?
       WHERE id = ?`,
    )
    .run(status, status === 'done' || status === 'rejected' ? ctx.nowIso : null, note, ctx.nowIso, id);
  ctx.emit('transfers.changed', { id, status });
}

/** Moves every asset of the transfer; runs at once or when the approval finishes. */
export function applyTransfer(ctx: Ctx, id: number): void {
  const t = transferRow(ctx, id);
  const lines = ctx.sqlite
    .prepare('SELECT id, asset_id FROM transfer_lines WHERE transfer_id = ? ORDER BY id')
    .all(id) as { id: number; asset_id: number }[];
  const note = `${t.number} ${t.reason}`;
  for (const line of lines) {
    const a = movable(ctx, line.asset_id);
    const patch: {
      departmentId?: number;
      locationId?: number;
      custodianId?: number;
      expenseDepartmentId?: number | null;
    } = {};
    if (t.to_department_id !== null) patch.departmentId = t.to_department_id;
    if (t.to_location_id !== null) patch.locationId = t.to_location_id;
    if (t.to_custodian_id !== null) patch.custodianId = t.to_custodian_id;
    const before = pickEditable(toAssetDto(a));
    const after = patchedValues(before, patch);
    if (after.expenseDepartmentId !== before.expenseDepartmentId && hasPostedDepreciation(ctx.sqlite, a.id)) {
      // The books already carry this asset's depreciation under the old department: the new one takes
      // over through a voucher approved by a second person, from the month after approval.
      patch.expenseDepartmentId = before.expenseDepartmentId;
      const voucherId = createVoucher(ctx, {
        assetId: a.id,
        kind: 'expense_department',
        after: { expenseDepartmentId: after.expenseDepartmentId },
        reason: `调拨 ${note}`.slice(0, 500),
        date: ctx.today,
      });
      ctx.sqlite
        .prepare('UPDATE transfer_lines SET change_voucher_id = ? WHERE id = ?')
        .run(voucherId, line.id);
    }
    applyPatch(ctx, a, patch, 'transfer', note);
    if (a.status === 'idle') changeAssetStatus(ctx, a.id, 'in_use', note, { kind: 'issue' });
    ctx.emit('assets.changed', { ids: [a.id] });
  }
  setStatus(ctx, id, 'done');
  ctx.audit({
    action: 'transfers.apply',
    entity: KIND,
    entityId: id,
    details: { number: t.number, assetIds: lines.map((l) => l.asset_id) },
  });
}

export function cancelTransfer(ctx: Ctx, input: { id: number; version: number; reason: string }): void {
  const t = transferRow(ctx, input.id);
  if (t.requester_id !== ctx.user().userId && !ctx.user().roles.includes('admin'))
    throw new AppError('FORBIDDEN', 'errors.transferNotOwner', { number: t.number });
  if (t.version !== input.version)
    throw conflict('transfer', t.id, { currentVersion: t.version, status: t.status });
  if (!OPEN.includes(t.status))
    throw new AppError('INVALID_TRANSITION', 'errors.transferStatus', { number: t.number, status: t.status });
  cancelApproval(ctx, KIND, t.id, input.reason);
  setStatus(ctx, t.id, 'cancelled', input.reason);
  ctx.audit({ entity: KIND, entityId: t.id, details: { number: t.number, reason: input.reason } });
}

registerApprovalKind({
  kind: KIND,
  facts(ctx, documentId) {
    const t = transferRow(ctx, documentId);
    const agg = ctx.sqlite
      .prepare(
        `SELECT count(*) AS n, coalesce(sum(a.cost), 0) AS amount, min(l.from_department_id) AS dept,
           json_group_array(DISTINCT a.category_id) AS cats
         FROM transfer_lines l JOIN assets a ON a.id = l.asset_id WHERE l.transfer_id = ?`,
      )
      .get(documentId) as { n: number; amount: number; dept: number | null; cats: string };
    const requesterDept = ctx.sqlite
      .prepare('SELECT department_id FROM users WHERE id = ?')
      .pluck()
      .get(t.requester_id) as number | null;
    return {
      number: t.number,
      title: `调拨 ${agg.n} 项资产: ${t.reason}`.slice(0, 200),
      amount: agg.amount,
      requesterId: t.requester_id,
      // The giving department decides whether its assets leave.
      departmentId: agg.dept ?? requesterDept ?? null,
      categoryIds: JSON.parse(agg.cats) as number[],
    };
  },
  onApproved: (ctx, id) => applyTransfer(ctx, id),
  onRejected: (ctx, id, reason) => setStatus(ctx, id, 'rejected', reason),
  onReturned: (ctx, id, reason) => setStatus(ctx, id, 'returned', reason),
  defaultSteps: [{ name: '调出部门负责人', approver: { type: 'department_head' } }],
  readPermissions: ['transfers.read'],
});
