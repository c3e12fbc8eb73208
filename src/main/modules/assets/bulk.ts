// Changes to many cards at once (location / custodian / department) and removing a card entered by
// mistake. Each asset gets its own history event; the call gets one summarising audit row.
import type { Ctx } from '../../api/context';
import type { EditableValues } from './fields';
import { referenceProblems, throwProblems } from './fields';
import { recordAssetEvent } from './history';
import { assetRowsByIds } from './rows';
import { applyPatch, lockedRow } from './write';
import { assertDeletable } from '../changes/guard';
import { assertNotUnderCount } from '../counts/lock';

export interface BulkSet {
  locationId?: number | null;
  custodianId?: number | null;
  departmentId?: number | null;
}

export function bulkUpdateAssets(ctx: Ctx, ids: number[], set: BulkSet, note = ''): { updated: number } {
  const unique = [...new Set(ids)];
  throwProblems(referenceProblems(ctx.sqlite, { ...set }));
  const rows = assetRowsByIds(ctx.sqlite, unique).filter((r) => r.deleted_at === null);
  if (rows.length !== unique.length) {
    const found = new Set(rows.map((r) => r.id));
    const missing = unique.filter((i) => !found.has(i));
    throwProblems([
      { path: 'ids', message: 'validation.assetsNotFound', params: { ids: missing.slice(0, 20) } },
    ]);
  }
  const changedIds: number[] = [];
  for (const row of rows) {
    const changes = applyPatch(ctx, row, set as Partial<EditableValues>, 'bulk', note);
    if (changes.length) changedIds.push(row.id);
  }
  ctx.audit({
    entity: 'asset',
    details: {
      set,
      note,
      requested: unique.length,
      updated: changedIds.length,
      ids: changedIds.slice(0, 200),
    },
  });
  if (changedIds.length) ctx.emit('assets.changed', { ids: changedIds });
  return { updated: changedIds.length };
}

/** Soft delete: the row (and its code) stays, hidden from lists and reads. */
export function deleteAsset(ctx: Ctx, id: number, version: number, reason: string): { id: number } {
  const row = lockedRow(ctx, id, version);
  assertDeletable(ctx.sqlite, id);
  assertNotUnderCount(ctx.sqlite, id);
  const next = row.version + 1;
  ctx.sqlite
    .prepare('UPDATE assets SET deleted_at = ?, version = ?, updated_at = ?, updated_by = ? WHERE id = ?')
    .run(ctx.nowIso, next, ctx.nowIso, ctx.session?.userId ?? null, id);
  recordAssetEvent(ctx, { assetId: id, kind: 'deleted', note: reason, version: next });
  ctx.audit({
    entity: 'asset',
    entityId: id,
    details: { assetCode: row.asset_code, name: row.name, reason },
  });
  ctx.emit('assets.changed', { ids: [id] });
  return { id };
}
