// The device form's model: defaults per kind/protocol, the choices each field offers, and the
// API input built from it (only the fields that apply to the chosen protocol and transport).
import {
  PROTOCOLS_OF_KIND,
  TRANSPORTS_OF_PROTOCOL,
  type DeviceDto,
  type DeviceKind,
  type DeviceOptions,
  type DeviceProtocol,
  type DeviceStatus,
  type DeviceTransport,
  type DiscoveredDevice,
} from '../../../../main/modules/devices/contract';
import type { InputOf } from '../../lib/api';

export { PROTOCOLS_OF_KIND, TRANSPORTS_OF_PROTOCOL };

export const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;
export const SUFFIXES = ['auto', 'CR', 'LF', 'CRLF', 'TAB', 'none'] as const;

export interface DeviceForm {
  name: string;
  kind: DeviceKind;
  protocol: DeviceProtocol;
  transport: DeviceTransport;
  path: string;
  host: string;
  port: number | null;
  baudRate: number;
  enabled: boolean;
  options: {
    suffix: NonNullable<DeviceOptions['suffix']>;
    prefix: string;
    layout: NonNullable<DeviceOptions['layout']>;
    variant: NonNullable<DeviceOptions['variant']>;
    powerDbm: number | null;
    companyPrefix: string;
    maxGapMs: number;
    maxMeanGapMs: number;
    minLength: number;
    idleMs: number;
  };
}

/** Usual speeds: CDC scanners 9600 (the rate is nominal), R2000 boards 115200, Chafon 57600. */
export function defaultBaud(p: DeviceProtocol): number {
  return p === 'r2000' ? 115200 : p === 'chafon' ? 57600 : 9600;
}

export function defaultPort(p: DeviceProtocol): number | null {
  if (p === 'zpl' || p === 'tspl') return 9100;
  if (p === 'r2000' || p === 'chafon') return 4001;
  return null;
}

export function emptyForm(kind: DeviceKind = 'scanner'): DeviceForm {
  const protocol = PROTOCOLS_OF_KIND[kind][0]!;
  return {
    name: '',
    kind,
    protocol,
    transport: TRANSPORTS_OF_PROTOCOL[protocol][0]!,
    path: '',
    host: '',
    port: defaultPort(protocol),
    baudRate: defaultBaud(protocol),
    enabled: true,
    options: {
      suffix: 'auto',
      prefix: '',
      layout: 'honeywell',
      variant: 'v2',
      powerDbm: null,
      companyPrefix: '',
      maxGapMs: 35,
      maxMeanGapMs: 30,
      minLength: 4,
      idleMs: 80,
    },
  };
}

export function formOf(d: DeviceDto): DeviceForm {
  const f = emptyForm(d.kind);
  const o = d.options;
  return {
    ...f,
    name: d.name,
    protocol: d.protocol,
    transport: d.transport,
    path: d.path ?? '',
    host: d.host ?? '',
    port: d.port,
    baudRate: d.baudRate ?? defaultBaud(d.protocol),
    enabled: d.enabled,
    options: {
      suffix: o.suffix ?? 'auto',
      prefix: o.prefix ?? '',
      layout: o.layout ?? 'honeywell',
      variant: o.variant ?? 'v2',
      powerDbm: o.powerDbm ?? null,
      companyPrefix: o.companyPrefix ?? '',
      maxGapMs: o.maxGapMs ?? f.options.maxGapMs,
      maxMeanGapMs: o.maxMeanGapMs ?? f.options.maxMeanGapMs,
      minLength: o.minLength ?? f.options.minLength,
      idleMs: o.idleMs ?? f.options.idleMs,
    },
  };
}

/** A form for a device found on this PC: HID POS scanners and serial ports need only a name. */
export function formOfDiscovered(d: DiscoveredDevice): DeviceForm {
  const f = emptyForm('scanner');
  const protocol: DeviceProtocol = d.transport === 'serial' ? 'serial-scanner' : 'hid-pos';
  return {
    ...f,
    name: [d.manufacturer, d.product].filter(Boolean).join(' ') || d.path,
    protocol,
    transport: d.transport,
    path: d.path,
    baudRate: defaultBaud(protocol),
    options: { ...f.options, layout: d.vendorId === 0x1eab ? 'newland' : 'honeywell' },
  };
}

/** Keeps protocol and transport valid after the kind or protocol changed. */
export function normalise(f: DeviceForm): void {
  const protocols = PROTOCOLS_OF_KIND[f.kind];
  if (!protocols.includes(f.protocol)) f.protocol = protocols[0]!;
  const transports = TRANSPORTS_OF_PROTOCOL[f.protocol];
  if (!transports.includes(f.transport)) f.transport = transports[0]!;
}

export const needs = (f: DeviceForm) => ({
  path: f.transport === 'serial' || (f.transport === 'hid' && f.protocol !== 'wedge'),
  baud: f.transport === 'serial',
  tcp: f.transport === 'tcp',
  /** An OS printer: its system name in path (empty: the system default). */
  os: f.transport === 'os',
  lines: f.protocol === 'serial-scanner',
  hidPos: f.protocol === 'hid-pos',
  wedge: f.protocol === 'wedge',
  rfid: f.protocol === 'r2000' || f.protocol === 'chafon',
  chafon: f.protocol === 'chafon',
});

type AddInput = InputOf<'devices.add'>;

export function toInput(f: DeviceForm): AddInput {
  const n = needs(f);
  const o = f.options;
  const options: DeviceOptions = {};
  if (n.lines) {
    options.suffix = o.suffix;
    if (o.prefix) options.prefix = o.prefix;
  }
  if (n.hidPos) options.layout = o.layout;
  if (n.chafon) options.variant = o.variant;
  if (n.rfid) {
    if (o.powerDbm !== null) options.powerDbm = o.powerDbm;
    if (o.companyPrefix) options.companyPrefix = o.companyPrefix;
  }
  if (n.wedge) {
    options.maxGapMs = o.maxGapMs;
    options.maxMeanGapMs = o.maxMeanGapMs;
    options.minLength = o.minLength;
    options.idleMs = o.idleMs;
  }
  return {
    name: f.name.trim() || undefined,
    kind: f.kind,
    protocol: f.protocol,
    transport: f.transport,
    path: n.path || n.os ? f.path.trim() || null : null,
    host: n.tcp ? f.host.trim() || null : null,
    port: n.tcp ? f.port : null,
    baudRate: n.baud ? f.baudRate : null,
    enabled: f.enabled,
    options,
  };
}

/** Status class for the badge: ok, warn, danger or plain. */
export function statusTone(s: DeviceStatus): string {
  if (s === 'connected') return 'ok';
  if (s === 'connecting' || s === 'reconnecting') return 'warn';
  if (s === 'error') return 'danger';
  return '';
}

/** The plain-words reading of the OS errors a clerk meets most (unplugged, no permission, port in use). */
export function errorHint(error: string | null): 'missing' | 'permission' | 'busy' | null {
  if (!error) return null;
  if (/ENOENT|no such file|cannot find|not found/i.test(error)) return 'missing';
  if (/EACCES|EPERM|permission denied|access denied/i.test(error)) return 'permission';
  if (/EBUSY|resource busy|cannot lock|in use/i.test(error)) return 'busy';
  return null;
}

export function hex4(n: number | null): string {
  return n === null ? '' : n.toString(16).toUpperCase().padStart(4, '0');
}
