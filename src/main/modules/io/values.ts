// Cell values as people type them into spreadsheets, turned into the API's terms: dates
// 'YYYY-MM-DD', amounts in integer fen (from 元 or 万元, with ¥, commas, spaces), rates as fractions,
// whole numbers, plain text. Each parser answers a value or an i18n problem key.
import type { Cell } from './read-workbook';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

const pad2 = (n: number) => String(n).padStart(2, '0');

export function isBlank(c: Cell | undefined): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

/** What a cell shows as text (numbers without float noise, dates as YYYY-MM-DD). */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number') return String(Number(c.toPrecision(15)));
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  if (c.kind === 'date') return serialToDate(c.serial) ?? String(c.serial);
  return c.text;
}

function ymd(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  if (y < 1900 || y > 2200) return undefined;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Excel serial → YYYY-MM-DD (1900 system; serials before the fictitious 1900-02-29 shift by a day). */
export function serialToDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return undefined;
  const days = Math.floor(serial) + (serial < 61 ? 1 : 0);
  const dt = new Date(Date.UTC(1899, 11, 30) + days * 86400000);
  return ymd(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function dateToSerial(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (Date.UTC(y!, m! - 1, d!) - Date.UTC(1899, 11, 30)) / 86400000;
}

const DATE_PATTERNS: [RegExp, (m: RegExpExecArray) => [number, number, number]][] = [
  // 2023-05-01, 2023/5/1, 2023.5.1, 2023-05-01 10:00, 2023-05-01T...
  [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/, (m) => [+m[1]!, +m[2]!, +m[3]!]],
  // 2023年5月1日 / 2023年5月1号
  [/^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/, (m) => [+m[1]!, +m[2]!, +m[3]!]],
  // 2023年5月, 2023-05, 2023/5, 2023.5: the first of the month
  [/^(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*月?$/, (m) => [+m[1]!, +m[2]!, 1]],
  // 20230501
  [/^(\d{4})(\d{2})(\d{2})$/, (m) => [+m[1]!, +m[2]!, +m[3]!]],
  // 5/1/2023 is ambiguous elsewhere, but Chinese sheets never write day-first; US order it is.
  [/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, (m) => [+m[3]!, +m[1]!, +m[2]!]],
];

export function parseDate(c: Cell): Parsed<string> {
  if (c === null || typeof c === 'boolean') return bad('validation.io.date');
  if (typeof c === 'object') {
    if (c.kind === 'error') return bad('validation.io.cellError');
    const d = serialToDate(c.serial);
    return d ? ok(d) : bad('validation.io.date');
  }
  if (typeof c === 'number') {
    // 2023.5 typed into a number cell: year.month (2023.1 is January: Excel keeps no trailing zero).
    if (c >= 1900 && c < 2201 && !Number.isInteger(c)) {
      const [y, frac] = String(c).split('.');
      const d = ymd(Number(y), Number(frac), 1);
      return d ? ok(d) : bad('validation.io.date');
    }
    if (Number.isInteger(c) && c >= 19000101 && c <= 22001231) return parseDate(String(c));
    const d = serialToDate(c);
    return d ? ok(d) : bad('validation.io.date');
  }
  const s = c.trim().replace(/[\uFF10-\uFF19]/g, (ch) => String(ch.charCodeAt(0) - 0xff10));
  for (const [re, parts] of DATE_PATTERNS) {
    const m = re.exec(s);
    if (m) {
      const d = ymd(...parts(m));
      return d ? ok(d) : bad('validation.io.date');
    }
  }
  if (/^\d+(\.\d+)?$/.test(s)) return parseDate(Number(s));
  return bad('validation.io.date');
}

/** A decimal string times 10^shift, rounded half away from zero, as an integer (exact, no floats). */
export function scaleDecimal(text: string, shift: number): number | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && !m[3])) return undefined;
  const frac = (m[3] ?? '').padEnd(shift + 1, '0');
  const digits = (m[2] || '0') + frac.slice(0, shift);
  let n = BigInt(digits);
  if (frac.charCodeAt(shift) >= 53 /* '5' */) n += 1n;
  const v = Number(m[1] === '-' ? -n : n);
  return Number.isSafeInteger(v) ? v : undefined;
}

function numberText(n: number): string {
  // Shortest round-trip text, without exponents (1e-7 → 0.0000001).
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(10) : s;
}

export type AmountUnit = 'yuan' | 'wan';

/** Amount → fen. `unit` is the column's (from its header); a value may also say 万/万元 itself. */
export function parseAmount(c: Cell, unit: AmountUnit = 'yuan'): Parsed<number> {
  if (c === null || typeof c === 'boolean') return bad('validation.io.amount');
  if (typeof c === 'object')
    return bad(c.kind === 'error' ? 'validation.io.cellError' : 'validation.io.amount');
  let u = unit;
  let text: string;
  let negative = false;
  if (typeof c === 'number') text = numberText(c);
  else {
    text = c.replace(/[\s\u00a0\u3000,，]/g, '').replace(/^(RMB|CNY|[¥￥])/i, '');
    if (/^\(.*\)$/.test(text)) {
      negative = true;
      text = text.slice(1, -1);
    }
    text = text.replace(/^(RMB|CNY|[¥￥])/i, '');
    if (/万元?$/.test(text)) u = 'wan';
    text = text.replace(/(万元|万|元)$/, '');
  }
  const fen = scaleDecimal(text, u === 'wan' ? 6 : 2);
  if (fen === undefined) return bad('validation.io.amount');
  return ok(negative ? -fen : fen);
}

/** Rate → fraction: '5%', '5', 0.05, '0.05'; a number of 1 or more is read as a percentage. */
export function parseRate(c: Cell): Parsed<number> {
  if (c === null || typeof c === 'boolean' || typeof c === 'object') return bad('validation.io.rate');
  let text = typeof c === 'number' ? numberText(c) : c.replace(/\s/g, '');
  let bp: number | undefined;
  if (text.endsWith('%') || text.endsWith('％')) {
    text = text.slice(0, -1);
    bp = scaleDecimal(text, 2);
  } else {
    const n = Number(text);
    if (!Number.isFinite(n)) return bad('validation.io.rate');
    bp = n >= 1 ? scaleDecimal(text, 2) : scaleDecimal(text, 4);
  }
  if (bp === undefined || bp < 0 || bp >= 10000) return bad('validation.io.rate');
  return ok(bp / 10000);
}

/**
 * Whole number; '5年' and '60个月' carry their own unit, otherwise the column's. `allowZero` for months
 * already charged (an asset in use from the month before the ledger starts).
 */
export function parseMonths(c: Cell, columnInYears: boolean, allowZero = false): Parsed<number> {
  if (c === null || typeof c === 'boolean' || typeof c === 'object') return bad('validation.io.integer');
  let years = columnInYears;
  let text = typeof c === 'number' ? numberText(c) : c.replace(/\s/g, '');
  if (/年$/.test(text)) {
    years = true;
    text = text.slice(0, -1);
  } else if (/(个月|月)$/.test(text)) {
    years = false;
    text = text.replace(/(个月|月)$/, '');
  }
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !allowZero)) return bad('validation.io.integer');
  const months = years ? n * 12 : n;
  if (!Number.isInteger(Math.round(months * 1e6) / 1e6)) return bad('validation.io.integer');
  return ok(Math.round(months));
}

export function parseInteger(c: Cell): Parsed<number> {
  const t = typeof c === 'number' ? c : typeof c === 'string' ? Number(c.replace(/[\s,]/g, '')) : NaN;
  return Number.isInteger(t) && t >= 0 ? ok(t) : bad('validation.io.integer');
}

export function parseNumber(c: Cell): Parsed<number> {
  const t = typeof c === 'number' ? c : typeof c === 'string' ? Number(c.replace(/[\s,]/g, '')) : NaN;
  return Number.isFinite(t) ? ok(t) : bad('validation.io.number');
}
