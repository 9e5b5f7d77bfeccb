/**
 * The seal key's public side: its id, and the forms it is published in (PEM, JWK), plus the map
 * of published keys a verifier needs. Retired keys stay published so old seals keep verifying.
 */
import { createHash, createPublicKey, KeyObject, type JsonWebKey } from 'node:crypto';
import type { SealKey } from './types.ts';

/** The 32 raw bytes of an Ed25519 public key (the JWK `x`). */
function rawPublicKey(publicKey: KeyObject): Buffer {
  const x = publicKey.export({ format: 'jwk' }).x;
  if (publicKey.asymmetricKeyType !== 'ed25519' || typeof x !== 'string') throw new TypeError('Not an Ed25519 public key');
  return Buffer.from(x, 'base64url');
}

/**
 * A key's id: the first 16 hex digits (64 bits) of SHA-256 of the raw 32-byte public key. Short
 * enough to print, long enough that two keys of one portal never share it.
 *
 * @example computeKeyId(sealKey.publicKey) // '9c1f0e2a7b3d4c5e'
 */
export function computeKeyId(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 16);
}

/** A SealKey from an Ed25519 private key object. */
export function sealKeyFromPrivateKey(privateKey: KeyObject, source: SealKey['source']): SealKey {
  const publicKey = createPublicKey(privateKey);
  return { keyId: computeKeyId(publicKey), privateKey, publicKey, source };
}

/**
 * The public key as SPKI PEM, for publication next to the verification page.
 *
 * @example exportPublicKeyPem(key) // '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA...\n-----END PUBLIC KEY-----\n'
 */
export function exportPublicKeyPem(key: Pick<SealKey, 'publicKey'>): string {
  return key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** An Ed25519 public JWK (RFC 8037) with its id, as published in a JWK set. */
export interface PublicSealJwk extends JsonWebKey {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/**
 * The public key as a JWK, with `kid` set to the key id.
 *
 * @example exportPublicJwk(key) // { kty: 'OKP', crv: 'Ed25519', x: '11qY...', kid: '9c1f0e2a7b3d4c5e', alg: 'EdDSA', use: 'sig' }
 */
export function exportPublicJwk(key: Pick<SealKey, 'publicKey' | 'keyId'>): PublicSealJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: rawPublicKey(key.publicKey).toString('base64url'), kid: key.keyId, alg: 'EdDSA', use: 'sig' };
}

/**
 * The map verifySeal takes, from published keys (PEM text, JWKs or key objects). Ids are
 * recomputed from the keys, never taken from a JWK's `kid`, so a mislabelled key cannot pose as
 * another.
 *
 * @example verifySeal(seal, { publicKeys: publicKeysById([exportPublicKeyPem(key)]) })
 */
export function publicKeysById(keys: ReadonlyArray<string | JsonWebKey | KeyObject>): Map<string, KeyObject> {
  const map = new Map<string, KeyObject>();
  for (const k of keys) {
    let publicKey: KeyObject;
    if (k instanceof KeyObject) publicKey = k.type === 'public' ? k : createPublicKey(k);
    else if (typeof k === 'string') publicKey = createPublicKey(k);
    else publicKey = createPublicKey({ key: k, format: 'jwk' });
    map.set(computeKeyId(publicKey), publicKey);
  }
  return map;
}
