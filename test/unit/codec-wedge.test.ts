// Keyboard-wedge detection: scanner bursts vs typing, physical key codes beat layouts, IME and
// Caps Lock; suffix-less scans end on idle; double reads are de-duplicated.
import { describe, expect, it } from 'vitest';
import { WedgeDecoder, usChar, type WedgeKey } from '../../src/main/devices/scanner/wedge';
import { Rng } from '../../src/main/demo/prng';
import { humanTyping, wedgeBurst } from '../sim/scanners';

const run = (d: WedgeDecoder, keys: WedgeKey[]) => keys.flatMap((k) => d.push(k));

describe('wedge decoder', () => {
  it('a scanner burst with an Enter suffix is a scan; AIM id kept as metadata', () => {
    const d = new WedgeDecoder();
    const scans = run(d, wedgeBurst(']C0ZC-2024-000123', 1000));
    expect(scans.map((s) => [s.code, s.aim, s.symbology, s.endedBy])).toEqual([
      ['ZC-2024-000123', ']C0', 'code128', 'suffix'],
    ]);
  });

  it('human typing (80–200 ms) and a fast typist (~40 ms) are not scans', () => {
    const d = new WedgeDecoder();
    expect(run(d, humanTyping('ZC2024000123', 0))).toEqual([]);
    expect(run(d, humanTyping('ZC2024000999', 10_000, new Rng(3), [38, 45]))).toEqual([]);
  });

  it('uses the physical key, not the produced text: AZERTY / IME "Process" / Caps Lock cannot garble', () => {
    const d = new WedgeDecoder();
    // An AZERTY layout or an IME in composition changes event.key; event.code is what the scanner pressed.
    const keys = wedgeBurst('HA112', 0).map((k) => ({ ...k, key: 'Process', isComposing: true }));
    expect(run(d, keys).map((s) => s.code)).toEqual(['HA112']);
    // Caps Lock on: the OS would invert case, but shift+KeyA is still 'A'.
    expect(usChar('KeyA', true)).toBe('A');
    expect(usChar('KeyA', false)).toBe('a');
    expect(usChar('Minus', true)).toBe('_');
    expect(usChar('Numpad7', false)).toBe('7');
  });

  it('no suffix: the burst ends after idleMs of quiet (flush) or at the next long gap', () => {
    const d = new WedgeDecoder();
    const keys = wedgeBurst('ZC000777', 0, { suffix: null });
    expect(run(d, keys)).toEqual([]);
    const last = keys[keys.length - 1]!.t;
    expect(d.flush(last + 50)).toEqual([]);
    expect(d.flush(last + 80).map((s) => [s.code, s.endedBy])).toEqual([['ZC000777', 'idle']]);
  });

  it('de-duplicates a double read within 1.5 s, but not a re-scan later', () => {
    const d = new WedgeDecoder();
    expect(run(d, wedgeBurst('ZC1234', 0))).toHaveLength(1);
    expect(run(d, wedgeBurst('ZC1234', 600))).toHaveLength(0);
    expect(run(d, wedgeBurst('ZC1234', 5000))).toHaveLength(1);
  });

  it('shorter than minLength, auto-repeat and Ctrl/Alt chords are not scans', () => {
    const d = new WedgeDecoder();
    expect(run(d, wedgeBurst('AB1', 0))).toEqual([]);
    const rep = wedgeBurst('ZC9999', 1000).map((k, i) => (i === 5 ? { ...k, repeat: true } : k));
    expect(run(d, rep).map((s) => s.code)).toEqual(['ZC999']);
    // Alt+numpad inside a burst (how wedge scanners type non-ASCII): the whole burst is refused.
    const alt = wedgeBurst('ZC5555', 3000).map((k, i) => (i === 3 ? { ...k, alt: true } : k));
    expect(run(d, alt)).toEqual([]);
    expect(run(d, wedgeBurst('ZC6666', 4000)).map((s) => s.code)).toEqual(['ZC6666']);
  });

  it('bursts interleaved with typing at random: every burst found, no typing mistaken (property)', () => {
    const rng = new Rng(12);
    const d = new WedgeDecoder();
    const want: string[] = [];
    const got: string[] = [];
    let t = 0;
    for (let i = 0; i < 300; i++) {
      if (rng.chance(0.5)) {
        const code = `ZC${String(i).padStart(6, '0')}`;
        want.push(code);
        const keys = wedgeBurst(code, t, { rng, suffix: rng.pick(['Enter', 'Tab', null] as const) });
        got.push(...run(d, keys).map((s) => s.code));
        t = keys[keys.length - 1]!.t + rng.int(100, 400);
        got.push(...d.flush(t).map((s) => s.code));
      } else {
        const keys = humanTyping(`note${i}`, t, rng);
        got.push(...run(d, keys).map((s) => s.code));
        t = keys[keys.length - 1]!.t + rng.int(100, 400);
      }
    }
    expect(got).toEqual(want);
  });
});
