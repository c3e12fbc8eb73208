// Turning printed labels back into data for assertions: ZPL rendered offline by zpl-renderer-js (MIT,
// a WASM build of Zebrash), barcodes read back by zbarimg, and ^FD field texts parsed (the renderer
// has no CJK font, so Chinese text is checked in the ZPL, not in the pixels).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DecodedSymbol {
  /** zbar's name: 'QR-Code', 'CODE-128', … */
  symbology: string;
  data: string;
}

let tmp: string | null = null;
let seq = 0;
/** A fresh PNG path in this process's scratch folder. */
export function scratchPng(prefix = 'label'): string {
  tmp ??= mkdtempSync(join(tmpdir(), 'fams-label-decode-'));
  return join(tmp, `${prefix}-${++seq}.png`);
}

type ZplApi = { zplToBase64Async(zpl: string, w?: number, h?: number, dpmm?: number): Promise<string> };
let api: Promise<ZplApi> | null = null;

/** Renders ONE ^XA…^XZ label to a PNG file and returns its path. */
export async function renderZplToPng(
  zpl: string,
  widthMm: number,
  heightMm: number,
  dpmm = 8,
): Promise<string> {
  api ??= import('zpl-renderer-js').then(async (m) => (await m.ready).api);
  const b64 = await (await api).zplToBase64Async(zpl, widthMm, heightMm, dpmm);
  const path = scratchPng('zpl');
  writeFileSync(path, Buffer.from(b64, 'base64'));
  return path;
}

/** The ^XA…^XZ labels of a ZPL stream, in order (anything between labels, like ~HS, is dropped). */
export function splitZplLabels(stream: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const start = stream.indexOf('^XA', i);
    if (start < 0) return out;
    const end = stream.indexOf('^XZ', start);
    if (end < 0) return out;
    out.push(stream.slice(start, end + 3));
    i = end + 3;
  }
}

/**
 * Every symbol zbarimg finds in the image. QR is read with `-Sqrcode.binary` so a UTF-8 payload comes back
 * as its exact bytes (zbar otherwise guesses Shift-JIS and returns mojibake), read as `encoding` (TSPL
 * printers put GB18030 bytes in their QR codes); exit 4 means "none found".
 */
export function zbarDecode(pngPath: string, encoding: 'utf-8' | 'gb18030' = 'utf-8'): DecodedSymbol[] {
  const r = spawnSync('zbarimg', ['-q', '-Sqrcode.binary', pngPath]);
  if (r.error) throw new Error(`zbarimg could not run: ${r.error.message} (install zbar-tools)`);
  if (r.status !== 0 && r.status !== 4) {
    throw new Error(`zbarimg failed (${r.status}): ${r.stderr.toString('utf8')}`);
  }
  return new TextDecoder(encoding)
    .decode(r.stdout)
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      return { symbology: line.slice(0, colon), data: line.slice(colon + 1) };
    });
}

/** Field data of every ^FD…^FS in ZPL, with ^FH_ hex escapes (_xx) decoded as UTF-8 bytes. */
export function zplFieldTexts(zpl: string): string[] {
  return [...zpl.matchAll(/\^FD([\s\S]*?)\^FS/g)].map((m) => {
    const bytes: Buffer[] = [];
    for (const part of m[1]!.split(/(_[0-9A-Fa-f]{2})/)) {
      bytes.push(
        /^_[0-9A-Fa-f]{2}$/.test(part)
          ? Buffer.from([parseInt(part.slice(1), 16)])
          : Buffer.from(part, 'utf8'),
      );
    }
    return Buffer.concat(bytes).toString('utf8');
  });
}

/** Writes a PNG buffer (e.g. from bwip-js) to a scratch file for zbarimg. */
export function writePng(png: Buffer, prefix = 'img'): string {
  const path = scratchPng(prefix);
  writeFileSync(path, png);
  return path;
}
