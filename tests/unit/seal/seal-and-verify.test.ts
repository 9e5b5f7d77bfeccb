import { createHash, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSignedPayload } from '../../../api/seal/build-signed-payload.ts';
import { CanonicalJsonError, canonicalJson } from '../../../api/seal/canonical-json.ts';
import { hashRequest } from '../../../api/seal/hash-request.ts';
import { SealError } from '../../../api/seal/seal-error.ts';
import { sealKeyFromPrivateKey } from '../../../api/seal/seal-key.ts';
import { sealRequest } from '../../../api/seal/seal-request.ts';
import type { Seal, SealedFile, SealKey } from '../../../api/seal/types.ts';
import { sealCoversFile, verifySeal } from '../../../api/seal/verify-seal.ts';

const newKey = (): SealKey => sealKeyFromPrivateKey(generateKeyPairSync('ed25519').privateKey, 'created');
const key = newKey();
const otherKey = newKey();
const publicKeys = new Map<string, KeyObject>([
  [key.keyId, key.publicKey],
  [otherKey.keyId, otherKey.publicKey],
]);
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

const request = {
  reference: 'PR-7K3M-9QXD-4',
  statement: 'crt',
  rights: ['access', 'erasure'],
  receivedAt: '2026-04-01T09:30:00.000Z',
  requester: { name: 'Olena Kovalenko', postcode: '9000', note: 'Прошу надати доступ' },
};
const files: SealedFile[] = [
  { role: 'signature', sha256: sha('signature png') },
  { role: 'id_copy', sha256: sha('id copy jpg') },
  { role: 'document', sha256: sha('b') },
  { role: 'document', sha256: sha('a') },
];
const signedAt = new Date('2026-04-01T09:30:01.000Z');
const seal = sealRequest({ request, files, signedAt }, key);

describe('sealRequest', () => {
  it('makes a version 1 Ed25519 seal with sorted files', () => {
    expect(seal).toEqual({
      version: 1,
      algorithm: 'Ed25519',
      keyId: key.keyId,
      requestSha256: sha(canonicalJson(request)),
      files: [
        { role: 'document', sha256: [sha('a'), sha('b')].sort()[0] },
        { role: 'document', sha256: [sha('a'), sha('b')].sort()[1] },
        { role: 'id_copy', sha256: sha('id copy jpg') },
        { role: 'signature', sha256: sha('signature png') },
      ],
      signedAt: '2026-04-01T09:30:01.000Z',
      signature: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/),
    });
    expect(seal.requestSha256).toBe(hashRequest(request));
  });

  it('signs exactly the documented bytes', () => {
    const expected =
      `{"files":[${seal.files.map((f) => `{"role":"${f.role}","sha256":"${f.sha256}"}`).join(',')}],` +
      `"keyId":"${key.keyId}","requestSha256":"${seal.requestSha256}","version":1}`;
    expect(buildSignedPayload(seal).toString('utf8')).toBe(expected);
    expect(verify(null, Buffer.from(expected, 'utf8'), key.publicKey, Buffer.from(seal.signature, 'base64url'))).toBe(true);
  });

  it('does not depend on key order in the request or the order of the files', () => {
    const reordered = { requester: { note: request.requester.note, postcode: '9000', name: request.requester.name }, receivedAt: request.receivedAt, rights: request.rights, statement: 'crt', reference: request.reference };
    const again = sealRequest({ request: reordered, files: [...files].reverse(), signedAt }, key);
    expect(again).toEqual(seal); // Ed25519 is deterministic: the same payload gives the same signature
  });

  it('leaves signedAt out when no time is given, and lowers upper-case hashes', () => {
    const s = sealRequest({ request, files: [{ role: 'id_copy', sha256: sha('x').toUpperCase() }] }, key);
    expect(s).not.toHaveProperty('signedAt');
    expect(s.files).toEqual([{ role: 'id_copy', sha256: sha('x') }]);
  });

  it('refuses what cannot be sealed', () => {
    expect(() => sealRequest({ request: [] as unknown as object, files: [] }, key)).toThrow(SealError);
    expect(() => sealRequest({ request: null as unknown as object, files: [] }, key)).toThrow(SealError);
    expect(() => sealRequest({ request: { when: new Date() }, files: [] }, key)).toThrow(CanonicalJsonError);
    expect(() => sealRequest({ request, files: [{ role: 'id_copy', sha256: 'abc' }] }, key)).toThrow(/files\[0\]\.sha256/);
    expect(() => sealRequest({ request, files: [{ role: '', sha256: sha('x') }] }, key)).toThrow(/files\[0\]\.role/);
  });
});

describe('verifySeal', () => {
  it('accepts the seal with its request and files, or with either, or alone', () => {
    expect(verifySeal(seal, { request, files, publicKeys })).toEqual({ ok: true });
    expect(verifySeal(seal, { request, publicKeys })).toEqual({ ok: true });
    expect(verifySeal(seal, { files: [...files].reverse(), publicKeys })).toEqual({ ok: true });
    expect(verifySeal(seal, { publicKeys })).toEqual({ ok: true });
    expect(verifySeal(JSON.parse(JSON.stringify(seal)), { request: JSON.parse(JSON.stringify(request)), files, publicKeys })).toEqual({ ok: true });
  });

  it('says request_changed when one character of the request changed', () => {
    const changed = { ...request, requester: { ...request.requester, postcode: '9001' } };
    expect(verifySeal(seal, { request: changed, files, publicKeys })).toEqual({ ok: false, reason: 'request_changed' });
    expect(verifySeal(seal, { request: { ...request, extra: true }, publicKeys })).toEqual({ ok: false, reason: 'request_changed' });
    expect(verifySeal(seal, { request: { ...request, when: undefined }, publicKeys })).toEqual({ ok: false, reason: 'request_changed' });
  });

  it('says file_changed when a file hash changed, or a file is missing or added', () => {
    const flipped = files.map((f, i) => (i === 1 ? { ...f, sha256: (f.sha256[0] === '0' ? '1' : '0') + f.sha256.slice(1) } : f));
    expect(verifySeal(seal, { request, files: flipped, publicKeys })).toEqual({ ok: false, reason: 'file_changed' });
    expect(verifySeal(seal, { files: files.slice(1), publicKeys })).toEqual({ ok: false, reason: 'file_changed' });
    expect(verifySeal(seal, { files: [...files, { role: 'answer', sha256: sha('x') }], publicKeys })).toEqual({ ok: false, reason: 'file_changed' });
    const swappedRoles = files.map((f, i) => (i === 0 ? { ...f, role: 'mandate' } : f));
    expect(verifySeal(seal, { files: swappedRoles, publicKeys })).toEqual({ ok: false, reason: 'file_changed' });
  });

  it('says signature when anything signed in the seal itself changed', () => {
    const tampered: Seal[] = [
      { ...seal, requestSha256: hashRequest({ ...request, statement: 'general' }) },
      { ...seal, files: seal.files.slice(1) },
      { ...seal, files: seal.files.map((f, i) => (i === 0 ? { ...f, sha256: sha('forged') } : f)) },
      { ...seal, keyId: otherKey.keyId },
    ];
    for (const t of tampered) expect(verifySeal(t, { publicKeys })).toEqual({ ok: false, reason: 'signature' });
  });

  it('says signature for any flipped bit of the signature', () => {
    const bytes = Buffer.from(seal.signature, 'base64url');
    for (let bit = 0; bit < 512; bit++) {
      const b = Buffer.from(bytes);
      b[bit >> 3]! ^= 1 << (bit & 7);
      expect(verifySeal({ ...seal, signature: b.toString('base64url') }, { publicKeys })).toEqual({ ok: false, reason: 'signature' });
    }
  });

  it('refuses the malleable twin of a signature (S + L), so one payload has one signature', () => {
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const bytes = Buffer.from(seal.signature, 'base64url');
    const s = BigInt(`0x${Buffer.from(bytes.subarray(32)).reverse().toString('hex')}`) + L;
    const twin = Buffer.concat([bytes.subarray(0, 32), Buffer.from(s.toString(16).padStart(64, '0'), 'hex').reverse()]);
    expect(verifySeal({ ...seal, signature: twin.toString('base64url') }, { publicKeys })).toEqual({ ok: false, reason: 'signature' });
  });

  it('says unknown_key for a key that is not published', () => {
    expect(verifySeal(seal, { publicKeys: new Map([[otherKey.keyId, otherKey.publicKey]]) })).toEqual({ ok: false, reason: 'unknown_key' });
    expect(verifySeal({ ...seal, keyId: '0123456789abcdef' }, { publicKeys })).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('says signature, not a crash, when a key of another type is published under the id', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(verifySeal(seal, { publicKeys: new Map([[key.keyId, rsa]]) })).toEqual({ ok: false, reason: 'signature' });
  });

  it('checks the signature before the request: a forged seal for a changed request is a signature failure', () => {
    const changed = { ...request, rights: ['access'] };
    expect(verifySeal({ ...seal, requestSha256: hashRequest(changed) }, { request: changed, publicKeys })).toEqual({ ok: false, reason: 'signature' });
  });

  it.each([
    ['null', null],
    ['a string', 'seal'],
    ['an array', [seal]],
    ['version 2', { ...seal, version: 2 }],
    ['another algorithm', { ...seal, algorithm: 'RS256' }],
    ['a missing signature', { ...seal, signature: undefined }],
    ['a short signature', { ...seal, signature: seal.signature.slice(1) }],
    ['a signature in standard base64', { ...seal, signature: `${Buffer.from(seal.signature, 'base64url').toString('base64')}` }],
    ['an upper-case hash', { ...seal, requestSha256: seal.requestSha256.toUpperCase() }],
    ['a malformed key id', { ...seal, keyId: 'key-1' }],
    ['an unknown field', { ...seal, note: 'trust me' }],
    ['a file without a role', { ...seal, files: [{ sha256: sha('x') }] }],
    ['signedAt that is not a time', { ...seal, signedAt: 'yesterday' }],
  ])('says malformed for %s', (_name, value) => {
    expect(verifySeal(value, { request, files, publicKeys })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('does not sign signedAt (documented): changing it leaves the seal valid', () => {
    expect(verifySeal({ ...seal, signedAt: '2020-01-01T00:00:00.000Z' }, { publicKeys })).toEqual({ ok: true });
    const { signedAt: _dropped, ...withoutTime } = seal;
    expect(verifySeal(withoutTime, { publicKeys })).toEqual({ ok: true });
  });
});

describe('tampering properties', () => {
  const json = fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 3 }), { minKeys: 1, maxKeys: 6 });
  const fileList = fc.array(fc.record({ role: fc.constantFrom('id_copy', 'signature', 'document', 'mandate'), sha256: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')) }), { maxLength: 5 });

  it('any request and files verify after a JSON round trip', () => {
    fc.assert(
      fc.property(json, fileList, (req, fl) => {
        const s = sealRequest({ request: req, files: fl }, key);
        expect(verifySeal(JSON.parse(JSON.stringify(s)), { request: JSON.parse(JSON.stringify(req)), files: fl, publicKeys })).toEqual({ ok: true });
      }),
      { numRuns: 300 },
    );
  });

  it('changing one character of the request text is request_changed', () => {
    fc.assert(
      fc.property(json, fc.nat(), fc.nat(), (req, where, shift) => {
        const s = sealRequest({ request: req, files: [] }, key);
        // Change one character of the canonical text where the result is still JSON of the same shape.
        const text = canonicalJson(req);
        const candidates = [...text.matchAll(/[0-9a-zA-Z]/g)].map((m) => m.index);
        fc.pre(candidates.length > 0);
        const at = candidates[where % candidates.length]!;
        const pool = /[0-9]/.test(text[at]!) ? '0123456789' : 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
        const replacement = pool[(pool.indexOf(text[at]!) + 1 + (shift % (pool.length - 1))) % pool.length]!;
        let changed: unknown;
        try {
          changed = JSON.parse(text.slice(0, at) + replacement + text.slice(at + 1));
        } catch {
          return fc.pre(false); // e.g. "true" became "trua"
        }
        // A digit change can give the same number (4e-324 is read as 5e-324) or leave JSON data
        // (9e+308 is Infinity): the first is no change, the second is a change too.
        let changedText: string | null = null;
        try {
          changedText = canonicalJson(changed);
        } catch {
          // not JSON data any more: verifySeal must still call it changed
        }
        fc.pre(changedText !== text);
        expect(verifySeal(s, { request: changed, publicKeys })).toEqual({ ok: false, reason: 'request_changed' });
      }),
      { numRuns: 500 },
    );
  });

  it('changing one hex digit of any file hash is file_changed', () => {
    fc.assert(
      fc.property(fileList.filter((l) => l.length > 0), fc.nat(), fc.nat({ max: 63 }), fc.integer({ min: 1, max: 15 }), (fl, which, digit, plus) => {
        const s = sealRequest({ request: { a: 1 }, files: fl }, key);
        const i = which % fl.length;
        const h = fl[i]!.sha256;
        const changedHash = h.slice(0, digit) + ((parseInt(h[digit]!, 16) + plus) % 16).toString(16) + h.slice(digit + 1);
        const changed = fl.map((f, j) => (j === i ? { ...f, sha256: changedHash } : f));
        expect(verifySeal(s, { files: changed, publicKeys })).toEqual({ ok: false, reason: 'file_changed' });
        expect(sealCoversFile(s, changed[i]!)).toBe(fl.some((f) => f.role === changed[i]!.role && f.sha256 === changedHash));
      }),
      { numRuns: 500 },
    );
  });
});

describe('sealCoversFile', () => {
  it('tells whether the seal names a file with that role and hash', () => {
    expect(sealCoversFile(seal, { role: 'id_copy', sha256: sha('id copy jpg') })).toBe(true);
    expect(sealCoversFile(seal, { role: 'id_copy', sha256: sha('id copy jpg').toUpperCase() })).toBe(true);
    expect(sealCoversFile(seal, { role: 'signature', sha256: sha('id copy jpg') })).toBe(false);
    expect(sealCoversFile(seal, { role: 'id_copy', sha256: sha('other') })).toBe(false);
  });
});
