// Scans log and wedge-scan submission; device-originated scans are written by the device manager.
import type { HandlersOf } from '../../api/context';
import { notFound } from '../../api/errors';
import { deviceManagerOf } from '../../devices/manager';
import type { scansContract } from './contract';
import { listScans, recordScan } from './record';

export const scansHandlers: HandlersOf<typeof scansContract> = {
  'scans.list': (ctx, input) => ({ rows: listScans(ctx.sqlite, input) }),

  'scans.submit': (ctx, input) => {
    const user = ctx.user();
    if (input.deviceId && !ctx.sqlite.prepare('SELECT 1 FROM devices WHERE id = ?').get(input.deviceId))
      throw notFound('device', input.deviceId);
    const row = recordScan(ctx.sqlite, {
      at: ctx.nowIso,
      deviceId: input.deviceId ?? null,
      source: input.source,
      userId: user.userId,
      station: input.station,
      rawHex: Buffer.from(input.keys ?? (input.aim ?? '') + input.code, 'utf8')
        .toString('hex')
        .toUpperCase(),
      code: input.code,
      aim: input.aim ?? null,
      symbology: input.symbology ?? null,
    });
    const manager = deviceManagerOf(ctx.core);
    if (manager) manager.operatorId = user.userId;
    ctx.audit({
      entity: 'scan',
      entityId: row.id,
      details: { code: row.code, assetId: row.assetId, target: row.target, source: row.source },
    });
    ctx.emit('scan', row);
    return row;
  },
};
