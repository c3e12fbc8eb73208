// Byte links to devices (serial port, HID device, TCP socket) behind one small interface, and the
// supervisor that keeps a link open: it reconnects by itself after an unplug and reports status.
import { statSync } from 'node:fs';
import { connect, type Socket } from 'node:net';

export interface ByteLink {
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** Set by the owner before open(). */
  onData: (chunk: Uint8Array) => void;
  /** The link went away on its own (unplug, remote close, read error). */
  onLost: (err: Error | null) => void;
}

const noop = () => {};

/** How often an open serial port checks that its device is still there (ms). */
const SERIAL_WATCH_MS = 250;
/** The modem-status probe runs every this many watch ticks. */
const PROBE_EVERY = 4;

/**
 * A serial port. serialport's 'close' on unplug is not enough on Linux: when the device hangs up
 * while a read is in flight (data arriving as it goes), every later read returns 0 bytes, which
 * serialport retries forever (bindings-cpp unixRead) — no 'close', a core spinning. Whether the
 * hang-up lands during a read or while polling is timing, so a busy machine missed unplugs. So an
 * open port also watches its device: the path gone or now another device (USB node removed, pty
 * killed), or the modem-status ioctl failing differently from how it did at open (EIO on a hung-up
 * tty) → lost, port closed (which also ends the spin).
 */
export class SerialLink implements ByteLink {
  onData: (chunk: Uint8Array) => void = noop;
  onLost: (err: Error | null) => void = noop;
  private port: import('serialport').SerialPort | null = null;
  private watch: NodeJS.Timeout | null = null;

  constructor(
    readonly path: string,
    readonly baudRate: number,
    readonly watchMs = SERIAL_WATCH_MS,
  ) {}

  async open(): Promise<void> {
    const { SerialPort } = await import('serialport');
    const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    this.port = port;
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    port.on('close', (err: (Error & { disconnected?: boolean }) | null) => this.lose(port, err ?? null));
    port.on('error', () => {
      // 'close' follows a fatal error; modem-control errors on ptys (E1) are not fatal.
    });
    const device = deviceId(this.path);
    // A pty answers the modem-status ioctl with ENOTTY all its life; a hung-up tty with EIO.
    const baseline = await modemStatus(port);
    if (this.port !== port) return;
    let tick = 0;
    let probing = false;
    this.watch = setInterval(() => {
      if (this.port !== port) return;
      const now = deviceId(this.path);
      if (device !== undefined && now !== device) {
        this.lose(port, new Error(now === null ? 'device path vanished' : 'device replaced'), true);
        return;
      }
      if (++tick % PROBE_EVERY || probing) return;
      probing = true;
      void modemStatus(port).then((status) => {
        probing = false;
        if (this.port === port && status !== baseline)
          this.lose(port, new Error(`device not answering (${status})`), true);
      });
    }, this.watchMs);
    this.watch.unref();
  }

  /** The port went away by itself (once per port); `close` also closes it, ending a read spin. */
  private lose(port: import('serialport').SerialPort, err: Error | null, close = false): void {
    if (this.port !== port) return;
    this.port = null;
    this.stopWatch();
    if (close && port.isOpen) port.close(noop);
    this.onLost(err);
  }

  private stopWatch(): void {
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) return Promise.reject(new Error('not connected'));
    return new Promise((resolve, reject) =>
      port.write(Buffer.from(bytes), (err) => (err ? reject(err) : resolve())),
    );
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    this.stopWatch();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}

/**
 * Which device a path names now: 'dev:ino' of what it resolves to, null when nothing is there,
 * undefined when the path is not a file-system path (Windows COM ports: no watch by path).
 */
function deviceId(path: string): string | null | undefined {
  if (!path.startsWith('/')) return undefined;
  try {
    const st = statSync(path);
    return `${st.rdev}:${st.ino}`;
  } catch {
    return null;
  }
}

/** 'ok' or the modem-status ioctl's error message: compared, never interpreted (locale). */
function modemStatus(port: import('serialport').SerialPort): Promise<string> {
  if (!port.isOpen) return Promise.resolve('closed');
  return new Promise((resolve) => port.get((err) => resolve(err ? err.message : 'ok')));
}

export class HidLink implements ByteLink {
  onData: (chunk: Uint8Array) => void = noop;
  onLost: (err: Error | null) => void = noop;
  private dev: import('node-hid').HIDAsync | null = null;

  constructor(readonly path: string) {}

  async open(): Promise<void> {
    const hid = await import('node-hid');
    const dev = await hid.HIDAsync.open(this.path);
    this.dev = dev;
    dev.on('data', (d: Buffer) => this.onData(d));
    dev.on('error', (err: Error) => {
      if (this.dev !== dev) return;
      this.dev = null;
      void dev.close().catch(noop);
      this.onLost(err);
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.dev) throw new Error('not connected');
    await this.dev.write(Buffer.from(bytes));
  }

  async close(): Promise<void> {
    const dev = this.dev;
    this.dev = null;
    await dev?.close().catch(noop);
  }
}

export class TcpLink implements ByteLink {
  onData: (chunk: Uint8Array) => void = noop;
  onLost: (err: Error | null) => void = noop;
  private sock: Socket | null = null;

  constructor(
    readonly host: string,
    readonly port: number,
    readonly connectTimeoutMs = 3000,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const sock = connect({ host: this.host, port: this.port });
      sock.setNoDelay(true);
      const timer = setTimeout(() => sock.destroy(new Error('connect timeout')), this.connectTimeoutMs);
      sock.once('connect', () => {
        clearTimeout(timer);
        this.sock = sock;
        resolve();
      });
      sock.on('data', (d) => this.onData(d));
      sock.on('error', (err) => {
        clearTimeout(timer);
        if (this.sock !== sock) reject(err);
      });
      sock.on('close', () => {
        clearTimeout(timer);
        if (this.sock !== sock) return;
        this.sock = null;
        this.onLost(null);
      });
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    const sock = this.sock;
    if (!sock) return Promise.reject(new Error('not connected'));
    return new Promise((resolve, reject) => sock.write(bytes, (err) => (err ? reject(err) : resolve())));
  }

  async close(): Promise<void> {
    const sock = this.sock;
    this.sock = null;
    sock?.destroy();
  }
}

export type LinkStatus = 'connecting' | 'connected' | 'reconnecting' | 'error' | 'stopped';

export interface SupervisorHooks {
  onStatus(status: LinkStatus, error: string | null): void;
  onConnected(): void;
  onData(chunk: Uint8Array): void;
}

/**
 * Keeps one link open until stopped: retries with backoff (250 ms → 2 s) after a failed open or an
 * unplug, so a replugged device is picked up without the user doing anything.
 */
export class LinkSupervisor {
  status: LinkStatus = 'connecting';
  lastError: string | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private link: ByteLink | null = null;

  constructor(
    private readonly makeLink: () => ByteLink,
    private readonly hooks: SupervisorHooks,
    private readonly retryMs = { min: 250, max: 2000 },
  ) {}

  start(): void {
    void this.tryOpen();
  }

  get connected(): boolean {
    return this.status === 'connected';
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.link || this.status !== 'connected') return Promise.reject(new Error('not connected'));
    return this.link.write(bytes);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const link = this.link;
    this.link = null;
    await link?.close().catch(() => {});
    this.set('stopped', null);
  }

  private set(status: LinkStatus, error: string | null): void {
    if (this.status === status && this.lastError === error) return;
    this.status = status;
    this.lastError = error;
    this.hooks.onStatus(status, error);
  }

  private async tryOpen(): Promise<void> {
    if (this.stopped) return;
    const link = this.makeLink();
    link.onData = (chunk) => this.hooks.onData(chunk);
    link.onLost = (err) => {
      if (this.link !== link || this.stopped) return;
      this.link = null;
      this.set('reconnecting', err ? err.message : null);
      this.schedule();
    };
    try {
      await link.open();
    } catch (err) {
      if (this.stopped) return;
      this.set(
        this.status === 'reconnecting' ? 'reconnecting' : 'error',
        String((err as Error).message ?? err),
      );
      this.schedule();
      return;
    }
    if (this.stopped) {
      await link.close().catch(() => {});
      return;
    }
    this.link = link;
    this.attempt = 0;
    this.set('connected', null);
    this.hooks.onConnected();
  }

  private schedule(): void {
    if (this.stopped) return;
    const delay = Math.min(this.retryMs.max, this.retryMs.min * 2 ** Math.min(this.attempt, 4));
    this.attempt++;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tryOpen();
    }, delay);
  }
}
