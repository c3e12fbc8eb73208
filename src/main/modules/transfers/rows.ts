// Reading transfers: one document with its asset lines and approval, and the newest-first list.
import type { Ctx } from '../../api/context';
import { notFound } from '../../api/errors';
import type { Page } from '../../api/schemas';
import { approvalStatus } from '../approvals/engine';
import type { TransferDto, TransferKind, TransferLineDto, TransferListRow, TransferStatus } from './contract';
import { KIND } from './write';

const SELECT = `SELECT t.id, t.number, t.kind, t.status, t.to_department_id AS toDepartmentId,
  d.name AS toDepartmentName, t.to_location_id AS toLocationId, lo.name AS toLocationName,
  t.to_custodian_id AS toCustodianId, cu.name AS toCustodianName, t.reason, t.transfer_date AS date,
  t.crosses_departments AS crossesDepartments, t.requester_id AS requesterId, u.display_name AS requesterName,
  (SELECT count(*) FROM transfer_lines l WHERE l.transfer_id = t.id) AS assetCount, t.created_at AS createdAt,
  t.version, t.decided_at AS decidedAt, t.decision_note AS decisionNote,
  (SELECT json_object('name', s.name, 'approverType', s.approver_type, 'roleKey', s.role_key,
     'assigneeName', au.display_name)
   FROM approval_instances i JOIN approval_steps s ON s.instance_id = i.id LEFT JOIN users au ON au.id = s.assignee_id
   WHERE i.kind = '${KIND}' AND i.document_id = t.id AND i.status = 'pending' AND s.status = 'pending') AS waiting
  FROM transfers t LEFT JOIN departments d ON d.id = t.to_department_id LEFT JOIN locations lo ON lo.id = t.to_location_id
  LEFT JOIN custodians cu ON cu.id = t.to_custodian_id LEFT JOIN users u ON u.id = t.requester_id`;

type HeadRow = Omit<TransferDto, 'lines' | 'approval' | 'crossesDepartments'> & {
  crossesDepartments: number;
  waiting: string | null;
};

function toListRow(r: HeadRow): TransferListRow {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind as TransferKind,
    status: r.status as TransferStatus,
    toDepartmentId: r.toDepartmentId,
    toDepartmentName: r.toDepartmentName,
    toLocationId: r.toLocationId,
    toLocationName: r.toLocationName,
    toCustodianId: r.toCustodianId,
    toCustodianName: r.toCustodianName,
    reason: r.reason,
    date: r.date,
    crossesDepartments: r.crossesDepartments === 1,
    requesterId: r.requesterId,
    requesterName: r.requesterName,
    assetCount: r.assetCount,
    createdAt: r.createdAt,
    version: r.version,
    waitingAt: r.waiting ? (JSON.parse(r.waiting) as TransferListRow['waitingAt']) : null,
  };
}

export function getTransfer(ctx: Ctx, id: number): TransferDto {
  const r = ctx.sqlite.prepare(`${SELECT} WHERE t.id = ?`).get(id) as HeadRow | undefined;
  if (!r) throw notFound('transfer', id);
  const lines = ctx.sqlite
    .prepare(
      `SELECT l.asset_id AS assetId, a.asset_code AS assetCode, a.name AS assetName, a.model,
         l.from_department_id AS fromDepartmentId, d.name AS fromDepartmentName,
         l.from_location_id AS fromLocationId, lo.name AS fromLocationName,
         l.from_custodian_id AS fromCustodianId, cu.name AS fromCustodianName, l.from_status AS fromStatus,
         l.change_voucher_id AS changeVoucherId
       FROM transfer_lines l JOIN assets a ON a.id = l.asset_id LEFT JOIN departments d ON d.id = l.from_department_id
       LEFT JOIN locations lo ON lo.id = l.from_location_id LEFT JOIN custodians cu ON cu.id = l.from_custodian_id
       WHERE l.transfer_id = ? ORDER BY l.id`,
    )
    .all(id) as TransferLineDto[];
  const { waitingAt: _, ...head } = toListRow(r);
  return {
    ...head,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
    lines,
    approval: approvalStatus(ctx, KIND, id),
  };
}

export function listTransfers(
  ctx: Ctx,
  f: { status?: string; kind?: string; assetId?: number; query?: string; offset: number; limit: number },
): Page<TransferListRow> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.status) {
    where.push('t.status = ?');
    args.push(f.status);
  }
  if (f.kind) {
    where.push('t.kind = ?');
    args.push(f.kind);
  }
  if (f.assetId !== undefined) {
    where.push('t.id IN (SELECT transfer_id FROM transfer_lines WHERE asset_id = ?)');
    args.push(f.assetId);
  }
  if (f.query) {
    where.push('(t.number LIKE ? OR t.reason LIKE ? OR cu.name LIKE ? OR d.name LIKE ?)');
    const like = `%${f.query}%`;
    args.push(like, like, like, like);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = ctx.sqlite
    .prepare(
      `SELECT count(*) FROM transfers t LEFT JOIN departments d ON d.id = t.to_department_id
       LEFT JOIN custodians cu ON cu.id = t.to_custodian_id ${w}`,
    )
    .pluck()
    .get(...args) as number;
  const rows = ctx.sqlite
    .prepare(`${SELECT} ${w} ORDER BY t.id DESC LIMIT ? OFFSET ?`)
    .all(...args, f.limit, f.offset) as HeadRow[];
  return { total, rows: rows.map(toListRow) };
}
