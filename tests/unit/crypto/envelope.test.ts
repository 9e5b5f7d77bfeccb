import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeKeyId, createKeyRing, decryptEnvelope, encryptEnvelope, EnvelopeError, type MasterKey } from '../../../api/crypto/index.ts';
import { HEADER_BYTES, OFFSET } from '../../../api/crypto/envelope-format.ts';

function newMaster(): MasterKey {
  const key = new Uint8Array(randomBytes(32));
  return { id: computeKeyId(key), key };
}

function expectEnvelopeError(fn: () => unknown, code: EnvelopeError['code']): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EnvelopeError);
    expect((err as EnvelopeError).code).toBe(code);
    return;
  }
  throw new Error(`expected EnvelopeError ${code}, nothing was thrown`);
}

const master = newMaster();
const ring = createKeyRing([master.key]);

describe('envelope encryption', () => {
  it('round-trips any content, including empty', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (plain) => {
        const envelope = encryptEnvelope(plain, master);
        expect(envelope.length).toBe(HEADER_BYTES + plain.length + 16);
        expect(new Uint8Array(decryptEnvelope(envelope, ring))).toEqual(plain);
      }),
      { numRuns: 200 },
    );
  });

  it('writes the documented header: version 1 and the key id', () => {
    const envelope = encryptEnvelope(Buffer.from('x'), master);
    expect(envelope[OFFSET.version]).toBe(1);
    expect(envelope.toString('hex', OFFSET.keyId, OFFSET.wrapIv)).toBe(master.id);
  });

  it('uses a fresh data key and IVs every time: the same plaintext never gives the same bytes', () => {
    const a = encryptEnvelope(Buffer.from('same'), master);
    const b = encryptEnvelope(Buffer.from('same'), master);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(OFFSET.wrappedKey, OFFSET.wrapTag).equals(b.subarray(OFFSET.wrappedKey, OFFSET.wrapTag))).toBe(false);
  });

  it('detects one flipped bit anywhere after the key id: IVs, wrapped key, tags, ciphertext', () => {
    const envelope = encryptEnvelope(randomBytes(100), master);
    for (let i = OFFSET.wrapIv; i < envelope.length; i++) {
      const bad = Buffer.from(envelope);
      bad[i]! ^= 0x01;
      expectEnvelopeError(() => decryptEnvelope(bad, ring), 'tampered');
    }
  });

  it('detects a flipped byte of the ciphertext and of the wrapped key', () => {
    const envelope = encryptEnvelope(Buffer.from('Olena Janssens, ID copy'), master);
    const body = Buffer.from(envelope);
    body[HEADER_BYTES + 3]! ^= 0xff;
    expectEnvelopeError(() => decryptEnvelope(body, ring), 'tampered');
    const wrapped = Buffer.from(envelope);
    wrapped[OFFSET.wrappedKey + 7]! ^= 0xff;
    expectEnvelopeError(() => decryptEnvelope(wrapped, ring), 'tampered');
  });

  it('detects truncation and appended bytes', () => {
    const envelope = encryptEnvelope(randomBytes(64), master);
    expectEnvelopeError(() => decryptEnvelope(envelope.subarray(0, envelope.length - 1), ring), 'tampered');
    expectEnvelopeError(() => decryptEnvelope(Buffer.concat([envelope, Buffer.from([0])]), ring), 'tampered');
    expectEnvelopeError(() => decryptEnvelope(envelope.subarray(0, 50), ring), 'malformed');
  });

  it('refuses an unknown key id and an unknown version', () => {
    const other = newMaster();
    const envelope = encryptEnvelope(Buffer.from('x'), other);
    expectEnvelopeError(() => decryptEnvelope(envelope, ring), 'unknown_key');
    const v2 = Buffer.from(encryptEnvelope(Buffer.from('x'), master));
    v2[0] = 2;
    expectEnvelopeError(() => decryptEnvelope(v2, ring), 'unsupported_version');
  });

  it('detects a key id rewritten to another configured key (the header is authenticated)', () => {
    const other = newMaster();
    const both = createKeyRing([master.key, other.key]);
    const envelope = Buffer.from(encryptEnvelope(Buffer.from('x'), master));
    envelope.write(other.id, OFFSET.keyId, 'hex');
    expectEnvelopeError(() => decryptEnvelope(envelope, both), 'tampered');
  });

  it('opens envelopes of a retired key after rotation when the old key is kept in the ring', () => {
    const old = newMaster();
    const current = newMaster();
    const before = encryptEnvelope(Buffer.from('before rotation'), old);
    const after = encryptEnvelope(Buffer.from('after rotation'), current);
    const keys = createKeyRing([current.key, old.key]);
    expect(decryptEnvelope(before, keys).toString()).toBe('before rotation');
    expect(decryptEnvelope(after, keys).toString()).toBe('after rotation');
  });

  it('computes the key id as the first 8 hex characters of SHA-256', () => {
    expect(computeKeyId(new Uint8Array(32))).toBe('66687aad');
    expect(() => encryptEnvelope(Buffer.from('x'), { id: master.id, key: new Uint8Array(16) })).toThrow(/32 bytes/);
    expect(() => encryptEnvelope(Buffer.from('x'), { id: 'ZZ', key: master.key })).toThrow(/key id/);
  });
});
