// Detail rows (盘点明细) as the API shows them, paged and filtered, with the expected facts left out
// for a counter in a blind count.
import type { Sqlite } from '../../db/client';
import type { Page } from '../../api/schemas';
import { notFound } from '../../api/errors';
import type { AssetStatus } from '../assets/statuses';
import type { CountDetailDto, CountResult, Resolution } from './contract';

export interface DetailRow {
  id: number;
  count_id: number;
  asset_id: number | null;
  expected: number;
  expected_location_id: number | null;
  expected_custodian_id: number | null;
  expected_status: string | null;
  found_at: string | null;
  found_by: number | null;
  found_location_id: number | null;
  found_status: string | null;
  found_device_id: number | null;
  found_station: string | null;
  code: string | null;
  name: string | null;
  estimated_value: number | null;
  photo_sha256: string | null;
  photo_mime: string | null;
  note: string;
  result: string | null;
  resolution: string | null;
  resolution_data: string | null;
  resolution_note: string;
  resolved_by: number | null;
  resolved_at: string | null;
  posted_asset_id: number | null;
  version: number;
  asset_code: string | null;
  asset_name: string | null;
  model: string | null;
  serial_no: string | null;
  exp_loc_name: string | null;
  exp_cust_name: string | null;
  found_loc_name: string | null;
  found_by_name: string | null;
}

const SELECT = `SELECT d.*, a.asset_code, a.name AS asset_name, a.model, a.serial_no, el.name AS exp_loc_name,
    ec.name AS exp_cust_name, fl.name AS found_loc_name, u.display_name AS found_by_name
  FROM count_details d
  LEFT JOIN assets a ON a.id = d.asset_id
  LEFT JOIN locations el ON el.id = d.expected_location_id
  LEFT JOIN custodians ec ON ec.id = d.expected_custodian_id
  LEFT JOIN locations fl ON fl.id = d.found_location_id
  LEFT JOIN users u ON u.id = d.found_by`;

export function toDetailDto(r: DetailRow, showsExpected: boolean): CountDetailDto {
  const dto: CountDetailDto = {
    id: r.id,
    assetId: r.asset_id,
    assetCode: r.asset_code,
    assetName: r.asset_name,
    model: r.model,
    serialNo: r.serial_no,
    foundAt: r.found_at,
    foundBy: r.found_by,
    foundByName: r.found_by_name,
    foundLocationId: r.found_location_id,
    foundLocationName: r.found_loc_name,
    foundStatus: r.found_status as AssetStatus | null,
    foundDeviceId: r.found_device_id,
    foundStation: r.found_station,
    code: r.code,
    name: r.name,
    estimatedValue: r.estimated_value,
    hasPhoto: r.photo_sha256 !== null,
    note: r.note,
    version: r.version,
  };
  if (!showsExpected) return dto;
  return {
    ...dto,
    expected: r.expected === 1,
    expectedLocationId: r.expected_location_id,
    expectedLocationName: r.exp_loc_name,
    expectedCustodianId: r.expected_custodian_id,
    expectedCustodianName: r.exp_cust_name,
    expectedStatus: r.expected_status as AssetStatus | null,
    result: r.result as CountResult | null,
    resolution: r.resolution as Resolution | null,
    resolutionData: r.resolution_data ? (JSON.parse(r.resolution_data) as Record<string, unknown>) : null,
    resolutionNote: r.resolution_note,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
    postedAssetId: r.posted_asset_id,
  };
}

export function detailRow(sqlite: Sqlite, countId: number, id: number): DetailRow {
  const r = sqlite.prepare(`${SELECT} WHERE d.id = ?`).get(id) as DetailRow | undefined;
  if (!r || r.count_id !== countId) throw notFound('countDetail', id);
  return r;
}

export function detailByAsset(sqlite: Sqlite, countId: number, assetId: number): DetailRow {
  const r = sqlite.prepare(`${SELECT} WHERE d.count_id = ? AND d.asset_id = ?`).get(countId, assetId) as
    DetailRow | undefined;
  if (!r) throw notFound('countDetail', `asset ${assetId}`);
  return r;
}

export interface DetailQuery {
  offset: number;
  limit: number;
  result?: CountResult;
  locationId?: number;
  onlyDifferences?: boolean;
  state?: 'found' | 'remaining';
  q?: string;
  /** Only rows expected or found in these rooms (a counter's areas). */
  rooms?: number[];
}

export function listDetails(
  sqlite: Sqlite,
  countId: number,
  q: DetailQuery,
  showsExpected: boolean,
): Page<CountDetailDto> {
  const where = ['d.count_id = @countId'];
  const params: Record<string, unknown> = { countId, limit: q.limit, offset: q.offset };
  if (!showsExpected) {
    // A blind counter sees only what has been found; nothing about what is still expected.
    where.push('d.found_at IS NOT NULL');
    if (q.locationId) where.push('d.found_location_id = @loc');
  } else {
    if (q.result) where.push('d.result = @result');
    // A difference sent back for a recount stays in sight until it is classified again.
    if (q.onlyDifferences)
      where.push(
        "((d.result IS NOT NULL AND d.result <> 'matched') OR (d.resolution = 'recount' AND d.result IS NULL))",
      );
    if (q.state === 'found') where.push('d.found_at IS NOT NULL');
    if (q.state === 'remaining') where.push('d.found_at IS NULL AND d.expected = 1');
    if (q.locationId) where.push('(d.expected_location_id = @loc OR d.found_location_id = @loc)');
  }
  if (q.rooms) {
    const inRooms = (col: string) => `${col} IN (SELECT value FROM json_each(@rooms))`;
    where.push(
      showsExpected
        ? `(${inRooms('d.expected_location_id')} OR ${inRooms('d.found_location_id')})`
        : inRooms('d.found_location_id'),
    );
    params.rooms = JSON.stringify(q.rooms);
  }
  if (q.locationId) params.loc = q.locationId;
  if (q.result) params.result = q.result;
  let join = '';
  if (q.q) {
    join = 'LEFT JOIN assets a ON a.id = d.asset_id';
    where.push(
      "(a.asset_code LIKE @q ESCAPE '\\' OR a.name LIKE @q ESCAPE '\\' OR d.code LIKE @q ESCAPE '\\' OR d.name LIKE @q ESCAPE '\\')",
    );
    params.q = `%${q.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  }
  const w = where.join(' AND ');
  const { limit: _l, offset: _o, ...countParams } = params;
  const total = sqlite
    .prepare(`SELECT COUNT(*) FROM count_details d ${join} WHERE ${w}`)
    .pluck()
    .get(countParams) as number;
  const rows = sqlite
    .prepare(`${SELECT} WHERE ${w} ORDER BY d.id LIMIT @limit OFFSET @offset`)
    .all(params) as DetailRow[];
  return { rows: rows.map((r) => toDetailDto(r, showsExpected)), total };
}
