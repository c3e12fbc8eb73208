// Counting: one scan into a count (location-first, duplicates warned, unknown codes kept as surplus),
// surplus rows with what the counter can tell, and the "count" target the device layer routes to.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Statement } from 'better-sqlite3';
import { AppError, notFound } from '../../api/errors';
import type { Sqlite } from '../../db/client';
import type { AssetStatus } from '../assets/statuses';
import { throwProblems } from '../assets/fields';
import { blobPath } from '../assets/attachments';
import { resolveCode, resolveEpc } from '../scans/record';
import type { ScanTarget } from '../scans/routing';
import { assertRoom, deviceGrant, type CounterGrant } from './assign';
import { recountPending } from './classify';
import type { CountScanResult } from './contract';

export interface CountScanInput {
  countId: number;
  code?: string | null;
  epc?: string | null;
  /** The room; omitted: the station's current room for this count. */
  locationId?: number | null;
  /** What the counter observed, when they said so. */
  status?: AssetStatus | null;
  deviceId?: number | null;
  station?: string;
  /** The counter (user id). */
  operator: number | null;
  at: string;
  /** The device layer's scans-log row, when the scan came through it. */
  scanId?: number | null;
  /** Already resolved by the scans layer: skip resolving again. */
  resolved?: { assetId: number | null; resolvedBy: string | null };
  /** The rooms this counter may count in (absent: anywhere). */
  grant?: CounterGrant;
}

interface DetailHit {
  id: number;
  found_at: string | null;
  found_location_id: number | null;
  found_by: number | null;
  resolution: string | null;
  result: string | null;
}

interface Stmts {
  count: Statement<[number], { status: string }>;
  station: Statement<[string], { count_id: number; location_id: number | null; user_id: number | null }>;
  setStation: Statement;
  location: Statement<[number], { id: number }>;
  locationByCode: Statement<[string], { id: number }>;
  asset: Statement<
    [number],
    {
      id: number;
      asset_code: string;
      name: string;
      location_id: number | null;
      custodian_id: number | null;
      status: string;
    }
  >;
  detail: Statement<[number, number], DetailHit>;
  surplus: Statement<[number, string], DetailHit>;
  markFound: Statement;
  insertDetail: Statement;
  insertScan: Statement;
  activeCount: Statement<[string], { count_id: number; user_id: number | null }>;
}

const cache = new WeakMap<Sqlite, Stmts>();

function stmts(sqlite: Sqlite): Stmts {
  let s = cache.get(sqlite);
  if (s) return s;
  const p = <T extends unknown[], R>(sql: string) => sqlite.prepare(sql) as Statement<T, R>;
  s = {
    count: p('SELECT status FROM counts WHERE id = ?'),
    station: p('SELECT count_id, location_id, user_id FROM count_stations WHERE station = ?'),
    setStation: sqlite.prepare(
      `INSERT INTO count_stations (station, count_id, location_id, user_id, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(station) DO UPDATE SET count_id = excluded.count_id, location_id = excluded.location_id,
         user_id = COALESCE(excluded.user_id, count_stations.user_id), updated_at = excluded.updated_at`,
    ),
    location: p('SELECT id FROM locations WHERE id = ?'),
    locationByCode: p('SELECT id FROM locations WHERE code = ?'),
    asset: p('SELECT id, asset_code, name, location_id, custodian_id, status FROM assets WHERE id = ?'),
    detail: p(
      'SELECT id, found_at, found_location_id, found_by, resolution, result FROM count_details WHERE count_id = ? AND asset_id = ?',
    ),
    surplus: p(
      'SELECT id, found_at, found_location_id, found_by, resolution, result FROM count_details WHERE count_id = ? AND code = ? AND asset_id IS NULL',
    ),
    markFound: sqlite.prepare(
      `UPDATE count_details SET found_at = @at, found_by = @by, found_location_id = @room, found_status = @status,
         found_device_id = @device, found_station = @station WHERE id = @id`,
    ),
    insertDetail: sqlite.prepare(
      `INSERT INTO count_details (count_id, asset_id, expected, expected_location_id, expected_custodian_id,
         expected_status, found_at, found_by, found_location_id, found_status, found_device_id, found_station, code, name,
         estimated_value, note)
       VALUES (@countId, @assetId, 0, @expLoc, @expCust, @expStatus, @at, @by, @room, @status, @device, @station, @code,
         @name, @value, @note)`,
    ),
    insertScan: sqlite.prepare(
      `INSERT INTO count_scans (count_id, at, user_id, device_id, station, location_id, code, epc, asset_id, detail_id, outcome, scan_id)
       VALUES (@countId, @at, @by, @device, @station, @room, @code, @epc, @assetId, @detailId, @outcome, @scanId)`,
    ),
    activeCount: p(
      `SELECT s.count_id, s.user_id FROM count_stations s
       JOIN counts c ON c.id = s.count_id AND c.status IN ('in_progress', 'finished')
       WHERE s.station = ?`,
    ),
  };
  cache.set(sqlite, s);
  return s;
}

/**
 * INVALID_TRANSITION unless the count takes scans: in progress, or (with `recount`) finished with rows
 * sent back for a recount — then only those rows may be counted. Returns which.
 */
export function assertCounting(sqlite: Sqlite, countId: number, recount = false): 'counting' | 'recount' {
  const c = stmts(sqlite).count.get(countId);
  if (!c) throw notFound('count', countId);
  if (c.status === 'in_progress') return 'counting';
  if (recount && c.status === 'finished' && recountPending(sqlite, countId) > 0) return 'recount';
  throw new AppError('INVALID_TRANSITION', 'errors.countState', {
    entity: 'count',
    id: countId,
    from: c.status,
    allowed: 'in_progress',
  });
}

export function assertLocation(sqlite: Sqlite, locationId: number, path = 'locationId'): void {
  if (!stmts(sqlite).location.get(locationId))
    throwProblems([{ path, message: 'validation.referenceNotFound', params: { id: locationId } }]);
}

/** Makes `countId` the station's active count and sets its room (null: keep none). */
export function setStation(
  sqlite: Sqlite,
  station: string,
  countId: number,
  locationId: number | null,
  userId: number | null,
  at: string,
): void {
  stmts(sqlite).setStation.run(station, countId, locationId, userId, at);
}

/** The room the station is counting in for this count, or null. */
export function stationRoom(sqlite: Sqlite, station: string, countId: number): number | null {
  const st = stmts(sqlite).station.get(station);
  return st && st.count_id === countId ? st.location_id : null;
}

/**
 * Counts one scan inside the caller's transaction (the hook the scan router and counts.scan share).
 * Location-first: a location code (or locationId without a code) picks the room; an asset is marked
 * found in the current room; a second scan of the same asset is a duplicate and counts nothing; an
 * unknown code becomes a surplus row. Returns what the counter should hear.
 */
export function recordCountScan(sqlite: Sqlite, input: CountScanInput): CountScanResult {
  const s = stmts(sqlite);
  const mode = assertCounting(sqlite, input.countId, true);
  const station = input.station ?? 'local';
  const st = s.station.get(station);
  const current = st && st.count_id === input.countId ? st.location_id : null;
  const explicit = input.locationId ?? null;
  if (explicit !== null && explicit !== current) assertLocation(sqlite, explicit);
  let room = explicit ?? current;
  const code = input.code ?? null;
  const epc = input.epc ?? null;
  const base = {
    countId: input.countId,
    at: input.at,
    by: input.operator,
    device: input.deviceId ?? null,
    station,
    code,
    epc,
    scanId: input.scanId ?? null,
  };
  const result = (r: Omit<CountScanResult, 'scanId' | 'locationId'>, log = true): CountScanResult => {
    const scanId = log
      ? Number(
          s.insertScan.run({ ...base, room, assetId: r.assetId, detailId: r.detailId, outcome: r.outcome })
            .lastInsertRowid,
        )
      : null;
    return { ...r, locationId: room, scanId };
  };

  let asset: { id: number; resolvedBy: string | null } | null = null;
  if (input.resolved) {
    if (input.resolved.assetId !== null)
      asset = { id: input.resolved.assetId, resolvedBy: input.resolved.resolvedBy };
  } else if (epc || code) {
    const r = epc ? resolveEpc(sqlite, epc) : resolveCode(sqlite, code!);
    if (r.asset) asset = { id: r.asset.id, resolvedBy: r.resolvedBy };
  }
  // A room label: the scans that follow are counted there.
  const roomByCode = !asset && code && !epc ? s.locationByCode.get(code) : undefined;
  if (roomByCode || (!asset && !code && !epc)) {
    room = roomByCode?.id ?? explicit;
    assertRoom(sqlite, input.grant, room);
    setStation(sqlite, station, input.countId, room, input.operator, input.at);
    return result({
      outcome: 'room',
      warning: null,
      detailId: null,
      assetId: null,
      assetCode: null,
      assetName: null,
      resolvedBy: roomByCode ? 'location' : null,
    });
  }
  // Nothing is counted outside the counter's areas (refused before anything is written).
  assertRoom(sqlite, input.grant, room);
  if (explicit !== null && explicit !== current)
    setStation(sqlite, station, input.countId, explicit, input.operator, input.at);

  const found = {
    at: input.at,
    by: input.operator,
    room,
    status: input.status ?? null,
    device: input.deviceId ?? null,
    station,
  };
  if (asset) {
    const a = s.asset.get(asset.id)!;
    const hit = s.detail.get(input.countId, asset.id);
    const common = {
      assetId: a.id,
      assetCode: a.asset_code,
      assetName: a.name,
      resolvedBy: asset.resolvedBy,
    };
    // A finished count re-opened for a recount takes only the rows sent back.
    if (mode === 'recount' && (hit?.resolution !== 'recount' || hit.result !== null))
      throw new AppError('INVALID_TRANSITION', 'errors.countNotRecounting', { code: a.asset_code });
    if (hit?.found_at) {
      const first = { at: hit.found_at, locationId: hit.found_location_id, userId: hit.found_by };
      // Repeated RFID reads of a tag are the normal case in a sweep: the device's scans log keeps them.
      return result({ outcome: 'duplicate', warning: 'duplicate', detailId: hit.id, first, ...common }, !epc);
    }
    let detailId: number;
    if (hit) {
      s.markFound.run({ ...found, id: hit.id });
      detailId = hit.id;
    } else {
      // On the books but not on this count's list: kept, with the ledger's facts as they are now.
      detailId = Number(
        s.insertDetail.run({
          ...found,
          countId: input.countId,
          assetId: a.id,
          expLoc: a.location_id,
          expCust: a.custodian_id,
          expStatus: a.status,
          code: null,
          name: null,
          value: null,
          note: '',
        }).lastInsertRowid,
      );
    }
    return result({ outcome: 'counted', warning: null, detailId, ...common });
  }

  const key = epc ?? code!;
  if (mode === 'recount')
    throw new AppError('INVALID_TRANSITION', 'errors.countNotRecounting', { code: key });
  const prior = s.surplus.get(input.countId, key);
  const none = { assetId: null, assetCode: null, assetName: null, resolvedBy: null };
  if (prior) {
    const first = {
      at: prior.found_at ?? input.at,
      locationId: prior.found_location_id,
      userId: prior.found_by,
    };
    return result({ outcome: 'duplicate', warning: 'duplicate', detailId: prior.id, first, ...none }, !epc);
  }
  const detailId = Number(
    s.insertDetail.run({
      ...found,
      countId: input.countId,
      assetId: null,
      expLoc: null,
      expCust: null,
      expStatus: null,
      code: key,
      name: null,
      value: null,
      note: '',
    }).lastInsertRowid,
  );
  return result({ outcome: 'unknown', warning: 'unknown', detailId, ...none });
}

export interface SurplusInput {
  countId: number;
  detailId?: number;
  code?: string;
  name: string;
  estimatedValue?: number;
  photo?: { mime: string; data: string };
  locationId?: number;
  note?: string;
  station: string;
  grant?: CounterGrant;
}

/** Stores a photo content-addressed beside the attachments; returns its digest. */
export function storePhoto(dataDir: string, data: string): string {
  const bytes = Buffer.from(data.replace(/\s+/g, ''), 'base64');
  if (!bytes.length) throwProblems([{ path: 'photo.data', message: 'validation.base64' }]);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const file = blobPath(dataDir, sha);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  }
  return sha;
}

/** Adds (or completes) a "found, not on the books" row; returns its id. */
export function addSurplus(
  sqlite: Sqlite,
  dataDir: string,
  input: SurplusInput,
  operator: number | null,
  at: string,
): number {
  const s = stmts(sqlite);
  assertCounting(sqlite, input.countId);
  if (input.locationId !== undefined) assertLocation(sqlite, input.locationId);
  if (input.grant?.rooms && (input.detailId === undefined || input.locationId !== undefined))
    assertRoom(sqlite, input.grant, input.locationId ?? stationRoom(sqlite, input.station, input.countId));
  const photo = input.photo ? storePhoto(dataDir, input.photo.data) : null;
  let id = input.detailId;
  if (id === undefined && input.code) id = s.surplus.get(input.countId, input.code)?.id;
  if (id !== undefined) {
    const row = sqlite.prepare('SELECT count_id, asset_id FROM count_details WHERE id = ?').get(id) as
      { count_id: number; asset_id: number | null } | undefined;
    if (!row || row.count_id !== input.countId) throw notFound('countDetail', id);
    if (row.asset_id !== null) throwProblems([{ path: 'detailId', message: 'validation.notSurplus' }]);
    sqlite
      .prepare(
        `UPDATE count_details SET name = @name, estimated_value = COALESCE(@value, estimated_value),
           photo_sha256 = COALESCE(@photo, photo_sha256), photo_mime = COALESCE(@mime, photo_mime),
           note = COALESCE(@note, note), found_location_id = COALESCE(@room, found_location_id),
           version = version + 1 WHERE id = @id`,
      )
      .run({
        id,
        name: input.name,
        value: input.estimatedValue ?? null,
        photo,
        mime: photo ? input.photo!.mime : null,
        note: input.note ?? null,
        room: input.locationId ?? null,
      });
    return id;
  }
  const room = input.locationId ?? stationRoom(sqlite, input.station, input.countId);
  const info = sqlite
    .prepare(
      `INSERT INTO count_details (count_id, asset_id, expected, found_at, found_by, found_location_id, found_station,
         code, name, estimated_value, photo_sha256, photo_mime, note)
       VALUES (?, NULL, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.countId,
      at,
      operator,
      room,
      input.station,
      input.code || null,
      input.name,
      input.estimatedValue ?? null,
      photo,
      photo ? input.photo!.mime : null,
      input.note ?? '',
    );
  return Number(info.lastInsertRowid);
}

/** The "count" scan target: device scans on a station with an active count are counted into it. */
export const countScanTarget: ScanTarget = {
  kind: 'count',
  active(sqlite, station) {
    return stmts(sqlite).activeCount.get(station)?.count_id ?? null;
  },
  accept(sqlite, scan, countId) {
    const operator = scan.userId ?? stmts(sqlite).activeCount.get(scan.station)?.user_id ?? null;
    try {
      recordCountScan(sqlite, {
        grant: deviceGrant(sqlite, countId, operator),
        countId,
        code: scan.epc ? null : scan.code,
        epc: scan.epc,
        deviceId: scan.deviceId,
        station: scan.station,
        operator,
        at: scan.at,
        scanId: scan.id,
        resolved: { assetId: scan.assetId, resolvedBy: scan.resolvedBy },
      });
    } catch (err) {
      // A refused scan must not undo the batch of device scans it arrived with; the scans log keeps it,
      // and the count's feed shows it refused (e.g. outside the counter's areas).
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'FORBIDDEN')
        stmts(sqlite).insertScan.run({
          countId,
          at: scan.at,
          by: operator,
          device: scan.deviceId,
          station: scan.station,
          room: stationRoom(sqlite, scan.station, countId),
          code: scan.epc ? null : scan.code,
          epc: scan.epc,
          assetId: scan.assetId,
          detailId: null,
          outcome: 'rejected',
          scanId: scan.id,
        });
    }
  },
};
