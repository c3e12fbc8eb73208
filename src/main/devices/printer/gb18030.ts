// GB18030 encoder for TSPL text. Node's TextEncoder only speaks UTF-8, so the table is the exact
// inverse of the platform's own WHATWG gb18030 decoder, built once on first use.

let twoByte: Map<number, number> | null = null;
/** BMP code point → linear four-byte index, for characters outside the two-byte table. */
let fourByte: Map<number, number> | null = null;

function build(): void {
  const dec = new TextDecoder('gb18030', { fatal: true });
  twoByte = new Map();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      let s: string;
      try {
        s = dec.decode(pair);
      } catch {
        continue;
      }
      const cp = s.codePointAt(0)!;
      if (s.length === 1 && !twoByte.has(cp)) twoByte.set(cp, (lead << 8) | trail);
    }
  }
  // Four-byte sequences covering the rest of the BMP: 0x81 30 81 30 … 0x84 31 A4 39.
  fourByte = new Map();
  const quad = new Uint8Array(4);
  const maxLinear = (0x84 - 0x81) * 12600 + (0x31 - 0x30) * 1260 + (0xa4 - 0x81) * 10 + 9;
  for (let linear = 0; linear <= maxLinear; linear++) {
    quad[0] = 0x81 + Math.floor(linear / 12600);
    quad[1] = 0x30 + (Math.floor(linear / 1260) % 10);
    quad[2] = 0x81 + (Math.floor(linear / 10) % 126);
    quad[3] = 0x30 + (linear % 10);
    let s: string;
    try {
      s = dec.decode(quad);
    } catch {
      continue;
    }
    const cp = s.codePointAt(0)!;
    if (s.length === 1 && !twoByte.has(cp) && !fourByte.has(cp)) fourByte.set(cp, linear);
  }
}

function pushFour(out: number[], linear: number, base: number): void {
  out.push(
    base + Math.floor(linear / 12600),
    0x30 + (Math.floor(linear / 1260) % 10),
    0x81 + (Math.floor(linear / 10) % 126),
    0x30 + (linear % 10),
  );
}

/** Encodes a string as GB18030 bytes (ASCII unchanged, 资 → D7 CA, astral characters as four bytes). */
export function encodeGb18030(text: string): Buffer {
  if (!twoByte) build();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const two = twoByte!.get(cp);
    if (two !== undefined) {
      out.push(two >> 8, two & 0xff);
      continue;
    }
    const four = fourByte!.get(cp);
    if (four !== undefined) {
      pushFour(out, four, 0x81);
      continue;
    }
    if (cp >= 0x10000) {
      // Supplementary planes are a straight line from 0x90 30 81 30.
      pushFour(out, cp - 0x10000, 0x90);
      continue;
    }
    out.push(0x3f); // '?' for the few unmappable BMP code points (lone surrogates)
  }
  return Buffer.from(out);
}
