// Ledger handlers: thin — read the input, apply the caller's scope, call the rules.
import type { HandlersOf } from '../../api/context';
import { notFound } from '../../api/errors';
import type { assetsContract } from './contract';
import { addAttachment, getAttachment, listAttachments, removeAttachment } from './attachments';
import { bulkUpdateAssets, deleteAsset } from './bulk';
import { assetEvents } from './history';
import { listAssets } from './list-query';
import { ASSET_SELECT, ownScope, toAssetDto, visibleAsset, type AssetRow } from './rows';
import { changeAssetStatus } from './status';
import { createAsset, updateAsset } from './write';

export const assetsHandlers: HandlersOf<typeof assetsContract> = {
  'assets.create': (ctx, input) => createAsset(ctx, input),

  'assets.update': (ctx, input) => updateAsset(ctx, input),

  'assets.get': (ctx, { id }) => toAssetDto(visibleAsset(ctx, id)),

  'assets.findByCode': (ctx, { code }) => {
    // The asset code first, then what else a label or an old system's sticker may carry.
    const scope = ownScope(ctx);
    const live = `a.deleted_at IS NULL${scope !== undefined ? ' AND a.custodian_id = ?' : ''}`;
    const args = scope !== undefined ? [scope] : [];
    for (const col of ['asset_code', 'serial_no', 'legacy_id', 'external_ref']) {
      const row = ctx.sqlite
        .prepare(`${ASSET_SELECT} WHERE a.${col} = ? AND ${live} ORDER BY a.id LIMIT 1`)
        .get(code, ...args) as AssetRow | undefined;
      if (row) return toAssetDto(row);
    }
    throw notFound('asset', code);
  },

  'assets.list': (ctx, input) => listAssets(ctx.sqlite, input, ownScope(ctx)),

  'assets.history': (ctx, { id }) => {
    visibleAsset(ctx, id);
    return assetEvents(ctx.sqlite, id);
  },

  'assets.changeStatus': (ctx, { id, version, status, note }) => {
    const before = visibleAsset(ctx, id);
    const dto = changeAssetStatus(ctx, id, status, note ?? '', { version });
    ctx.audit({
      entity: 'asset',
      entityId: id,
      details: { assetCode: before.asset_code, from: before.status, to: status, note: note ?? '' },
    });
    return dto;
  },

  'assets.bulkUpdate': (ctx, { ids, set, note }) => bulkUpdateAssets(ctx, ids, set, note ?? ''),

  'assets.delete': (ctx, { id, version, reason }) => deleteAsset(ctx, id, version, reason),

  'assets.attachments.list': (ctx, { assetId }) => listAttachments(ctx, assetId),

  'assets.attachments.add': (ctx, input) => addAttachment(ctx, input),

  'assets.attachments.get': (ctx, { id }) => getAttachment(ctx, id),

  'assets.attachments.remove': (ctx, { id }) => removeAttachment(ctx, id),
};
