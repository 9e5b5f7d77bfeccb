/** The server's seal over a rights request at intake (see build-signed-payload.ts for what is signed). */
import { sign } from 'node:crypto';
import { buildSignedPayload, sortSealedFiles } from './build-signed-payload.ts';
import { hashRequest } from './hash-request.ts';
import { SealError } from './seal-error.ts';
import type { Seal, SealedFile, SealKey } from './types.ts';

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

export interface SealInput {
  /**
   * The request document as stored: plain JSON data. Put in it what the seal must prove, such as
   * the reference, the statement, the rights and the time of receipt.
   */
  request: object;
  /** The request's files: role and SHA-256 of the stored bytes (hex; upper case is lowered). */
  files: readonly SealedFile[];
  /** When to say it was sealed (from the injected clock); omitted when not given. Not signed. */
  signedAt?: Date;
}

function checkFiles(files: readonly SealedFile[]): SealedFile[] {
  return files.map((f, i) => {
    if (typeof f?.role !== 'string' || f.role.length === 0 || f.role.length > 64) throw new SealError('file_invalid', `files[${i}].role must be a role name of 1 to 64 characters`);
    if (typeof f.sha256 !== 'string' || !SHA256_HEX.test(f.sha256)) throw new SealError('file_invalid', `files[${i}].sha256 must be 64 hexadecimal digits`);
    return { role: f.role, sha256: f.sha256.toLowerCase() };
  });
}

/**
 * Seals a request with the server's key. Throws SealError for a request that is not an object or a
 * malformed file entry, CanonicalJsonError for a request that is not plain JSON data.
 *
 * @example
 *   const seal = sealRequest({ request: { reference: 'PR-7K3M-9QXD-4', receivedAt: '2026-04-01T09:30:00.000Z' },
 *     files: [{ role: 'id_copy', sha256: '9f86d0…' }], signedAt: clock.now() }, key);
 *   // { version: 1, algorithm: 'Ed25519', keyId: '9c1f…', requestSha256: '…', files: [...], signedAt: '2026-04-01T09:30:00.000Z', signature: '…' }
 */
export function sealRequest(input: SealInput, key: SealKey): Seal {
  if (typeof input.request !== 'object' || input.request === null || Array.isArray(input.request)) {
    throw new SealError('request_not_object', 'The request to seal must be a JSON object');
  }
  const files = sortSealedFiles(checkFiles(input.files));
  const requestSha256 = hashRequest(input.request);
  const signature = sign(null, buildSignedPayload({ requestSha256, files, keyId: key.keyId }), key.privateKey).toString('base64url');
  return {
    version: 1,
    algorithm: 'Ed25519',
    keyId: key.keyId,
    requestSha256,
    files,
    ...(input.signedAt ? { signedAt: input.signedAt.toISOString() } : {}),
    signature,
  };
}
