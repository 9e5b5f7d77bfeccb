/**
 * Recovery codes: 10 characters from an alphabet without look-alikes, shown as two groups of
 * five ("k7m2p-x9qrt"); typed with or without the dash, in any case.
 *
 * @example
 *   createRecoveryCodes(10) // ['k7m2p-x9qrt', ...]; normalizeRecoveryCode('K7M2P X9QRT') // 'k7m2px9qrt'
 */
import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function createRecoveryCodes(count: number): string[] {
  return Array.from({ length: count }, () => {
    const s = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

/** The code as hashed (10 characters), or null when it cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  const s = input.toLowerCase().replace(/[\s-]+/g, '');
  return /^[a-z0-9]{10}$/.test(s) ? s : null;
}
