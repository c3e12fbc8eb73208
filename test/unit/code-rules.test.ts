import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/api/errors';
import {
  DEFAULT_ASSET_CODE_PATTERN,
  parsePattern,
  previewCode,
} from '../../src/main/modules/settings/code-rules';

/** The validation key a pattern is refused with, or null when it parses. */
function refusal(pattern: string): string | null {
  try {
    parsePattern(pattern);
    return null;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    expect(err.code).toBe('VALIDATION');
    const [problem] = err.details as { path: string; message: string }[];
    expect(problem!.path).toBe('pattern');
    return problem!.message;
  }
}

describe('code rule pattern parser', () => {
  it('splits the default pattern into literals, date, category and sequence tokens', () => {
    expect(parsePattern(DEFAULT_ASSET_CODE_PATTERN)).toEqual([
      { kind: 'literal', text: 'AS-' },
      { kind: 'date', part: 'YYYYMM' },
      { kind: 'literal', text: '-' },
      { kind: 'cat' },
      { kind: 'literal', text: '-' },
      { kind: 'seq', width: 6 },
    ]);
  });

  it('accepts lower-case token names and every date part', () => {
    expect(parsePattern('{yyyy}{YY}{MM}{DD}{YYYYMMDD}{seq3}')).toEqual([
      { kind: 'date', part: 'YYYY' },
      { kind: 'date', part: 'YY' },
      { kind: 'date', part: 'MM' },
      { kind: 'date', part: 'DD' },
      { kind: 'date', part: 'YYYYMMDD' },
      { kind: 'seq', width: 3 },
    ]);
  });

  it.each([
    ['', 'validation.required'],
    ['AS-{YYYYMM}-{CAT}', 'validation.codeRuleSeqCount'],
    ['{SEQ3}-{SEQ4}', 'validation.codeRuleSeqCount'],
    ['AS-{SEQ0}', 'validation.codeRuleSeqWidth'],
    ['AS-{SEQ13}', 'validation.codeRuleSeqWidth'],
    ['AS-{SEQ}', 'validation.codeRuleUnknownToken'],
    ['AS-{DEPT}-{SEQ4}', 'validation.codeRuleUnknownToken'],
    ['AS-{YYYY-{SEQ4}', 'validation.codeRuleUnknownToken'],
    ['AS-{SEQ4', 'validation.codeRuleUnclosed'],
    ['AS-}{SEQ4}', 'validation.codeRuleUnopened'],
    ['资产-{SEQ4}', 'validation.codeRuleNonAscii'],
    ['AS－{SEQ4}', 'validation.codeRuleNonAscii'],
    ['AS {SEQ4}', 'validation.codeRuleBadChar'],
    ['AS#{SEQ4}', 'validation.codeRuleBadChar'],
    ['A'.repeat(60) + '{SEQ4}', 'validation.codeRuleTooLong'],
  ])('refuses %j with %s', (pattern, key) => {
    expect(refusal(pattern)).toBe(key);
  });

  it('accepts the scanner-safe literal characters', () => {
    expect(refusal('a.B/c_d-{SEQ1}')).toBeNull();
  });
});

describe('previewCode', () => {
  const sample = { date: '2024-05-09', categoryCode: 'PC-NB' };

  it('renders date parts, the category code and the padded sequence', () => {
    expect(previewCode(DEFAULT_ASSET_CODE_PATTERN, sample)).toBe('AS-202405-PC-NB-000001');
    expect(previewCode('{YY}{MM}{DD}/{CAT}/{SEQ3}', { ...sample, seq: 42 })).toBe('240509/PC-NB/042');
    expect(previewCode('{SEQ4}-{YYYYMMDD}', { ...sample, seq: 7 })).toBe('0007-20240509');
    expect(previewCode('X{YYYY}{SEQ2}', { ...sample, seq: 5 })).toBe('X202405');
  });

  it('never truncates a number wider than the padding', () => {
    expect(previewCode('A{SEQ2}', { ...sample, seq: 12345 })).toBe('A12345');
  });

  it('refuses a category code that is not scanner-safe ASCII, but only when {CAT} is used', () => {
    expect(() => previewCode('{CAT}{SEQ2}', { ...sample, categoryCode: '电脑' })).toThrowError(AppError);
    expect(() => previewCode('{CAT}{SEQ2}', { ...sample, categoryCode: 'A B' })).toThrowError(AppError);
    expect(previewCode('N{SEQ2}', { ...sample, categoryCode: '电脑' })).toBe('N01');
  });

  it('refuses a malformed date', () => {
    expect(() => previewCode('{YYYY}{SEQ2}', { ...sample, date: '2024/05/09' })).toThrowError(AppError);
  });
});
