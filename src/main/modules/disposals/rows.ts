// Reading disposals: the DTO with asset names, approval status, amounts and voucher lines, and the list.
import type { Ctx } from '../../api/context';
import { notFound } from '../../api/errors';
import type { Page } from '../../api/schemas';
import { approvalStatus } from '../approvals/engine';
import type { DisposalDto, DisposalKind, DisposalStatus, DisposalVoucherLineDto } from './contract';
import { KIND } from './write';

interface Row {
  id: number;
  number: string;
  asset_id: number;
  asset_code: string;
  asset_name: string;
  kind: DisposalKind;
  date: string;
  proceeds: number;
  costs: number;
  reason: string;
  status: DisposalStatus;
  previous_status: string;
  requested_by: number | null;
  requested_by_name: string | null;
  department_id: number | null;
  cost: number | null;
  accumulated: number | null;
  impairment: number | null;
  net_book_value: number | null;
  gain_loss: number | null;
  approved_at: string | null;
  voucher_id: number | null;
  decided_reason: string;
  created_at: string;
  updated_at: string;
  version: number;
}

const SELECT = `SELECT d.*, a.asset_code, a.name AS asset_name, u.display_name AS requested_by_name
  FROM disposals d JOIN assets a ON a.id = d.asset_id LEFT JOIN users u ON u.id = d.requested_by`;

function toDto(ctx: Ctx, r: Row, withVoucher: boolean): DisposalDto {
  let voucher: DisposalDto['voucher'] = null;
  if (withVoucher && r.voucher_id !== null) {
    const v = ctx.sqlite
      .prepare('SELECT id, period, word, number, total_debit, total_credit FROM vouchers WHERE id = ?')
      .get(r.voucher_id) as
      | {
          id: number;
          period: string;
          word: string;
          number: number;
          total_debit: number;
          total_credit: number;
        }
      | undefined;
    if (v) {
      const lines = ctx.sqlite
        .prepare(
          `SELECT line_no AS lineNo, summary, account_code AS accountCode, account_name AS accountName, debit, credit
           FROM voucher_lines WHERE voucher_id = ? ORDER BY line_no`,
        )
        .all(v.id) as DisposalVoucherLineDto[];
      voucher = {
        id: v.id,
        period: v.period,
        word: v.word,
        number: v.number,
        lines,
        totalDebit: v.total_debit,
        totalCredit: v.total_credit,
      };
    }
  }
  return {
    id: r.id,
    number: r.number,
    assetId: r.asset_id,
    assetCode: r.asset_code,
    assetName: r.asset_name,
    kind: r.kind,
    date: r.date,
    proceeds: r.proceeds,
    costs: r.costs,
    reason: r.reason,
    status: r.status,
    previousStatus: r.previous_status,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name,
    departmentId: r.department_id,
    cost: r.cost,
    accumulated: r.accumulated,
    impairment: r.impairment,
    netBookValue: r.net_book_value,
    gainLoss: r.gain_loss,
    approvedAt: r.approved_at,
    decidedReason: r.decided_reason,
    approval: approvalStatus(ctx, KIND, r.id),
    voucher,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export function disposalDto(ctx: Ctx, id: number): DisposalDto {
  const r = ctx.sqlite.prepare(`${SELECT} WHERE d.id = ?`).get(id) as Row | undefined;
  if (!r) throw notFound('disposal', id);
  return toDto(ctx, r, true);
}

export function listDisposals(
  ctx: Ctx,
  q: {
    assetId?: number;
    status?: DisposalStatus;
    kind?: DisposalKind;
    from?: string;
    to?: string;
    offset: number;
    limit: number;
  },
): Page<DisposalDto> {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    args.push(value);
  };
  if (q.assetId !== undefined) add('d.asset_id = ?', q.assetId);
  if (q.status) add('d.status = ?', q.status);
  if (q.kind) add('d.kind = ?', q.kind);
  if (q.from) add('d.date >= ?', q.from);
  if (q.to) add('d.date <= ?', q.to);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = ctx.sqlite
    .prepare(`SELECT count(*) FROM disposals d ${w}`)
    .pluck()
    .get(...args) as number;
  const rows = ctx.sqlite
    .prepare(`${SELECT} ${w} ORDER BY d.id DESC LIMIT ? OFFSET ?`)
    .all(...args, q.limit, q.offset) as Row[];
  return { rows: rows.map((r) => toDto(ctx, r, false)), total };
}
