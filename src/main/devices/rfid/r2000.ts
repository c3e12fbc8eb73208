// The Impinj R2000 "0xA0" serial protocol: frame builder, checksum and a reply decoder that
// resyncs on garbage. Layouts from shared/reference/hardware.md §2a. Pure: no Node imports.
import { toHex } from '../bytes';
import { BAD, FrameStream, NEED } from './stream';

export const R2000_HEAD = 0xa0;
export const R2000_BROADCAST = 0xff;

export const R2000Cmd = {
  reset: 0x70,
  setBaud: 0x71,
  getFirmware: 0x72,
  setAntenna: 0x74,
  getAntenna: 0x75,
  setPower: 0x76,
  getPower: 0x77,
  getTemperature: 0x7b,
  write: 0x82,
  realtimeInventory: 0x89,
  fastSwitchInventory: 0x8a,
  sessionInventory: 0x8b,
} as const;

const KNOWN_CMDS = new Set<number>(Object.values(R2000Cmd));

/** Error codes (pyImpinj ImpinjR2KGlobalErrors); names double as i18n suffixes (rfid.error.<name>). */
export const R2000_ERRORS: Record<number, string> = {
  0x10: 'success',
  0x11: 'fail',
  0x20: 'mcuResetError',
  0x21: 'cwOnError',
  0x22: 'antennaMissing',
  0x23: 'writeFlashError',
  0x24: 'readFlashError',
  0x25: 'setOutputPowerError',
  0x31: 'inventoryError',
  0x32: 'readError',
  0x33: 'writeError',
  0x34: 'lockError',
  0x35: 'killError',
  0x36: 'noTag',
  0x37: 'inventoryOkAccessFail',
  0x38: 'bufferEmpty',
  0x40: 'accessOrPasswordError',
  0x41: 'parameterInvalid',
  0x42: 'wordCntTooLong',
  0x43: 'memBankOutOfRange',
  0x44: 'lockRegionOutOfRange',
  0x45: 'lockTypeOutOfRange',
  0x46: 'readerAddressInvalid',
  0x47: 'antennaIdOutOfRange',
  0x48: 'outputPowerOutOfRange',
  0x49: 'frequencyRegionOutOfRange',
  0x4a: 'baudRateOutOfRange',
  0x4c: 'epcMatchLenTooLong',
  0x4d: 'epcMatchLenError',
  0x4e: 'epcMatchModeInvalid',
  0x4f: 'frequencyRangeInvalid',
  0x50: 'failToGetRn16',
  0x51: 'drmModeInvalid',
  0x52: 'pllLockFail',
  0x53: 'rfChipNoResponse',
  0x54: 'fhssCodeInvalid',
  0x55: 'temperatureTooHigh',
  0x56: 'outputPowerTooHigh',
};

export type R2000Event =
  | { type: 'tag'; address: number; epc: string; pc: number; rssi: number; antenna: number; freq: number }
  | { type: 'roundEnd'; address: number; cmd: number; antenna: number; readRate: number; totalRead: number }
  | { type: 'error'; address: number; cmd: number; code: number; name: string }
  | { type: 'result'; address: number; cmd: number; code: number; name: string }
  | { type: 'firmware'; address: number; major: number; minor: number }
  | { type: 'power'; address: number; dbm: number[] }
  | { type: 'antenna'; address: number; antenna: number }
  | { type: 'temperature'; address: number; celsius: number }
  | { type: 'written'; address: number; epc: string; antenna: number; code: number };

/** Two's complement of the 8-bit sum, so the whole frame sums to 0 mod 256. */
export function r2000Checksum(bytes: ArrayLike<number>, start = 0, end = bytes.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum = (sum + bytes[i]!) & 0xff;
  return (~sum + 1) & 0xff;
}

export function r2000Frame(address: number, cmd: number, data: ArrayLike<number> = []): Uint8Array {
  const out = new Uint8Array(data.length + 5);
  out[0] = R2000_HEAD;
  out[1] = data.length + 3;
  out[2] = address;
  out[3] = cmd;
  for (let i = 0; i < data.length; i++) out[4 + i] = data[i]!;
  out[out.length - 1] = r2000Checksum(out, 0, out.length - 1);
  return out;
}

/** EPC byte length from the PC word (bits 15..11 = length in 16-bit words). */
export const epcBytesFromPc = (pc: number) => ((pc >> 11) & 0x1f) * 2;
/** PC word for an EPC of n bytes (other PC bits zero). */
export const pcForEpcBytes = (n: number) => ((n / 2) & 0x1f) << 11;

export const r2000 = {
  getFirmware: (addr: number) => r2000Frame(addr, R2000Cmd.getFirmware),
  getPower: (addr: number) => r2000Frame(addr, R2000Cmd.getPower),
  /** One value for every antenna, or four values (dBm, 0–33). */
  setPower: (addr: number, dbm: number | number[]) =>
    r2000Frame(addr, R2000Cmd.setPower, typeof dbm === 'number' ? [dbm, dbm, dbm, dbm] : dbm),
  setAntenna: (addr: number, antenna: number) => r2000Frame(addr, R2000Cmd.setAntenna, [antenna]),
  getTemperature: (addr: number) => r2000Frame(addr, R2000Cmd.getTemperature),
  realtimeInventory: (addr: number, repeat = 1) => r2000Frame(addr, R2000Cmd.realtimeInventory, [repeat]),
  sessionInventory: (addr: number, session: number, target: 0 | 1, repeat = 1) =>
    r2000Frame(addr, R2000Cmd.sessionInventory, [session, target, repeat]),
  /**
   * Writes PC + EPC from word 1 of the EPC bank, so the PC length bits follow the new EPC
   * (writing from word 2 alone would leave a stale length when it changes).
   */
  writeEpc: (addr: number, epc: Uint8Array, password = [0, 0, 0, 0]) => {
    if (epc.length % 2 || epc.length === 0 || epc.length > 62) throw new Error('EPC must be whole words');
    const pc = pcForEpcBytes(epc.length);
    const words = [pc >> 8, pc & 0xff, ...epc];
    return r2000Frame(addr, R2000Cmd.write, [...password, 1, 1, words.length / 2, ...words]);
  },
};

export interface R2000DecoderOptions {
  /** Accept only replies from this reader address (learned from the first reply in practice). */
  address?: number;
}

/** Host side: turns reader bytes into events. Never assumes one read is one frame. */
export class R2000Decoder extends FrameStream<R2000Event> {
  address: number | undefined;

  constructor(opts: R2000DecoderOptions = {}) {
    super();
    this.address = opts.address;
  }

  protected override skipJunk(): number {
    let i = 0;
    while (i < this.q.length && this.q.at(i) !== R2000_HEAD) i++;
    return i;
  }

  protected override probe(): number {
    if (this.q.length < 2) return NEED;
    const len = this.q.at(1);
    if (len < 3) return BAD;
    if (this.q.length < len + 2) return NEED;
    let sum = 0;
    for (let i = 0; i < len + 2; i++) sum = (sum + this.q.at(i)) & 0xff;
    if (sum !== 0) return BAD;
    if (this.address !== undefined && this.q.at(2) !== this.address) return BAD;
    return len + 2;
  }

  protected override decode(total: number): R2000Event[] | null {
    const f = this.q.view(0, total);
    return decodeR2000Reply(f[2]!, f[3]!, f.subarray(4, total - 1));
  }
}

/** Semantic check and decoding of one checked reply; null when the frame makes no sense. */
export function decodeR2000Reply(address: number, cmd: number, d: Uint8Array): R2000Event[] | null {
  if (!KNOWN_CMDS.has(cmd)) return null;
  const err = (code: number): R2000Event[] | null =>
    R2000_ERRORS[code] && code !== 0x10
      ? [{ type: 'error', address, cmd, code, name: R2000_ERRORS[code]! }]
      : null;
  switch (cmd) {
    case R2000Cmd.realtimeInventory:
    case R2000Cmd.sessionInventory:
    case R2000Cmd.fastSwitchInventory: {
      if (d.length === 1) return err(d[0]!);
      if (d.length === 7) {
        if (cmd === R2000Cmd.fastSwitchInventory) {
          const totalRead = (d[0]! << 16) | (d[1]! << 8) | d[2]!;
          return [{ type: 'roundEnd', address, cmd, antenna: 0, readRate: 0, totalRead }];
        }
        const readRate = (d[1]! << 8) | d[2]!;
        const totalRead = ((d[3]! << 24) | (d[4]! << 16) | (d[5]! << 8) | d[6]!) >>> 0;
        return [{ type: 'roundEnd', address, cmd, antenna: d[0]! + 1, readRate, totalRead }];
      }
      if (d.length < 4) return null;
      const pc = (d[1]! << 8) | d[2]!;
      const n = epcBytesFromPc(pc);
      if (n === 0 || n !== d.length - 4) return null;
      return [
        {
          type: 'tag',
          address,
          epc: toHex(d, 3, 3 + n),
          pc,
          rssi: d[d.length - 1]! - 129,
          antenna: (d[0]! & 0x03) + 1,
          freq: d[0]! >> 2,
        },
      ];
    }
    case R2000Cmd.getFirmware:
      return d.length === 2 ? [{ type: 'firmware', address, major: d[0]!, minor: d[1]! }] : null;
    case R2000Cmd.getPower:
      if (d.length === 1) return [{ type: 'power', address, dbm: [d[0]!, d[0]!, d[0]!, d[0]!] }];
      return d.length === 4 || d.length === 8 ? [{ type: 'power', address, dbm: [...d] }] : null;
    case R2000Cmd.getAntenna:
      return d.length === 1 && d[0]! < 4 ? [{ type: 'antenna', address, antenna: d[0]! + 1 }] : null;
    case R2000Cmd.getTemperature:
      return d.length === 2 && d[0]! <= 1
        ? [{ type: 'temperature', address, celsius: d[0] === 0 ? -d[1]! : d[1]! }]
        : null;
    case R2000Cmd.write: {
      if (d.length === 1) return err(d[0]!);
      // TagCount(2) DataLen(1) Data(PC + EPC + CRC) ErrCode(1) AntID(1) WriteCount(1)
      if (d.length < 3) return null;
      const dataLen = d[2]!;
      if (d.length !== 3 + dataLen + 3 || dataLen < 4) return null;
      const code = d[3 + dataLen]!;
      return [
        {
          type: 'written',
          address,
          epc: toHex(d, 5, 3 + dataLen - 2),
          antenna: (d[4 + dataLen]! & 0x03) + 1,
          code,
        },
      ];
    }
    default:
      // reset, set baud/antenna/power: a single error code (0x10 = success)
      if (d.length !== 1 || !R2000_ERRORS[d[0]!]) return null;
      return [{ type: 'result', address, cmd, code: d[0]!, name: R2000_ERRORS[d[0]!]! }];
  }
}

/** Reader side (simulators, diagnostics): host command frames, checksum-verified, no semantics. */
export class R2000CommandDecoder extends FrameStream<{ address: number; cmd: number; data: Uint8Array }> {
  protected override skipJunk(): number {
    let i = 0;
    while (i < this.q.length && this.q.at(i) !== R2000_HEAD) i++;
    return i;
  }

  protected override probe(): number {
    if (this.q.length < 2) return NEED;
    const len = this.q.at(1);
    if (len < 3) return BAD;
    if (this.q.length < len + 2) return NEED;
    let sum = 0;
    for (let i = 0; i < len + 2; i++) sum = (sum + this.q.at(i)) & 0xff;
    return sum === 0 ? len + 2 : BAD;
  }

  protected override decode(total: number) {
    const f = this.q.slice(0, total);
    return [{ address: f[2]!, cmd: f[3]!, data: f.subarray(4, total - 1) }];
  }
}
