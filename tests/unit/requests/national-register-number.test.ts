import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NATIONAL_REGISTER_NUMBER_MASK,
  findNationalRegisterNumbers,
  formatNationalRegisterNumber,
  isValidNationalRegisterNumber,
  isValidNationalRegisterNumberDigits,
  maskNationalRegisterNumbers,
} from '../../../api/requests/national-register-number.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A valid number for a birth date and sequence, with the check of its century. */
function makeNumber(yy: number, mm: number, dd: number, seq: number, from2000: boolean): string {
  const nine = `${pad(yy, 2)}${pad(mm, 2)}${pad(dd, 2)}${pad(seq, 3)}`;
  const base = Number(nine) + (from2000 ? 2_000_000_000 : 0);
  return nine + pad(97 - (base % 97), 2);
}

/** A wrong check number for the same nine digits (neither century's). */
function withWrongCheck(digits: string): string {
  for (let cc = 0; cc < 100; cc++) {
    const d = digits.slice(0, 9) + pad(cc, 2);
    if (!isValidNationalRegisterNumberDigits(d)) return d;
  }
  throw new Error('unreachable');
}

const EXAMPLES = ['85.07.30-033.28', '90.02.15-123.70', '02.11.05-248.41'];

describe('isValidNationalRegisterNumber', () => {
  it.each(EXAMPLES)('accepts the DOMAIN.md example %s, with and without separators', (example) => {
    expect(isValidNationalRegisterNumber(example)).toBe(true);
    expect(isValidNationalRegisterNumber(example.replace(/\D/g, ''))).toBe(true);
    expect(isValidNationalRegisterNumberDigits(example.replace(/\D/g, ''))).toBe(true);
  });

  it('uses the 2000+ check for 02.11.05-248.41 and the 1900s check for 85.07.30-033.28', () => {
    expect(makeNumber(2, 11, 5, 248, true)).toBe('02110524841');
    expect(makeNumber(2, 11, 5, 248, false)).not.toBe('02110524841');
    expect(makeNumber(85, 7, 30, 33, false)).toBe('85073003328');
  });

  it.each(['85.07.30-033.29', '90.02.15-123.71', '02.11.05-248.42', '85073003327', '8507300332', '850730033288', '85.07.30-033.2B'])('refuses %s', (text) => {
    expect(isValidNationalRegisterNumber(text)).toBe(false);
  });

  it('accepts months 00-12, 20-32 and 40-52 and days 00-31 only', () => {
    for (let mm = 0; mm < 100; mm++) {
      const ok = mm <= 12 || (mm >= 20 && mm <= 32) || (mm >= 40 && mm <= 52);
      expect(isValidNationalRegisterNumberDigits(makeNumber(70, mm, 15, 101, false)), `month ${mm}`).toBe(ok);
      expect(isValidNationalRegisterNumberDigits(makeNumber(10, mm, 15, 101, true)), `month ${mm}, 2000+`).toBe(ok);
    }
    for (let dd = 0; dd < 100; dd++) expect(isValidNationalRegisterNumberDigits(makeNumber(70, 5, dd, 101, false)), `day ${dd}`).toBe(dd <= 31);
  });

  it('formats as YY.MM.DD-XXX.CC', () => {
    expect(formatNationalRegisterNumber('90021512370')).toBe('90.02.15-123.70');
  });
});

describe('findNationalRegisterNumbers', () => {
  it.each([
    '85.07.30-033.28',
    '85073003328',
    '850730-033-28',
    '850730-033.28',
    '85 07 30 033 28',
    '85.07.30.033.28',
    '85-07-30-033-28',
    '85/07/30-033-28',
    '850730 - 033 - 28',
    '85.07.30–033.28',
    '85\u00a007\u00a030\u00a0033\u00a028',
  ])('finds %j in a sentence', (written) => {
    const text = `Mijn rijksregisternummer is ${written}, zie bijlage.`;
    const found = findNationalRegisterNumbers(text);
    expect(found).toEqual([{ index: 28, length: written.length, written, digits: '85073003328' }]);
  });

  it('finds it at the very start and end of a text, and several in one text', () => {
    expect(findNationalRegisterNumbers('85073003328').map((m) => m.digits)).toEqual(['85073003328']);
    const text = '90.02.15-123.70\n02.11.05-248.41 en 85073003328';
    expect(findNationalRegisterNumbers(text).map((m) => m.digits)).toEqual(['90021512370', '02110524841', '85073003328']);
  });

  it('ignores 11 valid digits inside a longer run of digits', () => {
    expect(findNationalRegisterNumbers('185073003328')).toEqual([]);
    expect(findNationalRegisterNumbers('850730033281')).toEqual([]);
    expect(findNationalRegisterNumbers('order 9985073003328')).toEqual([]);
  });

  it('finds a valid number that starts inside a candidate that fails the check', () => {
    // "11 85 07 30033" is a candidate (11.85.07-300.33) with month 85, so it fails; the valid
    // 85 07 30 033 28 starts inside it and must still be found.
    expect(findNationalRegisterNumbers('nr 11 85 07 30033 28').map((m) => m.written)).toEqual(['85 07 30033 28']);
  });

  it('leaves numbers that fail the check alone: phone, account, wrong check digits', () => {
    const text = 'Bel +32 485 12 34 56 of 0485/12.34.56; rekening BE68 5390 0754 7034; nummer 85.07.30-033.29; 12345678901.';
    expect(isValidNationalRegisterNumberDigits('12345678901')).toBe(false);
    expect(findNationalRegisterNumbers(text)).toEqual([]);
  });
});

describe('maskNationalRegisterNumbers', () => {
  it('replaces each valid number with the same mask and counts them', () => {
    const r = maskNationalRegisterNumbers('RRN 85.07.30-033.28 en 02110524841; fout: 85.07.30-033.29; tel. 0485 12 34 56');
    expect(r).toEqual({ text: `RRN ${NATIONAL_REGISTER_NUMBER_MASK} en ${NATIONAL_REGISTER_NUMBER_MASK}; fout: 85.07.30-033.29; tel. 0485 12 34 56`, masked: 2 });
    expect(NATIONAL_REGISTER_NUMBER_MASK).toBe('••.••.••-•••.••');
  });

  it('returns text without one unchanged', () => {
    const text = 'Geen nummer hier: 85.07.30-033.29, 0485 12 34 56.';
    expect(maskNationalRegisterNumbers(text)).toEqual({ text, masked: 0 });
  });

  it('copes with long hostile input quickly', () => {
    const text = `${'1 '.repeat(50_000)}${'12.'.repeat(30_000)}${' '.repeat(50_000)}85073003328`;
    const started = performance.now();
    expect(maskNationalRegisterNumbers(text).masked).toBe(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

// A valid number in any written form.
const validNumber = fc
  .record({
    from2000: fc.boolean(),
    yy: fc.integer({ min: 0, max: 99 }),
    mm: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 20, max: 32 }), fc.integer({ min: 40, max: 52 })),
    dd: fc.integer({ min: 0, max: 31 }),
    seq: fc.integer({ min: 0, max: 999 }),
    seps: fc.array(fc.constantFrom('', '.', '-', ' ', '/', ' - ', '. '), { minLength: 4, maxLength: 4 }),
  })
  .map(({ from2000, yy, mm, dd, seq, seps }) => {
    const digits = makeNumber(yy, mm, dd, seq, from2000);
    const groups = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6), digits.slice(6, 9), digits.slice(9)];
    return { digits, written: groups.map((g, i) => g + (seps[i] ?? '')).join('') };
  });

// Text that looks like numbers: digits, separators and letters, with or without valid numbers in it.
const numberLikePart = fc.oneof(fc.constantFrom('0', '1', '2', '5', '8', '9', '.', '-', ' ', '/', 'x', '\n', '•'), fc.stringMatching(/^\d{1,12}$/));
const numberyText = fc.array(fc.oneof(numberLikePart, validNumber.map((n) => n.written)), { maxLength: 40 }).map((parts) => parts.join(''));
const numberyTextWithoutValid = fc.array(numberLikePart, { maxLength: 40 }).map((parts) => parts.join(''));

describe('national register number properties', () => {
  it('every valid number is valid in every written form and is found on its own', () => {
    fc.assert(
      fc.property(validNumber, ({ digits, written }) => {
        expect(isValidNationalRegisterNumber(written)).toBe(true);
        expect(findNationalRegisterNumbers(` ${written} `).map((m) => m.digits)).toEqual([digits]);
      }),
      { numRuns: 3000 },
    );
  });

  it('a number with a wrong check is never found, in any written form', () => {
    fc.assert(
      fc.property(validNumber, ({ digits, written }) => {
        const wrong = withWrongCheck(digits);
        const wrongWritten = written.slice(0, -2) + wrong.slice(9);
        expect(isValidNationalRegisterNumber(wrongWritten)).toBe(false);
        expect(maskNationalRegisterNumbers(` ${wrongWritten} `)).toEqual({ text: ` ${wrongWritten} `, masked: 0 });
      }),
      { numRuns: 3000 },
    );
  });

  it('masking never leaves a valid number behind', () => {
    fc.assert(
      fc.property(numberyText, (text) => {
        const { text: masked, masked: count } = maskNationalRegisterNumbers(text);
        expect(findNationalRegisterNumbers(masked)).toEqual([]);
        expect(count).toBe(findNationalRegisterNumbers(text).length);
      }),
      { numRuns: 3000 },
    );
  });

  it('masking never changes a text without a valid number', () => {
    fc.assert(
      fc.property(numberyTextWithoutValid, (text) => {
        fc.pre(findNationalRegisterNumbers(text).length === 0);
        expect(maskNationalRegisterNumbers(text)).toEqual({ text, masked: 0 });
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const digitsOnly = text.replace(/\d/g, '');
        expect(maskNationalRegisterNumbers(digitsOnly)).toEqual({ text: digitsOnly, masked: 0 });
      }),
    );
  });

  it('finds exactly the runs of 11 digits with a valid check, when nothing separates digits (oracle)', () => {
    const text = fc.array(fc.oneof(fc.stringMatching(/^\d{1,13}$/), validNumber.map((n) => n.digits), fc.constantFrom('x', 'ab', '\n')), { maxLength: 20 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const expected = (t.match(/\d+/g) ?? []).filter((run) => run.length === 11 && isValidNationalRegisterNumberDigits(run));
        expect(findNationalRegisterNumbers(t).map((m) => m.digits)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('masks each number kept apart by words, and only those', () => {
    fc.assert(
      fc.property(fc.array(validNumber, { maxLength: 8 }), (numbers) => {
        const text = numbers.map((n) => `nr ${n.written};`).join(' ');
        const r = maskNationalRegisterNumbers(text);
        expect(r.masked).toBe(numbers.length);
        expect(r.text).toBe(numbers.map(() => `nr ${NATIONAL_REGISTER_NUMBER_MASK};`).join(' '));
      }),
      { numRuns: 2000 },
    );
  });
});
