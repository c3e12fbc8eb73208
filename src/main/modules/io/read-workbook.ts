// The user's .xlsx as plain grids: sheet names and visibility, cell values (shared and inline strings,
// numbers, booleans, formula results from their cached values, dates recognised by number format),
// merged ranges and hidden columns. Synchronous and streaming over the XML text, so a 100,000-row
// sheet reads in a couple of seconds inside a handler.
import { AppError } from '../../api/errors';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zip';

export interface DateCell {
  kind: 'date';
  /** Excel serial (days since 1899-12-30, fractional part = time). */
  serial: number;
}
export interface ErrorCell {
  kind: 'error';
  text: string;
}
export type Cell = string | number | boolean | DateCell | ErrorCell | null;

export interface Merge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** 0-based rows and columns; `rows[r][c]`. Missing cells are undefined or null. */
export interface Grid {
  name: string;
  hidden: boolean;
  rows: Cell[][];
  hiddenCols: Set<number>;
  merges: Merge[];
}

export interface Workbook {
  sheets: { name: string; hidden: boolean }[];
  sheet(index: number): Grid;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0 && s.indexOf('_x') < 0) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
      if (e[0] === '#')
        return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      return ENTITY[e] ?? m;
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const ATTR_RES = new Map<string, RegExp>();

function attr(attrs: string, name: string): string | undefined {
  let re = ATTR_RES.get(name);
  if (!re) ATTR_RES.set(name, (re = new RegExp(`(?:^|\\s)(?:\\w+:)?${name}="([^"]*)"`)));
  const m = re.exec(attrs);
  return m ? unescapeXml(m[1]!) : undefined;
}

/**
 * attr() for the per-cell attributes (r, t, s), by indexOf: a sheet has a million cells and this is
 * the reader's hottest path. The name must start the string or follow a space or a namespace colon.
 */
function cellAttr(attrs: string, name: string): string | undefined {
  const needle = name + '="';
  for (let i = attrs.indexOf(needle); i >= 0; i = attrs.indexOf(needle, i + 1)) {
    const before = i === 0 ? 32 : attrs.charCodeAt(i - 1);
    if (before !== 32 && before !== 58 && before !== 9 && before !== 10 && before !== 13) continue;
    const start = i + needle.length;
    const v = attrs.slice(start, attrs.indexOf('"', start));
    return v.indexOf('&') < 0 ? v : unescapeXml(v);
  }
  return undefined;
}

/** "AB12" → { r: 11, c: 27 } (0-based). */
export function parseRef(ref: string): { r: number; c: number } {
  let c = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    c = c * 26 + (code - 64);
  }
  return { r: Number(ref.slice(i)) - 1, c: c - 1 };
}

/** "AB12" → 27: parseRef's column alone, without an object per cell. */
function colOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    c = c * 26 + (code - 64);
  }
  return c - 1;
}

/** 0 → "A", 27 → "AB". */
export function colLetter(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Text of every <t> in an <si> or <is>, phonetic runs left out. */
function richText(xml: string): string {
  const body = xml.indexOf('<rPh') >= 0 ? xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : xml;
  let out = '';
  const re = /<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out += m[1];
  return unescapeXml(out);
}

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const re = /<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1] === undefined ? '' : richText(m[1]));
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

export function isDateFormat(code: string): boolean {
  // Drop quoted text, escapes and [colour]/[locale] sections; what remains must have date letters.
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[yYdD]|m+[^0#?]*[dy]|年|月|日/.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** For each style index (the cell's s attribute), whether it formats numbers as dates. */
function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1]!, 'numFmtId'));
    custom.set(id, attr(m[1]!, 'formatCode') ?? '');
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    out.push(custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

const CELL_RE =
  /<(?:\w+:)?(row|c)\b([^>]*?)(\/?)>|<\/(?:\w+:)?c>|<(?:\w+:)?(v|f|is)\b[^>]*?(\/?)>|<\/(?:\w+:)?sheetData>/g;

const IS_END = /<\/(?:\w+:)?is>/g;

export function parseSheetXml(xml: string, strings: string[], dates: boolean[], date1904: boolean) {
  const rows: Cell[][] = [];
  const hiddenCols = new Set<number>();
  const merges: Merge[] = [];
  const cols = /<(?:\w+:)?cols>([\s\S]*?)<\/(?:\w+:)?cols>/.exec(xml)?.[1];
  if (cols) {
    for (const m of cols.matchAll(/<(?:\w+:)?col\b([^>]*?)\/?>/g)) {
      const hidden = attr(m[1]!, 'hidden');
      if (hidden !== '1' && hidden !== 'true') continue;
      const min = Number(attr(m[1]!, 'min'));
      const max = Math.min(Number(attr(m[1]!, 'max')), min + 16384);
      for (let c = min; c <= max; c++) hiddenCols.add(c - 1);
    }
  }
  const dateOffset = date1904 ? 1462 : 0;

  let r = -1;
  let c = -1;
  let type = '';
  let style = 0;
  let value: string | undefined;
  let inline: string | undefined;
  let formula = false;
  let open = false;
  const finish = () => {
    open = false;
    let cell: Cell = null;
    if (inline !== undefined) cell = inline;
    else if (value !== undefined) {
      if (type === 's') cell = strings[Number(value)] ?? '';
      else if (type === 'str' || type === 'inlineStr') cell = unescapeXml(value);
      else if (type === 'b') cell = value === '1' || value === 'true';
      else if (type === 'e') cell = { kind: 'error', text: value };
      else if (type === 'd') cell = unescapeXml(value);
      else {
        const n = Number(value);
        cell = dates[style] ? { kind: 'date', serial: n + dateOffset } : n;
      }
    } else if (formula) cell = { kind: 'error', text: '#NOVALUE' };
    if (cell === null || cell === '') return;
    (rows[r] ??= [])[c] = cell;
  };

  CELL_RE.lastIndex = xml.search(/<(?:\w+:)?sheetData\b/);
  if (CELL_RE.lastIndex < 0) CELL_RE.lastIndex = 0;
  for (let m = CELL_RE.exec(xml); m; m = CELL_RE.exec(xml)) {
    const tag = m[1] ?? m[4];
    if (tag === 'row') {
      const rr = cellAttr(m[2]!, 'r');
      r = rr ? Number(rr) - 1 : r + 1;
      c = -1;
    } else if (tag === 'c') {
      const ref = cellAttr(m[2]!, 'r');
      c = ref ? colOf(ref) : c + 1;
      type = cellAttr(m[2]!, 't') ?? '';
      const st = cellAttr(m[2]!, 's');
      style = st === undefined ? 0 : Number(st);
      value = inline = undefined;
      formula = false;
      open = true;
      if (m[3]) finish();
    } else if (tag === 'v') {
      if (m[5]) continue;
      const start = CELL_RE.lastIndex;
      value = xml.slice(start, xml.indexOf('<', start));
    } else if (tag === 'f') {
      formula = true;
    } else if (tag === 'is') {
      if (m[5]) continue;
      IS_END.lastIndex = CELL_RE.lastIndex;
      const end = IS_END.exec(xml);
      inline = richText(xml.slice(CELL_RE.lastIndex, end ? end.index : xml.length));
      CELL_RE.lastIndex = end ? IS_END.lastIndex : xml.length;
    } else if (m[0].includes('sheetData')) {
      break;
    } else if (open) {
      finish();
    }
  }
  const mergeXml = /<(?:\w+:)?mergeCells\b[^>]*>([\s\S]*?)<\/(?:\w+:)?mergeCells>/.exec(
    xml.slice(CELL_RE.lastIndex),
  )?.[1];
  if (mergeXml) {
    for (const m of mergeXml.matchAll(/ref="([A-Z]+\d+):([A-Z]+\d+)"/g)) {
      const a = parseRef(m[1]!);
      const b = parseRef(m[2]!);
      merges.push({ r1: a.r, c1: a.c, r2: b.r, c2: b.c });
    }
  }
  return { rows, hiddenCols, merges };
}

export function readXlsx(buf: Buffer): Workbook {
  const dir = readZipDirectory(buf);
  const text = (path: string): string | undefined => {
    const e: ZipEntry | undefined = dir.get(path);
    return e ? readZipEntry(buf, e).toString('utf8') : undefined;
  };
  const wbPath = [...dir.keys()].find((k) => /^xl\/workbook\d*\.xml$/.test(k)) ?? 'xl/workbook.xml';
  const wb = text(wbPath);
  if (!wb) throw new AppError('VALIDATION', 'errors.io.unreadableFile');
  const relsPath = wbPath.replace(/([^/]+)$/, '_rels/$1.rels');
  const rels = new Map<string, string>();
  for (const m of (text(relsPath) ?? '').matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    rels.set(attr(m[1]!, 'Id') ?? '', resolveTarget(wbPath, attr(m[1]!, 'Target') ?? ''));
  }
  const date1904 = /date1904="(1|true)"/.test(wb);
  const sheets: { name: string; hidden: boolean; path: string }[] = [];
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const state = attr(m[1]!, 'state');
    sheets.push({
      name: attr(m[1]!, 'name') ?? '',
      hidden: state === 'hidden' || state === 'veryHidden',
      path: rels.get(attr(m[1]!, 'id') ?? '') ?? '',
    });
  }
  let strings: string[] | undefined;
  let styles: boolean[] | undefined;
  return {
    sheets: sheets.map(({ name, hidden }) => ({ name, hidden })),
    sheet(index) {
      const s = sheets[index];
      if (!s) throw new AppError('VALIDATION', 'errors.io.noSuchSheet', { sheet: index });
      const xml = text(s.path) ?? '';
      strings ??= sharedStrings(text('xl/sharedStrings.xml') ?? '');
      styles ??= dateStyles(text('xl/styles.xml'));
      return { name: s.name, hidden: s.hidden, ...parseSheetXml(xml, strings, styles, date1904) };
    },
  };
}
