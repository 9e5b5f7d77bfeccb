import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET, encodeCrockford, normaliseCrockford } from '../../../api/requests/crockford-base32.ts';
import { generateReference, parseReference, type RequestReference } from '../../../api/requests/reference.ts';

const SHAPE = /^PR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$/;

/** Deterministic "random" bytes: SHA-256 of a seed and a counter. */
function seededBytes(seed: string): (n: number) => Uint8Array {
  let counter = 0;
  return (n) => createHash('sha256').update(`${seed}:${counter++}`).digest().subarray(0, n);
}

const body = (ref: string) => ref.replace(/-/g, '').slice(2);
const fromBody = (b: string) => `PR-${b.slice(0, 4)}-${b.slice(4, 8)}-${b.slice(8)}`;
const fiveBytes = fc.uint8Array({ minLength: 5, maxLength: 5 });

describe('encodeCrockford and normaliseCrockford', () => {
  it('encodes 5-bit groups most significant bit first', () => {
    expect(encodeCrockford(Uint8Array.of(0xff, 0x00), 3)).toBe('ZW0');
    expect(encodeCrockford(Uint8Array.of(0, 0, 0, 0, 0), 8)).toBe('00000000');
    expect(encodeCrockford(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff), 8)).toBe('ZZZZZZZZ');
    expect(encodeCrockford(Uint8Array.of(0b00001_000, 0b10_00011_0, 0b0100_0000), 4)).toBe('1234');
    expect(() => encodeCrockford(new Uint8Array(4), 8)).toThrow(RangeError);
  });

  it('uses the 32 symbols without I, L, O and U', () => {
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    expect(CROCKFORD_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it('folds what people type onto the alphabet', () => {
    expect(normaliseCrockford(' pr-7k3m 9qxd-z ')).toBe('PR7K3M9QXDZ');
    expect(normaliseCrockford('oOiIlL')).toBe('001111');
    expect(normaliseCrockford('ＰＲ–７Ｋ３Ｍ')).toBe('PR7K3M'); // full-width letters, en dash
  });
});

describe('generateReference', () => {
  it('has the PR-XXXX-XXXX-C shape and parses back to itself', () => {
    for (let i = 0; i < 1000; i++) {
      const ref = generateReference();
      expect(ref).toMatch(SHAPE);
      expect(parseReference(ref)).toEqual({ ok: true, reference: ref });
    }
  });

  it('draws 40 bits from the injected source: all-zero and all-one bytes give the extremes', () => {
    expect(generateReference(() => new Uint8Array(5))).toBe('PR-0000-0000-0');
    const top = generateReference(() => new Uint8Array(5).fill(0xff));
    expect(top.slice(0, 12)).toBe('PR-ZZZZ-ZZZZ');
  });

  it('is a one-to-one function of the 40 random bits (different bits, different reference)', () => {
    fc.assert(
      fc.property(fiveBytes, fiveBytes, (a, b) => {
        fc.pre(Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0);
        return generateReference(() => a) !== generateReference(() => b);
      }),
      { numRuns: 2000 },
    );
  });

  it('repeats over 100 000 draws from the crypto RNG no more than 40 random bits would', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(generateReference());
    // Two of 100 000 draws of 40 bits meet with probability ~0.5 % (so this once asked for no
    // repeat at all, and failed now and then); three repeats, ~10^-8. A generator with fewer
    // bits or a bias repeats by the thousand. Taken references are drawn again (fresh-reference.ts).
    expect(seen.size).toBeGreaterThanOrEqual(100_000 - 2);
  });

  it('is not sequential: consecutive references share no more symbols than chance', () => {
    const refs = Array.from({ length: 2000 }, () => body(generateReference()).slice(0, 8));
    let same = 0;
    for (let i = 1; i < refs.length; i++) for (let p = 0; p < 8; p++) if (refs[i]![p] === refs[i - 1]![p]) same++;
    // Chance is 1/32 per position: about 500 of 15 992. A counter would share far more.
    expect(same).toBeLessThan(700);
  });
});

describe('parseReference', () => {
  const ref = generateReference(seededBytes('example'));

  it.each([
    ['lower case', (r: string) => r.toLowerCase()],
    ['no hyphens', (r: string) => r.replace(/-/g, '')],
    ['spaces', (r: string) => r.replace(/-/g, ' ')],
    ['surrounding space and a trailing full stop', (r: string) => `  ${r}. `],
    ['without the PR prefix', (r: string) => r.slice(3)],
    ['O for 0, I and L for 1', (r: string) => r.replace(/0/g, 'O').replace(/1/g, 'i')],
  ])('accepts %s', (_name, mangle) => {
    expect(parseReference(mangle(ref))).toEqual({ ok: true, reference: ref });
  });

  it('reads O as 0 and I or L as 1 in a known reference', () => {
    const withDigits = generateReference(() => Uint8Array.of(0x00, 0x44, 0x21, 0x08, 0x42)); // 0, 1 and 2 symbols
    expect(withDigits.slice(3, 12)).toMatch(/[01]/);
    const typed = withDigits.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    expect(parseReference(typed)).toEqual({ ok: true, reference: withDigits });
  });

  it.each(['', 'PR', 'hello', 'PR-7K3M-9QXD', 'PR-7K3M-9QXD-ZZ', 'XX-7K3M-9QXD-Z', 'PR-7K3M-9QXD-*', 'PR-7K3U-9QXD-Z', 'PR-7K3M-9QXD-Z'.repeat(5), 'PR+7K3M+9QXD+Z'])(
    'calls %j malformed',
    (input) => {
      expect(parseReference(input)).toEqual({ ok: false, error: 'malformed' });
    },
  );

  it('keeps the check of references already issued (fixed vectors)', () => {
    // Changing the check algorithm would turn every issued reference into a typo: pin it.
    expect(parseReference('pr 7k3m 9qxd 4')).toEqual({ ok: true, reference: 'PR-7K3M-9QXD-4' });
    expect(parseReference('PR-7K3M-9QXD-Z')).toEqual({ ok: false, error: 'bad_check_character' });
    // Worked by hand: symbols 2 8 26 5 12 30 4 26 give interim 26; check = 2*26 in GF(32) = 52 ^ 37 = 17 = H.
    expect(generateReference(() => Uint8Array.of(0x12, 0x34, 0x56, 0x78, 0x9a))).toBe('PR-28T5-CY4T-H');
  });

  it('calls a right-shaped reference with a wrong check symbol bad_check_character', () => {
    const b = body(ref);
    const wrong = CROCKFORD_ALPHABET[(CROCKFORD_ALPHABET.indexOf(b[8]!) + 1) % 32]!;
    expect(parseReference(fromBody(b.slice(0, 8) + wrong))).toEqual({ ok: false, error: 'bad_check_character' });
  });
});

/** Every single-symbol substitution and every adjacent transposition of a reference's 9 symbols. */
function* typos(ref: RequestReference): Generator<[kind: string, typed: string]> {
  const b = body(ref);
  for (let p = 0; p < b.length; p++) {
    for (const s of CROCKFORD_ALPHABET) if (s !== b[p]) yield ['substitution', fromBody(b.slice(0, p) + s + b.slice(p + 1))];
  }
  for (let p = 0; p + 1 < b.length; p++) {
    if (b[p] !== b[p + 1]) yield ['transposition', fromBody(b.slice(0, p) + b[p + 1] + b[p] + b.slice(p + 2))];
  }
}

describe('the check symbol catches typos', () => {
  it('catches every single substitution and adjacent transposition of 3000 references', () => {
    const next = seededBytes('typos');
    const refs = [generateReference(() => new Uint8Array(5)), generateReference(() => new Uint8Array(5).fill(0xff))];
    while (refs.length < 3000) refs.push(generateReference(next));
    let substitutions = 0;
    let transpositions = 0;
    for (const ref of refs) {
      for (const [kind, typed] of typos(ref)) {
        const r = parseReference(typed);
        if (r.ok || r.error !== 'bad_check_character') expect.fail(`${kind} ${ref} -> ${typed} was not caught`);
        if (kind === 'substitution') substitutions++;
        else transpositions++;
      }
    }
    expect(substitutions).toBe(3000 * 9 * 31);
    expect(transpositions).toBeGreaterThan(3000 * 7);
  });

  it('catches a swap across a hyphen, as read aloud', () => {
    const ref = generateReference(() => Uint8Array.of(0x12, 0x34, 0x56, 0x78, 0x9a));
    const b = body(ref);
    expect(b[3]).not.toBe(b[4]);
    const swapped = `${ref.slice(0, 6)}${b[4]}-${b[3]}${ref.slice(9)}`;
    expect(parseReference(swapped)).toEqual({ ok: false, error: 'bad_check_character' });
  });

  it('property: any generated reference round-trips, however it is typed', () => {
    const mangled = fc.record({
      lower: fc.boolean(),
      hyphens: fc.constantFrom('-', '', ' ', ' - '),
      prefix: fc.boolean(),
      lookalikes: fc.boolean(),
    });
    fc.assert(
      fc.property(fiveBytes, mangled, (bytes, m) => {
        const ref = generateReference(() => bytes);
        let typed = ref.split('-').slice(m.prefix ? 0 : 1).join(m.hyphens);
        if (m.lookalikes) typed = typed.replace(/0/g, 'O').replace(/1/g, 'L');
        if (m.lower) typed = typed.toLowerCase();
        const parsed = parseReference(typed);
        return parsed.ok && parsed.reference === ref;
      }),
      { numRuns: 5000 },
    );
  });

  it('property: any single-symbol change is detected', () => {
    fc.assert(
      fc.property(fiveBytes, fc.nat({ max: 8 }), fc.nat({ max: 30 }), (bytes, position, shift) => {
        const b = body(generateReference(() => bytes));
        const replacement = CROCKFORD_ALPHABET[(CROCKFORD_ALPHABET.indexOf(b[position]!) + shift + 1) % 32]!;
        const r = parseReference(fromBody(b.slice(0, position) + replacement + b.slice(position + 1)));
        return !r.ok && r.error === 'bad_check_character';
      }),
      { numRuns: 10_000 },
    );
  });

  it('property: any change to a character outside the alphabet is malformed, not a different reference', () => {
    fc.assert(
      fc.property(fiveBytes, fc.nat({ max: 8 }), fc.constantFrom('U', 'u', '*', '~', '$', '=', '!', 'É'), (bytes, position, bad) => {
        const b = body(generateReference(() => bytes));
        const r = parseReference(fromBody(b.slice(0, position) + bad + b.slice(position + 1)));
        return !r.ok && r.error === 'malformed';
      }),
    );
  });
});
