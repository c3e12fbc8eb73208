// Devices (configured scanners, RFID readers, printers), the scans log, and RFID tag bindings.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';
import { assets } from './assets';
import { users } from './users';

export const devices = sqliteTable('devices', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  /** scanner | rfid | printer */
  kind: text('kind').notNull(),
  /** hid | serial | tcp | os */
  transport: text('transport').notNull(),
  /** hid-pos | serial-scanner | wedge | r2000 | chafon | zpl | tspl | pdf */
  protocol: text('protocol').notNull(),
  /** Serial port path, HID path, or OS printer name. */
  path: text('path'),
  host: text('host'),
  port: integer('port'),
  baudRate: integer('baud_rate'),
  /** JSON: protocol options (suffix, prefix, address, power, layout, ...). */
  options: text('options').notNull().default('{}'),
  /** The PC (station) this device is attached to; scans route to that station's active target. */
  station: text('station').notNull().default('local'),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  ...versioned(),
});

export const scans = sqliteTable(
  'scans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    deviceId: integer('device_id').references(() => devices.id, { onDelete: 'set null' }),
    /** scanner | rfid | wedge | manual */
    source: text('source').notNull(),
    userId: integer('user_id').references(() => users.id),
    station: text('station').notNull().default('local'),
    rawHex: text('raw_hex').notNull().default(''),
    /** Decoded barcode text (scanners) — null for RFID tags. */
    code: text('code'),
    /** EPC as upper-case hex (RFID). */
    epc: text('epc'),
    rssi: integer('rssi'),
    symbology: text('symbology'),
    aim: text('aim'),
    assetId: integer('asset_id').references(() => assets.id),
    /** code | serial | binding | epc-ascii | giai96 | null */
    resolvedBy: text('resolved_by'),
    /** find | count | acceptance | ... */
    target: text('target').notNull().default('find'),
    targetId: integer('target_id'),
  },
  (t) => [
    index('scans_at_idx').on(t.at),
    index('scans_device_idx').on(t.deviceId, t.at),
    index('scans_asset_idx').on(t.assetId),
  ],
);

export const rfidBindings = sqliteTable(
  'rfid_bindings',
  {
    epc: text('epc').primaryKey(),
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id),
    tid: text('tid'),
    boundAt: text('bound_at').notNull(),
    boundBy: integer('bound_by').references(() => users.id),
  },
  (t) => [index('rfid_bindings_asset_idx').on(t.assetId)],
);
