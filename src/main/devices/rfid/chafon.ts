// The Chafon / UHFReader18 "Len Adr Cmd Data CRC16" serial protocol: CRC-16/MCRF4XX, frame builder
// and a reply decoder that resyncs on garbage (no header byte: every offset is a candidate).
// Layouts from shared/reference/hardware.md §2b. Pure: no Node imports.
import { toHex } from '../bytes';
import { BAD, FrameStream, NEED } from './stream';

export const ChafonCmd = {
  inventory: 0x01,
  writeEpc: 0x04,
  readerInfo: 0x21,
  setScanTime: 0x25,
  setPower: 0x2f,
} as const;

const KNOWN_CMDS = new Set<number>(Object.values(ChafonCmd));

/** Status codes of replies (UHFReader18 manual; names double as i18n suffixes). */
export const CHAFON_STATUS: Record<number, string> = {
  0x00: 'success',
  0x01: 'inventoryDone',
  0x02: 'scanTimeOverflow',
  0x03: 'moreData',
  0x04: 'storageFull',
  0x05: 'accessPasswordError',
  0x09: 'killPasswordZero',
  0x0a: 'killPasswordError',
  0x0b: 'tagNotSupported',
  0x0c: 'accessPasswordZero',
  0x0d: 'tagLocked',
  0x0e: 'tagLocked',
  0x0f: 'nonSpecificTagError',
  0x10: 'tagBlockLocked',
  0xf8: 'antennaError',
  0xf9: 'commandFailed',
  0xfa: 'poorCommunication',
  0xfb: 'noTag',
  0xfc: 'tagError',
  0xfd: 'lengthError',
  0xfe: 'illegalCommand',
  0xff: 'parameterError',
};

/** CRC-16/MCRF4XX: poly 0x8408 (reflected 0x1021), preset 0xFFFF, no final XOR. */
export function crc16Mcrf4xx(bytes: ArrayLike<number>, start = 0, end = bytes.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) {
    crc ^= bytes[i]!;
    for (let b = 0; b < 8; b++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
  }
  return crc;
}

/** Host → reader frame: Len Adr Cmd Data CRClo CRChi. */
export function chafonFrame(address: number, cmd: number, data: ArrayLike<number> = []): Uint8Array {
  const out = new Uint8Array(data.length + 5);
  out[0] = data.length + 4;
  out[1] = address;
  out[2] = cmd;
  for (let i = 0; i < data.length; i++) out[3 + i] = data[i]!;
  const crc = crc16Mcrf4xx(out, 0, out.length - 2);
  out[out.length - 2] = crc & 0xff;
  out[out.length - 1] = crc >> 8;
  return out;
}

/** Reader → host frame (simulators): Len Adr reCmd Status Data CRClo CRChi. */
export function chafonReply(address: number, cmd: number, status: number, data: ArrayLike<number> = []) {
  return chafonFrame(address, cmd, [status, ...Array.from(data)]);
}

export const chafon = {
  inventory: (addr: number) => chafonFrame(addr, ChafonCmd.inventory),
  readerInfo: (addr: number) => chafonFrame(addr, ChafonCmd.readerInfo),
  /** 0–30 dBm. */
  setPower: (addr: number, dbm: number) => chafonFrame(addr, ChafonCmd.setPower, [dbm]),
  /** Scan time in units of 100 ms (3–255). */
  setScanTime: (addr: number, units: number) => chafonFrame(addr, ChafonCmd.setScanTime, [units]),
  /** ENum (words) Pwd(4) EPC: writes the EPC of the one tag in the field. */
  writeEpc: (addr: number, epc: Uint8Array, password = [0, 0, 0, 0]) => {
    if (epc.length % 2 || epc.length === 0 || epc.length > 30) throw new Error('EPC must be whole words');
    return chafonFrame(addr, ChafonCmd.writeEpc, [epc.length / 2, ...password, ...epc]);
  },
};

export type ChafonEvent =
  | { type: 'tag'; address: number; epc: string; rssi: number | null; antenna: number | null }
  | { type: 'inventoryEnd'; address: number; status: number; name: string; more: boolean; count: number }
  | {
      type: 'readerInfo';
      address: number;
      version: string;
      model: number;
      protocols: number;
      maxFreq: number;
      minFreq: number;
      power: number;
      scanTime: number;
    }
  | { type: 'result'; address: number; cmd: number; status: number; name: string };

export interface ChafonDecoderOptions {
  address?: number;
  /** 'v2': UHFReader18 V2 inventory layout; 'ur': UR-series layout with Ant and per-tag RSSI. */
  variant?: 'v2' | 'ur';
}

const MIN_REPLY = 6; // Len Adr reCmd Status CRC CRC

export class ChafonDecoder extends FrameStream<ChafonEvent> {
  address: number | undefined;
  readonly variant: 'v2' | 'ur';

  constructor(opts: ChafonDecoderOptions = {}) {
    super();
    this.address = opts.address;
    this.variant = opts.variant ?? 'v2';
  }

  protected override probe(): number {
    const len = this.q.at(0);
    if (len + 1 < MIN_REPLY) return BAD;
    if (this.q.length >= 3 && !KNOWN_CMDS.has(this.q.at(2))) return BAD;
    if (this.q.length >= 2 && this.address !== undefined && this.q.at(1) !== this.address) return BAD;
    if (this.q.length < len + 1) return NEED;
    // Over the whole frame, CRC bytes included (LSB first), MCRF4XX leaves 0.
    let crc = 0xffff;
    for (let i = 0; i < len + 1; i++) {
      crc ^= this.q.at(i);
      for (let b = 0; b < 8; b++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
    }
    return crc === 0 ? len + 1 : BAD;
  }

  protected override decode(total: number): ChafonEvent[] | null {
    const f = this.q.view(0, total);
    return decodeChafonReply(f[1]!, f[2]!, f[3]!, f.subarray(4, total - 2), this.variant);
  }
}

export function decodeChafonReply(
  address: number,
  cmd: number,
  status: number,
  d: Uint8Array,
  variant: 'v2' | 'ur' = 'v2',
): ChafonEvent[] | null {
  const name = CHAFON_STATUS[status];
  if (!name) return null;
  switch (cmd) {
    case ChafonCmd.inventory: {
      if (status === 0xfb || status === 0xf8 || status === 0xf9 || status === 0xfe || status === 0xff) {
        return d.length === 0
          ? [{ type: 'inventoryEnd', address, status, name, more: false, count: 0 }]
          : null;
      }
      if (status < 0x01 || status > 0x04) return null;
      let i = 0;
      let antenna: number | null = null;
      if (variant === 'ur') {
        if (d.length < 1) return null;
        antenna = d[i++]!;
      }
      if (i >= d.length) return null;
      const num = d[i++]!;
      const out: ChafonEvent[] = [];
      for (let t = 0; t < num; t++) {
        if (i >= d.length) return null;
        const n = d[i++]! & 0x7f; // bit 7: EPC+TID (FastID) on UR readers
        if (n === 0 || n % 2 || i + n + (variant === 'ur' ? 1 : 0) > d.length) return null;
        const epc = toHex(d, i, i + n);
        i += n;
        // UR readers give a raw RSSI byte whose scale varies by model; kept as reported.
        const rssi = variant === 'ur' ? d[i++]! : null;
        out.push({ type: 'tag', address, epc, rssi, antenna });
      }
      if (i !== d.length) return null;
      out.push({ type: 'inventoryEnd', address, status, name, more: status === 0x03, count: num });
      return out;
    }
    case ChafonCmd.readerInfo: {
      if (status !== 0) return d.length === 0 ? [{ type: 'result', address, cmd, status, name }] : null;
      if (d.length !== 8) return null;
      return [
        {
          type: 'readerInfo',
          address,
          version: `${d[0]}.${d[1]}`,
          model: d[2]!,
          protocols: d[3]!,
          maxFreq: d[4]!,
          minFreq: d[5]!,
          power: d[6]!,
          scanTime: d[7]!,
        },
      ];
    }
    default:
      return d.length === 0 ? [{ type: 'result', address, cmd, status, name }] : null;
  }
}

/** Reader side (simulators): host command frames, CRC-checked, no semantics. */
export class ChafonCommandDecoder extends FrameStream<{ address: number; cmd: number; data: Uint8Array }> {
  protected override probe(): number {
    const len = this.q.at(0);
    if (len < 4) return BAD;
    if (this.q.length < len + 1) return NEED;
    let crc = 0xffff;
    for (let i = 0; i < len + 1; i++) {
      crc ^= this.q.at(i);
      for (let b = 0; b < 8; b++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
    }
    return crc === 0 ? len + 1 : BAD;
  }

  protected override decode(total: number) {
    const f = this.q.slice(0, total);
    return [{ address: f[1]!, cmd: f[2]!, data: f.subarray(3, total - 2) }];
  }
}
