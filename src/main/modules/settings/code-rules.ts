// Asset code rules: parsing the configured pattern, previewing it, and handing out the next code
// from a never-reused counter inside the caller's (write) transaction.
//
// Pattern language: literal text of [A-Za-z0-9._/-] (characters every scanner and keyboard layout
// types the same way) plus tokens
//   {YYYY} {YY} {MM} {DD} {YYYYMM} {YYYYMMDD}  parts of the given date
//   {CAT}                                     the category's code (ASCII [A-Za-z0-9_-])
//   {SEQn}                                    the sequence, zero-padded to n digits (1..12); exactly one
// Sequence scope: the pattern rendered with everything but the sequence, i.e. the counter restarts
// for each distinct prefix/suffix. With the default AS-{YYYYMM}-{CAT}-{SEQ6} that is one counter per
// month and category ("asset|AS-202405-PC-{SEQ}"). The width is not part of the scope, so widening
// {SEQ4} to {SEQ6} continues the same counter. A number past the width prints with more digits rather
// than wrapping, so codes stay unique. A counter only ever grows: numbers of deleted assets are never
// handed out again, and numbers already taken by hand-typed codes are skipped.
import type { Sqlite } from '../../db/client';
import { getSetting } from '../../db/kv';
import { AppError, notFound, validation } from '../../api/errors';

export const CODE_RULE_KEY = 'codeRule.asset';
export const DEFAULT_ASSET_CODE_PATTERN = 'AS-{YYYYMM}-{CAT}-{SEQ6}';
export const MAX_PATTERN_LENGTH = 60;
/** Category codes appear inside asset codes, so they are short and scanner-safe. */
export const CATEGORY_CODE_RE = /^[A-Za-z0-9_-]{1,10}$/;

const DATE_PARTS = ['YYYY', 'YY', 'MM', 'DD', 'YYYYMM', 'YYYYMMDD'] as const;
type DatePart = (typeof DATE_PARTS)[number];

export type CodeToken =
  | { kind: 'literal'; text: string }
  | { kind: 'date'; part: DatePart }
  | { kind: 'cat' }
  | { kind: 'seq'; width: number };

export interface CodeSample {
  /** YYYY-MM-DD */
  date: string;
  categoryCode: string;
  /** Sequence number to show; 1 when omitted. */
  seq?: number;
}

const LITERAL_CHAR = /^[A-Za-z0-9._/-]$/;

const bad = (message: string, params?: Record<string, unknown>) => validation('pattern', message, params);

/** Parses a pattern; throws VALIDATION on path 'pattern' with a validation.codeRule* key. */
export function parsePattern(pattern: string): CodeToken[] {
  if (pattern.length === 0) throw bad('validation.required');
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw bad('validation.codeRuleTooLong', { maximum: MAX_PATTERN_LENGTH });
  const tokens: CodeToken[] = [];
  let literal = '';
  let seqCount = 0;
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i]!;
    if (ch === '{') {
      const end = pattern.indexOf('}', i);
      if (end < 0) throw bad('validation.codeRuleUnclosed', { at: i });
      const name = pattern.slice(i + 1, end);
      if (literal) tokens.push({ kind: 'literal', text: literal });
      literal = '';
      tokens.push(parseToken(name));
      if (tokens[tokens.length - 1]!.kind === 'seq') seqCount++;
      i = end + 1;
    } else if (ch === '}') {
      throw bad('validation.codeRuleUnopened', { at: i });
    } else {
      if (!LITERAL_CHAR.test(ch)) {
        const key = ch.charCodeAt(0) > 0x7e ? 'validation.codeRuleNonAscii' : 'validation.codeRuleBadChar';
        throw bad(key, { char: ch, at: i });
      }
      literal += ch;
      i++;
    }
  }
  if (literal) tokens.push({ kind: 'literal', text: literal });
  if (seqCount !== 1) throw bad('validation.codeRuleSeqCount', { count: seqCount });
  return tokens;
}

function parseToken(name: string): CodeToken {
  const upper = name.toUpperCase();
  if ((DATE_PARTS as readonly string[]).includes(upper)) return { kind: 'date', part: upper as DatePart };
  if (upper === 'CAT') return { kind: 'cat' };
  const seq = /^SEQ(\d{1,2})$/.exec(upper);
  if (seq) {
    const width = Number(seq[1]);
    if (width < 1 || width > 12) throw bad('validation.codeRuleSeqWidth', { minimum: 1, maximum: 12 });
    return { kind: 'seq', width };
  }
  throw bad('validation.codeRuleUnknownToken', { token: `{${name}}` });
}

function datePart(part: DatePart, date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw validation('date', 'validation.date');
  const [y, mo, d] = [date.slice(0, 4), date.slice(5, 7), date.slice(8, 10)];
  switch (part) {
    case 'YYYY':
      return y;
    case 'YY':
      return y.slice(2);
    case 'MM':
      return mo;
    case 'DD':
      return d;
    case 'YYYYMM':
      return y + mo;
    case 'YYYYMMDD':
      return y + mo + d;
  }
}

function checkCategoryCode(code: string): void {
  if (!CATEGORY_CODE_RE.test(code)) {
    throw new AppError('VALIDATION', 'errors.validation', {}, [
      { path: 'categoryId', message: 'validation.categoryCodeAscii', params: { code } },
    ]);
  }
}

/** Renders everything but the sequence: [before, after] around the one {SEQn} token. */
function renderAround(tokens: CodeToken[], date: string, categoryCode: string): [string, string, number] {
  let before = '';
  let after = '';
  let width = 0;
  for (const t of tokens) {
    let s: string;
    if (t.kind === 'seq') {
      width = t.width;
      continue;
    } else if (t.kind === 'literal') s = t.text;
    else if (t.kind === 'date') s = datePart(t.part, date);
    else {
      checkCategoryCode(categoryCode);
      s = categoryCode;
    }
    if (width) after += s;
    else before += s;
  }
  return [before, after, width];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** What a pattern produces for sample values, for the settings screen. Throws VALIDATION if invalid. */
export function previewCode(pattern: string, sample: CodeSample): string {
  const [before, after, width] = renderAround(parsePattern(pattern), sample.date, sample.categoryCode);
  return before + pad(sample.seq ?? 1, width) + after;
}

/** The pattern in force: app_settings 'codeRule.asset' ({ pattern }), else the default. */
export function assetCodePattern(sqlite: Sqlite): string {
  const v = getSetting<{ pattern?: string } | string>(sqlite, CODE_RULE_KEY);
  const pattern = typeof v === 'string' ? v : v?.pattern;
  return pattern || DEFAULT_ASSET_CODE_PATTERN;
}

function categoryCodeOf(sqlite: Sqlite, categoryId: number): string {
  const row = sqlite.prepare('SELECT code FROM categories WHERE id = ?').get(categoryId) as
    { code: string } | undefined;
  if (!row) throw notFound('category', categoryId);
  return row.code;
}

interface Planned {
  scope: string;
  last: number;
  before: string;
  after: string;
  width: number;
}

function plan(sqlite: Sqlite, opts: { categoryId: number; date: string }): Planned {
  const tokens = parsePattern(assetCodePattern(sqlite));
  const [before, after, width] = renderAround(tokens, opts.date, categoryCodeOf(sqlite, opts.categoryId));
  // Braces never occur in literals or category codes, so the marker keeps scopes unambiguous.
  const scope = `asset|${before}{SEQ}${after}`;
  const row = sqlite.prepare('SELECT last_value FROM code_sequences WHERE scope = ?').get(scope) as
    { last_value: number } | undefined;
  return { scope, last: row?.last_value ?? 0, before, after, width };
}

function firstFree(sqlite: Sqlite, p: Planned): { code: string; n: number } {
  const taken = sqlite.prepare('SELECT 1 FROM assets WHERE asset_code = ?');
  for (let n = p.last + 1; ; n++) {
    const code = p.before + pad(n, p.width) + p.after;
    if (!taken.get(code)) return { code, n };
  }
}

/**
 * Hands out the next asset code and advances the counter. Call inside the creating write
 * transaction (dispatch runs write methods in BEGIN IMMEDIATE, so concurrent creators serialize and
 * a rolled-back creation also rolls back its number).
 */
export function nextAssetCode(sqlite: Sqlite, opts: { categoryId: number; date: string }): string {
  const p = plan(sqlite, opts);
  const { code, n } = firstFree(sqlite, p);
  sqlite
    .prepare(
      `INSERT INTO code_sequences (scope, last_value) VALUES (?, ?)
       ON CONFLICT(scope) DO UPDATE SET last_value = excluded.last_value`,
    )
    .run(p.scope, n);
  return code;
}

/** The code nextAssetCode would hand out now, without taking it (for the create form's hint). */
export function peekNextAssetCode(sqlite: Sqlite, opts: { categoryId: number; date: string }): string {
  return firstFree(sqlite, plan(sqlite, opts)).code;
}

/**
 * Hands out `count` codes for one category and date in a single step, exactly as `count` calls of
 * nextAssetCode would (same scope, taken codes skipped, counter left at the last number), for bulk
 * loaders such as the sample-company generator.
 */
export function nextAssetCodes(
  sqlite: Sqlite,
  opts: { categoryId: number; date: string },
  count: number,
): string[] {
  const p = plan(sqlite, opts);
  const taken = sqlite.prepare('SELECT 1 FROM assets WHERE asset_code = ?');
  const codes: string[] = [];
  let n = p.last;
  while (codes.length < count) {
    n++;
    const code = p.before + pad(n, p.width) + p.after;
    if (!taken.get(code)) codes.push(code);
  }
  if (count > 0) {
    sqlite
      .prepare(
        `INSERT INTO code_sequences (scope, last_value) VALUES (?, ?)
         ON CONFLICT(scope) DO UPDATE SET last_value = excluded.last_value`,
      )
      .run(p.scope, n);
  }
  return codes;
}
