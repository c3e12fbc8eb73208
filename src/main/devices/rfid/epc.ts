// What an EPC means: GS1 GIAI-96 encode/decode and asset codes written as ASCII into the EPC
// (reference §2c). Pure: no Node imports, so the renderer can show the same interpretation.
import { fromHex, toHex } from '../bytes';

export const GIAI96_HEADER = 0x34;

/** Partition → company-prefix bits/digits and asset-reference bits (GS1 TDS GIAI-96 table). */
const PARTITIONS: { cpBits: number; cpDigits: number; refBits: number }[] = [
  { cpBits: 40, cpDigits: 12, refBits: 42 },
  { cpBits: 37, cpDigits: 11, refBits: 45 },
  { cpBits: 34, cpDigits: 10, refBits: 48 },
  { cpBits: 30, cpDigits: 9, refBits: 52 },
  { cpBits: 27, cpDigits: 8, refBits: 55 },
  { cpBits: 24, cpDigits: 7, refBits: 58 },
  { cpBits: 20, cpDigits: 6, refBits: 62 },
];

export interface Giai96 {
  filter: number;
  companyPrefix: string;
  /** Decimal digits, no leading zeros (GIAI-96 stores an integer). */
  assetReference: string;
  /** urn:epc:id:giai:<prefix>.<reference> */
  uri: string;
}

/** Encodes a GIAI-96 EPC as 24 hex digits; throws on out-of-range input. */
export function encodeGiai96(companyPrefix: string, assetReference: string | number, filter = 0): string {
  const ref = String(assetReference);
  if (!/^\d{6,12}$/.test(companyPrefix)) throw new Error('company prefix must be 6–12 digits');
  if (!/^\d+$/.test(ref) || (ref.length > 1 && ref.startsWith('0')))
    throw new Error('GIAI-96 asset reference must be a number without leading zeros');
  if (filter < 0 || filter > 7) throw new Error('filter must be 0–7');
  const partition = PARTITIONS.findIndex((p) => p.cpDigits === companyPrefix.length);
  const p = PARTITIONS[partition]!;
  const refN = BigInt(ref);
  if (refN >= 1n << BigInt(p.refBits)) throw new Error('asset reference too large for GIAI-96');
  let v = BigInt(GIAI96_HEADER);
  v = (v << 3n) | BigInt(filter);
  v = (v << 3n) | BigInt(partition);
  v = (v << BigInt(p.cpBits)) | BigInt(companyPrefix);
  v = (v << BigInt(p.refBits)) | refN;
  return v.toString(16).toUpperCase().padStart(24, '0');
}

/** Decodes a 96-bit EPC as GIAI-96, or null when it is not one. */
export function decodeGiai96(epcHex: string): Giai96 | null {
  if (!/^[0-9a-fA-F]{24}$/.test(epcHex)) return null;
  const v = BigInt('0x' + epcHex);
  if (Number(v >> 88n) !== GIAI96_HEADER) return null;
  const filter = Number((v >> 85n) & 7n);
  const partition = Number((v >> 82n) & 7n);
  const p = PARTITIONS[partition];
  if (!p) return null;
  const cp = (v >> BigInt(p.refBits)) & ((1n << BigInt(p.cpBits)) - 1n);
  const ref = v & ((1n << BigInt(p.refBits)) - 1n);
  const companyPrefix = cp.toString().padStart(p.cpDigits, '0');
  if (companyPrefix.length !== p.cpDigits) return null;
  const assetReference = ref.toString();
  return { filter, companyPrefix, assetReference, uri: `urn:epc:id:giai:${companyPrefix}.${assetReference}` };
}

/**
 * An asset code stored as ASCII in the EPC (padded with NUL to a whole word), e.g.
 * ZC2024000123 → 5A4332303234303030313233. Null when the bytes are not printable ASCII.
 */
export function decodeAsciiEpc(epcHex: string): string | null {
  if (!/^([0-9a-fA-F]{2})+$/.test(epcHex)) return null;
  const bytes = fromHex(epcHex);
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0 || bytes[end - 1] === 0x20)) end--;
  if (end < 2) return null;
  let s = '';
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b < 0x21 || b > 0x7e) return null;
    s += String.fromCharCode(b);
  }
  return s;
}

export function encodeAsciiEpc(code: string, minBytes = 12): string {
  if (!/^[\x21-\x7e]+$/.test(code)) throw new Error('asset code must be printable ASCII to fit an EPC');
  const n = Math.max(minBytes, code.length + (code.length % 2));
  if (n > 62) throw new Error('asset code too long for an EPC');
  const out = new Uint8Array(n);
  for (let i = 0; i < code.length; i++) out[i] = code.charCodeAt(i);
  return toHex(out);
}

export function normalizeEpc(hex: string): string | null {
  const h = hex.replace(/[\s:-]/g, '').toUpperCase();
  return /^([0-9A-F]{4})+$/.test(h) && h.length <= 124 ? h : null;
}
