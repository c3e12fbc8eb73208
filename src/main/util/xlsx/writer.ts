// A lean streaming .xlsx writer (pure Node): sheet XML is built as strings row by row, with no per-cell
// objects, and streamed through zip.ts (deflate on the thread pool) straight to the file, so memory stays
// flat whatever the row count. Styles come from the fixed table in styles.ts (cell style ids); strings are
// written inline (UTF-8, escaped, XML-illegal control characters dropped, cut at Excel's 32,767 characters).
// Per sheet: column widths, frozen rows/columns, print setup (orientation, paper, fit to width, margins,
// footer), print titles (the _xlnm.Print_Titles defined name) and merged ranges. Formulas carry a cached
// result; Dates become serial days (UTC), to be shown through Style.date.
//
// Use:
//   const wb = new XlsxWriter(file);
//   const ws = await wb.addSheet({ name, columns: [{ width: 20 }], freeze: { rows: 3 }, print: {...} });
//   ws.addRow(['code', 12.5], [Style.text, Style.money]);     // sync; call `await ws.flush()` every few
//   await ws.flush();                                          // thousand rows to bound memory
//   await wb.finish();                                         // (or wb.abort() after a failure)
// Sheets are written one after another: addSheet ends the previous one. Row limit 1,048,576 per sheet.
import { ZipWriter, type ZipEntryStream } from './zip';
import { STYLES_XML, type StyleId } from './styles';
import {
  APP_XML,
  colLetter,
  contentTypesXml,
  coreXml,
  NS_MAIN,
  NS_R,
  ROOT_RELS_XML,
  workbookRelsXml,
  workbookXml,
  xmlText,
  XML_HEAD,
  type SheetEntry,
} from './parts';

export { Style, type StyleId, MONEY_FORMAT, UNITS_FORMAT, DATE_FORMAT } from './styles';
export { ZipTooLargeError } from './zip';

export interface Formula {
  /** Without the leading '='. */
  formula: string;
  /** The cached value shown until (and unless) the reader recalculates. */
  result?: number | string | boolean;
}
export type XCell = string | number | boolean | Date | Formula | null | undefined;

export interface SheetOptions {
  name: string;
  /** Widths in characters (Excel's unit), by column from A. */
  columns?: { width?: number }[];
  freeze?: { rows?: number; cols?: number };
  print?: {
    orientation?: 'landscape' | 'portrait';
    /** 9 = A4 (the default). */
    paperSize?: number;
    /** Fit all columns on one page width (pages run on downwards). */
    fitToWidth?: boolean;
    /** Rows repeated at the top of every printed page, 1-based, inclusive. */
    titleRows?: [number, number];
    margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
    /** Excel header/footer codes, e.g. '&C第 &P 页，共 &N 页'. */
    footer?: string;
  };
}

export const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
const MAX_TEXT = 32_767;
/** Text buffered before it goes to the deflater (characters). */
const BUFFER_CHARS = 1 << 17;
const DEFAULT_MARGINS = { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
/** Days from 1899-12-30 (Excel's day 0 in the 1900 system, leap-bug included) to 1970-01-01. */
const EPOCH_DAYS = 25_569;

function cellText(s: string): string {
  if (s.length > MAX_TEXT) s = s.slice(0, MAX_TEXT);
  const x = xmlText(s);
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  return first <= 32 || last <= 32 ? `<is><t xml:space="preserve">${x}</t></is>` : `<is><t>${x}</t></is>`;
}

function numText(n: number): string | null {
  return Number.isFinite(n) ? String(n) : null;
}

/** One cell's XML ('' for an empty, unstyled cell). */
function cellXml(ref: string, v: XCell, s: number): string {
  const sa = s ? ` s="${s}"` : '';
  if (v === null || v === undefined || v === '') return s ? `<c r="${ref}"${sa}/>` : '';
  switch (typeof v) {
    case 'number': {
      const t = numText(v);
      return t === null ? (s ? `<c r="${ref}"${sa}/>` : '') : `<c r="${ref}"${sa}><v>${t}</v></c>`;
    }
    case 'string':
      return `<c r="${ref}"${sa} t="inlineStr">${cellText(v)}</c>`;
    case 'boolean':
      return `<c r="${ref}"${sa} t="b"><v>${v ? 1 : 0}</v></c>`;
  }
  if (v instanceof Date) {
    const serial = v.getTime() / 86_400_000 + EPOCH_DAYS;
    return Number.isFinite(serial) ? `<c r="${ref}"${sa}><v>${serial}</v></c>` : '';
  }
  const f = `<f>${xmlText(v.formula.replace(/^=/, ''))}</f>`;
  const r = v.result;
  if (typeof r === 'number') {
    const t = numText(r);
    return `<c r="${ref}"${sa}>${f}${t === null ? '' : `<v>${t}</v>`}</c>`;
  }
  if (typeof r === 'string') return `<c r="${ref}"${sa} t="str">${f}<v>${xmlText(r)}</v></c>`;
  if (typeof r === 'boolean') return `<c r="${ref}"${sa} t="b">${f}<v>${r ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${sa}>${f}</c>`;
}

function sheetHead(o: SheetOptions, selected: boolean): string {
  let s = `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">`;
  if (o.print?.fitToWidth) s += '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
  s += `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">`;
  const ys = o.freeze?.rows ?? 0;
  const xs = o.freeze?.cols ?? 0;
  if (ys > 0 || xs > 0) {
    const tl = `${colLetter(xs)}${ys + 1}`;
    const pane = ys > 0 && xs > 0 ? 'bottomRight' : ys > 0 ? 'bottomLeft' : 'topRight';
    s +=
      `<pane${xs ? ` xSplit="${xs}"` : ''}${ys ? ` ySplit="${ys}"` : ''} topLeftCell="${tl}" activePane="${pane}" state="frozen"/>` +
      `<selection pane="${pane}" activeCell="${tl}" sqref="${tl}"/>`;
  }
  s += '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>';
  const cols = o.columns ?? [];
  if (cols.some((c) => c.width !== undefined)) {
    s += '<cols>';
    cols.forEach((c, i) => {
      if (c.width !== undefined && Number.isFinite(c.width) && c.width > 0)
        s += `<col min="${i + 1}" max="${i + 1}" width="${Math.min(255, c.width)}" customWidth="1"/>`;
    });
    s += '</cols>';
  }
  return s + '<sheetData>';
}

function sheetTail(o: SheetOptions, merges: string[]): string {
  const p = o.print ?? {};
  const m = p.margins ?? DEFAULT_MARGINS;
  let s = '</sheetData>';
  if (merges.length)
    s += `<mergeCells count="${merges.length}">${merges.map((r) => `<mergeCell ref="${r}"/>`).join('')}</mergeCells>`;
  s +=
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
    `<pageSetup paperSize="${p.paperSize ?? 9}" orientation="${p.orientation ?? 'portrait'}"`;
  if (p.fitToWidth) s += ' fitToWidth="1" fitToHeight="0"';
  s += '/>';
  if (p.footer) s += `<headerFooter><oddFooter>${xmlText(p.footer)}</oddFooter></headerFooter>`;
  return s + '</worksheet>';
}

/** A legal, unique sheet name: no []:*?/\, at most 31 characters, not empty. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, '_')
      .replace(/^'+|'+$/g, '')
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - ` (${i})`.length)} (${i})`;
  taken.add(name.toLowerCase());
  return name;
}

export class SheetWriter {
  private buf = '';
  private rows = 0;
  private done = false;
  private readonly merges: string[] = [];

  constructor(
    readonly name: string,
    private readonly entry: ZipEntryStream,
    private readonly opts: SheetOptions,
    selected: boolean,
  ) {
    this.buf = sheetHead(opts, selected);
  }

  /** Rows written so far, which is also the last row's number. */
  get rowCount(): number {
    return this.rows;
  }

  /**
   * Appends a row; `style` is one id for every cell or an id per column (missing → plain). Empty cells
   * (null, undefined, '') with a style are written so the style shows (a totals row's border, say).
   * Returns the row's number.
   */
  addRow(cells: readonly XCell[], style: StyleId | readonly StyleId[] = 0): number {
    if (this.done) throw new Error(`xlsx: sheet ${this.name} already ended`);
    if (this.rows >= MAX_ROWS) throw new Error(`xlsx: sheet ${this.name} is full (${MAX_ROWS} rows)`);
    if (cells.length > MAX_COLS) throw new Error(`xlsx: more than ${MAX_COLS} columns`);
    const rn = ++this.rows;
    const one = typeof style === 'number';
    let s = `<row r="${rn}">`;
    for (let c = 0; c < cells.length; c++) {
      const st = one ? style : (style[c] ?? 0);
      const v = cells[c];
      // The common cases inline, the rest through cellXml.
      if (typeof v === 'number' && Number.isFinite(v))
        s += st
          ? `<c r="${colLetter(c)}${rn}" s="${st}"><v>${v}</v></c>`
          : `<c r="${colLetter(c)}${rn}"><v>${v}</v></c>`;
      else s += cellXml(colLetter(c) + rn, v, st);
    }
    this.buf += s + '</row>';
    if (this.buf.length >= BUFFER_CHARS) this.push();
    return rn;
  }

  /** Merges a range (1-based, inclusive), e.g. a title across the columns: merge(1, 1, 1, 6). */
  merge(firstRow: number, firstCol: number, lastRow: number, lastCol: number): void {
    if (this.done) throw new Error(`xlsx: sheet ${this.name} already ended`);
    if (!(firstRow >= 1 && firstCol >= 1 && lastRow >= firstRow && lastCol >= firstCol))
      throw new Error('xlsx: bad merge range');
    if (lastRow === firstRow && lastCol === firstCol) return;
    this.merges.push(`${colLetter(firstCol - 1)}${firstRow}:${colLetter(lastCol - 1)}${lastRow}`);
  }

  private push(): void {
    if (this.buf) this.entry.write(Buffer.from(this.buf, 'utf8'));
    this.buf = '';
  }

  /** Hands buffered rows to the deflater and waits until it has caught up (back-pressure). */
  async flush(): Promise<void> {
    this.push();
    await this.entry.drained();
  }

  async end(): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.buf += sheetTail(this.opts, this.merges);
    this.push();
    await this.entry.end();
  }
}

export interface XlsxOptions {
  creator?: string;
  /** Deflate level 1–9 (default 3: most of level 6's size at about half its time on sheet XML). */
  level?: number;
}

export class XlsxWriter {
  private readonly zip: ZipWriter;
  private readonly sheets: SheetEntry[] = [];
  private readonly taken = new Set<string>();
  private current: SheetWriter | null = null;

  constructor(
    file: string,
    private readonly opts: XlsxOptions = {},
  ) {
    this.zip = new ZipWriter(file, { level: opts.level });
    this.zip.addFile('xl/styles.xml', STYLES_XML);
  }

  /** Ends the sheet being written (if any) and starts the next; its name is made legal and unique. */
  async addSheet(o: SheetOptions): Promise<SheetWriter> {
    await this.current?.end();
    const name = sheetName(o.name, this.taken);
    const n = this.sheets.length + 1;
    this.sheets.push({ name, titleRows: o.print?.titleRows });
    const entry = this.zip.openEntry(`xl/worksheets/sheet${n}.xml`);
    this.current = new SheetWriter(name, entry, o, n === 1);
    return this.current;
  }

  /** Ends the last sheet and writes the workbook parts and the ZIP directory. */
  async finish(): Promise<void> {
    if (!this.sheets.length) await this.addSheet({ name: 'Sheet1' });
    await this.current?.end();
    this.current = null;
    const n = this.sheets.length;
    this.zip.addFile('xl/workbook.xml', workbookXml(this.sheets));
    this.zip.addFile('xl/_rels/workbook.xml.rels', workbookRelsXml(n));
    this.zip.addFile('docProps/core.xml', coreXml(this.opts.creator ?? 'FAMS', new Date()));
    this.zip.addFile('docProps/app.xml', APP_XML);
    this.zip.addFile('_rels/.rels', ROOT_RELS_XML);
    this.zip.addFile('[Content_Types].xml', contentTypesXml(n));
    this.zip.finish();
  }

  /** Closes and deletes the partial file. */
  abort(): void {
    this.zip.abort();
  }
}
