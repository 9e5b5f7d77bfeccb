/**
 * A receipt input for tests: a real seal by a fixed test key, real SHA-256 hashes, and a drawn
 * signature made by sharp from an SVG stroke (transparent background, like the signature pad's).
 */
import { createHash, createPrivateKey } from 'node:crypto';
import sharp from 'sharp';
import type { Lang } from '../../../content/schema.ts';
import type { ReceiptInput } from '../../../api/receipts/types.ts';
import { sealKeyFromPrivateKey } from '../../../api/seal/seal-key.ts';
import { sealRequest } from '../../../api/seal/seal-request.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

// A fixed Ed25519 key (RFC 8032 test vector 1 secret), so the seal and the PDF are the same on every run.
const key = sealKeyFromPrivateKey(
  createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex')]), format: 'der', type: 'pkcs8' }),
  'configured',
);

export const FILES = [
  { role: 'id_copy', sha256: sha('id copy jpeg') },
  { role: 'signature', sha256: sha('signature png') },
  { role: 'mandate', sha256: sha('mandate jpeg') },
  { role: 'document', sha256: sha('a document') },
] as const;

export const RECEIVED_AT = Date.parse('2026-04-01T09:30:00Z');

export const seal = sealRequest(
  { request: { reference: 'PR-7K3M-9QXD-4', statement: 'crt', rights: ['access', 'erasure'], receivedAt: new Date(RECEIVED_AT).toISOString() }, files: [...FILES], signedAt: new Date(RECEIVED_AT) },
  key,
);

/** A 600 x 200 pixel transparent PNG with a pen stroke. */
export function signaturePng(): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200">
    <path d="M20 150 C 60 20, 110 20, 120 120 S 180 190, 220 80 S 300 40, 320 130 C 340 190, 400 60, 430 110 S 520 160, 580 60"
      fill="none" stroke="#1a237e" stroke-width="6" stroke-linecap="round"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer().then((b) => new Uint8Array(b));
}

/** A complete receipt input in a language; `overrides` replace fields. */
export function receiptInput(lang: Lang, overrides: Partial<ReceiptInput> = {}): ReceiptInput {
  return {
    lang,
    reference: 'PR-7K3M-9QXD-4',
    receivedAt: RECEIVED_AT,
    statement: 'crt',
    rights: ['access', 'rectification', 'erasure'],
    controllerId: 'ingent',
    routingReason: { code: 'postcodeInArea', postcode: '9000', region: 'ghent', controller: 'ingent' },
    contactPointInformed: true,
    legalDeadline: '2026-05-04',
    extendedDeadline: '2026-07-01',
    internalTarget: '2026-04-29',
    signature: { kind: 'typed', name: 'Olena Kovalenko' },
    signedPlace: 'Gent',
    signedDate: '2026-04-01',
    files: [...FILES],
    seal,
    verifyUrl: `https://privacy.example.be/${lang}/verify/`,
    builtAt: new Date(RECEIVED_AT + 1000),
    ...overrides,
  };
}
