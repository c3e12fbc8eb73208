// Devices and RFID handlers: configuration rows here, live work in the device manager (which
// reloads a device when the 'device.changed' event of a committed change reaches it).
import type { Ctx, HandlersOf } from '../../api/context';
import { AppError, conflict, notFound, validation } from '../../api/errors';
import { deviceManagerOf } from '../../devices/manager';
import { deviceRows, toConfig, type DeviceRow } from '../../devices/config';
import { encodeAsciiEpc, encodeGiai96 } from '../../devices/rfid/epc';
import {
  PROTOCOLS_OF_KIND,
  TRANSPORTS_OF_PROTOCOL,
  type DeviceDto,
  type DeviceKind,
  type DeviceProtocol,
  type DeviceTransport,
  type devicesContract,
} from './contract';

function toDto(ctx: Ctx, row: DeviceRow): DeviceDto {
  const cfg = toConfig(row);
  const live = deviceManagerOf(ctx.core)?.statusOf(row.id);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as DeviceKind,
    transport: cfg.transport,
    protocol: cfg.protocol,
    path: row.path,
    host: row.host,
    port: row.port,
    baudRate: row.baud_rate,
    options: cfg.options,
    station: row.station,
    enabled: !!row.enabled,
    status: !row.enabled ? 'disabled' : (live?.status ?? 'connecting'),
    error: live?.error ?? null,
    info: live?.info ?? null,
    version: row.version,
  };
}

function rowOf(ctx: Ctx, id: number): DeviceRow {
  const row = deviceRows(ctx.sqlite, id)[0];
  if (!row) throw notFound('device', id);
  return row;
}

function checkShape(d: {
  kind: string;
  transport: string;
  protocol: string;
  path: string | null;
  host: string | null;
}): void {
  if (!PROTOCOLS_OF_KIND[d.kind as DeviceKind].includes(d.protocol as DeviceProtocol))
    throw validation('protocol', 'validation.deviceProtocol', { kind: d.kind });
  if (!TRANSPORTS_OF_PROTOCOL[d.protocol as DeviceProtocol].includes(d.transport as DeviceTransport))
    throw validation('transport', 'validation.deviceTransport', { protocol: d.protocol });
  if ((d.transport === 'serial' || (d.transport === 'hid' && d.protocol !== 'wedge')) && !d.path)
    throw validation('path', 'validation.required');
  if (d.transport === 'tcp' && !d.host) throw validation('host', 'validation.required');
}

const DEFAULT_NAMES: Record<string, string> = {
  scanner: '扫码枪',
  rfid: 'RFID 读写器',
  printer: '标签打印机',
};

function manager(ctx: Ctx) {
  const m = deviceManagerOf(ctx.core);
  if (!m) throw new AppError('INVALID_TRANSITION', 'errors.devicesOff');
  return m;
}

function readerOf(ctx: Ctx, deviceId: number) {
  rowOf(ctx, deviceId);
  const m = manager(ctx);
  if (!m.isReader(deviceId))
    throw new AppError('INVALID_TRANSITION', 'errors.deviceNotReader', { id: deviceId });
  return m;
}

function liveAsset(ctx: Ctx, assetId: number): { id: number; asset_code: string } {
  const a = ctx.sqlite
    .prepare('SELECT id, asset_code FROM assets WHERE id = ? AND deleted_at IS NULL')
    .get(assetId) as { id: number; asset_code: string } | undefined;
  if (!a) throw notFound('asset', assetId);
  return a;
}

function bind(ctx: Ctx, epc: string, assetId: number, tid: string | null): number | null {
  const prev = ctx.sqlite.prepare('SELECT asset_id FROM rfid_bindings WHERE epc = ?').get(epc) as
    { asset_id: number } | undefined;
  ctx.sqlite
    .prepare(
      `INSERT INTO rfid_bindings (epc, asset_id, tid, bound_at, bound_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(epc) DO UPDATE SET asset_id = excluded.asset_id, tid = excluded.tid,
         bound_at = excluded.bound_at, bound_by = excluded.bound_by`,
    )
    .run(epc, assetId, tid, ctx.nowIso, ctx.session?.userId ?? null);
  return prev && prev.asset_id !== assetId ? prev.asset_id : null;
}

export const devicesHandlers: HandlersOf<typeof devicesContract> = {
  'devices.list': (ctx, { rescan }) => {
    const devices = deviceRows(ctx.sqlite).map((r) => toDto(ctx, r));
    const found = deviceManagerOf(ctx.core)?.listDiscovered(rescan) ?? { discovered: [], discoveredAt: null };
    return { devices, ...found };
  },

  'devices.add': (ctx, input) => {
    const d = {
      kind: input.kind,
      transport: input.transport,
      protocol: input.protocol,
      path: input.path ?? null,
      host: input.host ?? null,
    };
    checkShape(d);
    const info = ctx.sqlite
      .prepare(
        `INSERT INTO devices (name, kind, transport, protocol, path, host, port, baud_rate, options, station,
           enabled, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      )
      .run(
        input.name || DEFAULT_NAMES[input.kind]!,
        d.kind,
        d.transport,
        d.protocol,
        d.path,
        d.host,
        input.port ?? (input.kind === 'printer' && d.transport === 'tcp' ? 9100 : null),
        input.baudRate ?? null,
        JSON.stringify(input.options ?? {}),
        input.station ?? 'local',
        input.enabled === false ? 0 : 1,
        ctx.nowIso,
        ctx.nowIso,
      );
    const id = Number(info.lastInsertRowid);
    ctx.audit({ entity: 'device', entityId: id, details: { ...d, name: input.name } });
    ctx.emit('device.changed', { id });
    return toDto(ctx, rowOf(ctx, id));
  },

  'devices.update': (ctx, input) => {
    const row = rowOf(ctx, input.id);
    if (row.version !== input.version) throw conflict('device', input.id, { version: row.version });
    const next = {
      name: input.name || row.name,
      transport: input.transport ?? row.transport,
      protocol: input.protocol ?? row.protocol,
      path: input.path !== undefined ? input.path : row.path,
      host: input.host !== undefined ? input.host : row.host,
      port: input.port !== undefined ? input.port : row.port,
      baud_rate: input.baudRate !== undefined ? input.baudRate : row.baud_rate,
      options: input.options !== undefined ? JSON.stringify(input.options) : row.options,
      station: input.station ?? row.station,
      enabled: input.enabled !== undefined ? (input.enabled ? 1 : 0) : row.enabled,
    };
    checkShape({ kind: row.kind, ...next });
    ctx.sqlite
      .prepare(
        `UPDATE devices SET name = @name, transport = @transport, protocol = @protocol, path = @path, host = @host,
           port = @port, baud_rate = @baud_rate, options = @options, station = @station, enabled = @enabled,
           version = version + 1, updated_at = @now WHERE id = @id`,
      )
      .run({ ...next, id: input.id, now: ctx.nowIso });
    ctx.audit({ entity: 'device', entityId: input.id, details: { before: { ...row }, after: next } });
    ctx.emit('device.changed', { id: input.id });
    return toDto(ctx, rowOf(ctx, input.id));
  },

  'devices.remove': (ctx, { id }) => {
    const row = rowOf(ctx, id);
    ctx.sqlite.prepare('UPDATE scans SET device_id = NULL WHERE device_id = ?').run(id);
    ctx.sqlite.prepare('DELETE FROM devices WHERE id = ?').run(id);
    ctx.audit({ entity: 'device', entityId: id, details: { name: row.name, protocol: row.protocol } });
    ctx.emit('device.changed', { id });
    return { ok: true };
  },

  'devices.test': (ctx, { id }) => {
    rowOf(ctx, id);
    const status = manager(ctx).arm(id, ctx.session?.userId ?? null);
    return { armed: true, status };
  },

  'rfid.info': (ctx, { deviceId }) => {
    const m = readerOf(ctx, deviceId);
    const s = m.statusOf(deviceId);
    const sw = m.sweep(deviceId);
    return { status: s.status, info: s.info, running: sw.running, tags: sw.tags.length };
  },

  'rfid.power': (ctx, { deviceId, dbm }) => {
    const m = readerOf(ctx, deviceId);
    const row = rowOf(ctx, deviceId);
    const options = { ...toConfig(row).options, powerDbm: dbm };
    ctx.sqlite
      .prepare('UPDATE devices SET options = ?, version = version + 1, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(options), ctx.nowIso, deviceId);
    ctx.audit({ entity: 'device', entityId: deviceId, details: { powerDbm: dbm } });
    // Sent now rather than through a reload, so a running sweep is not interrupted.
    m.setPower(deviceId, dbm);
    return { accepted: true };
  },

  'rfid.start': (ctx, { deviceId }) => {
    readerOf(ctx, deviceId).startInventory(deviceId, ctx.session?.userId ?? null);
    return { running: true };
  },

  'rfid.stop': (ctx, { deviceId }) => {
    const tags = readerOf(ctx, deviceId).stopInventory(deviceId);
    return { running: false, tags };
  },

  'rfid.sweep': (ctx, { deviceId }) => {
    rowOf(ctx, deviceId);
    return manager(ctx).sweep(deviceId);
  },

  'rfid.writeEpc': (ctx, { deviceId, epc, assetId, format }) => {
    const m = readerOf(ctx, deviceId);
    let value = epc;
    if (!value) {
      if (!assetId) throw validation('epc', 'validation.required');
      const code = liveAsset(ctx, assetId).asset_code;
      try {
        if (format === 'giai96') {
          const prefix = toConfig(rowOf(ctx, deviceId)).options.companyPrefix;
          if (!prefix) throw validation('format', 'validation.companyPrefix');
          value = encodeGiai96(prefix, code);
        } else value = encodeAsciiEpc(code);
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw validation('assetId', 'validation.epcUnencodable', { code, format });
      }
    } else if (assetId) liveAsset(ctx, assetId);
    if (assetId) bind(ctx, value, assetId, null);
    ctx.audit({ entity: 'rfid', entityId: value, details: { deviceId, assetId, format, epc: value } });
    m.writeEpc(deviceId, value);
    return { epc: value, accepted: true };
  },

  'rfid.bind': (ctx, { assetId, epc, tid }) => {
    const asset = liveAsset(ctx, assetId);
    const previousAssetId = bind(ctx, epc, assetId, tid ?? null);
    ctx.audit({ entity: 'rfid', entityId: epc, details: { assetId, previousAssetId, tid } });
    deviceManagerOf(ctx.core)?.noteBinding(epc, assetId, asset.asset_code);
    return { epc, assetId, previousAssetId };
  },
};
