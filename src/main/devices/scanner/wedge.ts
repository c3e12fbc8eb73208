// Keyboard-wedge scan detection: tells scanner bursts from typing by key timing, and rebuilds the
// characters from physical key codes (KeyboardEvent.code + shift as on a US keyboard), so an IME in
// composition, a non-US layout or Caps Lock cannot garble a scan. Pure: the renderer imports it.
import { splitAim, symbologyOfAim } from './aim';

export interface WedgeKey {
  /** KeyboardEvent.code: the physical key ('KeyA', 'Digit1', 'Enter'). */
  code: string;
  shift: boolean;
  /** Milliseconds (performance.now() or event.timeStamp). */
  t: number;
  /** Auto-repeat keydowns are ignored. */
  repeat?: boolean;
  alt?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

export interface WedgeOptions {
  /** Every gap within a burst is at most this (ms). */
  maxGapMs: number;
  /** The mean gap of a burst is at most this (ms). */
  maxMeanGapMs: number;
  minLength: number;
  /** A burst with no suffix ends after this much quiet (ms). */
  idleMs: number;
  /** The same code again within this time is a double read, not a new scan (ms). */
  dedupeMs: number;
}

/** Defaults from the reference (§1a.4): 35 ms max gap, 30 ms mean, 4 chars, 80 ms idle, 1.5 s dedupe. */
export const WEDGE_DEFAULTS: WedgeOptions = {
  maxGapMs: 35,
  maxMeanGapMs: 30,
  minLength: 4,
  idleMs: 80,
  dedupeMs: 1500,
};

export interface WedgeScan {
  code: string;
  aim: string | null;
  symbology: string | null;
  /** The physical keys, for the scans log's raw column. */
  keys: string;
  start: number;
  end: number;
  endedBy: 'suffix' | 'idle';
}

const TERMINATORS = new Set(['Enter', 'NumpadEnter', 'Tab']);
const MODIFIERS = new Set([
  'ShiftLeft',
  'ShiftRight',
  'CapsLock',
  'ControlLeft',
  'ControlRight',
  'AltLeft',
  'AltRight',
  'MetaLeft',
  'MetaRight',
]);

const PUNCT: Record<string, [string, string]> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Backquote: ['`', '~'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Space: [' ', ' '],
  NumpadDivide: ['/', '/'],
  NumpadMultiply: ['*', '*'],
  NumpadSubtract: ['-', '-'],
  NumpadAdd: ['+', '+'],
  NumpadDecimal: ['.', '.'],
};
const SHIFTED_DIGITS = ')!@#$%^&*(';

/** The character a US keyboard gives for a physical key, or null for a non-character key. */
export function usChar(code: string, shift: boolean): string | null {
  if (code.length === 4 && code.startsWith('Key')) {
    const c = code[3]!;
    return shift ? c : c.toLowerCase();
  }
  if (code.length === 6 && code.startsWith('Digit')) {
    const d = Number(code[5]);
    return shift ? SHIFTED_DIGITS[d]! : String(d);
  }
  if (code.length === 7 && code.startsWith('Numpad') && /\d/.test(code[6]!)) return code[6]!;
  const p = PUNCT[code];
  return p ? p[shift ? 1 : 0] : null;
}

export class WedgeDecoder {
  private chars: string[] = [];
  private keys: string[] = [];
  private times: number[] = [];
  private last: { code: string; t: number } | null = null;
  private lastT: number | null = null;
  private poisoned = false;
  readonly opts: WedgeOptions;

  constructor(opts: Partial<WedgeOptions> = {}) {
    this.opts = { ...WEDGE_DEFAULTS, ...opts };
  }

  /** True while keys look like a scanner burst (the scan field may hold back their echo). */
  get inBurst(): boolean {
    return this.chars.length >= 2;
  }

  /** A keydown. Returns the scans it completed (usually none or one). */
  push(k: WedgeKey): WedgeScan[] {
    if (k.repeat || MODIFIERS.has(k.code)) return [];
    const out: WedgeScan[] = [];
    // A long gap ends what came before: a suffix-less burst completes, typing is forgotten.
    if (this.lastT !== null && k.t - this.lastT > this.opts.maxGapMs) {
      const prev = this.times[this.times.length - 1];
      if (prev !== undefined) this.end(out, prev, 'idle');
      this.poisoned = false;
    }
    this.lastT = k.t;
    if (k.alt || k.ctrl || k.meta) {
      // A chord inside a burst (Alt+numpad for non-ASCII text) means the scan cannot be rebuilt.
      this.clear();
      this.poisoned = true;
      return out;
    }
    if (TERMINATORS.has(k.code)) {
      if (this.poisoned) this.clear();
      else if (this.chars.length) this.end(out, k.t, 'suffix');
      this.poisoned = false;
      return out;
    }
    if (this.poisoned) return out;
    const ch = usChar(k.code, k.shift);
    if (ch === null) {
      this.clear();
      return out;
    }
    this.chars.push(ch);
    this.keys.push(k.shift ? `+${k.code}` : k.code);
    this.times.push(k.t);
    return out;
  }

  /** Call from a timer: a burst without a suffix ends after idleMs of quiet. */
  flush(now: number): WedgeScan[] {
    const out: WedgeScan[] = [];
    const prev = this.times[this.times.length - 1];
    if (prev !== undefined && now - prev >= this.opts.idleMs) this.end(out, prev, 'idle');
    return out;
  }

  private clear(): void {
    this.chars = [];
    this.keys = [];
    this.times = [];
  }

  private end(out: WedgeScan[], t: number, endedBy: WedgeScan['endedBy']): void {
    const chars = this.chars;
    const times = this.times;
    const keys = this.keys;
    this.clear();
    if (chars.length < this.opts.minLength) return;
    const span = times[times.length - 1]! - times[0]!;
    if (span / (times.length - 1) > this.opts.maxMeanGapMs) return;
    const text = chars.join('');
    const { aim, code } = splitAim(text);
    if (!code) return;
    if (this.last && this.last.code === text && times[0]! - this.last.t < this.opts.dedupeMs) {
      this.last.t = t;
      return;
    }
    this.last = { code: text, t };
    out.push({
      code,
      aim,
      symbology: aim ? symbologyOfAim(aim) : null,
      keys: keys.join(' '),
      start: times[0]!,
      end: t,
      endedBy,
    });
  }
}
