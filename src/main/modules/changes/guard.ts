// What the ledger may no longer change directly once an asset has been depreciated: its financial
// fields go through a change voucher, its in-service date stays, and the card cannot be deleted.
import type { Sqlite } from '../../db/client';
import { AppError } from '../../api/errors';

/** Card fields (API names) that only a change voucher may change after the first posted depreciation. */
export const VOUCHER_FIELDS = [
  'cost',
  'residualValue',
  'residualRate',
  'lifeMonths',
  'method',
  'categoryId',
  'expenseDepartmentId',
] as const;

export function hasPostedDepreciation(sqlite: Sqlite, assetId: number): boolean {
  return (
    sqlite.prepare('SELECT 1 FROM depreciation_entries WHERE asset_id = ? LIMIT 1').get(assetId) !== undefined
  );
}

/** ASSET_LOCKED when `fields` (the ones an edit changes) include a financial field of a depreciated asset. */
export function assertFinancialFieldsEditable(
  sqlite: Sqlite,
  assetId: number,
  fields: readonly string[],
): void {
  const locked = fields.filter((f) => (VOUCHER_FIELDS as readonly string[]).includes(f));
  const inService = fields.includes('inServiceDate');
  if (!locked.length && !inService) return;
  if (!hasPostedDepreciation(sqlite, assetId)) return;
  if (locked.length)
    throw new AppError('ASSET_LOCKED', 'errors.useChangeVoucher', { id: assetId, fields: locked });
  throw new AppError('ASSET_LOCKED', 'errors.inServiceDateDepreciated', { id: assetId });
}

/** ASSET_LOCKED for deleting a depreciated card: it is on the books; dispose of it instead. */
export function assertDeletable(sqlite: Sqlite, assetId: number): void {
  if (hasPostedDepreciation(sqlite, assetId)) {
    throw new AppError('ASSET_LOCKED', 'errors.depreciatedAssetDelete', { id: assetId });
  }
}
