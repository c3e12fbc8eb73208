// Change voucher handlers: thin over vouchers.ts.
import type { HandlersOf } from '../../api/context';
import type { changesContract } from './contract';
import {
  createVoucher,
  decideVoucher,
  getVoucher,
  toVoucherDto,
  VOUCHER_SELECT,
  type VoucherListRow,
} from './vouchers';

export const changesHandlers: HandlersOf<typeof changesContract> = {
  'changes.create': (ctx, input) => getVoucher(ctx, createVoucher(ctx, input)),

  'changes.approve': (ctx, input) => {
    decideVoucher(ctx, input);
    return getVoucher(ctx, input.id);
  },

  'changes.list': (ctx, { assetId, period, status, offset, limit }) => {
    const where: string[] = [];
    const args: unknown[] = [];
    if (assetId !== undefined) {
      where.push('v.asset_id = ?');
      args.push(assetId);
    }
    if (status !== undefined) {
      where.push('v.status = ?');
      args.push(status);
    }
    if (period !== undefined) {
      where.push(
        '(v.effective_period = ? OR (v.effective_period IS NULL AND substr(v.voucher_date, 1, 7) = ?))',
      );
      args.push(period, period);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = ctx.sqlite
      .prepare(`SELECT count(*) FROM change_vouchers v ${w}`)
      .pluck()
      .get(...args) as number;
    const rows = ctx.sqlite
      .prepare(`${VOUCHER_SELECT} ${w} ORDER BY v.id DESC LIMIT ? OFFSET ?`)
      .all(...args, limit, offset) as VoucherListRow[];
    return { total, rows: rows.map(toVoucherDto) };
  },

  'changes.get': (ctx, { id }) => getVoucher(ctx, id),
};
