/**
 * The seal of a rights request: the server's Ed25519 signature that it received this request, with
 * these files, as stored. A seal is plain JSON (stored in requests.seal) and can be checked by
 * anyone holding the published public key; build-signed-payload.ts says exactly what is signed.
 */
import type { KeyObject } from 'node:crypto';

/** A file of the request as the seal names it: its role and the SHA-256 (lower-case hex) of its bytes. */
export interface SealedFile {
  role: string;
  sha256: string;
}

export interface Seal {
  version: 1;
  algorithm: 'Ed25519';
  /** Which key signed: the first 16 hex digits of SHA-256 of the raw public key (seal-key.ts). */
  keyId: string;
  /** SHA-256 (hex) of the RFC 8785 canonical JSON of the request document. */
  requestSha256: string;
  /** Sorted by role, then by hash (UTF-16 code unit order). */
  files: SealedFile[];
  /** When the server sealed it (ISO 8601). Informational: NOT covered by the signature. */
  signedAt?: string;
  /** The Ed25519 signature, base64url without padding (86 characters). */
  signature: string;
}

/** The server's signing key with its id. */
export interface SealKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Where it came from: the configuration, an existing key file, or a key file created just now. */
  source: 'configured' | 'file' | 'created';
}

/** Why a seal does not check out. */
export type SealFailure = 'signature' | 'request_changed' | 'file_changed' | 'unknown_key' | 'malformed';

export type SealVerdict = { ok: true } | { ok: false; reason: SealFailure };
