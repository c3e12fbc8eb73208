// Serial (USB-COM / RS-232) scanner framing: [prefix][AIM id][data][suffix] lines with CR, LF, CRLF or
// Tab suffixes; a line without a suffix ends when the line goes idle. Pure: no Node imports.
import { toHex } from '../bytes';
import { splitAim, symbologyOfAim } from './aim';

export type ScannerSuffix = 'auto' | 'CR' | 'LF' | 'CRLF' | 'TAB' | 'none';

export interface SerialLineOptions {
  suffix?: ScannerSuffix;
  /** A configured prefix to strip (e.g. a station letter); lines without it are kept as they are. */
  prefix?: string;
  /** Longer lines are garbage (a stuck stream), dropped whole. */
  maxLength?: number;
}

export interface DecodedScan {
  code: string;
  aim: string | null;
  symbology: string | null;
  rawHex: string;
}

const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;

const utf8 = new TextDecoder('utf-8', { fatal: true });
type Decoder = InstanceType<typeof TextDecoder>;
let gb: Decoder | null | undefined;
function gb18030(): Decoder | null {
  if (gb === undefined) {
    try {
      gb = new TextDecoder('gb18030');
    } catch {
      gb = null;
    }
  }
  return gb;
}

/** Bytes of one line → text: UTF-8 when valid, else GB18030 (Chinese scanners' default). */
export function decodeScanText(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return gb18030()?.decode(bytes) ?? null;
  }
}

/** A scan is text without control characters; anything else is line noise. */
function plausible(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return text.length > 0 && !/[\x00-\x1f\x7f\ufffd]/.test(text);
}

export class SerialLineDecoder {
  private buf: number[] = [];
  private overflow = false;
  private readonly suffix: ScannerSuffix;
  private readonly prefix: string;
  private readonly maxLength: number;
  droppedLines = 0;

  constructor(opts: SerialLineOptions = {}) {
    this.suffix = opts.suffix ?? 'auto';
    this.prefix = opts.prefix ?? '';
    this.maxLength = opts.maxLength ?? 4096;
  }

  private isEnd(b: number): boolean {
    switch (this.suffix) {
      case 'auto':
        return b === CR || b === LF || b === TAB;
      case 'CR':
        return b === CR;
      case 'LF':
        return b === LF;
      case 'CRLF':
        return b === LF;
      case 'TAB':
        return b === TAB;
      default:
        return false;
    }
  }

  push(chunk: Uint8Array): DecodedScan[] {
    const out: DecodedScan[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.isEnd(b)) {
        this.endLine(out);
        continue;
      }
      if (this.buf.length >= this.maxLength) this.overflow = true;
      else this.buf.push(b);
    }
    return out;
  }

  /** A fresh connection: bytes of a line cut off by an unplug are not the start of the next one. */
  reset(): void {
    this.buf = [];
    this.overflow = false;
  }

  /** The line went quiet: a suffix-less scanner's line ends here; otherwise a partial line is noise. */
  idle(): DecodedScan[] {
    const out: DecodedScan[] = [];
    if (this.suffix === 'none') this.endLine(out);
    else if (this.buf.length) {
      this.droppedLines++;
      this.buf = [];
      this.overflow = false;
    }
    return out;
  }

  private endLine(out: DecodedScan[]): void {
    let bytes = this.buf;
    this.buf = [];
    const overflow = this.overflow;
    this.overflow = false;
    if (this.suffix === 'CRLF' && bytes[bytes.length - 1] === CR) bytes = bytes.slice(0, -1);
    if (bytes.length === 0) return; // the LF of a CRLF, or an empty line
    const scan = overflow ? null : parseScanLine(Uint8Array.from(bytes), this.prefix);
    if (scan) out.push(scan);
    else this.droppedLines++;
  }
}

/** One line without its suffix → scan, or null when it is not plausible text. */
export function parseScanLine(bytes: Uint8Array, prefix = ''): DecodedScan | null {
  let text = decodeScanText(bytes);
  if (text === null || !plausible(text)) return null;
  if (prefix && text.startsWith(prefix)) text = text.slice(prefix.length);
  const { aim, code } = splitAim(text);
  if (!code.trim()) return null;
  return { code: code.trim(), aim, symbology: aim ? symbologyOfAim(aim) : null, rawHex: toHex(bytes) };
}
