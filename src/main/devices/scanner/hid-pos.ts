// HID POS (usage page 0x8C) scanned-data reports → scans, with multi-report barcodes joined and
// implausible reports dropped. Layouts from reference §1b (Honeywell; Newland variant). Pure.
import { concatBytes, toHex } from '../bytes';
import { HHP_CODE_IDS, symbologyOfAim } from './aim';
import { decodeScanText, type DecodedScan } from './serial-lines';

export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_USAGE = 0x02;
export const HID_POS_REPORT_ID = 0x02;
const REPORT_SIZE = 64;
const MAX_DATA = 56;

export type HidPosLayout = 'honeywell' | 'newland';

export interface HidPosOptions {
  layout?: HidPosLayout;
  /** A barcode continued over several reports must finish within this time (ms). */
  continuationTimeoutMs?: number;
}

export interface HidPosScan extends DecodedScan {
  codeId: number | null;
}

/** Known vendor ids → layout; unknown vendors use the Honeywell layout (the HID POS common case). */
export function layoutForVendor(vendorId: number): HidPosLayout {
  return vendorId === 0x1eab ? 'newland' : 'honeywell';
}

export class HidPosDecoder {
  private parts: Uint8Array[] = [];
  private partsRaw: Uint8Array[] = [];
  private partAim: string | null = null;
  private partSince = 0;
  private readonly layout: HidPosLayout;
  private readonly timeoutMs: number;
  droppedReports = 0;

  constructor(opts: HidPosOptions = {}) {
    this.layout = opts.layout ?? 'honeywell';
    this.timeoutMs = opts.continuationTimeoutMs ?? 500;
  }

  /** One input report as node-hid delivers it (report id in byte 0). */
  push(report: Uint8Array, now = Date.now()): HidPosScan[] {
    if (this.parts.length && now - this.partSince > this.timeoutMs) this.abandon();
    if (report.length < REPORT_SIZE || report[0] !== HID_POS_REPORT_ID) return this.drop();
    const len = report[1]!;
    if (len < 1 || len > MAX_DATA) return this.drop();
    if (this.layout === 'newland') {
      const data = report.subarray(2, 2 + len);
      const sym = report[62]!;
      return this.finish(data, report, null, sym || null);
    }
    const aim = String.fromCharCode(report[2]!, report[3]!, report[4]!);
    if (!/^\][A-Za-z][0-9A-Za-z]$/.test(aim)) return this.drop();
    if (this.parts.length && aim !== this.partAim) this.abandon();
    const data = report.subarray(5, 5 + len);
    const continued = (report[63]! & 1) === 1;
    if (continued) {
      if (!this.parts.length) this.partSince = now;
      this.parts.push(data.slice());
      this.partsRaw.push(report.slice());
      this.partAim = aim;
      return [];
    }
    const whole = this.parts.length ? concatBytes([...this.parts, data]) : data;
    const raw = this.partsRaw.length ? concatBytes([...this.partsRaw, report]) : report;
    this.parts = [];
    this.partsRaw = [];
    return this.finish(whole, raw, aim, report[61]! || null);
  }

  /** A continued barcode that never finished is dropped when the caller's idle timer fires. */
  idle(now = Date.now()): void {
    if (this.parts.length && now - this.partSince > this.timeoutMs) this.abandon();
  }

  private abandon(): void {
    this.parts = [];
    this.partsRaw = [];
    this.droppedReports++;
  }

  private drop(): HidPosScan[] {
    this.droppedReports++;
    return [];
  }

  private finish(data: Uint8Array, raw: Uint8Array, aim: string | null, codeId: number | null): HidPosScan[] {
    const text = decodeScanText(data);
    // eslint-disable-next-line no-control-regex
    if (text === null || !text.trim() || /[\x00-\x1f\x7f\ufffd]/.test(text)) return this.drop();
    const symbology =
      (aim && symbologyOfAim(aim)) || (codeId !== null ? (HHP_CODE_IDS[codeId] ?? null) : null);
    return [{ code: text.trim(), aim, symbology, codeId, rawHex: toHex(raw) }];
  }
}

/** Builds Honeywell-layout reports for a payload (simulators, and tests of the decoder). */
export function honeywellReports(payload: Uint8Array, aim = ']C0', codeId = 0x6a): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let off = 0; off < payload.length || off === 0; off += MAX_DATA) {
    const part = payload.subarray(off, off + MAX_DATA);
    const r = new Uint8Array(REPORT_SIZE);
    r[0] = HID_POS_REPORT_ID;
    r[1] = part.length;
    r[2] = aim.charCodeAt(0);
    r[3] = aim.charCodeAt(1);
    r[4] = aim.charCodeAt(2);
    r.set(part, 5);
    r[61] = codeId;
    r[63] = off + MAX_DATA < payload.length ? 1 : 0;
    out.push(r);
    if (payload.length === 0) break;
  }
  return out;
}
