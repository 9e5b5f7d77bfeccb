import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeCrockford } from '../../../api/requests/crockford-base32.ts';
import { parseFingerprint, receiptFingerprint } from '../../../api/seal/receipt-fingerprint.ts';
import { sealKeyFromPrivateKey } from '../../../api/seal/seal-key.ts';
import { sealRequest } from '../../../api/seal/seal-request.ts';

const key = sealKeyFromPrivateKey(generateKeyPairSync('ed25519').privateKey, 'created');
const GROUPED = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

describe('receiptFingerprint', () => {
  const seal = sealRequest({ request: { reference: 'PR-0000-0000-0' }, files: [] }, key);

  it('is 20 Crockford base32 symbols of SHA-256 of the signature, in groups of four', () => {
    const fingerprint = receiptFingerprint(seal);
    expect(fingerprint).toMatch(GROUPED);
    const digest = createHash('sha256').update(Buffer.from(seal.signature, 'base64url')).digest();
    expect(fingerprint.replace(/-/g, '')).toBe(encodeCrockford(digest, 20));
  });

  it('is the same for the same seal, and differs between requests', () => {
    expect(receiptFingerprint(sealRequest({ request: { reference: 'PR-0000-0000-0' }, files: [], signedAt: new Date(0) }, key))).toBe(receiptFingerprint(seal));
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) seen.add(receiptFingerprint(sealRequest({ request: { i }, files: [] }, key)));
    expect(seen.size).toBe(500);
  });

  it('is read back however a person types it', () => {
    const fingerprint = receiptFingerprint(seal);
    expect(parseFingerprint(fingerprint)).toBe(fingerprint);
    expect(parseFingerprint(fingerprint.toLowerCase().replace(/-/g, ' '))).toBe(fingerprint);
    expect(parseFingerprint(fingerprint.replace(/-/g, '').replace(/0/g, 'o').replace(/1/g, 'l'))).toBe(fingerprint);
  });

  it.each(['', 'ABCD-EFGH', 'ABCD-EFGH-JKMN-PQRS-TVWX-Y', 'ABCD-EFGH-JKMN-PQRS-TVWU', '*BCD-EFGH-JKMN-PQRS-TVWX', 'x'.repeat(100)])('refuses %j', (input) => {
    expect(parseFingerprint(input)).toBeNull();
  });
});
