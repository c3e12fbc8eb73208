// Persisting a scan: resolve it to an asset (code, serial no., RFID binding, ASCII or GIAI-96 EPC),
// route it to the station's active target, write the row. Callers own the transaction; events go
// out only after it commits (commitScans does both for device-originated scans).
import type { Sqlite } from '../../db/client';
import type { Statement } from 'better-sqlite3';
import type { EventHub } from '../../events';
import { decodeAsciiEpc, decodeGiai96 } from '../../devices/rfid/epc';
import { routeScan } from './routing';
import type { ScanDto, ScanSource } from './contract';

export interface ScanInput {
  at: string;
  deviceId: number | null;
  source: ScanSource;
  userId: number | null;
  station: string;
  rawHex: string;
  code?: string | null;
  epc?: string | null;
  rssi?: number | null;
  symbology?: string | null;
  aim?: string | null;
}

interface AssetHit {
  id: number;
  asset_code: string;
  name: string;
}

interface Stmts {
  byCode: Statement<[string], AssetHit>;
  bySerial: Statement<[string], AssetHit>;
  byBinding: Statement<[string], AssetHit>;
  insert: Statement;
}

const cache = new WeakMap<Sqlite, Stmts>();

function stmts(sqlite: Sqlite): Stmts {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      byCode: sqlite.prepare(
        'SELECT id, asset_code, name FROM assets WHERE asset_code = ? AND deleted_at IS NULL',
      ) as Statement<[string], AssetHit>,
      bySerial: sqlite.prepare(
        "SELECT id, asset_code, name FROM assets WHERE serial_no = ? AND serial_no <> '' AND deleted_at IS NULL LIMIT 2",
      ) as Statement<[string], AssetHit>,
      byBinding: sqlite.prepare(
        `SELECT a.id, a.asset_code, a.name FROM rfid_bindings b JOIN assets a ON a.id = b.asset_id
         WHERE b.epc = ? AND a.deleted_at IS NULL`,
      ) as Statement<[string], AssetHit>,
      insert: sqlite.prepare(
        `INSERT INTO scans (at, device_id, source, user_id, station, raw_hex, code, epc, rssi, symbology, aim,
           asset_id, resolved_by, target, target_id)
         VALUES (@at, @deviceId, @source, @userId, @station, @rawHex, @code, @epc, @rssi, @symbology, @aim,
           @assetId, @resolvedBy, @target, @targetId)`,
      ),
    };
    cache.set(sqlite, s);
  }
  return s;
}

export interface Resolution {
  asset: AssetHit | null;
  resolvedBy: string | null;
}

export function resolveCode(sqlite: Sqlite, code: string): Resolution {
  const s = stmts(sqlite);
  const hit =
    s.byCode.get(code) ?? (code !== code.toUpperCase() ? s.byCode.get(code.toUpperCase()) : undefined);
  if (hit) return { asset: hit, resolvedBy: 'code' };
  const serial = s.bySerial.all(code);
  if (serial.length === 1) return { asset: serial[0]!, resolvedBy: 'serial' };
  // A keyboard-mode RFID reader types the EPC as hex: a bound tag resolves (only a binding, which
  // someone made on purpose; reading digits as ASCII/GIAI could name another asset).
  if (/^([0-9A-Fa-f]{4}){1,15}$/.test(code)) {
    const bound = s.byBinding.get(code.toUpperCase());
    if (bound) return { asset: bound, resolvedBy: 'binding' };
  }
  return { asset: null, resolvedBy: null };
}

export function resolveEpc(sqlite: Sqlite, epc: string): Resolution {
  const s = stmts(sqlite);
  const bound = s.byBinding.get(epc);
  if (bound) return { asset: bound, resolvedBy: 'binding' };
  const ascii = decodeAsciiEpc(epc);
  if (ascii) {
    const hit = s.byCode.get(ascii);
    if (hit) return { asset: hit, resolvedBy: 'epc-ascii' };
  }
  const giai = decodeGiai96(epc);
  if (giai) {
    const hit = s.byCode.get(giai.assetReference);
    if (hit) return { asset: hit, resolvedBy: 'giai96' };
  }
  return { asset: null, resolvedBy: null };
}

/** Writes one scan inside the caller's transaction and returns it as the API shows it. */
export function recordScan(sqlite: Sqlite, input: ScanInput): ScanDto {
  const r = input.epc ? resolveEpc(sqlite, input.epc) : resolveCode(sqlite, input.code ?? '');
  const route = routeScan(sqlite, input.station);
  const row = {
    at: input.at,
    deviceId: input.deviceId,
    source: input.source,
    userId: input.userId,
    station: input.station,
    rawHex: input.rawHex,
    code: input.code ?? null,
    epc: input.epc ?? null,
    rssi: input.rssi ?? null,
    symbology: input.symbology ?? null,
    aim: input.aim ?? null,
    assetId: r.asset?.id ?? null,
    resolvedBy: r.resolvedBy,
    target: route.target?.kind ?? 'find',
    targetId: route.targetId,
  };
  const id = Number(stmts(sqlite).insert.run(row).lastInsertRowid);
  const dto: ScanDto = {
    id,
    ...row,
    assetCode: r.asset?.asset_code ?? null,
    assetName: r.asset?.name ?? null,
  };
  if (route.target && route.targetId !== null) route.target.accept(sqlite, dto, route.targetId);
  return dto;
}

/**
 * Device-originated scans (outside dispatch): one IMMEDIATE transaction for the batch, then a
 * 'scan' event per row — never before the rows are committed.
 */
export function commitScans(sqlite: Sqlite, events: EventHub, inputs: ScanInput[]): ScanDto[] {
  if (!inputs.length) return [];
  const rows = sqlite.transaction(() => inputs.map((i) => recordScan(sqlite, i))).immediate();
  for (const row of rows) events.emit({ type: 'scan', payload: row });
  return rows;
}

export function listScans(
  sqlite: Sqlite,
  q: { limit: number; since?: string; deviceId?: number; assetId?: number },
): ScanDto[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: q.limit };
  if (q.since) {
    where.push('s.at > @since');
    params.since = new Date(q.since).toISOString();
  }
  if (q.deviceId) {
    where.push('s.device_id = @deviceId');
    params.deviceId = q.deviceId;
  }
  if (q.assetId) {
    where.push('s.asset_id = @assetId');
    params.assetId = q.assetId;
  }
  const rows = sqlite
    .prepare(
      `SELECT s.id, s.at, s.device_id AS deviceId, s.source, s.user_id AS userId, s.station, s.code, s.epc,
         s.rssi, s.symbology, s.aim, s.raw_hex AS rawHex, s.asset_id AS assetId, a.asset_code AS assetCode,
         a.name AS assetName, s.resolved_by AS resolvedBy, s.target, s.target_id AS targetId
       FROM scans s LEFT JOIN assets a ON a.id = s.asset_id
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY s.at DESC, s.id DESC LIMIT @limit`,
    )
    .all(params) as ScanDto[];
  return rows;
}
