// CRC-32 (the ZIP/IEEE polynomial) for the xlsx ZIP writer: node:zlib's native crc32 where the runtime has it
// (Node ≥ 20.15 / 22.2, which Electron 39 ships), else a table-driven fallback; both give the same values.
import * as zlib from 'node:zlib';

type Crc = (data: Uint8Array, prev?: number) => number;

let table: Int32Array | null = null;

function makeTable(): Int32Array {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
}

/** The portable implementation (exported so the tests can check it against the native one). */
export function crc32Table(data: Uint8Array, prev = 0): number {
  const t = (table ??= makeTable());
  let c = ~prev;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const native = (zlib as unknown as { crc32?: Crc }).crc32;

/** CRC-32 of `data`, continuing from `prev` (the CRC of the bytes before it). Unsigned. */
export const crc32: Crc = native ? (data, prev = 0) => native(data, prev) >>> 0 : crc32Table;
