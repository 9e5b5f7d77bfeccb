/**
 * The TOTP second factor: SHA1, 6 digits, 30 s, accepted one step either side. `checkTotp` returns
 * the time step the code belongs to, so the caller can refuse a step already used.
 *
 * @example
 *   const step = checkTotp(secretBase32, '123456', Date.now()); // number, or null when wrong
 */
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secretBase32: string, label = '', issuer = 'Privacyportaal DPO'): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

export function checkTotp(secretBase32: string, code: string, now: number): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32).validate({ token, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD) + delta;
}
