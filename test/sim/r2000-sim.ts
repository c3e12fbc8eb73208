// Simulated R2000 reader (reference §6 S1): answers host frames like the real module, runs
// real-time inventory rounds over a scriptable field of tags, and injects faults on request.
import { R2000Cmd, R2000CommandDecoder, pcForEpcBytes, r2000Frame } from '../../src/main/devices/rfid/r2000';
import { fromHex, toHex } from '../../src/main/devices/bytes';
import { Rng } from '../../src/main/demo/prng';

export interface SimTag {
  epc: string;
  rssiDbm: number;
}

export interface R2000Faults {
  /** Probability a frame gets 1–3 garbage bytes in front. */
  garbage?: number;
  /** Probability a frame's checksum is corrupted. */
  badChecksum?: number;
  /** Antenna missing: every inventory answers error 0x22. */
  antennaMissing?: boolean;
}

export class R2000Sim {
  address = 0x01;
  firmware: [number, number] = [1, 8];
  power = [30, 30, 30, 30];
  field: SimTag[] = [];
  /** Reads of each tag per inventory round (duplicates, as a real reader gives). */
  readsPerRound = 3;
  faults: R2000Faults = {};
  /** Frames sent, and frames sent intact (for counting what the host must recover). */
  sent = { frames: 0, tagFrames: 0, corrupted: 0, garbageBytes: 0 };
  readonly commands: { cmd: number; data: Uint8Array }[] = [];
  private dec = new R2000CommandDecoder();
  private rng: Rng;

  constructor(
    private readonly emit: (bytes: Uint8Array) => void,
    seed = 1,
  ) {
    this.rng = new Rng(seed);
  }

  onHostBytes(chunk: Uint8Array): void {
    for (const f of this.dec.push(chunk)) {
      this.commands.push({ cmd: f.cmd, data: f.data });
      if (f.address !== this.address && f.address !== 0xff) continue;
      this.handle(f.cmd, f.data);
    }
  }

  private reply(cmd: number, data: ArrayLike<number>, corruptible = true): void {
    let frame = r2000Frame(this.address, cmd, data);
    this.sent.frames++;
    if (corruptible && this.faults.badChecksum && this.rng.chance(this.faults.badChecksum)) {
      frame = frame.slice();
      frame[frame.length - 1] ^= 0x5a;
      this.sent.corrupted++;
    }
    if (corruptible && this.faults.garbage && this.rng.chance(this.faults.garbage)) {
      const n = this.rng.int(1, 3);
      const junk = new Uint8Array(n).map(() => this.rng.int(0, 255));
      this.sent.garbageBytes += n;
      this.emit(junk);
    }
    this.emit(frame);
  }

  private handle(cmd: number, d: Uint8Array): void {
    switch (cmd) {
      case R2000Cmd.getFirmware:
        return this.reply(cmd, this.firmware, false);
      case R2000Cmd.getPower:
        return this.reply(cmd, this.power, false);
      case R2000Cmd.setPower:
        if (d.length !== 4 || d.some((x) => x > 33)) return this.reply(cmd, [0x41], false);
        this.power = [...d];
        return this.reply(cmd, [0x10], false);
      case R2000Cmd.realtimeInventory:
      case R2000Cmd.sessionInventory:
        return this.inventory(cmd, d[d.length - 1] ?? 1);
      case R2000Cmd.write:
        return this.write(d);
      default:
        return this.reply(cmd, [0x11], false);
    }
  }

  private inventory(cmd: number, repeat: number): void {
    if (this.faults.antennaMissing) return this.reply(cmd, [0x22], false);
    const rounds = repeat === 0xff ? 1 : repeat;
    let total = 0;
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < this.readsPerRound; k++) {
        for (const t of this.field) {
          const epc = fromHex(t.epc);
          const pc = pcForEpcBytes(epc.length);
          const freqAnt = (this.rng.int(0, 49) << 2) | 0;
          const rssi = Math.max(0, Math.min(255, t.rssiDbm + 129 + this.rng.int(-2, 2)));
          this.reply(cmd, [freqAnt, pc >> 8, pc & 0xff, ...epc, rssi]);
          this.sent.tagFrames++;
          total++;
        }
      }
    }
    if (total === 0) return this.reply(cmd, [0x36], false);
    this.reply(cmd, [0, 0, 50, total >>> 24, (total >> 16) & 0xff, (total >> 8) & 0xff, total & 0xff], false);
  }

  private write(d: Uint8Array): void {
    // Password(4) MemBank(1) WordAdd(1) WordCnt(1) Data(WordCnt*2)
    if (d.length < 7 || d[4] !== 1 || d[5] !== 1) return this.reply(R2000Cmd.write, [0x41], false);
    if (this.field.length !== 1) return this.reply(R2000Cmd.write, [0x36], false);
    const words = d.subarray(7);
    const epc = words.subarray(2);
    this.field[0]!.epc = toHex(epc);
    const data = [...words, 0x12, 0x34];
    this.reply(R2000Cmd.write, [0, 1, data.length, ...data, 0x10, 0, 1], false);
  }
}
