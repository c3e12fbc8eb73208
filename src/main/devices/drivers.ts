// One running device: its link supervisor plus the codec for its protocol. Scanners turn bytes
// into scans; RFID readers into tag reports. What happens to them is the manager's business.
import { HidPosDecoder } from './scanner/hid-pos';
import { SerialLineDecoder, type DecodedScan } from './scanner/serial-lines';
import { ChafonReader, R2000Reader, type ReaderInfo, type RfidReader, type TagReport } from './rfid/reader';
import { HidLink, LinkSupervisor, SerialLink, TcpLink, type ByteLink, type LinkStatus } from './transport';
import type { DeviceOptions, DeviceProtocol, DeviceTransport } from '../modules/devices/contract';

export interface DeviceConfig {
  id: number;
  name: string;
  kind: string;
  transport: DeviceTransport;
  protocol: DeviceProtocol;
  path: string | null;
  host: string | null;
  port: number | null;
  baudRate: number | null;
  options: DeviceOptions;
  station: string;
  enabled: boolean;
}

export interface DriverEvents {
  status(status: LinkStatus, error: string | null): void;
  /** `receivedAt` is when the chunk that completed them arrived (performance.now()), for latency. */
  scans(scans: DecodedScan[], receivedAt: number): void;
  tags(reports: TagReport[], receivedAt: number): void;
  info(info: ReaderInfo): void;
  problem(name: string): void;
}

const DEFAULT_BAUD: Partial<Record<DeviceProtocol, number>> = {
  'serial-scanner': 9600,
  r2000: 115200,
  chafon: 57600,
};

export function makeLink(cfg: DeviceConfig): ByteLink {
  if (cfg.transport === 'serial')
    return new SerialLink(cfg.path ?? '', cfg.baudRate ?? DEFAULT_BAUD[cfg.protocol] ?? 9600);
  if (cfg.transport === 'hid') return new HidLink(cfg.path ?? '');
  if (cfg.transport === 'tcp') return new TcpLink(cfg.host ?? '127.0.0.1', cfg.port ?? 9100);
  throw new Error(`no link for transport ${cfg.transport}`);
}

/** Idle time after the last chunk before partial frames are abandoned (reference: >15 ms resets). */
const IDLE_MS = 60;
/**
 * A scanner line that ends with a suffix is only abandoned after this long: the read pipeline
 * (poll → thread pool → callback) of a busy machine can hold the rest of a line for longer than
 * IDLE_MS, and a suffix-less line (which idle ends) is the only case that needs the short wait.
 */
const LINE_IDLE_MS = 300;
const WATCHDOG_MS = 500;
/**
 * A timer this late means the process was busy (a long handler, a loaded machine): bytes that came
 * meanwhile are handled after timers in the event loop, so the line only looks quiet. Look again.
 */
const STALL_MS = 20;
const RECHECK_MS = 15;
/** A process that stays that busy still gets its idle handling, later. */
const MAX_RECHECKS = 20;

export class DeviceDriver {
  readonly supervisor: LinkSupervisor;
  readonly reader: RfidReader | null = null;
  private lines: SerialLineDecoder | null = null;
  private hidPos: HidPosDecoder | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private receivedAt = 0;
  private idleDue = 0;
  private readonly idleMs: number;
  private rechecks = 0;
  private watchedAt = 0;

  constructor(
    readonly cfg: DeviceConfig,
    private readonly on: DriverEvents,
    linkFactory: (cfg: DeviceConfig) => ByteLink = makeLink,
  ) {
    const o = cfg.options;
    if (cfg.protocol === 'serial-scanner')
      this.lines = new SerialLineDecoder({ suffix: o.suffix, prefix: o.prefix });
    this.idleMs = this.lines && o.suffix !== 'none' ? LINE_IDLE_MS : IDLE_MS;
    if (cfg.protocol === 'hid-pos') this.hidPos = new HidPosDecoder({ layout: o.layout });
    const sink = {
      tags: (r: TagReport[]) => this.on.tags(r, this.receivedAt),
      info: (i: ReaderInfo) => this.on.info(i),
      problem: (n: string) => this.on.problem(n),
    };
    const send = (b: Uint8Array) => this.supervisor.write(b);
    if (cfg.protocol === 'r2000') this.reader = new R2000Reader(send, sink);
    if (cfg.protocol === 'chafon') this.reader = new ChafonReader(send, sink, { variant: o.variant });
    this.supervisor = new LinkSupervisor(() => linkFactory(cfg), {
      onStatus: (s, e) => this.on.status(s, e),
      onConnected: () => {
        this.lines?.reset();
        this.reader?.connected();
        if (o.powerDbm !== undefined && this.reader) void this.reader.setPower(o.powerDbm).catch(() => {});
      },
      onData: (chunk) => this.receive(chunk),
    });
  }

  start(): void {
    this.supervisor.start();
    if (this.reader) {
      this.watchedAt = performance.now();
      this.watchdog = setInterval(() => this.watch(), WATCHDOG_MS);
    }
  }

  async stop(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.reader?.close();
    await this.supervisor.stop();
  }

  private receive(chunk: Uint8Array): void {
    this.receivedAt = performance.now();
    if (this.lines) {
      const scans = this.lines.push(chunk);
      if (scans.length) this.on.scans(scans, this.receivedAt);
    } else if (this.hidPos) {
      const scans = this.hidPos.push(chunk);
      if (scans.length) this.on.scans(scans, this.receivedAt);
    } else {
      this.reader?.receive(chunk);
    }
    this.rechecks = 0;
    this.armIdle(this.idleMs);
  }

  private armIdle(ms: number): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleDue = performance.now() + ms;
    this.idleTimer = setTimeout(() => this.onIdle(), ms);
  }

  /** A reader's stalled round is re-kicked, but only on a quiet line: a partial frame there is data. */
  private watch(): void {
    const now = performance.now();
    const late = now - this.watchedAt - WATCHDOG_MS;
    this.watchedAt = now;
    if (late > STALL_MS || now - this.receivedAt < IDLE_MS) return;
    this.reader?.idle();
  }

  private onIdle(): void {
    this.idleTimer = null;
    if (performance.now() - this.idleDue > STALL_MS && this.rechecks++ < MAX_RECHECKS)
      return this.armIdle(RECHECK_MS);
    if (this.lines) {
      const scans = this.lines.idle();
      if (scans.length) this.on.scans(scans, performance.now());
    }
    this.hidPos?.idle();
    this.reader?.idle();
  }
}
