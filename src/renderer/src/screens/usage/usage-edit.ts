// Parsing and checking the usage a user types, before it goes to usage.set.
import type { UsageRow } from '../../../../main/modules/usage/contract';

/** Units from text ("1,234.5"); null for an empty cell (no usage); NaN when not a number ≥ 0. */
export function parseUnits(text: string): number | null {
  const s = text.replace(/[,\s]/g, '');
  if (s === '') return null;
  if (!/^\d+(\.\d{1,6})?$/.test(s)) return NaN;
  return Number(s);
}

export function unitsText(u: number | null | undefined): string {
  if (u === null || u === undefined) return '';
  return u.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** An i18n key per asset whose edited cells are not valid numbers or overrun the total. */
export function rowProblems(
  rows: UsageRow[],
  unitsEdit: Record<number, string>,
  totalEdit: Record<number, string>,
): Record<number, string> {
  const out: Record<number, string> = {};
  for (const r of rows) {
    const u = unitsEdit[r.assetId] !== undefined ? parseUnits(unitsEdit[r.assetId]!) : r.units;
    const tot = totalEdit[r.assetId] !== undefined ? parseUnits(totalEdit[r.assetId]!) : r.totalUnits;
    if (Number.isNaN(u) || Number.isNaN(tot) || tot === 0) out[r.assetId] = 'usage.invalidNumber';
    else if (u !== null && tot !== null && r.usedBefore + u > tot + 1e-9) out[r.assetId] = 'usage.overTotal';
  }
  return out;
}
