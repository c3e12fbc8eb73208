// CSV files as a grid: the encoding detected (UTF-8 with or without BOM, UTF-16 with BOM, else
// GB18030, which covers GBK and GB2312), the delimiter guessed (comma, tab, semicolon), RFC 4180 quoting.
import type { Cell, Grid } from './read-workbook';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export function detectEncoding(buf: Uint8Array): { encoding: CsvEncoding; bom: number } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  try {
    // Valid UTF-8 of Chinese text is vanishingly unlikely to be GBK by accident, and vice versa.
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'gb18030', bom: 0 };
  }
}

export function decodeText(buf: Uint8Array): { text: string; encoding: CsvEncoding } {
  const { encoding, bom } = detectEncoding(buf);
  return { text: new TextDecoder(encoding).decode(buf.subarray(bom)), encoding };
}

function guessDelimiter(text: string): string {
  const sample = text.slice(0, 4096).split(/\r?\n/).slice(0, 10);
  let best = ',';
  let bestScore = 0;
  for (const d of [',', '\t', ';']) {
    const score = sample.reduce((n, line) => n + line.split(d).length - 1, 0);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export function parseCsv(text: string, delimiter = guessDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */ && field === '') {
      // Quoted field: "" is a literal quote; ends at a lone quote.
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(i);
          i = n;
          break;
        }
        field += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      continue;
    }
    if (ch === d) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === 10 || ch === 13) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      // Plain run up to the next delimiter, quote or line end.
      let j = i + 1;
      while (j < n) {
        const c2 = text.charCodeAt(j);
        if (c2 === d || c2 === 10 || c2 === 13) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function csvGrid(buf: Uint8Array, name: string): { grid: Grid; encoding: CsvEncoding } {
  const { text, encoding } = decodeText(buf);
  const rows: Cell[][] = parseCsv(text).map((r) => r.map((v) => (v.trim() === '' ? null : v)));
  return { grid: { name, hidden: false, rows, hiddenCols: new Set(), merges: [] }, encoding };
}
