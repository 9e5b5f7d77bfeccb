/**
 * Crockford's base32 (https://www.crockford.com/base32.html): the digits and the capital letters
 * without I, L, O and U, so that what a person reads aloud or copies by hand has no look-alikes.
 * Used for request references and for receipt fingerprints.
 */

/** The 32 symbols; a symbol's index is its 5-bit value. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const VALUES = new Map([...CROCKFORD_ALPHABET].map((ch, i) => [ch, i]));

/** The value 0-31 of a canonical (upper-case) symbol, or -1 when it is not one. */
export function crockfordValue(symbol: string): number {
  return VALUES.get(symbol) ?? -1;
}

/**
 * The first `symbols` 5-bit groups of `bytes`, most significant bit first.
 *
 * @example encodeCrockford(Uint8Array.of(0xff, 0x00), 3) // 'ZW0'
 */
export function encodeCrockford(bytes: Uint8Array, symbols: number): string {
  if (symbols * 5 > bytes.length * 8) throw new RangeError(`${symbols} symbols need ${Math.ceil((symbols * 5) / 8)} bytes, got ${bytes.length}`);
  let out = '';
  for (let s = 0; s < symbols; s++) {
    let v = 0;
    for (let b = s * 5; b < s * 5 + 5; b++) v = (v << 1) | ((bytes[b >> 3]! >> (7 - (b & 7))) & 1);
    out += CROCKFORD_ALPHABET[v];
  }
  return out;
}

// Separators people type or paste: spaces of any kind, hyphens and dashes, dots, underscores.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212._]/gu;

/**
 * What a person typed, as canonical symbols: Unicode-compatibility folded (full-width letters),
 * upper case, separators removed, and Crockford's look-alike decoding: O is 0, I and L are 1.
 * Other characters are kept, so the caller sees them and refuses the input.
 *
 * @example normaliseCrockford(' pr-7k3m 9qxd-z ') // 'PR7K3M9QXDZ'
 * @example normaliseCrockford('Oil') // '011'
 */
export function normaliseCrockford(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(SEPARATORS, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
