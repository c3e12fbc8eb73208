// Devices (scanners, RFID readers, printers): discovery, configuration, status, test; RFID control.
import { z } from 'zod';
import { method } from '../../api/contract';
import { id, trimmed } from '../../api/schemas';

export const DEVICE_KINDS = ['scanner', 'rfid', 'printer'] as const;
export const DEVICE_TRANSPORTS = ['hid', 'serial', 'tcp', 'os'] as const;
export const DEVICE_PROTOCOLS = [
  'hid-pos',
  'serial-scanner',
  'wedge',
  'r2000',
  'chafon',
  'zpl',
  'tspl',
  'pdf',
] as const;

export type DeviceKind = (typeof DEVICE_KINDS)[number];
export type DeviceTransport = (typeof DEVICE_TRANSPORTS)[number];
export type DeviceProtocol = (typeof DEVICE_PROTOCOLS)[number];

/** Which protocols each kind speaks and which transports each protocol runs over. */
export const PROTOCOLS_OF_KIND: Record<DeviceKind, readonly DeviceProtocol[]> = {
  scanner: ['hid-pos', 'serial-scanner', 'wedge'],
  rfid: ['r2000', 'chafon', 'wedge'],
  printer: ['zpl', 'tspl', 'pdf'],
};
export const TRANSPORTS_OF_PROTOCOL: Record<DeviceProtocol, readonly DeviceTransport[]> = {
  'hid-pos': ['hid'],
  'serial-scanner': ['serial'],
  wedge: ['hid'],
  r2000: ['serial', 'tcp'],
  chafon: ['serial', 'tcp'],
  zpl: ['tcp', 'serial', 'os'],
  tspl: ['tcp', 'serial', 'os'],
  pdf: ['os'],
};

/** connected / reconnecting / error: a live link; idle: nothing to hold open (wedge, OS printer). */
export type DeviceStatus = 'connecting' | 'connected' | 'reconnecting' | 'error' | 'disabled' | 'idle';

export const deviceOptions = z.object({
  /** Serial scanners: line suffix ('auto' accepts CR, LF, CRLF and Tab). */
  suffix: z.enum(['auto', 'CR', 'LF', 'CRLF', 'TAB', 'none']).optional(),
  prefix: z.string().max(20).optional(),
  /** HID POS report layout. */
  layout: z.enum(['honeywell', 'newland']).optional(),
  /** Chafon inventory layout: UHFReader18 V2 or UR-series (antenna + RSSI). */
  variant: z.enum(['v2', 'ur']).optional(),
  /** Reader output power (dBm) applied on connect. */
  powerDbm: z.number().int().min(0).max(33).optional(),
  /** GS1 company prefix used when writing GIAI-96 EPCs. */
  companyPrefix: z
    .string()
    .regex(/^\d{6,12}$/, 'validation.companyPrefix')
    .optional(),
  /** Keyboard-wedge thresholds (ms / chars); defaults from the reference. */
  maxGapMs: z.number().int().min(5).max(200).optional(),
  maxMeanGapMs: z.number().int().min(5).max(200).optional(),
  minLength: z.number().int().min(1).max(100).optional(),
  idleMs: z.number().int().min(20).max(1000).optional(),
  dedupeMs: z.number().int().min(0).max(10000).optional(),
});
export type DeviceOptions = z.infer<typeof deviceOptions>;

export interface DeviceDto {
  id: number;
  name: string;
  kind: DeviceKind;
  transport: DeviceTransport;
  protocol: DeviceProtocol;
  path: string | null;
  host: string | null;
  port: number | null;
  baudRate: number | null;
  options: DeviceOptions;
  station: string;
  enabled: boolean;
  status: DeviceStatus;
  /** Plain-words problem (the OS message) when status is error / reconnecting. */
  error: string | null;
  /** Reader info for RFID readers once connected. */
  info: { firmware: string | null; powerDbm: number | null; address: number | null } | null;
  version: number;
}

export interface DiscoveredDevice {
  transport: 'hid' | 'serial';
  path: string;
  vendorId: number | null;
  productId: number | null;
  manufacturer: string | null;
  product: string | null;
  serialNumber: string | null;
  /** HID: usage page 0x8C (a scanner in HID POS mode); serial: always false. */
  hidPos: boolean;
  /** Already configured as a device. */
  configuredId: number | null;
}

export interface SweepTag {
  epc: string;
  count: number;
  rssi: number | null;
  antenna: number | null;
  assetId: number | null;
  assetCode: string | null;
  resolvedBy: string | null;
  firstAt: string;
  lastAt: string;
}

const base = {
  name: trimmed(80).optional(),
  path: z.string().trim().min(1).max(300).nullable().optional(),
  host: z.string().trim().min(1).max(255).nullable().optional(),
  port: z.number().int().min(1).max(65535).nullable().optional(),
  baudRate: z.number().int().min(300).max(4_000_000).nullable().optional(),
  options: deviceOptions.optional(),
  station: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{1,40}$/, 'validation.station')
    .optional(),
  enabled: z.boolean().optional(),
};

const epcHex = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s:-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^([0-9A-F]{4}){1,15}$/, 'validation.epc'));

export const devicesContract = {
  'devices.list': method<{
    devices: DeviceDto[];
    discovered: DiscoveredDevice[];
    discoveredAt: string | null;
  }>()({
    input: z.object({ rescan: z.boolean().default(false) }),
    access: ['devices.manage', 'scans.submit'],
    mode: 'read',
    summary:
      'Configured devices with live status, plus HID and serial devices found on this PC (refreshed in the background; rescan asks for a fresh look).',
    returns: '{ devices: DeviceDto[], discovered: DiscoveredDevice[], discoveredAt }',
  }),
  'devices.add': method<DeviceDto>()({
    input: z.object({
      ...base,
      kind: z.enum(DEVICE_KINDS),
      transport: z.enum(DEVICE_TRANSPORTS),
      protocol: z.enum(DEVICE_PROTOCOLS),
    }),
    access: 'devices.manage',
    mode: 'write',
    summary: 'Adds a device; the core connects to it at once and keeps it connected.',
    returns: 'DeviceDto',
  }),
  'devices.update': method<DeviceDto>()({
    input: z.object({
      id,
      version: z.number().int().positive(),
      ...base,
      transport: z.enum(DEVICE_TRANSPORTS).optional(),
      protocol: z.enum(DEVICE_PROTOCOLS).optional(),
    }),
    access: 'devices.manage',
    mode: 'write',
    summary: 'Changes a device (optimistic lock on version); the connection restarts with the new settings.',
    returns: 'DeviceDto',
  }),
  'devices.remove': method<{ ok: true }>()({
    input: z.object({ id }),
    access: 'devices.manage',
    mode: 'write',
    summary: 'Removes a device and closes its connection; its scans stay in the log.',
    returns: '{ ok: true }',
  }),
  'devices.test': method<{ armed: true; status: DeviceStatus }>()({
    input: z.object({ id }),
    access: ['devices.manage', 'scans.submit'],
    mode: 'read',
    summary:
      'Starts a device test: a scanner reports its next scan, a reader its info, as a "device.test" event ({ id, ok, code?, info?, error? }).',
    returns: '{ armed: true, status }',
  }),
  'rfid.info': method<{ status: DeviceStatus; info: DeviceDto['info']; running: boolean; tags: number }>()({
    input: z.object({ deviceId: id }),
    access: ['devices.manage', 'scans.submit'],
    mode: 'read',
    summary:
      'Reader status and info (firmware, power, address), whether an inventory runs, tags in the sweep.',
    returns: '{ status, info, running, tags }',
  }),
  'rfid.power': method<{ accepted: true }>()({
    input: z.object({ deviceId: id, dbm: z.number().int().min(0).max(33) }),
    access: 'devices.manage',
    mode: 'write',
    summary: 'Sets the reader output power (dBm); the outcome arrives as a "device.status" event.',
    returns: '{ accepted: true }',
  }),
  'rfid.start': method<{ running: true }>()({
    input: z.object({ deviceId: id }),
    access: 'scans.submit',
    mode: 'read',
    summary:
      'Starts a continuous inventory (a new sweep): each new tag is persisted as a scan and announced; "tag" events carry live counts and RSSI.',
    returns: '{ running: true }',
  }),
  'rfid.stop': method<{ running: false; tags: number }>()({
    input: z.object({ deviceId: id }),
    access: 'scans.submit',
    mode: 'read',
    summary: 'Stops the inventory; the sweep stays readable with rfid.sweep.',
    returns: '{ running: false, tags }',
  }),
  'rfid.sweep': method<{ running: boolean; reports: number; tags: SweepTag[] }>()({
    input: z.object({ deviceId: id }),
    access: ['scans.read', 'scans.submit'],
    mode: 'read',
    summary:
      'The current sweep: de-duplicated tags with read counts, last RSSI and the asset each resolved to.',
    returns: '{ running, reports, tags: SweepTag[] }',
  }),
  'rfid.writeEpc': method<{ epc: string; accepted: true }>()({
    input: z.object({
      deviceId: id,
      /** The EPC to write, as hex; or give assetId and a format to derive it. */
      epc: epcHex.optional(),
      assetId: id.optional(),
      format: z.enum(['ascii', 'giai96']).default('ascii'),
    }),
    access: 'assets.write',
    mode: 'write',
    summary:
      'Writes an EPC to the one tag in the field (ASCII asset code or GIAI-96 from the asset, or given hex); with assetId the EPC is also bound to the asset. The outcome arrives as an "rfid.written" event.',
    returns: '{ epc, accepted: true }',
  }),
  'rfid.bind': method<{ epc: string; assetId: number; previousAssetId: number | null }>()({
    input: z.object({ assetId: id, epc: epcHex, tid: z.string().max(64).optional() }),
    access: 'assets.write',
    mode: 'write',
    summary: 'Binds an RFID tag (EPC hex) to an asset; a tag bound elsewhere is moved (audited).',
    returns: '{ epc, assetId, previousAssetId }',
  }),
};
