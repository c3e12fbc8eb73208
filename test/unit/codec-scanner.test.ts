// Scanner codecs: serial lines with AIM ids and every suffix, HID POS reports (continuation,
// truncation, garbage), GIAI-96 and ASCII EPCs; random splits and 10 MB of noise.
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toHex } from '../../src/main/devices/bytes';
import { SerialLineDecoder } from '../../src/main/devices/scanner/serial-lines';
import { HidPosDecoder, honeywellReports } from '../../src/main/devices/scanner/hid-pos';
import { decodeAsciiEpc, decodeGiai96, encodeAsciiEpc, encodeGiai96 } from '../../src/main/devices/rfid/epc';
import { Rng } from '../../src/main/demo/prng';
import { scannerLine } from '../sim/scanners';

function chunks(bytes: Uint8Array, rng: Rng, max: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length;) {
    const n = rng.int(1, max);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

describe('serial scanner lines', () => {
  it('strips AIM ids (kept as metadata) and every suffix kind', () => {
    const d = new SerialLineDecoder();
    const got = d.push(
      concatBytes([
        scannerLine('ASSET-000123', { aim: ']C0', suffix: 'CR' }),
        scannerLine('6901234567892', { aim: ']E0', suffix: 'CRLF' }),
        scannerLine('ZC2024000123|笔记本电脑', { aim: ']Q1', suffix: 'LF' }),
        scannerLine('NOAIM01', { suffix: 'TAB' }),
      ]),
    );
    expect(got.map((s) => [s.code, s.aim, s.symbology])).toEqual([
      ['ASSET-000123', ']C0', 'code128'],
      ['6901234567892', ']E0', 'ean-upc'],
      ['ZC2024000123|笔记本电脑', ']Q1', 'qr'],
      ['NOAIM01', null, null],
    ]);
    expect(got[0]!.rawHex).toBe(toHex(Buffer.from(']C0ASSET-000123')));
  });

  it('a configured prefix is removed; GBK bytes decode as Chinese; CRLF split across chunks is one line', () => {
    const d = new SerialLineDecoder({ prefix: 'S1:', suffix: 'CRLF' });
    const gbk = fromHex('B9CCB6A8'); // 固定 in GB18030
    const a = d.push(concatBytes([Buffer.from('S1:]C0ZC'), gbk, Buffer.from('\r')]));
    const b = d.push(Buffer.from('\n'));
    expect(a).toEqual([]);
    expect(b.map((s) => s.code)).toEqual(['ZC固定']);
  });

  it('suffix "none": a line ends when the line goes idle; otherwise a partial line is dropped', () => {
    const none = new SerialLineDecoder({ suffix: 'none' });
    expect(none.push(Buffer.from(']C0AB12'))).toEqual([]);
    expect(none.idle().map((s) => s.code)).toEqual(['AB12']);
    const cr = new SerialLineDecoder({ suffix: 'CR' });
    cr.push(Buffer.from('\x01\x02garbage'));
    expect(cr.idle()).toEqual([]);
    expect(cr.push(Buffer.from('ZC1\r')).map((s) => s.code)).toEqual(['ZC1']);
  });

  it('any split of a stream of lines gives the same scans (property)', () => {
    const rng = new Rng(3);
    const codes = Array.from({ length: 200 }, (_, i) => `ZC${String(i).padStart(6, '0')}`);
    const stream = concatBytes(
      codes.map((c) =>
        scannerLine(c, { aim: ']C0', suffix: rng.pick(['CR', 'LF', 'CRLF', 'TAB'] as const) }),
      ),
    );
    for (let t = 0; t < 100; t++) {
      const d = new SerialLineDecoder();
      const got = chunks(stream, rng, t % 2 ? 3 : 64).flatMap((c) => d.push(c).map((s) => s.code));
      expect(got).toEqual(codes);
    }
  });

  it('10 MB of random bytes with lines interleaved: every line recovered', () => {
    const rng = new Rng(11);
    const d = new SerialLineDecoder({ suffix: 'CR' });
    const want: string[] = [];
    const got = new Set<string>();
    let fed = 0;
    while (fed < 10 * 1024 * 1024) {
      const junk = new Uint8Array(rng.int(0, 600)).map(() => rng.int(0, 255));
      const code = `ZC${rng.int(0, 1e9)}`;
      want.push(code);
      // A line starts after a terminator or a quiet line: the scanner sends it in one burst.
      const line = scannerLine(code, { aim: ']C0', suffix: 'CR' });
      fed += junk.length + line.length;
      for (const c of chunks(junk, rng, 512)) for (const s of d.push(c)) got.add(s.code);
      d.idle();
      for (const c of chunks(line, rng, 8)) for (const s of d.push(c)) got.add(s.code);
    }
    expect(want.filter((c) => !got.has(c))).toEqual([]);
  });
});

describe('HID POS reports', () => {
  it('decodes a Honeywell report with AIM id and code id', () => {
    const d = new HidPosDecoder();
    const [r] = honeywellReports(Buffer.from('ZC2024000123'), ']Q1', 0x73);
    expect(r![0]).toBe(0x02);
    expect(r![1]).toBe(12);
    expect(d.push(r!, 0)).toMatchObject([
      { code: 'ZC2024000123', aim: ']Q1', symbology: 'qr', codeId: 0x73 },
    ]);
  });

  it('joins a barcode continued over several reports (> 56 bytes)', () => {
    const d = new HidPosDecoder();
    const long = 'ZC-' + 'X'.repeat(120);
    const reports = honeywellReports(Buffer.from(long));
    expect(reports).toHaveLength(3);
    expect(reports[0]![63]).toBe(1);
    const out = reports.flatMap((r, i) => d.push(r, i));
    expect(out.map((s) => s.code)).toEqual([long]);
  });

  it('drops truncated and garbage reports; a continuation that never ends times out', () => {
    const d = new HidPosDecoder({ continuationTimeoutMs: 500 });
    const [good] = honeywellReports(Buffer.from('ZC1'));
    expect(d.push(good!.subarray(0, 40), 0)).toEqual([]);
    const junk = new Uint8Array(64).fill(0x41);
    expect(d.push(junk, 0)).toEqual([]);
    const cont = honeywellReports(Buffer.from('A'.repeat(100)));
    d.push(cont[0]!, 0);
    expect(d.push(good!, 1000)).toMatchObject([{ code: 'ZC1' }]);
    expect(d.droppedReports).toBe(3);
  });

  it('Newland layout (data at byte 2, symbology id at 62)', () => {
    const d = new HidPosDecoder({ layout: 'newland' });
    const r = new Uint8Array(64);
    r[0] = 2;
    r[1] = 4;
    r.set(Buffer.from('AB12'), 2);
    r[62] = 0x32;
    expect(d.push(r)).toMatchObject([{ code: 'AB12', aim: null }]);
  });

  it('random 64-byte reports interleaved with real ones: every real scan recovered', () => {
    const rng = new Rng(8);
    const d = new HidPosDecoder();
    const want: string[] = [];
    const got = new Set<string>();
    let t = 0;
    for (let i = 0; i < 160_000; i++) {
      t += 10;
      if (i % 10 === 0) {
        const code = `ZC${i}`;
        want.push(code);
        for (const r of honeywellReports(Buffer.from(code))) for (const s of d.push(r, t)) got.add(s.code);
      } else {
        const junk = new Uint8Array(64).map(() => rng.int(0, 255));
        if (rng.chance(0.3)) junk[0] = 2; // looks like the right report id
        for (const s of d.push(junk, t)) got.add(s.code);
      }
    }
    expect(want.filter((c) => !got.has(c))).toEqual([]);
  });
});

describe('EPC interpretation', () => {
  it('GIAI-96: the reference example encodes and decodes', () => {
    expect(encodeGiai96('6901234', '2024000123')).toBe('3415A537C800000078A3CA7B');
    expect(decodeGiai96('3415A537C800000078A3CA7B')).toEqual({
      filter: 0,
      companyPrefix: '6901234',
      assetReference: '2024000123',
      uri: 'urn:epc:id:giai:6901234.2024000123',
    });
  });

  it('GIAI-96 round-trips every partition; refuses leading zeros, overflow and non-GIAI EPCs', () => {
    const rng = new Rng(4);
    for (let digits = 6; digits <= 12; digits++) {
      for (let k = 0; k < 50; k++) {
        const prefix =
          String(rng.int(1, 9)) + Array.from({ length: digits - 1 }, () => rng.int(0, 9)).join('');
        const ref = String(rng.int(1, 2 ** 31));
        const epc = encodeGiai96(prefix, ref, k % 8);
        expect(decodeGiai96(epc)).toMatchObject({
          companyPrefix: prefix,
          assetReference: ref,
          filter: k % 8,
        });
      }
    }
    expect(() => encodeGiai96('6901234', '0123')).toThrow();
    expect(() => encodeGiai96('690123412345', String(2n ** 42n))).toThrow();
    expect(decodeGiai96('5A4332303234303030313233')).toBeNull();
  });

  it('ASCII asset codes in the EPC', () => {
    expect(encodeAsciiEpc('ZC2024000123')).toBe('5A4332303234303030313233');
    expect(decodeAsciiEpc('5A4332303234303030313233')).toBe('ZC2024000123');
    expect(decodeAsciiEpc(encodeAsciiEpc('A-1'))).toBe('A-1');
    expect(decodeAsciiEpc('3415A537C800000078A3CA7B')).toBeNull();
    expect(() => encodeAsciiEpc('资产')).toThrow();
  });
});
