/**
 * Checks a seal: from the database, or pasted by anyone into the verification page. The seal is
 * untrusted input, so its shape is checked first and nothing in it is believed before the
 * signature is.
 */
import { verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { buildSignedPayload, sortSealedFiles } from './build-signed-payload.ts';
import { hashRequest } from './hash-request.ts';
import type { Seal, SealedFile, SealVerdict } from './types.ts';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** The shape of a version 1 seal. Strict: a field the signature does not know about is refused. */
export const sealSchema = z.strictObject({
  version: z.literal(1),
  algorithm: z.literal('Ed25519'),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  requestSha256: hex64,
  files: z.array(z.strictObject({ role: z.string().min(1).max(64), sha256: hex64 })),
  signedAt: z.iso.datetime().optional(),
  // 64 bytes in base64url without padding: 86 characters, the last with 4 zero bits.
  signature: z.string().regex(/^[A-Za-z0-9_-]{85}[AQgw]$/),
});

export interface VerifySealOptions {
  /** The request document, to check it is the one sealed. */
  request?: unknown;
  /** All the request's files (role and hash), to check they are the ones sealed. */
  files?: readonly SealedFile[];
  /** Published public keys by key id (seal-key.ts publicKeysById), retired ones included. */
  publicKeys: ReadonlyMap<string, KeyObject>;
}

function sameFiles(given: readonly SealedFile[], sealed: readonly SealedFile[]): boolean {
  if (given.length !== sealed.length) return false;
  const a = sortSealedFiles(given.map((f) => ({ role: f.role, sha256: typeof f.sha256 === 'string' ? f.sha256.toLowerCase() : f.sha256 })));
  return a.every((f, i) => f.role === sealed[i]!.role && f.sha256 === sealed[i]!.sha256);
}

/**
 * Verifies a seal, in this order: its shape (`malformed`), its key (`unknown_key`), its signature
 * (`signature`), then, when given, the request (`request_changed`) and the files
 * (`file_changed`). `files` is compared as a whole: pass every file of the request, or none
 * (after the ID copy is deleted, check the signature and the request only, or use sealCoversFile).
 *
 * @example verifySeal(seal, { request, files, publicKeys }) // { ok: true }
 * @example verifySeal({ ...seal, requestSha256: '0'.repeat(64) }, { publicKeys }) // { ok: false, reason: 'signature' }
 */
export function verifySeal(seal: unknown, options: VerifySealOptions): SealVerdict {
  const parsed = sealSchema.safeParse(seal);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const s = parsed.data;
  const publicKey = options.publicKeys.get(s.keyId);
  if (!publicKey) return { ok: false, reason: 'unknown_key' };
  let valid: boolean;
  try {
    valid = verify(null, buildSignedPayload(s), publicKey, Buffer.from(s.signature, 'base64url'));
  } catch {
    valid = false; // not an Ed25519 key under that id
  }
  if (!valid) return { ok: false, reason: 'signature' };
  if (options.request !== undefined) {
    let hash: string | null;
    try {
      hash = hashRequest(options.request);
    } catch {
      hash = null; // not JSON data, so not what was sealed
    }
    if (hash !== s.requestSha256) return { ok: false, reason: 'request_changed' };
  }
  if (options.files !== undefined && !sameFiles(options.files, sortSealedFiles(s.files))) return { ok: false, reason: 'file_changed' };
  return { ok: true };
}

/**
 * Whether a seal names this file (same role, same hash). Check the seal with verifySeal first: this
 * only reads it.
 *
 * @example sealCoversFile(seal, { role: 'answer', sha256: sha256Hex(pdfBytes) }) // true
 */
export function sealCoversFile(seal: Pick<Seal, 'files'>, file: SealedFile): boolean {
  const sha256 = file.sha256.toLowerCase();
  return seal.files.some((f) => f.role === file.role && f.sha256 === sha256);
}
