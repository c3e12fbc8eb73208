// Changing requisitions: drafts and their lines, submit into approval (after the budget check),
// withdrawal, the approval engine's callbacks, and the purchase status once orders cover the lines.
import type { Ctx } from '../../api/context';
import { AppError, conflict, notFound, validation } from '../../api/errors';
import { nextDocumentNumber } from '../approvals/numbers';
import { cancelApproval, startApproval } from '../approvals/engine';
import { registerApprovalKind } from '../approvals/registry';
import type { RequisitionLineInput, RequisitionStatus } from './contract';
import { enforceBudget } from './budgets';
import { KIND, lastChange, requisitionRow, type RequisitionRow } from './rows';
import { templateLines } from './templates';

const EDITABLE: RequisitionStatus[] = ['draft', 'returned'];

function assertOwnVersion(ctx: Ctx, r: RequisitionRow, version: number): void {
  if (r.requester_id !== ctx.user().userId) {
    throw new AppError('FORBIDDEN', 'errors.requisitionNotOwner', { number: r.number });
  }
  if (r.version !== version) {
    throw conflict('requisition', r.id, {
      currentVersion: r.version,
      status: r.status,
      ...lastChange(ctx, r.id),
    });
  }
}

function assertStatus(r: RequisitionRow, allowed: RequisitionStatus[]): void {
  if (!allowed.includes(r.status)) {
    throw new AppError('INVALID_TRANSITION', 'errors.requisitionStatus', {
      number: r.number,
      status: r.status,
    });
  }
}

function checkDepartment(ctx: Ctx, departmentId: number | undefined | null): number {
  const dept = departmentId ?? ctx.user().departmentId;
  if (dept === null || dept === undefined) throw validation('departmentId', 'validation.required');
  const ok = ctx.sqlite.prepare('SELECT active FROM departments WHERE id = ?').pluck().get(dept) as
    number | undefined;
  if (ok === undefined) throw validation('departmentId', 'validation.notFound', { id: dept });
  return dept;
}

function writeLines(ctx: Ctx, requisitionId: number, lines: RequisitionLineInput[]): number {
  const cat = ctx.sqlite.prepare('SELECT 1 FROM categories WHERE id = ?');
  lines.forEach((l, i) => {
    if (!cat.get(l.categoryId))
      throw validation(`lines.${i}.categoryId`, 'validation.notFound', { id: l.categoryId });
  });
  ctx.sqlite.prepare('DELETE FROM requisition_lines WHERE requisition_id = ?').run(requisitionId);
  const insert = ctx.sqlite.prepare(
    `INSERT INTO requisition_lines (requisition_id, line_no, category_id, spec, quantity, unit_price, amount, reason, needed_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let total = 0;
  lines.forEach((l, i) => {
    const amount = l.quantity * l.unitPrice;
    if (!Number.isSafeInteger(amount)) throw validation(`lines.${i}.unitPrice`, 'validation.tooBig');
    total += amount;
    insert.run(
      requisitionId,
      i + 1,
      l.categoryId,
      l.spec,
      l.quantity,
      l.unitPrice,
      amount,
      l.reason,
      l.neededBy,
    );
  });
  return total;
}

export function createRequisition(
  ctx: Ctx,
  input: {
    title: string;
    reason: string;
    departmentId?: number;
    lines?: RequisitionLineInput[];
    templateId?: number;
  },
): number {
  const me = ctx.user();
  const dept = checkDepartment(ctx, input.departmentId);
  const lines = input.lines ?? templateLines(ctx, input.templateId!);
  const number = nextDocumentNumber(ctx.sqlite, 'RQ', ctx.today);
  const id = Number(
    ctx.sqlite
      .prepare(
        `INSERT INTO requisitions (number, title, requester_id, department_id, status, reason, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'draft', ?, 1, ?, ?)`,
      )
      .run(number, input.title, me.userId, dept, input.reason, ctx.nowIso, ctx.nowIso).lastInsertRowid,
  );
  const total = writeLines(ctx, id, lines);
  ctx.sqlite.prepare('UPDATE requisitions SET total_amount = ? WHERE id = ?').run(total, id);
  ctx.audit({ entity: KIND, entityId: id, details: { number, departmentId: dept, total, lines } });
  return id;
}

export function updateRequisition(
  ctx: Ctx,
  input: {
    id: number;
    version: number;
    title?: string;
    reason?: string;
    departmentId?: number;
    lines?: RequisitionLineInput[];
  },
): void {
  const r = requisitionRow(ctx, input.id);
  assertOwnVersion(ctx, r, input.version);
  assertStatus(r, EDITABLE);
  const dept = input.departmentId !== undefined ? checkDepartment(ctx, input.departmentId) : r.department_id;
  const total = input.lines ? writeLines(ctx, r.id, input.lines) : r.total_amount;
  ctx.sqlite
    .prepare(
      `UPDATE requisitions SET title = ?, reason = ?, department_id = ?, total_amount = ?, version = version + 1,
         updated_at = ? WHERE id = ?`,
    )
    .run(input.title ?? r.title, input.reason ?? r.reason, dept, total, ctx.nowIso, r.id);
  ctx.audit({
    entity: KIND,
    entityId: r.id,
    details: {
      before: { title: r.title, reason: r.reason, departmentId: r.department_id, total: r.total_amount },
      after: { title: input.title, reason: input.reason, departmentId: dept, total, lines: input.lines },
    },
  });
}

export function submitRequisition(ctx: Ctx, input: { id: number; version: number; comment: string }): void {
  const r = requisitionRow(ctx, input.id);
  assertOwnVersion(ctx, r, input.version);
  assertStatus(r, EDITABLE);
  const year = Number(ctx.today.slice(0, 4));
  const warnings = enforceBudget(ctx, r, year);
  ctx.sqlite
    .prepare(
      `UPDATE requisitions SET status = 'pending', submitted_at = ?, decided_at = NULL, budget_year = ?,
         budget_warnings = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .run(ctx.nowIso, year, JSON.stringify(warnings), ctx.nowIso, r.id);
  startApproval(ctx, KIND, r.id, input.comment);
}

export function cancelRequisition(ctx: Ctx, input: { id: number; version: number; reason: string }): void {
  const r = requisitionRow(ctx, input.id);
  assertOwnVersion(ctx, r, input.version);
  assertStatus(r, ['draft', 'returned', 'pending']);
  setStatus(ctx, r.id, 'cancelled');
  if (!cancelApproval(ctx, KIND, r.id, input.reason)) {
    ctx.audit({
      action: 'requisitions.cancel',
      entity: KIND,
      entityId: r.id,
      details: { reason: input.reason },
    });
  }
}

function setStatus(ctx: Ctx, id: number, status: RequisitionStatus, decided = false): void {
  ctx.sqlite
    .prepare(
      `UPDATE requisitions SET status = ?, decided_at = CASE WHEN ? THEN ? ELSE decided_at END,
         version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .run(status, decided ? 1 : 0, ctx.nowIso, ctx.nowIso, id);
}

/**
 * After purchase orders change: ordered when every line is covered (by orders and/or bought
 * outside) and one order exists, bought_outside when covered without any, else approved.
 */
export function refreshPurchaseStatus(ctx: Ctx, requisitionId: number): RequisitionStatus {
  const r = requisitionRow(ctx, requisitionId);
  const agg = ctx.sqlite
    .prepare(
      `SELECT sum(quantity - ordered_quantity - outside_quantity) AS remaining, sum(ordered_quantity) AS ordered
       FROM requisition_lines WHERE requisition_id = ?`,
    )
    .get(requisitionId) as { remaining: number; ordered: number };
  const status: RequisitionStatus =
    agg.remaining > 0 ? 'approved' : agg.ordered > 0 ? 'ordered' : 'bought_outside';
  if (status !== r.status) setStatus(ctx, requisitionId, status);
  return status;
}

registerApprovalKind({
  kind: KIND,
  facts(ctx, documentId) {
    const r = ctx.sqlite.prepare('SELECT * FROM requisitions WHERE id = ?').get(documentId) as
      RequisitionRow | undefined;
    if (!r) throw notFound('requisition', documentId);
    const categoryIds = ctx.sqlite
      .prepare('SELECT DISTINCT category_id FROM requisition_lines WHERE requisition_id = ?')
      .pluck()
      .all(documentId) as number[];
    return {
      number: r.number,
      title: r.title,
      amount: r.total_amount,
      requesterId: r.requester_id,
      departmentId: r.department_id,
      categoryIds,
    };
  },
  onApproved: (ctx, id) => setStatus(ctx, id, 'approved', true),
  onRejected: (ctx, id) => setStatus(ctx, id, 'rejected', true),
  onReturned: (ctx, id) => setStatus(ctx, id, 'returned'),
  // Out of the box (no template yet): the department head, then finance.
  defaultSteps: [
    { name: '部门负责人', approver: { type: 'department_head' } },
    { name: '财务', approver: { type: 'role', role: 'accountant' } },
  ],
  readPermissions: ['requisitions.read'],
});
