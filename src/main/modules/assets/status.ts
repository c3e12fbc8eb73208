// The one door for status changes. Every module (repairs, transfers, counts, disposals) calls
// changeAssetStatus, which consults the transition table in statuses.ts and records the history.
import type { Ctx } from '../../api/context';
import { AppError, notFound } from '../../api/errors';
import type { AssetDto } from './contract';
import { recordAssetEvent } from './history';
import { assetRow, toAssetDto } from './rows';
import { canTransition, type AssetStatus } from './statuses';
import { staleError } from './write';
import { assertNotUnderCount } from '../counts/lock';

export interface StatusChangeOptions {
  /** The version the caller read; stale → CONFLICT. Omit when the caller's own workflow already locks. */
  version?: number;
  /** History event kind, e.g. 'repair' or 'disposal'; default 'status'. */
  kind?: string;
}

/**
 * Moves an asset to `to` inside the caller's transaction: INVALID_TRANSITION unless the table allows
 * it, bumps the version, records a history event and announces assets.changed. Same status: no-op.
 */
export function changeAssetStatus(
  ctx: Ctx,
  assetId: number,
  to: AssetStatus,
  note = '',
  opts: StatusChangeOptions = {},
): AssetDto {
  const row = assetRow(ctx.sqlite, assetId);
  if (!row) throw notFound('asset', assetId);
  if (opts.version !== undefined && row.version !== opts.version) throw staleError(ctx, row, opts.version);
  const from = row.status as AssetStatus;
  if (from === to) return toAssetDto(row);
  assertNotUnderCount(ctx.sqlite, assetId);
  if (!canTransition(from, to)) {
    throw new AppError('INVALID_TRANSITION', 'errors.invalidTransition', {
      entity: 'asset',
      id: assetId,
      from,
      to,
    });
  }
  const version = row.version + 1;
  ctx.sqlite
    .prepare('UPDATE assets SET status = ?, version = ?, updated_at = ?, updated_by = ? WHERE id = ?')
    .run(to, version, ctx.nowIso, ctx.session?.userId ?? null, assetId);
  recordAssetEvent(ctx, {
    assetId,
    kind: opts.kind ?? 'status',
    changes: [{ field: 'status', before: from, after: to }],
    note,
    version,
  });
  ctx.emit('assets.changed', { ids: [assetId] });
  return toAssetDto(assetRow(ctx.sqlite, assetId)!);
}
