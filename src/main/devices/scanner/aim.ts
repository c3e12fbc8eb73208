// AIM symbology identifiers (ISO/IEC 15424, "]cm") and the names the app shows for them. Pure.

const NAMES: Record<string, string> = {
  A: 'code39',
  C: 'code128',
  E: 'ean-upc',
  F: 'codabar',
  G: 'code93',
  I: 'itf',
  L: 'pdf417',
  Q: 'qr',
  d: 'datamatrix',
  e: 'gs1-databar',
  h: 'hanxin',
  z: 'aztec',
};

/** 'code128', 'qr', ... from an AIM id like "]C0"; GS1 variants get a 'gs1-' prefix. */
export function symbologyOfAim(aim: string): string | null {
  if (!/^\][A-Za-z][0-9A-Za-z]$/.test(aim)) return null;
  const c = aim[1]!;
  const m = aim[2]!;
  const base = NAMES[c] ?? `aim-${c}`;
  if (c === 'C' && m === '1') return 'gs1-128';
  if (c === 'E' && m === '4') return 'ean-8';
  if (c === 'd' && m === '2') return 'gs1-datamatrix';
  if (c === 'Q' && (m === '3' || m === '4')) return 'gs1-qr';
  return base;
}

/** Splits a leading "]cm" off a scanned payload. */
export function splitAim(text: string): { aim: string | null; code: string } {
  if (/^\][A-Za-z][0-9A-Za-z]/.test(text)) return { aim: text.slice(0, 3), code: text.slice(3) };
  return { aim: null, code: text };
}

/** Honeywell (HHP) code id byte → symbology, for HID POS reports without a usable AIM id. */
export const HHP_CODE_IDS: Record<number, string> = {
  0x6a: 'code128',
  0x73: 'qr',
  0x64: 'ean-13',
  0x77: 'datamatrix',
  0x62: 'code39',
  0x44: 'ean-8',
};
