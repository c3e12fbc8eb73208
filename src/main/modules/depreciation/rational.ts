// Exact arithmetic for money: fen are integers, intermediates are BigInt fractions, and roundHalfUp is
// the one place in the engine where a fraction becomes fen.

/**
 * num/den rounded half-up (half away from zero, like BigDecimal ROUND_HALF_UP) to an integer.
 * The result is a plain number: callers only pass amounts bounded by the cost (≤ 1e15 fen), which a double
 * holds exactly.
 */
export function roundHalfUp(num: bigint, den: bigint): number {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  if (num < 0n) return -Number((-num * 2n + den) / (den * 2n));
  return Number((num * 2n + den) / (den * 2n));
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * A non-negative decimal given as a JS number, scaled to an integer by 10^places, exactly as written
 * (0.1 → 1 × 10^(places−1), not the binary approximation). Null when it has more decimals than `places`,
 * is negative or not finite. Uses the shortest round-trip decimal string, which is what the user typed.
 */
export function decimalToScaled(x: number, places: number): bigint | null {
  if (!Number.isFinite(x) || x < 0) return null;
  // Fast path: if x is the double nearest to scaled / 10^places, that decimal is also x's shortest spelling.
  const pow = POW10[places];
  const scaled = Math.round(x * pow);
  if (Number.isSafeInteger(scaled) && scaled / pow === x) return BigInt(scaled);
  const s = String(x);
  let mantissa = s;
  let exp = 0;
  const e = s.indexOf('e');
  if (e >= 0) {
    mantissa = s.slice(0, e);
    exp = Number(s.slice(e + 1));
  }
  const dot = mantissa.indexOf('.');
  const digits = dot >= 0 ? mantissa.slice(0, dot) + mantissa.slice(dot + 1) : mantissa;
  const decimals = (dot >= 0 ? mantissa.length - dot - 1 : 0) - exp;
  if (decimals > places) {
    // Trailing zeros beyond `places` cannot occur in a shortest representation, so this is real precision.
    return null;
  }
  return BigInt(digits) * 10n ** BigInt(places - decimals);
}
