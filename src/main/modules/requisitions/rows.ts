// Reading requisitions: the row, its lines and purchase orders, who may see it, and the list.
import type { Ctx } from '../../api/context';
import { notFound } from '../../api/errors';
import type { Page } from '../../api/schemas';
import { approvalStatus } from '../approvals/engine';
import { readTrail } from '../approvals/trail';
import type {
  BudgetLine,
  RequisitionDto,
  RequisitionLineDto,
  RequisitionListRow,
  RequisitionStatus,
} from './contract';

export const KIND = 'requisition';

export interface RequisitionRow {
  id: number;
  number: string;
  title: string;
  requester_id: number;
  department_id: number;
  status: RequisitionStatus;
  reason: string;
  total_amount: number;
  budget_year: number | null;
  budget_warnings: string;
  submitted_at: string | null;
  decided_at: string | null;
  outside_note: string;
  version: number;
  created_at: string;
  updated_at: string;
}

interface LineRow {
  id: number;
  line_no: number;
  category_id: number;
  category_name: string;
  spec: string;
  quantity: number;
  unit_price: number;
  amount: number;
  reason: string;
  needed_by: string | null;
  ordered_quantity: number;
  outside_quantity: number;
}

export function requisitionRow(ctx: Ctx, id: number): RequisitionRow {
  const r = ctx.sqlite.prepare('SELECT * FROM requisitions WHERE id = ?').get(id) as
    RequisitionRow | undefined;
  if (!r) throw notFound('requisition', id);
  return r;
}

export function lineDtos(ctx: Ctx, requisitionId: number): RequisitionLineDto[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT l.*, c.name AS category_name FROM requisition_lines l JOIN categories c ON c.id = l.category_id
       WHERE l.requisition_id = ? ORDER BY l.line_no`,
    )
    .all(requisitionId) as LineRow[];
  return rows.map((l) => ({
    id: l.id,
    lineNo: l.line_no,
    categoryId: l.category_id,
    categoryName: l.category_name,
    spec: l.spec,
    quantity: l.quantity,
    unitPrice: l.unit_price,
    amount: l.amount,
    reason: l.reason,
    neededBy: l.needed_by,
    orderedQuantity: l.ordered_quantity,
    outsideQuantity: l.outside_quantity,
    remainingQuantity: l.quantity - l.ordered_quantity - l.outside_quantity,
  }));
}

/** Own, requisitions.read, or involved in / able to act on its approval (readTrail checks that). */
export function assertCanSee(ctx: Ctx, r: RequisitionRow): void {
  const me = ctx.user();
  if (r.requester_id === me.userId || me.permissions.has('requisitions.read')) return;
  readTrail(ctx, KIND, r.id);
}

const nameOf = (ctx: Ctx, table: 'users' | 'departments', id: number) =>
  (ctx.sqlite
    .prepare(`SELECT ${table === 'users' ? 'display_name' : 'name'} FROM ${table} WHERE id = ?`)
    .pluck()
    .get(id) as string | undefined) ?? '';

export function requisitionDto(ctx: Ctx, id: number, check = true): RequisitionDto {
  const r = requisitionRow(ctx, id);
  if (check) assertCanSee(ctx, r);
  const pos = ctx.sqlite
    .prepare(
      `SELECT id, number, status, total_amount AS totalAmount FROM purchase_orders WHERE requisition_id = ? ORDER BY id`,
    )
    .all(id) as RequisitionDto['purchaseOrders'];
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    requesterId: r.requester_id,
    requesterName: nameOf(ctx, 'users', r.requester_id),
    departmentId: r.department_id,
    departmentName: nameOf(ctx, 'departments', r.department_id),
    status: r.status,
    reason: r.reason,
    totalAmount: r.total_amount,
    budgetYear: r.budget_year,
    budgetWarnings: JSON.parse(r.budget_warnings) as BudgetLine[],
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    outsideNote: r.outside_note,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lines: lineDtos(ctx, id),
    approval: approvalStatus(ctx, KIND, id),
    purchaseOrders: pos,
  };
}

export function listRequisitions(
  ctx: Ctx,
  f: {
    status?: RequisitionStatus;
    mine: boolean;
    departmentId?: number;
    query?: string;
    offset: number;
    limit: number;
  },
): Page<RequisitionListRow> {
  const me = ctx.user();
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.mine || !me.permissions.has('requisitions.read')) {
    where.push('r.requester_id = ?');
    args.push(me.userId);
  }
  if (f.status) {
    where.push('r.status = ?');
    args.push(f.status);
  }
  if (f.departmentId !== undefined) {
    where.push('r.department_id = ?');
    args.push(f.departmentId);
  }
  if (f.query) {
    where.push(
      `(r.number LIKE ? OR r.title LIKE ? OR EXISTS (SELECT 1 FROM requisition_lines l WHERE l.requisition_id = r.id AND l.spec LIKE ?))`,
    );
    const like = `%${f.query}%`;
    args.push(like, like, like);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = ctx.sqlite
    .prepare(`SELECT count(*) FROM requisitions r ${w}`)
    .pluck()
    .get(...args) as number;
  const rows = ctx.sqlite
    .prepare(
      `SELECT r.id, r.number, r.title, r.requester_id AS requesterId, u.display_name AS requesterName,
         r.department_id AS departmentId, d.name AS departmentName, r.status, r.total_amount AS totalAmount,
         (SELECT count(*) FROM requisition_lines l WHERE l.requisition_id = r.id) AS lineCount,
         r.submitted_at AS submittedAt,
         (SELECT s.name FROM approval_instances i JOIN approval_steps s ON s.instance_id = i.id
           WHERE i.kind = '${KIND}' AND i.document_id = r.id AND i.status = 'pending' AND s.status = 'pending') AS waitingAt,
         r.version, r.updated_at AS updatedAt
       FROM requisitions r JOIN users u ON u.id = r.requester_id JOIN departments d ON d.id = r.department_id
       ${w} ORDER BY r.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, f.limit, f.offset) as RequisitionListRow[];
  return { rows, total };
}

/** Who changed the requisition last, for CONFLICT details. */
export function lastChange(
  ctx: Ctx,
  id: number,
): { changedAt?: string; changedBy?: string; action?: string } {
  const row = ctx.sqlite
    .prepare(
      `SELECT at, username, action FROM audit_log WHERE entity = '${KIND}' AND entity_id = ? ORDER BY id DESC LIMIT 1`,
    )
    .get(String(id)) as { at: string; username: string; action: string } | undefined;
  return row ? { changedAt: row.at, changedBy: row.username, action: row.action } : {};
}
