// Byte helpers shared by the pure codecs: hex text, a growable receive buffer. No Node imports.

export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
  return s.toUpperCase();
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/[\s:-]/g, '');
  if (clean.length % 2 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`bad hex: ${hex}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Receive buffer for stream decoders: append chunks, look at bytes from `start`, consume a prefix.
 * Compacts lazily so a long stream of small chunks stays linear.
 */
export class ByteQueue {
  private buf = new Uint8Array(256);
  private head = 0;
  private tail = 0;

  get length(): number {
    return this.tail - this.head;
  }

  push(chunk: Uint8Array): void {
    if (this.tail + chunk.length > this.buf.length) {
      const live = this.tail - this.head;
      if (live + chunk.length <= this.buf.length / 2) {
        this.buf.copyWithin(0, this.head, this.tail);
      } else {
        const next = new Uint8Array(Math.max(this.buf.length * 2, live + chunk.length));
        next.set(this.buf.subarray(this.head, this.tail));
        this.buf = next;
      }
      this.head = 0;
      this.tail = live;
    }
    this.buf.set(chunk, this.tail);
    this.tail += chunk.length;
  }

  at(i: number): number {
    return this.buf[this.head + i]!;
  }

  /** A copy of bytes [start, end) relative to the head. */
  slice(start: number, end: number): Uint8Array {
    return this.buf.slice(this.head + start, this.head + end);
  }

  /** A view (no copy) of bytes [start, end); valid until the next push. */
  view(start: number, end: number): Uint8Array {
    return this.buf.subarray(this.head + start, this.head + end);
  }

  drop(n: number): void {
    this.head = Math.min(this.tail, this.head + n);
    if (this.head === this.tail) this.head = this.tail = 0;
  }

  clear(): void {
    this.head = this.tail = 0;
  }
}
