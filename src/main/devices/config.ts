// Reading device configuration rows, shared by the manager and the devices handlers.
import type { Sqlite } from '../db/client';
import type { DeviceOptions } from '../modules/devices/contract';
import type { DeviceConfig } from './drivers';

export interface DeviceRow {
  id: number;
  name: string;
  kind: string;
  transport: string;
  protocol: string;
  path: string | null;
  host: string | null;
  port: number | null;
  baud_rate: number | null;
  options: string;
  station: string;
  enabled: number;
  version: number;
}

function parseOptions(json: string): DeviceOptions {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as DeviceOptions) : {};
  } catch {
    return {};
  }
}

export function deviceRows(sqlite: Sqlite, id?: number): DeviceRow[] {
  const sql = 'SELECT * FROM devices' + (id === undefined ? ' ORDER BY id' : ' WHERE id = ?');
  return (id === undefined ? sqlite.prepare(sql).all() : sqlite.prepare(sql).all(id)) as DeviceRow[];
}

export function toConfig(row: DeviceRow): DeviceConfig {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    transport: row.transport as DeviceConfig['transport'],
    protocol: row.protocol as DeviceConfig['protocol'],
    path: row.path,
    host: row.host,
    port: row.port,
    baudRate: row.baud_rate,
    options: parseOptions(row.options),
    station: row.station,
    enabled: !!row.enabled,
  };
}

export function loadDeviceConfigs(sqlite: Sqlite, id?: number): DeviceConfig[] {
  return deviceRows(sqlite, id).map(toConfig);
}
