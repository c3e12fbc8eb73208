// Simulated Chafon / UHFReader18 reader (reference §6 S2): CRC-16 frames, reader info, inventory
// in multi-frame bursts (status 0x03 then 0x01, or 0xFB with no tag), write EPC, set power; deaf
// while busy; optional UR-series layout and CRC faults.
import { ChafonCmd, ChafonCommandDecoder, chafonReply } from '../../src/main/devices/rfid/chafon';
import { fromHex, toHex } from '../../src/main/devices/bytes';
import { Rng } from '../../src/main/demo/prng';
import type { SimTag } from './r2000-sim';

export class ChafonSim {
  address = 0x00;
  power = 30;
  scanTime = 10;
  variant: 'v2' | 'ur' = 'v2';
  field: SimTag[] = [];
  readsPerRound = 2;
  /** Tags per reply frame before a 0x03 "more" frame is cut. */
  tagsPerFrame = 10;
  faults: { badCrc?: number; garbage?: number } = {};
  sent = { frames: 0, tagReports: 0, corrupted: 0 };
  private dec = new ChafonCommandDecoder();
  private rng: Rng;
  /** While > 0, host bytes are ignored (the reader is executing a command). */
  busyUntil = 0;
  busyMs = 0;

  constructor(
    private readonly emit: (bytes: Uint8Array) => void,
    seed = 2,
  ) {
    this.rng = new Rng(seed);
  }

  onHostBytes(chunk: Uint8Array): void {
    if (this.busyMs && Date.now() < this.busyUntil) return;
    for (const f of this.dec.push(chunk)) {
      if (f.address !== this.address && f.address !== 0xff) continue;
      this.busyUntil = Date.now() + this.busyMs;
      this.handle(f.cmd, f.data);
    }
  }

  private reply(cmd: number, status: number, data: number[] = [], corruptible = false): void {
    let frame = chafonReply(this.address, cmd, status, data);
    this.sent.frames++;
    if (corruptible && this.faults.badCrc && this.rng.chance(this.faults.badCrc)) {
      frame = frame.slice();
      frame[frame.length - 2] ^= 0x01;
      this.sent.corrupted++;
    }
    if (corruptible && this.faults.garbage && this.rng.chance(this.faults.garbage)) {
      this.emit(new Uint8Array(this.rng.int(1, 3)).map(() => this.rng.int(0, 255)));
    }
    this.emit(frame);
  }

  private handle(cmd: number, d: Uint8Array): void {
    switch (cmd) {
      case ChafonCmd.readerInfo:
        return this.reply(cmd, 0, [3, 1, 0x09, 0x03, 0x3e, 0x00, this.power, this.scanTime]);
      case ChafonCmd.setPower:
        if (d.length !== 1 || d[0]! > 30) return this.reply(cmd, 0xff);
        this.power = d[0]!;
        return this.reply(cmd, 0);
      case ChafonCmd.inventory:
        return this.inventory();
      case ChafonCmd.writeEpc: {
        if (this.field.length !== 1) return this.reply(cmd, 0xfb);
        const words = d[0]!;
        const epc = d.subarray(5, 5 + words * 2);
        if (epc.length !== words * 2) return this.reply(cmd, 0xff);
        this.field[0]!.epc = toHex(epc);
        return this.reply(cmd, 0);
      }
      default:
        return this.reply(cmd, 0xfe);
    }
  }

  private inventory(): void {
    const reads: SimTag[] = [];
    for (let k = 0; k < this.readsPerRound; k++) reads.push(...this.field);
    if (!reads.length) return this.reply(ChafonCmd.inventory, 0xfb);
    for (let i = 0; i < reads.length; i += this.tagsPerFrame) {
      const part = reads.slice(i, i + this.tagsPerFrame);
      const last = i + this.tagsPerFrame >= reads.length;
      const data: number[] = this.variant === 'ur' ? [1, part.length] : [part.length];
      for (const t of part) {
        const epc = fromHex(t.epc);
        data.push(epc.length, ...epc);
        if (this.variant === 'ur') data.push(Math.max(0, -t.rssiDbm));
        this.sent.tagReports++;
      }
      this.reply(ChafonCmd.inventory, last ? 0x01 : 0x03, data, true);
    }
  }
}
