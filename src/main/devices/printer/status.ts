// Printer status queries and their answers: ZPL ~HS (three STX…ETX strings) and TSPL <ESC>!?
// (one bit-field byte). Pure: bytes in, a status out.

import type { PrinterProtocol, PrinterStatus } from './status-types';

export type { PrinterProtocol, PrinterStatus } from './status-types';

export const STATUS_QUERY: Record<PrinterProtocol, Buffer> = {
  zpl: Buffer.from('~HS', 'ascii'),
  tspl: Buffer.from([0x1b, 0x21, 0x3f]),
};

const STX = 0x02;
const ETX = 0x03;

export function notResponding(): PrinterStatus {
  return {
    responding: false,
    paperOut: false,
    headOpen: false,
    paused: false,
    ribbonOut: false,
    paperJam: false,
    printing: false,
    ready: false,
  };
}

function withReady(s: Omit<PrinterStatus, 'ready' | 'responding'>): PrinterStatus {
  return {
    responding: true,
    ...s,
    ready: !(s.paperOut || s.headOpen || s.paused || s.ribbonOut || s.paperJam),
  };
}

/** The STX…ETX strings in `buf`, in order. */
function frames(buf: Buffer): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < buf.length) {
    const s = buf.indexOf(STX, i);
    if (s < 0) break;
    const e = buf.indexOf(ETX, s + 1);
    if (e < 0) break;
    out.push(buf.subarray(s + 1, e).toString('latin1'));
    i = e + 1;
  }
  return out;
}

/** ~HS answer → status, or null while fewer than two of its three strings have arrived. */
export function parseZplHostStatus(buf: Buffer): PrinterStatus | null {
  const f = frames(buf);
  if (f.length < 2) return null;
  const s1 = f[0]!.split(',');
  const s2 = f[1]!.split(',');
  // String 1: aaa,b(paper out),c(pause),…; string 2: mmm,n,o(head up),p(ribbon out),…
  return withReady({
    paperOut: s1[1] === '1',
    paused: s1[2] === '1',
    headOpen: s2[2] === '1',
    ribbonOut: s2[3] === '1',
    paperJam: false,
    printing: false,
  });
}

/** <ESC>!? answer: bit 0 head open, 1 paper jam, 2 paper out, 3 ribbon out, 4 pause, 5 printing. */
export function parseTsplStatus(byte: number): PrinterStatus {
  return withReady({
    headOpen: (byte & 0x01) !== 0,
    paperJam: (byte & 0x02) !== 0,
    paperOut: (byte & 0x04) !== 0,
    ribbonOut: (byte & 0x08) !== 0,
    paused: (byte & 0x10) !== 0,
    printing: (byte & 0x20) !== 0,
  });
}

/** Parses a complete answer for the protocol, or null when more bytes are needed. */
export function parseStatus(protocol: PrinterProtocol, buf: Buffer): PrinterStatus | null {
  if (protocol === 'zpl') {
    // Wait for all three strings, so the tail of this answer is not mistaken for the next one.
    return frames(buf).length >= 3 ? parseZplHostStatus(buf) : null;
  }
  return buf.length >= 1 ? parseTsplStatus(buf[0]!) : null;
}

/** i18n keys of the problems that stop printing, most important first. */
export function statusProblems(s: PrinterStatus): string[] {
  if (!s.responding) return ['labels.printer.notResponding'];
  const out: string[] = [];
  if (s.headOpen) out.push('labels.printer.headOpen');
  if (s.paperOut) out.push('labels.printer.paperOut');
  if (s.paperJam) out.push('labels.printer.paperJam');
  if (s.ribbonOut) out.push('labels.printer.ribbonOut');
  if (s.paused) out.push('labels.printer.paused');
  return out;
}
