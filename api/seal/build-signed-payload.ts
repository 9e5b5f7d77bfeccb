/**
 * Exactly what a seal signs, so that anyone can check a seal with any Ed25519 library:
 *
 *   the UTF-8 bytes of the RFC 8785 canonical JSON of
 *   { "version": 1, "requestSha256": <hex>, "files": [{ "role", "sha256" }...], "keyId": <hex> }
 *   with `files` sorted by role, then sha256 (UTF-16 code unit order), hashes lower-case.
 *
 * For example (keys in canonical order):
 *   {"files":[{"role":"id_copy","sha256":"9f86d0…"}],"keyId":"9c1f0e2a7b3d4c5e","requestSha256":"2c26b4…","version":1}
 *
 * The seal's `algorithm` and `signedAt` are not signed: the algorithm is fixed by `version`, and
 * anything that must be proven (the reference, the time of receipt) belongs in the request
 * document, whose hash is signed.
 */
import { canonicalJson } from './canonical-json.ts';
import type { SealedFile } from './types.ts';

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Files in the order the seal keeps them: by role, then by hash. */
export function sortSealedFiles(files: readonly SealedFile[]): SealedFile[] {
  return files.map((f) => ({ role: f.role, sha256: f.sha256 })).sort((a, b) => byCodeUnits(a.role, b.role) || byCodeUnits(a.sha256, b.sha256));
}

/**
 * The bytes an Ed25519 seal signature is over.
 *
 * @example buildSignedPayload({ requestSha256: 'ab…', files: [], keyId: '9c1f0e2a7b3d4c5e' }).toString()
 *   // '{"files":[],"keyId":"9c1f0e2a7b3d4c5e","requestSha256":"ab…","version":1}'
 */
export function buildSignedPayload(fields: { requestSha256: string; files: readonly SealedFile[]; keyId: string }): Buffer {
  return Buffer.from(canonicalJson({ version: 1, requestSha256: fields.requestSha256, files: sortSealedFiles(fields.files), keyId: fields.keyId }), 'utf8');
}
