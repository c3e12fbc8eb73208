// Posting a finished count: a second person approves, and every resolution is applied to the ledger in
// the call's one transaction, through the ledger's own doors (field patch, status transition, card
// creation, disposal request), each change in the asset history (source 'count', note naming the count)
// and the audit log.
import { statSync } from 'node:fs';
import type { Ctx } from '../../api/context';
import { AppError } from '../../api/errors';
import { blobPath } from '../assets/attachments';
import { AssetCreateInput } from '../assets/contract';
import { recordAssetEvent } from '../assets/history';
import { assetRow } from '../assets/rows';
import { changeAssetStatus } from '../assets/status';
import type { AssetStatus } from '../assets/statuses';
import { applyPatch, createAsset } from '../assets/write';
import { createDisposalRequest } from '../disposals/write';
import type { CountDto, Resolution } from './contract';
import { recountPending } from './classify';
import type { DetailRow } from './details';
import { assertCountStatus, countRow, toCountDto, touchCount } from './plan';

type Resolved = Pick<
  DetailRow,
  | 'id'
  | 'asset_id'
  | 'result'
  | 'resolution_data'
  | 'resolution_note'
  | 'code'
  | 'found_location_id'
  | 'photo_sha256'
  | 'photo_mime'
  | 'note'
> & { resolution: Resolution };

export function postCount(
  ctx: Ctx,
  id: number,
  version?: number,
): CountDto & { applied: number; createdAssetIds: number[] } {
  const { sqlite } = ctx;
  const user = ctx.user();
  const row = countRow(sqlite, id);
  assertCountStatus(row, 'finished');
  touchCount(ctx, row, version);
  const recounting = recountPending(sqlite, id);
  if (recounting) throw new AppError('INVALID_TRANSITION', 'errors.countRecountPending', { n: recounting });
  const resolvers = sqlite
    .prepare('SELECT DISTINCT resolved_by FROM count_details WHERE count_id = ? AND resolution IS NOT NULL')
    .pluck()
    .all(id) as (number | null)[];
  if (resolvers.includes(user.userId))
    throw new AppError('FORBIDDEN', 'errors.countPostOwnResolution', { id });

  // Posted first: the count no longer holds its assets, so the ledger's doors (and the disposal request's
  // "not under an open count" check) accept the posting count's own changes, write-offs included. The
  // lock keeps refusing everyone else: only this transaction acts between the count's finishing and now,
  // and one asset is never held by two open counts (start refuses that).
  sqlite
    .prepare(
      `UPDATE counts SET status = 'posted', posted_at = ?, posted_by = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .run(ctx.nowIso, user.userId, ctx.nowIso, id);
  const cctx: Ctx = { ...ctx, source: 'count' };
  const label = `盘点 #${id} ${row.name}`;
  const rows = sqlite
    .prepare(
      `SELECT id, asset_id, result, resolution, resolution_data, resolution_note, code, found_location_id, photo_sha256,
         photo_mime, note
       FROM count_details WHERE count_id = ? AND resolution IS NOT NULL AND resolution <> 'recount' ORDER BY id`,
    )
    .all(id) as Resolved[];
  const setPosted = sqlite.prepare('UPDATE count_details SET posted_asset_id = ? WHERE id = ?');
  // The write-off's disposal request is linked from its detail row (resolutionData.disposalId).
  const setData = sqlite.prepare('UPDATE count_details SET resolution_data = ? WHERE id = ?');
  const created: number[] = [];
  for (const d of rows) {
    const data = JSON.parse(d.resolution_data ?? '{}') as Record<string, unknown>;
    const note = d.resolution_note ? `${label}：${d.resolution_note}` : label;
    let assetId = d.asset_id;
    switch (d.resolution) {
      case 'move':
      case 'change_custodian': {
        const patch =
          d.resolution === 'move'
            ? { locationId: data.locationId as number }
            : { custodianId: data.custodianId as number | null };
        applyPatch(cctx, assetRow(sqlite, assetId!)!, patch, 'count', note);
        break;
      }
      case 'change_status':
        changeAssetStatus(cctx, assetId!, data.status as AssetStatus, note, { kind: 'count' });
        break;
      case 'write_off': {
        // 盘亏: the asset is recorded missing now, and its write-off goes to finance as a disposal request
        // (kind write_off) through the approval engine; rejected, it returns to missing.
        const before = assetRow(sqlite, assetId!)!.status;
        if (before === 'missing')
          recordAssetEvent(cctx, { assetId: assetId!, kind: 'count', note: `${note}（盘亏）` });
        else changeAssetStatus(cctx, assetId!, 'missing', `${note}（盘亏）`, { kind: 'count' });
        const disposalId = createDisposalRequest(cctx, {
          assetId: assetId!,
          kind: 'write_off',
          date: ctx.today,
          proceeds: 0,
          costs: 0,
          reason: `盘亏：${label}（明细 #${d.id}）${d.resolution_note ? `：${d.resolution_note}` : ''}`,
        });
        const number = sqlite.prepare('SELECT number FROM disposals WHERE id = ?').pluck().get(disposalId);
        Object.assign(data, { disposalId, disposalNumber: number });
        setData.run(JSON.stringify(data), d.id);
        break;
      }
      case 'add_to_ledger': {
        const card = createAsset(
          cctx,
          AssetCreateInput.parse({
            name: data.name,
            categoryId: data.categoryId,
            cost: data.estimatedValue ?? 0,
            locationId: d.found_location_id ?? undefined,
            notes: `${label}（盘盈）${d.code ? ` ${d.code}` : ''}${d.note ? ` ${d.note}` : ''}`,
          }),
        );
        assetId = card.id;
        created.push(card.id);
        recordAssetEvent(cctx, { assetId, kind: 'count', note: `${note}（盘盈）` });
        break;
      }
    }
    // The counter's photo (盘盈) or the supervisor's evidence goes to the asset's photos.
    if (d.photo_sha256 && assetId !== null) {
      sqlite
        .prepare(
          `INSERT INTO attachments (asset_id, sha256, file_name, mime, size, kind, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, 'photo', ?, ?)`,
        )
        .run(
          assetId,
          d.photo_sha256,
          `count-${id}-${d.id}.${d.photo_mime?.split('/')[1] ?? 'jpg'}`,
          d.photo_mime ?? 'image/jpeg',
          statSync(blobPath(ctx.core.dataDir, d.photo_sha256)).size,
          ctx.nowIso,
          user.userId,
        );
    }
    setPosted.run(assetId, d.id);
    ctx.audit({
      entity: 'asset',
      entityId: assetId ?? undefined,
      details: {
        countId: id,
        count: row.name,
        detailId: d.id,
        result: d.result,
        resolution: d.resolution,
        ...data,
      },
    });
  }
  ctx.audit({
    entity: 'count',
    entityId: id,
    details: { name: row.name, applied: rows.length, createdAssetIds: created },
  });
  ctx.emit('counts.changed', { id });
  return { ...toCountDto(sqlite, countRow(sqlite, id)), applied: rows.length, createdAssetIds: created };
}
