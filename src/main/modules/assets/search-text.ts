// The lower-cased text the ledger's substring search scans: code, name, model, serial no. and the
// custodian's name. Kept in assets.search_text; refreshed when any of those change.
import type { Sqlite } from '../../db/client';
import { pluckStmt, stmt } from '../../db/statements';

export function buildSearchText(parts: {
  assetCode: string;
  name: string;
  model: string;
  serialNo: string;
  custodianName: string | null;
}): string {
  // U+0001 separates fields so a query never matches across two of them.
  return [parts.assetCode, parts.name, parts.model, parts.serialNo, parts.custodianName ?? '']
    .map((s) => s.toLowerCase())
    .join('\u0001');
}

/** The search needle as stored text is written: lower-cased (Chinese is unaffected). */
export function normalizeQuery(q: string): string {
  return q.trim().toLowerCase();
}

/** Recomputes search_text of one asset from its stored fields. */
export function refreshSearchText(sqlite: Sqlite, assetId: number): void {
  const r = stmt(
    sqlite,
    `SELECT a.asset_code, a.name, a.model, a.serial_no, p.name AS custodian_name
       FROM assets a LEFT JOIN custodians p ON p.id = a.custodian_id WHERE a.id = ?`,
  ).get(assetId) as
    | { asset_code: string; name: string; model: string; serial_no: string; custodian_name: string | null }
    | undefined;
  if (!r) return;
  const text = buildSearchText({
    assetCode: r.asset_code,
    name: r.name,
    model: r.model,
    serialNo: r.serial_no,
    custodianName: r.custodian_name,
  });
  stmt(sqlite, 'UPDATE assets SET search_text = ? WHERE id = ? AND search_text <> ?').run(
    text,
    assetId,
    text,
  );
}

/**
 * After a custodian is renamed: refresh the search text of every asset in their care.
 * The settings module calls this inside the renaming transaction.
 */
export function refreshSearchTextForCustodian(sqlite: Sqlite, custodianId: number): number {
  const ids = pluckStmt(sqlite, 'SELECT id FROM assets WHERE custodian_id = ?').all(custodianId) as number[];
  for (const id of ids) refreshSearchText(sqlite, id);
  return ids.length;
}
