import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatusTokenError, createStatusToken, hashStatusToken, isStatusTokenShape, tokenMatches } from '../../../api/requests/status-token.ts';

describe('createStatusToken', () => {
  it('is 32 random bytes as 43 base64url characters', () => {
    const token = createStatusToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(createStatusToken()).not.toBe(token);
  });

  it('encodes the injected bytes exactly', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    expect(createStatusToken(() => bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    expect(() => createStatusToken(() => new Uint8Array(16))).toThrow(RangeError);
  });

  it('property: every 32-byte value gives a token of the accepted shape', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => isStatusTokenShape(createStatusToken(() => bytes))), { numRuns: 2000 });
  });
});

describe('hashStatusToken and tokenMatches', () => {
  const token = createStatusToken();
  const hash = hashStatusToken(token);

  it('stores SHA-256 of the token text, in lower-case hex', () => {
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('matches the right token only', () => {
    expect(tokenMatches(token, hash)).toBe(true);
    expect(tokenMatches(createStatusToken(), hash)).toBe(false);
    const flipped = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    expect(tokenMatches(flipped, hash)).toBe(false);
  });

  const wrongShapes: unknown[] = [
    undefined,
    null,
    42,
    '',
    'guess',
    token.slice(0, 42),
    `${token}A`,
    `${token}=`,
    `${token.slice(0, 42)}B`, // a last character with non-zero padding bits: not canonical base64url
    `${token.slice(0, 42)}+`,
    token.replace(/^./, '/'),
    ` ${token.slice(1)}`,
    { toString: () => token },
  ];

  it.each(wrongShapes.map((t) => [t]))('refuses %j before hashing', (t) => {
    expect(isStatusTokenShape(t)).toBe(false);
    expect(tokenMatches(t, hash)).toBe(false);
    expect(() => hashStatusToken(t as string)).toThrow(StatusTokenError);
  });

  it('refuses a stored hash of the wrong shape instead of comparing it', () => {
    expect(tokenMatches(token, hash.toUpperCase())).toBe(false);
    expect(tokenMatches(token, hash.slice(0, 63))).toBe(false);
    expect(tokenMatches(token, `${hash}00`)).toBe(false);
    expect(tokenMatches(token, '')).toBe(false);
  });

  it('gives the StatusTokenError a code', () => {
    try {
      hashStatusToken('nope');
      expect.fail('should throw');
    } catch (e) {
      expect((e as StatusTokenError).code).toBe('malformed_token');
      expect((e as Error).message).not.toContain('nope');
    }
  });
});
