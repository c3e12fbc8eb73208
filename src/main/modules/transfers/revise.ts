// A transfer returned for changes (退回修改): its requester edits it (assets, destination, reason,
// date) and submits it again, which starts a new approval round — or moves the assets at once when
// the edited move no longer crosses departments. Mirrors requisitions' update/submit after a return.
import type { Ctx } from '../../api/context';
import { AppError, conflict } from '../../api/errors';
import { startApproval } from '../approvals/engine';
import {
  KIND,
  applyTransfer,
  classify,
  destinationDepartment,
  movableAssets,
  setStatus,
  transferRow,
  writeLines,
  type Destination,
  type TransferRow,
} from './write';

function editable(ctx: Ctx, id: number, version: number): TransferRow {
  const t = transferRow(ctx, id);
  if (t.requester_id !== ctx.user().userId)
    throw new AppError('FORBIDDEN', 'errors.transferNotOwner', { number: t.number });
  if (t.version !== version)
    throw conflict('transfer', t.id, { currentVersion: t.version, status: t.status });
  if (t.status !== 'returned')
    throw new AppError('INVALID_TRANSITION', 'errors.transferStatus', { number: t.number, status: t.status });
  return t;
}

const lineAssetIds = (ctx: Ctx, id: number) =>
  ctx.sqlite
    .prepare('SELECT asset_id FROM transfer_lines WHERE transfer_id = ? ORDER BY id')
    .pluck()
    .all(id) as number[];

function storedDestination(t: TransferRow): Destination {
  return {
    departmentId: t.to_department_id ?? undefined,
    locationId: t.to_location_id ?? undefined,
    custodianId: t.to_custodian_id ?? undefined,
  };
}

export function updateTransfer(
  ctx: Ctx,
  input: {
    id: number;
    version: number;
    assetIds?: number[];
    to?: Destination;
    reason?: string;
    date?: string;
  },
): void {
  const t = editable(ctx, input.id, input.version);
  const to = input.to ?? storedDestination(t);
  const toDept = destinationDepartment(ctx, to);
  const assets = movableAssets(ctx, input.assetIds ?? lineAssetIds(ctx, t.id), t.id);
  const { crosses, kind } = classify(assets, toDept);
  const after = {
    kind,
    toDepartmentId: toDept,
    toLocationId: to.locationId ?? null,
    toCustodianId: to.custodianId ?? null,
    reason: input.reason ?? t.reason,
    date: input.date ?? t.transfer_date,
    crosses,
    assetIds: assets.map((a) => a.id),
  };
  ctx.sqlite
    .prepare(
      `UPDATE transfers SET kind = ?, to_department_id = ?, to_location_id = ?, to_custodian_id = ?, reason = ?,
         transfer_date = ?, crosses_departments = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .run(
      kind,
      toDept,
      after.toLocationId,
      after.toCustodianId,
      after.reason,
      after.date,
      crosses ? 1 : 0,
      ctx.nowIso,
      t.id,
    );
  writeLines(ctx, t.id, assets);
  ctx.audit({
    entity: KIND,
    entityId: t.id,
    details: {
      number: t.number,
      before: {
        kind: t.kind,
        toDepartmentId: t.to_department_id,
        toLocationId: t.to_location_id,
        toCustodianId: t.to_custodian_id,
        reason: t.reason,
        date: t.transfer_date,
        assetIds: lineAssetIds(ctx, t.id),
      },
      after,
    },
  });
  ctx.emit('transfers.changed', { id: t.id });
}

export function submitTransfer(ctx: Ctx, input: { id: number; version: number; comment: string }): void {
  const t = editable(ctx, input.id, input.version);
  // Where the assets stand now (they may have been edited while the document was back with its requester).
  const assets = movableAssets(ctx, lineAssetIds(ctx, t.id), t.id);
  const { crosses, kind } = classify(assets, t.to_department_id);
  writeLines(ctx, t.id, assets);
  ctx.sqlite
    .prepare('UPDATE transfers SET kind = ?, crosses_departments = ? WHERE id = ?')
    .run(kind, crosses ? 1 : 0, t.id);
  ctx.audit({
    action: 'transfers.submit',
    entity: KIND,
    entityId: t.id,
    details: { number: t.number, crosses, comment: input.comment },
  });
  if (crosses) {
    setStatus(ctx, t.id, 'pending');
    startApproval(ctx, KIND, t.id, input.comment);
  } else applyTransfer(ctx, t.id);
}
