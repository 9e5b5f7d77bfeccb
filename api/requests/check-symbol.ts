/**
 * The check symbol of a request reference: Damm's algorithm over the 32 symbols of Crockford's
 * alphabet, so the check symbol is an ordinary symbol (never one of Crockford's mod-37 extras
 * `*~$=U`, which are hard to say on the phone and easy to mistype).
 *
 * Damm (2004) shows that a check computed with a totally anti-symmetric quasigroup detects every
 * single-symbol substitution and every transposition of two adjacent symbols, the check symbol
 * included. Over the field GF(32) (polynomial x^5 + x^2 + 1), `x * y = 2x + y` is one:
 *   - quasigroup: for fixed x, y -> 2x + y is a bijection; for fixed y, x -> 2x + y is one too,
 *     because 2 is invertible;
 *   - totally anti-symmetric: (c*x)*y = (c*y)*x means 4c + 2x + y = 4c + 2y + x, so
 *     (2 + 1)(x + y) = 0, and as 3 != 0 in GF(32), x = y.
 * tests/unit/requests/check-symbol.test.ts checks both properties on all 32^3 triples, which
 * proves the detection for every possible reference, not only for sampled ones.
 */

/** GF(32) doubling: multiply by x modulo x^5 + x^2 + 1 (0b100101). */
function double(v: number): number {
  const d = v << 1;
  return d & 0b100000 ? d ^ 0b100101 : d;
}

/**
 * The quasigroup operation on symbol values 0-31: 2x + y in GF(32) (addition is XOR).
 *
 * @example dammStep(0, 5) // 5
 */
export function dammStep(interim: number, value: number): number {
  return double(interim) ^ value;
}

/** Runs the symbol values through the quasigroup from 0. */
export function dammInterim(values: readonly number[]): number {
  let interim = 0;
  for (const v of values) interim = dammStep(interim, v);
  return interim;
}

/**
 * The value of the check symbol for `values`: the c with dammStep(interim, c) = 0.
 *
 * @example dammStep(dammInterim([1, 2, 3]), checkSymbolValue([1, 2, 3])) // 0
 */
export function checkSymbolValue(values: readonly number[]): number {
  return double(dammInterim(values));
}

/** True when the last value is the right check symbol for the ones before it. */
export function hasValidCheckSymbol(valuesWithCheck: readonly number[]): boolean {
  return dammInterim(valuesWithCheck) === 0;
}
