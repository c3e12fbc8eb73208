// R2000 and Chafon codecs: the reference's worked frames byte for byte, random splits and merges,
// garbage, bad checks, and 10 MB of random bytes with valid frames interleaved.
import { describe, expect, it } from 'vitest';
import { fromHex, toHex, concatBytes } from '../../src/main/devices/bytes';
import {
  R2000Decoder,
  r2000,
  r2000Checksum,
  r2000Frame,
  R2000Cmd,
  type R2000Event,
} from '../../src/main/devices/rfid/r2000';
import {
  ChafonDecoder,
  chafon,
  chafonFrame,
  chafonReply,
  crc16Mcrf4xx,
  ChafonCmd,
  type ChafonEvent,
} from '../../src/main/devices/rfid/chafon';
import { Rng } from '../../src/main/demo/prng';

const hex = (b: Uint8Array) => toHex(b).replace(/(..)(?!$)/g, '$1 ');
const GIAI = '3415A537C8000000 78A3CA7B'.replace(/ /g, '');

/** Splits bytes into chunks at random points (1..maxChunk bytes each). */
function randomChunks(bytes: Uint8Array, rng: Rng, maxChunk = 40): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length;) {
    const n = rng.int(1, maxChunk);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

function tagFrame(addr: number, epc: string, rssiDbm: number, freqAnt = 0x1c) {
  const e = fromHex(epc);
  const pc = (e.length / 2) << 11;
  return r2000Frame(addr, R2000Cmd.realtimeInventory, [freqAnt, pc >> 8, pc & 0xff, ...e, rssiDbm + 129]);
}

describe('R2000 codec', () => {
  it('builds the reference frames byte for byte', () => {
    expect(hex(r2000.realtimeInventory(0x01, 1))).toBe('A0 04 01 89 01 D1');
    expect(hex(r2000.realtimeInventory(0xff, 0xff))).toBe('A0 04 FF 89 FF D5');
    expect(hex(r2000.getFirmware(0x01))).toBe('A0 03 01 72 EA');
    expect(hex(r2000.sessionInventory(0x01, 1, 0, 1))).toBe('A0 06 01 8B 01 00 01 CC');
    expect(hex(tagFrame(0x01, GIAI, -60))).toBe(
      'A0 13 01 89 1C 30 00 34 15 A5 37 C8 00 00 00 78 A3 CA 7B 45 E5',
    );
    expect(r2000Checksum([0xa0, 0x04, 0x01, 0x89, 0x01])).toBe(0xd1);
  });

  it('decodes the reference tag report, round summary and error', () => {
    const d = new R2000Decoder();
    const ev = d.push(
      fromHex(
        'A0 13 01 89 1C 30 00 34 15 A5 37 C8 00 00 00 78 A3 CA 7B 45 E5' +
          'A00A01890000320000000595' +
          'A0040189 22B0',
      ),
    );
    expect(ev).toEqual([
      { type: 'tag', address: 1, epc: GIAI, pc: 0x3000, rssi: -60, antenna: 1, freq: 7 },
      { type: 'roundEnd', address: 1, cmd: 0x89, antenna: 1, readRate: 50, totalRead: 5 },
      { type: 'error', address: 1, cmd: 0x89, code: 0x22, name: 'antennaMissing' },
    ]);
  });

  it('drops a bad checksum and resyncs on the next frame; garbage before frames is skipped', () => {
    const good = tagFrame(1, GIAI, -50);
    const bad = good.slice();
    bad[bad.length - 1] ^= 1;
    const d = new R2000Decoder();
    // "A0 FF" announces a 257-byte frame: held until the line goes quiet, then abandoned.
    const ev = [...d.push(concatBytes([fromHex('00 A0 FF 13'), bad, fromHex('55'), good])), ...d.idle()];
    expect(ev.filter((e) => e.type === 'tag')).toHaveLength(1);
    expect(d.droppedBytes).toBeGreaterThan(bad.length);
  });

  it('a stray length byte cannot hold a reply hostage: idle() abandons the partial frame', () => {
    const d = new R2000Decoder();
    // "A0 F0" announces 242 bytes; the real reply behind it only appears once the line goes idle.
    expect(d.push(concatBytes([fromHex('A0 F0'), r2000Frame(1, R2000Cmd.getFirmware, [1, 8])]))).toEqual([]);
    expect(d.idle()).toEqual([{ type: 'firmware', address: 1, major: 1, minor: 8 }]);
  });

  it('recovers every frame whatever the chunking (property: 200 random splits)', () => {
    const rng = new Rng(42);
    const frames: Uint8Array[] = [];
    for (let i = 0; i < 300; i++)
      frames.push(tagFrame(1, toHex(new Uint8Array(12).map(() => rng.int(0, 255))), -rng.int(30, 80)));
    const stream = concatBytes(frames);
    const want = frames.map((f) => toHex(f.subarray(7, 19)));
    for (let trial = 0; trial < 200; trial++) {
      const d = new R2000Decoder();
      const got: string[] = [];
      for (const c of randomChunks(stream, rng, trial % 2 ? 7 : 300))
        for (const e of d.push(c)) if (e.type === 'tag') got.push(e.epc);
      expect(got).toEqual(want);
    }
  });

  it('10 MB of random bytes with valid frames interleaved: no crash, every valid frame recovered', () => {
    const rng = new Rng(2024);
    const d = new R2000Decoder({ address: 0x01 });
    const want: string[] = [];
    const got: R2000Event[] = [];
    let fed = 0;
    const t0 = performance.now();
    while (fed < 10 * 1024 * 1024) {
      const junk = new Uint8Array(rng.int(0, 600)).map(() => rng.int(0, 255));
      const epc = toHex(new Uint8Array(12).map(() => rng.int(0, 255)));
      const frame = tagFrame(1, epc, -40);
      want.push(epc);
      const blob = concatBytes([junk, frame]);
      fed += blob.length;
      for (const c of randomChunks(blob, rng, 512)) for (const e of d.push(c)) got.push(e);
    }
    for (const e of d.idle()) got.push(e);
    const ms = performance.now() - t0;
    const tags = got.filter((e) => e.type === 'tag').map((e) => (e as { epc: string }).epc);
    const gotSet = new Set(tags);
    const missing = want.filter((e) => !gotSet.has(e));
    expect(missing).toEqual([]);
    // Forged frames (garbage that happens to pass checksum, address and shape) stay rare.
    expect(tags.length - want.length).toBeLessThan(want.length / 1000 + 2);
    console.log(
      `r2000 fuzz: ${(fed / 1048576).toFixed(1)} MB, ${want.length} frames, ${tags.length - want.length} forged, ${ms.toFixed(0)} ms`,
    );
  });
});

describe('Chafon codec', () => {
  it('CRC-16/MCRF4XX check value and the reference frames', () => {
    expect(crc16Mcrf4xx(Buffer.from('123456789'))).toBe(0x6f91);
    expect(hex(chafonFrame(0x00, 0x35, [0x00]))).toBe('05 00 35 00 6C A5');
    expect(hex(chafonFrame(0x00, 0x35, [0x80]))).toBe('05 00 35 80 64 21');
    expect(hex(chafonFrame(0x00, 0x35, [0x81]))).toBe('05 00 35 81 ED 30');
    expect(hex(chafon.inventory(0x00))).toBe('04 00 01 DB 4B');
    expect(hex(chafon.inventory(0xff))).toBe('04 FF 01 1B B4');
    expect(hex(chafon.readerInfo(0x00))).toBe('04 00 21 D9 6A');
    expect(hex(chafonReply(0, 0x01, 0x01, [1, 12, ...fromHex(GIAI)]))).toBe(
      '13 00 01 01 01 0C 34 15 A5 37 C8 00 00 00 78 A3 CA 7B 3E B5',
    );
    expect(hex(chafonReply(0, 0x01, 0xfb))).toBe('05 00 01 FB F2 3D');
  });

  it('decodes an inventory reply, a multi-frame burst, "no tag" and reader info', () => {
    const d = new ChafonDecoder();
    const ev = d.push(
      concatBytes([
        fromHex('13 00 01 01 01 0C 34 15 A5 37 C8 00 00 00 78 A3 CA 7B 3E B5'),
        chafonReply(0, 1, 0x03, [2, 2, 0xab, 0xcd, 4, 1, 2, 3, 4]),
        fromHex('05 00 01 FB F2 3D'),
        chafonReply(0, 0x21, 0, [3, 1, 9, 3, 0x3e, 0, 26, 10]),
      ]),
    );
    expect(ev).toEqual<ChafonEvent[]>([
      { type: 'tag', address: 0, epc: GIAI, rssi: null, antenna: null },
      { type: 'inventoryEnd', address: 0, status: 1, name: 'inventoryDone', more: false, count: 1 },
      { type: 'tag', address: 0, epc: 'ABCD', rssi: null, antenna: null },
      { type: 'tag', address: 0, epc: '01020304', rssi: null, antenna: null },
      { type: 'inventoryEnd', address: 0, status: 3, name: 'moreData', more: true, count: 2 },
      { type: 'inventoryEnd', address: 0, status: 0xfb, name: 'noTag', more: false, count: 0 },
      {
        type: 'readerInfo',
        address: 0,
        version: '3.1',
        model: 9,
        protocols: 3,
        maxFreq: 0x3e,
        minFreq: 0,
        power: 26,
        scanTime: 10,
      },
    ]);
  });

  it('UR-series layout carries antenna and RSSI', () => {
    const d = new ChafonDecoder({ variant: 'ur' });
    expect(d.push(chafonReply(0, 1, 1, [2, 1, 2, 0xbe, 0xef, 60]))[0]).toEqual({
      type: 'tag',
      address: 0,
      epc: 'BEEF',
      rssi: 60,
      antenna: 2,
    });
  });

  it('drops a CRC error and resyncs; any split works', () => {
    const rng = new Rng(5);
    const good = chafonReply(0, 1, 1, [1, 12, ...fromHex(GIAI)]);
    const bad = good.slice();
    bad[10] ^= 0x40;
    const stream = concatBytes([bad, fromHex('13 00'), good, bad, good]);
    for (let trial = 0; trial < 100; trial++) {
      const d = new ChafonDecoder();
      const tags: string[] = [];
      for (const c of randomChunks(stream, rng, 9))
        for (const e of d.push(c)) if (e.type === 'tag') tags.push(e.epc);
      for (const e of d.idle()) if (e.type === 'tag') tags.push(e.epc);
      expect(tags).toEqual([GIAI, GIAI]);
    }
  });

  it('10 MB of random bytes with valid frames interleaved: no crash, every valid frame recovered', () => {
    const rng = new Rng(77);
    const d = new ChafonDecoder({ address: 0x00 });
    const want: string[] = [];
    const tags: string[] = [];
    let fed = 0;
    const t0 = performance.now();
    while (fed < 10 * 1024 * 1024) {
      const junk = new Uint8Array(rng.int(0, 600)).map(() => rng.int(0, 255));
      const epc = toHex(new Uint8Array(12).map(() => rng.int(0, 255)));
      want.push(epc);
      const blob = concatBytes([junk, chafonReply(0, ChafonCmd.inventory, 1, [1, 12, ...fromHex(epc)])]);
      fed += blob.length;
      for (const c of randomChunks(blob, rng, 512))
        for (const e of d.push(c)) if (e.type === 'tag') tags.push(e.epc);
      // The reader pauses between replies; the driver calls idle() after 60 ms of quiet.
      if (rng.chance(0.5)) for (const e of d.idle()) if (e.type === 'tag') tags.push(e.epc);
    }
    for (const e of d.idle()) if (e.type === 'tag') tags.push(e.epc);
    const ms = performance.now() - t0;
    const gotSet = new Set(tags);
    expect(want.filter((e) => !gotSet.has(e))).toEqual([]);
    expect(tags.length - want.length).toBeLessThan(want.length / 1000 + 2);
    console.log(
      `chafon fuzz: ${(fed / 1048576).toFixed(1)} MB, ${want.length} frames, ${tags.length - want.length} forged, ${ms.toFixed(0)} ms`,
    );
  });
});
