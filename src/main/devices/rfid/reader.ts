// One reader interface over the R2000 and Chafon protocols: connect (reader info), power, continuous
// inventory, write EPC. Sans-IO: bytes go out through `send`, bytes come in through `receive`.
import { fromHex } from '../bytes';
import { ChafonCmd, ChafonDecoder, chafon, type ChafonEvent } from './chafon';
import { R2000Cmd, R2000Decoder, R2000_BROADCAST, r2000, type R2000Event } from './r2000';

export interface TagReport {
  epc: string;
  rssi: number | null;
  antenna: number | null;
}

export interface ReaderInfo {
  protocol: 'r2000' | 'chafon';
  address: number | null;
  firmware: string | null;
  powerDbm: number | null;
}

export interface ReaderSink {
  tags(reports: TagReport[]): void;
  info(info: ReaderInfo): void;
  /** A reader-reported problem (antenna missing, command failed), as an i18n-able name. */
  problem(name: string): void;
}

export interface RfidReader {
  readonly info: ReaderInfo;
  readonly inventoryRunning: boolean;
  /** After the link (re)connects: ask for reader info; resume an inventory that was running. */
  connected(): void;
  receive(chunk: Uint8Array): void;
  /** The line went quiet: partial frames are abandoned; a stalled inventory is re-kicked. */
  idle(): void;
  startInventory(): void;
  stopInventory(): void;
  setPower(dbm: number): Promise<void>;
  writeEpc(epcHex: string): Promise<void>;
  close(): void;
}

type Send = (bytes: Uint8Array) => Promise<void> | void;

interface Pending {
  cmd: number;
  resolve(): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

abstract class BaseReader {
  info: ReaderInfo;
  inventoryRunning = false;
  protected pending: Pending | null = null;
  protected lastRoundAt = 0;
  protected batch: TagReport[] = [];

  constructor(
    protected readonly send: Send,
    protected readonly sink: ReaderSink,
    protocol: ReaderInfo['protocol'],
    protected readonly timeoutMs = 2000,
  ) {
    this.info = { protocol, address: null, firmware: null, powerDbm: null };
  }

  protected out(bytes: Uint8Array): void {
    void Promise.resolve(this.send(bytes)).catch(() => {});
  }

  protected request(cmd: number, frame: Uint8Array): Promise<void> {
    if (this.pending) return Promise.reject(new Error('reader busy'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        reject(new Error('timeout'));
        this.kick();
      }, this.timeoutMs);
      this.pending = { cmd, resolve, reject, timer };
      this.out(frame);
    });
  }

  protected settle(cmd: number, err: string | null): boolean {
    const p = this.pending;
    if (!p || p.cmd !== cmd) return false;
    clearTimeout(p.timer);
    this.pending = null;
    if (err) p.reject(new Error(err));
    else p.resolve();
    this.kick();
    return true;
  }

  protected flushTags(): void {
    if (this.batch.length) {
      const b = this.batch;
      this.batch = [];
      this.sink.tags(b);
    }
  }

  startInventory(): void {
    if (this.inventoryRunning) return;
    this.inventoryRunning = true;
    this.kick();
  }

  stopInventory(): void {
    this.inventoryRunning = false;
  }

  idle(): void {
    this.idleDecoder();
    // A round whose end was lost (garbled, unplugged) would stall the sweep: ask again.
    if (this.inventoryRunning && !this.pending && Date.now() - this.lastRoundAt > this.timeoutMs) this.kick();
  }

  close(): void {
    this.inventoryRunning = false;
    if (this.pending) {
      clearTimeout(this.pending.timer);
      this.pending.reject(new Error('closed'));
      this.pending = null;
    }
  }

  protected abstract idleDecoder(): void;
  /** Sends the next inventory round when one should run and nothing else is in flight. */
  protected abstract kick(): void;
}

export class R2000Reader extends BaseReader implements RfidReader {
  private decoder = new R2000Decoder();

  constructor(send: Send, sink: ReaderSink, timeoutMs?: number) {
    super(send, sink, 'r2000', timeoutMs);
  }

  private get addr(): number {
    return this.info.address ?? R2000_BROADCAST;
  }

  connected(): void {
    this.decoder.reset();
    this.out(r2000.getFirmware(R2000_BROADCAST));
    this.out(r2000.getPower(R2000_BROADCAST));
    this.lastRoundAt = 0;
    if (this.inventoryRunning) this.kick();
  }

  receive(chunk: Uint8Array): void {
    for (const e of this.decoder.push(chunk)) this.handle(e);
    this.flushTags();
  }

  protected idleDecoder(): void {
    for (const e of this.decoder.idle()) this.handle(e);
    this.flushTags();
  }

  private handle(e: R2000Event): void {
    if (this.decoder.address === undefined) {
      this.decoder.address = e.address;
      this.info = { ...this.info, address: e.address };
    }
    switch (e.type) {
      case 'tag':
        this.batch.push({ epc: e.epc, rssi: e.rssi, antenna: e.antenna });
        return;
      case 'roundEnd':
        this.lastRoundAt = 0;
        this.roundOpen = false;
        this.kick();
        return;
      case 'firmware':
        this.info = { ...this.info, firmware: `${e.major}.${e.minor}` };
        this.sink.info(this.info);
        return;
      case 'power':
        this.info = { ...this.info, powerDbm: e.dbm[0] ?? null };
        this.sink.info(this.info);
        return;
      case 'result':
        if (e.cmd === R2000Cmd.setPower && e.code === 0x10) {
          this.info = { ...this.info, powerDbm: this.requestedPower };
          this.sink.info(this.info);
        }
        this.settle(e.cmd, e.code === 0x10 ? null : e.name);
        return;
      case 'written':
        this.settle(R2000Cmd.write, e.code === 0x10 ? null : 'writeError');
        return;
      case 'error':
        if (this.settle(e.cmd, e.name)) return;
        if (e.cmd === R2000Cmd.realtimeInventory) {
          this.roundOpen = false;
          // 'noTag' is an empty round, not a problem.
          if (e.name !== 'noTag') this.sink.problem(e.name);
          this.lastRoundAt = Date.now();
        }
        return;
      default:
        return;
    }
  }

  private roundOpen = false;
  private requestedPower: number | null = null;

  protected kick(): void {
    if (
      !this.inventoryRunning ||
      this.pending ||
      (this.roundOpen && Date.now() - this.lastRoundAt < this.timeoutMs)
    )
      return;
    this.roundOpen = true;
    this.lastRoundAt = Date.now();
    this.out(r2000.realtimeInventory(this.addr, 1));
  }

  setPower(dbm: number): Promise<void> {
    this.requestedPower = dbm;
    return this.request(R2000Cmd.setPower, r2000.setPower(this.addr, dbm));
  }

  writeEpc(epcHex: string): Promise<void> {
    return this.request(R2000Cmd.write, r2000.writeEpc(this.addr, fromHex(epcHex)));
  }
}

export class ChafonReader extends BaseReader implements RfidReader {
  private decoder: ChafonDecoder;
  private roundOpen = false;
  private requestedPower: number | null = null;

  constructor(send: Send, sink: ReaderSink, opts: { variant?: 'v2' | 'ur'; timeoutMs?: number } = {}) {
    super(send, sink, 'chafon', opts.timeoutMs);
    this.decoder = new ChafonDecoder({ variant: opts.variant });
  }

  private get addr(): number {
    return this.info.address ?? 0xff;
  }

  connected(): void {
    this.decoder.reset();
    this.roundOpen = false;
    // The reader is deaf while busy, so the info request goes alone; inventory follows its reply.
    this.roundOpen = true;
    this.lastRoundAt = Date.now();
    this.out(chafon.readerInfo(0xff));
  }

  receive(chunk: Uint8Array): void {
    for (const e of this.decoder.push(chunk)) this.handle(e);
    this.flushTags();
  }

  protected idleDecoder(): void {
    for (const e of this.decoder.idle()) this.handle(e);
    this.flushTags();
  }

  private handle(e: ChafonEvent): void {
    if (this.decoder.address === undefined) {
      this.decoder.address = e.address;
      this.info = { ...this.info, address: e.address };
    }
    switch (e.type) {
      case 'tag':
        this.batch.push({ epc: e.epc, rssi: e.rssi, antenna: e.antenna });
        return;
      case 'inventoryEnd':
        if (e.more) return;
        if (e.status === 0xf8) this.sink.problem('antennaError');
        this.roundOpen = false;
        this.kick();
        return;
      case 'readerInfo':
        this.info = { ...this.info, firmware: e.version, powerDbm: e.power };
        this.sink.info(this.info);
        this.roundOpen = false;
        this.kick();
        return;
      case 'result':
        if (e.cmd === ChafonCmd.setPower && e.status === 0) {
          this.info = { ...this.info, powerDbm: this.requestedPower };
          this.sink.info(this.info);
        }
        if (e.cmd === ChafonCmd.readerInfo) {
          this.roundOpen = false;
          this.kick();
          return;
        }
        this.settle(e.cmd, e.status === 0 ? null : e.name);
        return;
    }
  }

  protected kick(): void {
    if (!this.inventoryRunning || this.pending) return;
    if (this.roundOpen && Date.now() - this.lastRoundAt < this.timeoutMs) return;
    this.roundOpen = true;
    this.lastRoundAt = Date.now();
    this.out(chafon.inventory(this.addr));
  }

  private whenQuiet(): Promise<void> {
    // Bytes sent while the reader runs a command are dropped (reference S2): wait for the round.
    return new Promise((resolve) => {
      const t0 = Date.now();
      const check = () =>
        !this.roundOpen || Date.now() - t0 > this.timeoutMs ? resolve() : setTimeout(check, 5);
      check();
    });
  }

  async setPower(dbm: number): Promise<void> {
    this.requestedPower = dbm;
    const wasRunning = this.inventoryRunning;
    this.inventoryRunning = false;
    await this.whenQuiet();
    this.inventoryRunning = wasRunning;
    return this.request(ChafonCmd.setPower, chafon.setPower(this.addr, dbm));
  }

  async writeEpc(epcHex: string): Promise<void> {
    const wasRunning = this.inventoryRunning;
    this.inventoryRunning = false;
    await this.whenQuiet();
    this.inventoryRunning = wasRunning;
    return this.request(ChafonCmd.writeEpc, chafon.writeEpc(this.addr, fromHex(epcHex)));
  }
}
