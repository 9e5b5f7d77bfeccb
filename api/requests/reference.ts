/**
 * The reference of a rights request, read over the phone and typed back: `PR-7K3M-9QXD-4`.
 *
 * - `PR` says what it is (privacy request); it is optional when typed back.
 * - 8 symbols of Crockford's base32 carry 40 random bits from the crypto RNG: references are not
 *   sequential and one says nothing about another. The reference is not a secret (the status
 *   token is), but 40 bits make guessing a live one hopeless. At about a million requests two
 *   may collide, so the caller inserts under the unique index and draws again on a conflict.
 * - 1 check symbol (check-symbol.ts) catches every single-symbol typo and every swap of two
 *   neighbouring symbols, so a mistyped reference is told apart from an unknown one.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { checkSymbolValue, hasValidCheckSymbol } from './check-symbol.ts';
import { CROCKFORD_ALPHABET, crockfordValue, encodeCrockford, normaliseCrockford } from './crockford-base32.ts';

declare const referenceBrand: unique symbol;
/** A reference in canonical form, `PR-AAAA-AAAA-C` (A: a Crockford symbol, C: the check character). Only generateReference and parseReference make one. */
export type RequestReference = string & { readonly [referenceBrand]: true };

export const REFERENCE_PREFIX = 'PR';
/** Random symbols in a reference (5 bits each). */
export const REFERENCE_RANDOM_SYMBOLS = 8;

/** Why typed text is not a reference: not the shape of one, or a typo the check symbol caught. */
export type ReferenceProblem = 'malformed' | 'bad_check_character';

export type ParsedReference = { ok: true; reference: RequestReference } | { ok: false; error: ReferenceProblem };

/** Source of random bytes; node:crypto's by default, a fixed one in tests. */
export type RandomBytes = (size: number) => Uint8Array;

function format(body: string): RequestReference {
  return `${REFERENCE_PREFIX}-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}` as RequestReference;
}

/**
 * A new reference from 40 random bits.
 *
 * @example generateReference() // 'PR-7K3M-9QXD-4' (random)
 * @example generateReference(() => new Uint8Array(5)) // 'PR-0000-0000-0'
 */
export function generateReference(randomBytes: RandomBytes = cryptoRandomBytes): RequestReference {
  const body = encodeCrockford(randomBytes(5), REFERENCE_RANDOM_SYMBOLS);
  const check = checkSymbolValue([...body].map(crockfordValue));
  return format(body + CROCKFORD_ALPHABET[check]);
}

/**
 * Reads a reference as a person typed it: any case, with or without the `PR` prefix, hyphens or
 * spaces, O for 0 and I or L for 1. Returns the canonical form, or why it is not a reference:
 * `malformed` (wrong length or a character outside the alphabet) or `bad_check_character`
 * (the right shape, but a typo: no reference was ever issued like that).
 *
 * @example parseReference('pr 7k3m 9qxd 4') // { ok: true, reference: 'PR-7K3M-9QXD-4' }
 * @example parseReference('PR-7K3M-9QXD-Z') // { ok: false, error: 'bad_check_character' }
 * @example parseReference('hello') // { ok: false, error: 'malformed' }
 */
export function parseReference(input: string): ParsedReference {
  // Anything this long is not a mistyped reference; stop before normalising it.
  if (typeof input !== 'string' || input.length > 64) return { ok: false, error: 'malformed' };
  const compact = normaliseCrockford(input);
  const length = REFERENCE_RANDOM_SYMBOLS + 1;
  let body: string;
  if (compact.length === length) body = compact;
  else if (compact.length === length + REFERENCE_PREFIX.length && compact.startsWith(REFERENCE_PREFIX)) body = compact.slice(REFERENCE_PREFIX.length);
  else return { ok: false, error: 'malformed' };
  const values = [...body].map(crockfordValue);
  if (values.some((v) => v < 0)) return { ok: false, error: 'malformed' };
  if (!hasValidCheckSymbol(values)) return { ok: false, error: 'bad_check_character' };
  return { ok: true, reference: format(body) };
}
