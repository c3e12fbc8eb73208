// Deciding what to do about a difference of a finished count. Nothing changes in the ledger here:
// the decision and its parameters are stored on the detail row and applied when the count is posted.
import type { z } from 'zod';
import type { Ctx } from '../../api/context';
import { AppError } from '../../api/errors';
import { throwProblems } from '../assets/fields';
import { canTransition, type AssetStatus } from '../assets/statuses';
import { openRepairOf } from '../repairs/rows';
import type { CountDetailDto, countsContract } from './contract';
import { detailByAsset, detailRow, toDetailDto, type DetailRow } from './details';
import { assertCountStatus, countRow } from './plan';
import { storePhoto } from './scan';

type ResolveInput = z.output<(typeof countsContract)['counts.resolve']['input']>;

const notApplicable = (resolution: string, result: string | null) =>
  throwProblems([
    { path: 'resolution', message: 'validation.resolutionNotApplicable', params: { resolution, result } },
  ]);

function exists(ctx: Ctx, table: 'locations' | 'custodians' | 'categories', id: number, path: string): void {
  const row = ctx.sqlite.prepare(`SELECT active FROM ${table} WHERE id = ?`).get(id) as
    { active: number } | undefined;
  if (!row) throwProblems([{ path, message: 'validation.referenceNotFound', params: { id } }]);
  else if (!row.active) throwProblems([{ path, message: 'validation.referenceInactive', params: { id } }]);
}

/** The resolution's parameters, checked against the row; throws when it cannot apply. */
function resolutionData(ctx: Ctx, d: DetailRow, input: ResolveInput): Record<string, unknown> {
  const onBooks = d.asset_id !== null;
  switch (input.resolution) {
    case 'move': {
      if (!onBooks) return notApplicable('move', d.result) as never;
      const locationId = input.locationId ?? d.found_location_id;
      if (locationId === null) throwProblems([{ path: 'locationId', message: 'validation.required' }]);
      exists(ctx, 'locations', locationId!, 'locationId');
      return { locationId };
    }
    case 'change_custodian': {
      if (!onBooks) return notApplicable('change_custodian', d.result) as never;
      if (input.custodianId === undefined)
        throwProblems([{ path: 'custodianId', message: 'validation.required' }]);
      if (input.custodianId !== null) exists(ctx, 'custodians', input.custodianId!, 'custodianId');
      return { custodianId: input.custodianId };
    }
    case 'change_status': {
      if (!onBooks) return notApplicable('change_status', d.result) as never;
      const status = input.status ?? (d.found_status as AssetStatus | null);
      if (!status) return throwProblems([{ path: 'status', message: 'validation.required' }]) as never;
      const now = ctx.sqlite
        .prepare('SELECT status FROM assets WHERE id = ?')
        .pluck()
        .get(d.asset_id) as AssetStatus;
      if (now !== status && !canTransition(now, status))
        throw new AppError('INVALID_TRANSITION', 'errors.invalidTransition', {
          entity: 'asset',
          id: d.asset_id,
          from: now,
          to: status,
        });
      return { status };
    }
    case 'write_off': {
      if (!onBooks || d.result !== 'missing') return notApplicable('write_off', d.result) as never;
      const now = ctx.sqlite
        .prepare('SELECT status FROM assets WHERE id = ?')
        .pluck()
        .get(d.asset_id) as AssetStatus;
      if (now !== 'missing' && !canTransition(now, 'missing'))
        throw new AppError('INVALID_TRANSITION', 'errors.invalidTransition', {
          entity: 'asset',
          id: d.asset_id,
          from: now,
          to: 'missing',
        });
      // Posting turns it into a disposal request: what that request would refuse is refused now, so the
      // count's posting does not fail on it later.
      const repair = openRepairOf(ctx.sqlite, d.asset_id!);
      if (repair)
        throw new AppError('INVALID_TRANSITION', 'errors.disposalOpenRepair', { number: repair.number });
      const pending = ctx.sqlite
        .prepare(`SELECT number FROM disposals WHERE asset_id = ? AND status = 'pending'`)
        .pluck()
        .get(d.asset_id) as string | undefined;
      if (pending)
        throw new AppError('INVALID_TRANSITION', 'errors.disposalAlreadyPending', { number: pending });
      return {};
    }
    case 'add_to_ledger': {
      if (onBooks) return notApplicable('add_to_ledger', d.result) as never;
      if (input.categoryId === undefined)
        throwProblems([{ path: 'categoryId', message: 'validation.required' }]);
      exists(ctx, 'categories', input.categoryId!, 'categoryId');
      const name = input.name || d.name;
      if (!name) throwProblems([{ path: 'name', message: 'validation.required' }]);
      return {
        categoryId: input.categoryId,
        name,
        estimatedValue: input.estimatedValue ?? d.estimated_value ?? 0,
      };
    }
    case 'recount':
      // A surplus row has nothing to find again: it is described, or added, or left.
      if (!onBooks) return notApplicable('recount', d.result) as never;
      return {};
  }
}

export function resolveDetail(ctx: Ctx, input: ResolveInput): CountDetailDto {
  const { sqlite } = ctx;
  const count = countRow(sqlite, input.id);
  assertCountStatus(count, 'finished');
  const d =
    input.detailId !== undefined
      ? detailRow(sqlite, input.id, input.detailId)
      : detailByAsset(sqlite, input.id, input.assetId!);
  // Sent back for a recount and not classified again yet: there is nothing to decide until it is.
  if (d.resolution === 'recount' && d.result === null)
    throw new AppError('INVALID_TRANSITION', 'errors.countRecountPending', { n: 1 });
  const data = resolutionData(ctx, d, input);
  const who = ctx.session?.userId ?? null;
  if (input.resolution === 'recount') {
    // Back to uncounted: found facts and result cleared so counters scan it again (the finished count
    // takes scans of such rows); the earlier scans stay in count_scans and the audit keeps what was found.
    sqlite
      .prepare(
        `UPDATE count_details SET found_at = NULL, found_by = NULL, found_location_id = NULL, found_status = NULL,
           found_device_id = NULL, found_station = NULL, result = NULL, resolution = 'recount', resolution_data = '{}',
           resolution_note = ?, resolved_by = ?, resolved_at = ?, version = version + 1 WHERE id = ?`,
      )
      .run(input.note ?? '', who, ctx.nowIso, d.id);
  } else {
    sqlite
      .prepare(
        `UPDATE count_details SET resolution = ?, resolution_data = ?, resolution_note = ?, resolved_by = ?, resolved_at = ?,
           version = version + 1 WHERE id = ?`,
      )
      .run(input.resolution, JSON.stringify(data), input.note ?? '', who, ctx.nowIso, d.id);
  }
  if (input.photo) {
    const sha = storePhoto(ctx.core.dataDir, input.photo.data);
    sqlite
      .prepare('UPDATE count_details SET photo_sha256 = ?, photo_mime = ? WHERE id = ?')
      .run(sha, input.photo.mime, d.id);
  }
  ctx.audit({
    entity: 'count',
    entityId: input.id,
    details: {
      photo: !!input.photo,
      detailId: d.id,
      assetId: d.asset_id,
      result: d.result,
      resolution: input.resolution,
      ...data,
      note: input.note ?? '',
      ...(input.resolution === 'recount'
        ? {
            previous: {
              foundAt: d.found_at,
              foundBy: d.found_by,
              foundLocationId: d.found_location_id,
              foundStatus: d.found_status,
            },
          }
        : {}),
    },
  });
  ctx.emit('counts.changed', { id: input.id });
  return toDetailDto(detailRow(sqlite, input.id, d.id), true);
}
