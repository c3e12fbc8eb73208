// Scanner simulators (reference §6 S3–S5): serial scanner lines, HID POS report source, and the
// keyboard-wedge timing generator (scanner bursts, human typing, IME, AZERTY, Caps Lock).
import { EventEmitter } from 'node:events';
import { honeywellReports } from '../../src/main/devices/scanner/hid-pos';
import type { WedgeKey } from '../../src/main/devices/scanner/wedge';
import { Rng } from '../../src/main/demo/prng';

const SUFFIX = { CR: '\r', LF: '\n', CRLF: '\r\n', TAB: '\t', none: '' } as const;

/** S3: the bytes a serial scanner sends for one scan. */
export function scannerLine(
  code: string | Uint8Array,
  opts: { aim?: string; prefix?: string; suffix?: keyof typeof SUFFIX } = {},
): Uint8Array {
  const body = typeof code === 'string' ? Buffer.from(code, 'utf8') : Buffer.from(code);
  return Buffer.concat([
    Buffer.from((opts.prefix ?? '') + (opts.aim ?? ''), 'latin1'),
    body,
    Buffer.from(SUFFIX[opts.suffix ?? 'CR'], 'latin1'),
  ]);
}

/** S4: a node-hid-shaped source of HID POS reports ('data' events of 64-byte Buffers). */
export class HidPosSource extends EventEmitter {
  scan(payload: string, aim = ']C0', codeId = 0x6a): void {
    for (const r of honeywellReports(Buffer.from(payload, 'utf8'), aim, codeId))
      this.emit('data', Buffer.from(r));
  }

  raw(report: Uint8Array): void {
    this.emit('data', Buffer.from(report));
  }
}

const CODE_OF: Record<string, [string, boolean]> = {};
for (let i = 0; i < 26; i++) {
  const c = String.fromCharCode(97 + i);
  CODE_OF[c] = [`Key${c.toUpperCase()}`, false];
  CODE_OF[c.toUpperCase()] = [`Key${c.toUpperCase()}`, true];
}
for (let d = 0; d < 10; d++) CODE_OF[String(d)] = [`Digit${d}`, false];
Object.assign(CODE_OF, {
  '-': ['Minus', false],
  _: ['Minus', true],
  ']': ['BracketRight', false],
  '.': ['Period', false],
  '/': ['Slash', false],
  ' ': ['Space', false],
});

/** S5: timed keydowns as a scanner types `text` (7–16 ms jitter), with optional suffix key. */
export function wedgeBurst(
  text: string,
  t0: number,
  opts: { rng?: Rng; gapMs?: [number, number]; suffix?: 'Enter' | 'Tab' | null } = {},
): WedgeKey[] {
  const rng = opts.rng ?? new Rng(7);
  const [lo, hi] = opts.gapMs ?? [7, 16];
  const out: WedgeKey[] = [];
  let t = t0;
  for (const ch of text) {
    const [code, shift] =
      CODE_OF[ch] ??
      (() => {
        throw new Error(`no key for ${ch}`);
      })();
    if (shift) out.push({ code: 'ShiftLeft', shift: true, t });
    out.push({ code, shift, t });
    t += rng.int(lo, hi);
  }
  if (opts.suffix !== null) out.push({ code: opts.suffix ?? 'Enter', shift: false, t });
  return out;
}

/** Human typing: 80–200 ms between keys (or a fast typist with gapMs ~40). */
export function humanTyping(text: string, t0: number, rng = new Rng(9), gapMs: [number, number] = [80, 200]) {
  return wedgeBurst(text, t0, { rng, gapMs, suffix: 'Enter' });
}

/**
 * A ByteLink over a HidPosSource, shaped like the app's HidLink (which wraps node-hid's
 * device.on('data')): lets the device manager run an HID POS scanner without OS HID support.
 */
export class SimHidLink {
  onData: (chunk: Uint8Array) => void = () => {};
  onLost: (err: Error | null) => void = () => {};
  private listener = (d: Buffer) => this.onData(d);

  constructor(readonly source: HidPosSource & { plugged?: boolean }) {}

  async open(): Promise<void> {
    if (this.source.plugged === false) throw new Error('could not open HID device');
    this.source.on('data', this.listener);
    this.source.once('unplug', () => {
      this.source.off('data', this.listener);
      this.onLost(new Error('device disconnected'));
    });
  }

  async write(): Promise<void> {}

  async close(): Promise<void> {
    this.source.off('data', this.listener);
  }
}
