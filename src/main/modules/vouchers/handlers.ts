// Account mapping and voucher handlers.
import type { HandlersOf } from '../../api/context';
import { exportPath, fileResult, stamp, XLSX_MIME } from '../io/files';
import type { vouchersContract } from './contract';
import { writeVouchersXlsx } from './export';
import { generateDepreciationVoucher, getVoucher, listVouchers } from './generate';
import { readMapping, writeMapping } from './mapping';
import { notFound } from '../../api/errors';

export const vouchersHandlers: HandlersOf<typeof vouchersContract> = {
  'accounts.mapping.get': (ctx) => readMapping(ctx.sqlite),

  'accounts.mapping.update': (ctx, { version, ...patch }) => {
    const before = readMapping(ctx.sqlite);
    const after = writeMapping(ctx.sqlite, patch, version, ctx.nowIso);
    ctx.audit({ entity: 'accounts.mapping', entityId: 'mapping', details: { before, after } });
    return after;
  },

  'vouchers.generate': (ctx, { period }) => {
    const id = generateDepreciationVoucher(ctx.sqlite, period, ctx.user().userId, ctx.nowIso);
    const v = getVoucher(ctx.sqlite, id, 100);
    ctx.audit({
      entity: 'voucher',
      entityId: id,
      details: { period, number: v.number, total: v.totalDebit },
    });
    return v;
  },

  'vouchers.list': (ctx, { from, to, kind }) => listVouchers(ctx.sqlite, from, to, kind),

  'vouchers.get': (ctx, { id, assetsLimit }) => getVoucher(ctx.sqlite, id, assetsLimit),

  'vouchers.export': (ctx, { ids }) => {
    for (const id of ids)
      if (!ctx.sqlite.prepare('SELECT 1 FROM vouchers WHERE id = ?').get(id)) throw notFound('voucher', id);
    const s = ctx.user();
    const core = ctx.core;
    const now = ctx.now;
    const jobId = core.jobs.start('vouchers.export', s.userId, async () => {
      const fileName = `凭证-${stamp(now)}.xlsx`;
      const { abs, rel } = exportPath(core.dataDir, fileName);
      const rows = await writeVouchersXlsx(core.sqlite, ids, abs);
      return fileResult(abs, rel, fileName, XLSX_MIME, rows);
    });
    return { jobId };
  },
};
