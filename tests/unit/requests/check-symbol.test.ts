/**
 * The check symbol's guarantees, proved rather than sampled: Damm's theorem needs a quasigroup
 * that is totally anti-symmetric, and both properties are checked here on every one of the
 * 32 x 32 x 32 cases. reference.test.ts then shows the guarantee on real references.
 */
import { describe, expect, it } from 'vitest';
import { checkSymbolValue, dammInterim, dammStep, hasValidCheckSymbol } from '../../../api/requests/check-symbol.ts';

const SYMBOLS = Array.from({ length: 32 }, (_, i) => i);

describe('the GF(32) quasigroup behind the check symbol', () => {
  it('is a quasigroup: every row and every column is a permutation of the 32 values', () => {
    for (const a of SYMBOLS) {
      expect(new Set(SYMBOLS.map((b) => dammStep(a, b))).size).toBe(32);
      expect(new Set(SYMBOLS.map((b) => dammStep(b, a))).size).toBe(32);
      expect(SYMBOLS.every((b) => dammStep(a, b) >= 0 && dammStep(a, b) < 32)).toBe(true);
    }
  });

  it('is totally anti-symmetric: (c*x)*y = (c*y)*x only when x = y, for all 32^3 triples', () => {
    let checked = 0;
    for (const c of SYMBOLS) {
      for (const x of SYMBOLS) {
        for (const y of SYMBOLS) {
          if (x !== y) expect(dammStep(dammStep(c, x), y)).not.toBe(dammStep(dammStep(c, y), x));
          checked++;
        }
      }
    }
    expect(checked).toBe(32 ** 3);
  });

  it('makes a check symbol that brings the interim back to 0', () => {
    expect(checkSymbolValue([])).toBe(0);
    for (const a of SYMBOLS) {
      for (const b of SYMBOLS) {
        const check = checkSymbolValue([a, b]);
        expect(dammInterim([a, b, check])).toBe(0);
        expect(hasValidCheckSymbol([a, b, check])).toBe(true);
      }
    }
  });
});
