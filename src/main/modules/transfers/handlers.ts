// Transfer handlers: thin — create/cancel through write.ts, edit/resubmit after a return through
// revise.ts, read through rows.ts, the sheet through
// handover-pdf.ts.
import type { Ctx, HandlersOf } from '../../api/context';
import { companyName } from '../reports/sources-common';
import type { transfersContract } from './contract';
import { handoverPdf } from './handover-pdf';
import { getTransfer, listTransfers } from './rows';
import { cancelTransfer, createTransfer } from './write';
import { submitTransfer, updateTransfer } from './revise';

function transferSheet(ctx: Ctx, id: number): { pdf: string; fileName: string } {
  const t = getTransfer(ctx, id);
  const serials = new Map(
    (
      ctx.sqlite
        .prepare(
          'SELECT a.id, a.serial_no FROM transfer_lines l JOIN assets a ON a.id = l.asset_id WHERE l.transfer_id = ?',
        )
        .all(id) as { id: number; serial_no: string }[]
    ).map((r) => [r.id, r.serial_no]),
  );
  const distinct = (xs: (string | null)[]) => [...new Set(xs.map((x) => x ?? '—'))].join('、');
  const buf = handoverPdf({
    title: t.kind === 'issue' ? '资产领用单' : '资产调拨交接单',
    company: companyName(ctx.sqlite),
    number: t.number,
    date: t.date,
    from: [
      ['部门', distinct(t.lines.map((l) => l.fromDepartmentName))],
      ['位置', distinct(t.lines.map((l) => l.fromLocationName))],
      ['保管人', distinct(t.lines.map((l) => l.fromCustodianName))],
    ],
    to: [
      ['部门', t.toDepartmentName ?? '（不变）'],
      ['位置', t.toLocationName ?? '（不变）'],
      ['保管人', t.toCustodianName ?? '（不变）'],
    ],
    assets: t.lines.map((l) => ({
      code: l.assetCode,
      name: l.assetName,
      model: l.model,
      serialNo: serials.get(l.assetId) ?? '',
      note: l.changeVoucherId ? '费用部门变动单' : '',
    })),
    remarks: [
      ['事由', t.reason],
      ['申请人', t.requesterName ?? ''],
    ],
    signers: ['交出人', '接收人', '资产管理员'],
  });
  return { pdf: buf.toString('base64'), fileName: `${t.number}.pdf` };
}

export const transfersHandlers: HandlersOf<typeof transfersContract> = {
  'transfers.create': (ctx, input) => getTransfer(ctx, createTransfer(ctx, input)),
  'transfers.update': (ctx, input) => {
    updateTransfer(ctx, input);
    return getTransfer(ctx, input.id);
  },
  'transfers.submit': (ctx, input) => {
    submitTransfer(ctx, input);
    return getTransfer(ctx, input.id);
  },
  'transfers.get': (ctx, { id }) => getTransfer(ctx, id),
  'transfers.list': (ctx, input) => listTransfers(ctx, input),
  'transfers.cancel': (ctx, input) => {
    cancelTransfer(ctx, input);
    return getTransfer(ctx, input.id);
  },
  'transfers.handoverPdf': (ctx, { id }) => transferSheet(ctx, id),
};
