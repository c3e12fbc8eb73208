// The counter's live feed: a count's latest scans with what each became, read back from count_scans
// (so a reload, or another station's scanner, loses nothing), expected facts only for who may see them.
import type { Sqlite } from '../../db/client';
import type { CountScanLogRow } from './contract';

interface LogRow extends Omit<CountScanLogRow, 'elsewhere' | 'notOnList' | 'described'> {
  expected: number | null;
  expLoc: number | null;
  expectedLocationName: string | null;
  detailName: string | null;
}

export function countScanLog(
  sqlite: Sqlite,
  q: { countId: number; limit: number; scanIds?: number[] },
  showsExpected: boolean,
): CountScanLogRow[] {
  const only = q.scanIds ? 'AND s.scan_id IN (SELECT value FROM json_each(@scanIds))' : '';
  const rows = sqlite
    .prepare(
      `SELECT s.id, s.at, s.code, s.epc, s.outcome, s.asset_id AS assetId, a.asset_code AS assetCode,
         a.name AS assetName, s.detail_id AS detailId, s.location_id AS locationId, l.name AS locationName,
         COALESCE(u.display_name, u.username) AS userName, s.scan_id AS scanId, d.expected,
         d.expected_location_id AS expLoc, el.name AS expectedLocationName, d.name AS detailName
       FROM count_scans s
       LEFT JOIN assets a ON a.id = s.asset_id
       LEFT JOIN locations l ON l.id = s.location_id
       LEFT JOIN users u ON u.id = s.user_id
       LEFT JOIN count_details d ON d.id = s.detail_id
       LEFT JOIN locations el ON el.id = d.expected_location_id
       WHERE s.count_id = @countId ${only}
       ORDER BY s.id DESC LIMIT @limit`,
    )
    .all({ countId: q.countId, limit: q.limit, scanIds: JSON.stringify(q.scanIds ?? []) }) as LogRow[];
  return rows.map(({ expected, expLoc, expectedLocationName, detailName, ...r }) => {
    const out: CountScanLogRow = { ...r, described: !!detailName };
    if (showsExpected && r.assetId !== null && r.outcome === 'counted') {
      out.notOnList = expected === 0;
      // Out-of-list assets compare with the ledger's location at the time of the scan.
      out.elsewhere = r.locationId !== null && r.locationId !== expLoc;
      out.expectedLocationName = expectedLocationName;
    }
    return out;
  });
}
