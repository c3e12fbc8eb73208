// The one rounding rule (half-up to the fen) and exact decimal input for rates and units.
import { describe, expect, it } from 'vitest';
import { decimalToScaled, roundHalfUp } from '../../src/main/modules/depreciation/rational';

describe('roundHalfUp', () => {
  it('rounds halves up (away from zero) and everything else to the nearest', () => {
    expect(roundHalfUp(5n, 2n)).toBe(3); // 2.5
    expect(roundHalfUp(7n, 2n)).toBe(4); // 3.5: not banker's rounding
    expect(roundHalfUp(2499n, 1000n)).toBe(2);
    expect(roundHalfUp(-5n, 2n)).toBe(-3);
    expect(roundHalfUp(5n, -2n)).toBe(-3);
    expect(roundHalfUp(0n, 7n)).toBe(0);
  });

  it('stays exact where a double would not', () => {
    // 999,999,999,999,999 × 24 = 23,999,999,999,999,976 (beyond 2^53); / 7,000 = 3,428,571,428,571.425… → 3,428,571,428,571.
    expect(roundHalfUp(999_999_999_999_999n * 24n, 7n * 1000n)).toBe(3_428_571_428_571);
    // 1,000,000,000,000,005 / 10 = 100,000,000,000,000.5 → up.
    expect(roundHalfUp(1_000_000_000_000_005n, 10n)).toBe(100_000_000_000_001);
  });
});

describe('decimalToScaled', () => {
  it('takes the decimal as written, not its binary approximation', () => {
    expect(decimalToScaled(0.1, 6)).toBe(100_000n);
    expect(decimalToScaled(0.0325, 4)).toBe(325n);
    expect(decimalToScaled(10_000.25, 6)).toBe(10_000_250_000n);
    expect(decimalToScaled(1e-6, 6)).toBe(1n);
    expect(decimalToScaled(1e21, 0)).toBe(10n ** 21n);
  });

  it('refuses more decimals than allowed, negatives and non-finite numbers', () => {
    expect(decimalToScaled(0.05001, 4)).toBeNull();
    expect(decimalToScaled(1e-7, 6)).toBeNull();
    expect(decimalToScaled(-1, 6)).toBeNull();
    expect(decimalToScaled(Number.NaN, 6)).toBeNull();
  });
});
