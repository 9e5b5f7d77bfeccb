/**
 * Whether a request is still what the intake sealed: the seal's signature with the server's
 * public key, the request document rebuilt from the stored row and its decrypted personal data,
 * and every sealed file hash against the request_files rows (deleted files keep their row and
 * hash, so an ID copy deleted after the identity check still counts). A file row of a sealed
 * role whose hash the seal does not name breaks it too: the database was changed.
 *
 * The document rebuilt here comes from the same function the intake and the workspace's
 * registration seal with (api/seal/sealed-request-document.ts), with the first controller.
 * Once anonymised, the personal data are gone: then only the signature and the files are checked.
 *
 * @example
 *   checkRequestSeal({ request, personal, files }, services.sealKey)
 *   // { ok: true, documentChecked: true } or { ok: false, reason: 'file_changed', role: 'id_copy' }
 */
import type { KeyObject } from 'node:crypto';
import type { PersonalData } from '../intake/create-request.ts';
import type { RoutingRecord } from '../routing/types.ts';
import type { SealFailure } from '../seal/types.ts';
import { sealedRequestDocument } from '../seal/sealed-request-document.ts';
import { sealSchema, verifySeal } from '../seal/verify-seal.ts';
import type { RequestRow } from './request-scope.ts';

export type RequestSealCheck = { ok: true; documentChecked: boolean } | { ok: false; reason: SealFailure; role?: string };

/** The roles the intake seals; a row of one of these must be in the seal. */
const INTAKE_ROLES = new Set(['id_copy', 'signature', 'mandate']);

/** The controller the request first reached: the one the intake sealed. */
function firstController(request: Pick<RequestRow, 'controllerId' | 'routing'>): string {
  const routing = request.routing as Partial<RoutingRecord> | null;
  return routing?.transfers?.[0]?.from ?? routing?.controller ?? request.controllerId;
}

export function checkRequestSeal(
  input: { request: RequestRow; personal: PersonalData | null; files: readonly { role: string; sha256: string }[] },
  sealKey: { keyId: string; publicKey: KeyObject },
): RequestSealCheck {
  const { request, personal } = input;
  const publicKeys = new Map([[sealKey.keyId, sealKey.publicKey]]);
  const document =
    personal === null
      ? undefined
      : sealedRequestDocument({
          reference: request.reference,
          receivedAt: request.receivedAt.getTime(),
          channel: request.channel,
          statement: request.statement,
          rights: request.rights,
          lang: request.lang,
          controller: firstController(request),
          personal,
        });
  const verdict = verifySeal(request.seal, { request: document, publicKeys });
  if (!verdict.ok) return verdict;
  const seal = sealSchema.parse(request.seal);
  for (const sealed of seal.files) {
    if (!input.files.some((f) => f.role === sealed.role && f.sha256.toLowerCase() === sealed.sha256)) return { ok: false, reason: 'file_changed', role: sealed.role };
  }
  const sealedRoles = new Set([...INTAKE_ROLES, ...seal.files.map((f) => f.role)]);
  for (const f of input.files) {
    if (sealedRoles.has(f.role) && !seal.files.some((s) => s.role === f.role && s.sha256 === f.sha256.toLowerCase())) return { ok: false, reason: 'file_changed', role: f.role };
  }
  return { ok: true, documentChecked: document !== undefined };
}
