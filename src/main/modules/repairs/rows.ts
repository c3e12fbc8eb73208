// Reading work orders: the row, its DTO with names and files, the list, and who may see which order.
import type { Ctx } from '../../api/context';
import { AppError, conflict, notFound } from '../../api/errors';
import type { Sqlite } from '../../db/client';
import { stmt } from '../../db/statements';
import type { Page } from '../../api/schemas';
import type { RepairDto, RepairFileDto, RepairStatus } from './contract';

export interface RepairRow {
  id: number;
  number: string;
  asset_id: number;
  fault: string;
  urgency: RepairDto['urgency'];
  status: RepairStatus;
  previous_status: string;
  holds_asset: number;
  reported_by: number | null;
  reported_date: string;
  assignee_type: RepairDto['assigneeType'];
  assignee_user_id: number | null;
  vendor_id: number | null;
  accepted_at: string | null;
  done_at: string | null;
  done_date: string | null;
  closed_at: string | null;
  closed_by: number | null;
  parts_cost: number;
  labour_cost: number;
  vendor_cost: number;
  note: string;
  capitalised_amount: number | null;
  extend_life_months: number | null;
  cost_voucher_id: number | null;
  life_voucher_id: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

interface ListRow extends RepairRow {
  asset_code: string;
  asset_name: string;
  category_id: number;
  reported_by_name: string | null;
  assignee_name: string | null;
  vendor_name: string | null;
}

/** Statuses in which an order is still open (a disposal waits for it to close). */
export const OPEN_STATUSES: RepairStatus[] = ['reported', 'accepted', 'in_repair', 'waiting_parts', 'done'];

const SELECT = `SELECT r.*, a.asset_code, a.name AS asset_name, a.category_id, ru.display_name AS reported_by_name,
  au.display_name AS assignee_name, s.name AS vendor_name
  FROM repairs r JOIN assets a ON a.id = r.asset_id LEFT JOIN users ru ON ru.id = r.reported_by
  LEFT JOIN users au ON au.id = r.assignee_user_id LEFT JOIN suppliers s ON s.id = r.vendor_id`;

/** Whole hours from acceptance to done, or null until both are known. */
export function downtimeHours(acceptedAt: string | null, doneAt: string | null): number | null {
  if (!acceptedAt || !doneAt) return null;
  return Math.max(0, Math.round((Date.parse(doneAt) - Date.parse(acceptedAt)) / 3_600_000));
}

function files(sqlite: Sqlite, repairId: number): RepairFileDto[] {
  // Once per listed order: the statement is prepared once per connection.
  return stmt(
    sqlite,
    `SELECT ra.attachment_id AS attachmentId, ra.role, at.file_name AS fileName, at.mime, at.size
       FROM repair_attachments ra JOIN attachments at ON at.id = ra.attachment_id
       WHERE ra.repair_id = ? AND at.deleted_at IS NULL ORDER BY ra.attachment_id`,
  ).all(repairId) as RepairFileDto[];
}

function toDto(sqlite: Sqlite, r: ListRow): RepairDto {
  return {
    id: r.id,
    number: r.number,
    assetId: r.asset_id,
    assetCode: r.asset_code,
    assetName: r.asset_name,
    categoryId: r.category_id,
    fault: r.fault,
    urgency: r.urgency,
    status: r.status,
    previousStatus: r.previous_status,
    reportedBy: r.reported_by,
    reportedByName: r.reported_by_name,
    reportedDate: r.reported_date,
    assigneeType: r.assignee_type,
    assigneeUserId: r.assignee_user_id,
    assigneeName: r.assignee_name,
    vendorId: r.vendor_id,
    vendorName: r.vendor_name,
    acceptedAt: r.accepted_at,
    doneAt: r.done_at,
    doneDate: r.done_date,
    closedAt: r.closed_at,
    partsCost: r.parts_cost,
    labourCost: r.labour_cost,
    vendorCost: r.vendor_cost,
    totalCost: r.parts_cost + r.labour_cost + r.vendor_cost,
    downtimeHours: downtimeHours(r.accepted_at, r.done_at),
    note: r.note,
    capitalisedAmount: r.capitalised_amount,
    extendLifeMonths: r.extend_life_months,
    costVoucherId: r.cost_voucher_id,
    lifeVoucherId: r.life_voucher_id,
    files: files(sqlite, r.id),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** Reporters without repairs.manage see only what they reported. */
function ownOnly(ctx: Ctx): number | undefined {
  const s = ctx.user();
  return s.permissions.has('repairs.manage') ? undefined : s.userId;
}

export function repairRow(ctx: Ctx, id: number): RepairRow {
  const r = ctx.sqlite.prepare('SELECT * FROM repairs WHERE id = ?').get(id) as RepairRow | undefined;
  if (!r) throw notFound('repair', id);
  return r;
}

/** The row the caller read, or CONFLICT naming its status and version now. */
export function lockedRepair(ctx: Ctx, id: number, version: number): RepairRow {
  const r = repairRow(ctx, id);
  if (r.version !== version) throw conflict('repair', id, { currentVersion: r.version, status: r.status });
  return r;
}

export function repairDto(ctx: Ctx, id: number): RepairDto {
  const r = ctx.sqlite.prepare(`${SELECT} WHERE r.id = ?`).get(id) as ListRow | undefined;
  const own = ownOnly(ctx);
  if (!r || (own !== undefined && r.reported_by !== own)) throw notFound('repair', id);
  return toDto(ctx.sqlite, r);
}

export function listRepairs(
  ctx: Ctx,
  q: {
    assetId?: number;
    status?: RepairStatus;
    open?: boolean;
    from?: string;
    to?: string;
    offset: number;
    limit: number;
  },
): Page<RepairDto> {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    args.push(...values);
  };
  const own = ownOnly(ctx);
  if (own !== undefined) add('r.reported_by = ?', own);
  if (q.assetId !== undefined) add('r.asset_id = ?', q.assetId);
  if (q.status) add('r.status = ?', q.status);
  if (q.open === true) add(`r.status NOT IN ('closed', 'cancelled')`);
  if (q.open === false) add(`r.status IN ('closed', 'cancelled')`);
  if (q.from) add('r.reported_date >= ?', q.from);
  if (q.to) add('r.reported_date <= ?', q.to);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = ctx.sqlite
    .prepare(`SELECT count(*) FROM repairs r ${w}`)
    .pluck()
    .get(...args) as number;
  const rows = ctx.sqlite
    .prepare(`${SELECT} ${w} ORDER BY r.id DESC LIMIT ? OFFSET ?`)
    .all(...args, q.limit, q.offset) as ListRow[];
  return { rows: rows.map((r) => toDto(ctx.sqlite, r)), total };
}

/** The open order on an asset, if any (for the disposal check). */
export function openRepairOf(sqlite: Sqlite, assetId: number): { id: number; number: string } | undefined {
  return sqlite
    .prepare(
      `SELECT id, number FROM repairs WHERE asset_id = ? AND status NOT IN ('closed', 'cancelled') ORDER BY id LIMIT 1`,
    )
    .get(assetId) as { id: number; number: string } | undefined;
}

export function assertRepairStatus(r: RepairRow, allowed: RepairStatus[], to: string): void {
  if (!allowed.includes(r.status)) {
    throw new AppError('INVALID_TRANSITION', 'errors.repairStatus', { number: r.number, from: r.status, to });
  }
}
