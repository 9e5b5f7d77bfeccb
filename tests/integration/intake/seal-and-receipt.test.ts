// The seal over a filed request: it verifies with the server's public key, and fails with the
// right reason when its signature, a file hash or the request changes; POST /api/verify checks a
// receipt by its bytes or its fingerprint; the receipt PDF reads back with the reference, the
// fingerprint and the deadline in the requester's language.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, t as tr } from '../../../content/i18n.ts';
import type { Lang } from '../../../content/schema.ts';
import { receiptFingerprint } from '../../../api/seal/receipt-fingerprint.ts';
import type { Seal } from '../../../api/seal/types.ts';
import { verifySeal } from '../../../api/seal/verify-seal.ts';
import { pdftotext } from '../../support/pdf-tools.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { fileRequest, filesOf, personalOf, requestRow, withStatusToken, type Created } from './support.ts';

let t: TestApp;
let created: Created;
let row: Awaited<ReturnType<typeof requestRow>>;
let receipt: Uint8Array;

beforeAll(async () => {
  t = await createTestApp();
  created = await fileRequest(t, { lang: 'fr' });
  row = await requestRow(t, created.reference);
  const res = await t.app.request('/api/requests/status/receipt', { headers: withStatusToken(created.statusToken) });
  expect(res.status).toBe(200);
  receipt = new Uint8Array(await res.arrayBuffer());
});
afterAll(async () => {
  await t.close();
});

const keys = () => new Map([[t.services.sealKey.keyId, t.services.sealKey.publicKey]]);
const flipByte = (b64: string, at: number) => {
  const bytes = Buffer.from(b64, 'base64url');
  bytes[at] = bytes[at]! ^ 0x01;
  return bytes.toString('base64url');
};

describe('the seal in the database', () => {
  it('verifies with the server public key', () => {
    expect(verifySeal(row.seal, { publicKeys: keys() })).toEqual({ ok: true });
    const seal = row.seal as Seal;
    expect(seal.keyId).toBe(t.services.sealKey.keyId);
    expect(seal.signedAt).toBe('2026-03-31T23:30:00.000Z');
    expect(receiptFingerprint(seal)).toBe(created.fingerprint);
  });

  it('covers the stored request: the document rebuilt from the row and the decrypted personal data, and the files as stored', async () => {
    const seal = row.seal as Seal;
    const document = {
      reference: row.reference,
      receivedAt: row.receivedAt.toISOString(),
      statement: row.statement,
      rights: row.rights,
      lang: row.lang,
      controller: row.controllerId,
      personal: personalOf(t, row),
    };
    const files = (await filesOf(t, row.id)).filter((f) => f.role !== 'receipt');
    for (const f of files) {
      const bytes = await t.services.blobs.get(f.blobId, f.sha256);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
    }
    const sealedFiles = files.map((f) => ({ role: f.role, sha256: f.sha256 }));
    expect(verifySeal(seal, { publicKeys: keys(), request: document, files: sealedFiles })).toEqual({ ok: true });
    expect(verifySeal(seal, { publicKeys: keys(), request: { ...document, rights: ['access'] }, files: sealedFiles })).toEqual({ ok: false, reason: 'request_changed' });
    expect(verifySeal(seal, { publicKeys: keys(), request: { ...document, personal: { ...document.personal, email: 'someone@else.example' } } })).toEqual({ ok: false, reason: 'request_changed' });
  });

  it('one byte of the signature changed: fails on the signature', () => {
    const seal = row.seal as Seal;
    expect(verifySeal({ ...seal, signature: flipByte(seal.signature, 10) }, { publicKeys: keys() })).toEqual({ ok: false, reason: 'signature' });
  });

  it('one file hash changed in the seal: fails on the signature (the hashes are signed)', () => {
    const seal = row.seal as Seal;
    const files = seal.files.map((f, i) => (i === 0 ? { ...f, sha256: (f.sha256[0] === '0' ? '1' : '0') + f.sha256.slice(1) } : f));
    expect(verifySeal({ ...seal, files }, { publicKeys: keys() })).toEqual({ ok: false, reason: 'signature' });
  });

  it('one file hash different from the sealed one: fails as file_changed', () => {
    const seal = row.seal as Seal;
    const files = seal.files.map((f, i) => (i === 0 ? { ...f, sha256: createHash('sha256').update('another image').digest('hex') } : f));
    expect(verifySeal(seal, { publicKeys: keys(), files })).toEqual({ ok: false, reason: 'file_changed' });
  });

  it('another key: unknown_key; another seal shape: malformed', () => {
    const seal = row.seal as Seal;
    expect(verifySeal(seal, { publicKeys: new Map() })).toEqual({ ok: false, reason: 'unknown_key' });
    expect(verifySeal({ ...seal, extra: 1 }, { publicKeys: keys() })).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('POST /api/verify', () => {
  async function verify(fields: Record<string, string | Uint8Array>, lang = 'fr') {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v === 'string') form.append(k, v);
      else form.append(k, new Blob([new Uint8Array(v)]), 'receipt.pdf');
    }
    const res = await t.app.request(`/api/verify?lang=${lang}`, { method: 'POST', body: form });
    return { status: res.status, body: (await res.json()) as { valid?: boolean; reference?: string; message?: string; error?: { code: string } } };
  }

  it('the reference and the receipt PDF: valid', async () => {
    const r = await verify({ reference: created.reference, receipt });
    expect(r).toEqual({ status: 200, body: { valid: true, reference: created.reference, message: tr('fr', 'verify.ok', { reference: created.reference }) } });
  });

  it('the reference as a person types it (lower case, spaces) and the receipt: valid', async () => {
    const r = await verify({ reference: created.reference.toLowerCase().replace(/-/g, ' '), receipt });
    expect(r.body.valid).toBe(true);
  });

  it('the receipt changed by one byte: not valid', async () => {
    const changed = new Uint8Array(receipt);
    const at = Math.floor(changed.length / 2);
    changed[at] = changed[at]! ^ 0x20;
    const r = await verify({ reference: created.reference, receipt: changed });
    expect(r).toEqual({ status: 200, body: { valid: false, reference: created.reference, message: tr('fr', 'verify.failed', { reference: created.reference }) } });
  });

  it('the fingerprint, as printed or as typed: valid; another fingerprint: not valid', async () => {
    expect((await verify({ reference: created.reference, fingerprint: created.fingerprint })).body.valid).toBe(true);
    expect((await verify({ reference: created.reference, fingerprint: created.fingerprint.toLowerCase().replace(/-/g, ' ') })).body.valid).toBe(true);
    const other = created.fingerprint.startsWith('0') ? `1${created.fingerprint.slice(1)}` : `0${created.fingerprint.slice(1)}`;
    expect((await verify({ reference: created.reference, fingerprint: other })).body.valid).toBe(false);
  });

  it('JSON with the receipt SHA-256: valid', async () => {
    const res = await t.app.request('/api/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ reference: created.reference, receiptSha256: createHash('sha256').update(receipt).digest('hex') }),
    });
    expect(await res.json()).toEqual({ valid: true, reference: created.reference, message: tr('en', 'verify.ok', { reference: created.reference }) });
  });

  it('another content type: 415; broken JSON: 400; a body over 2 MB: 413', async () => {
    const send = (body: BodyInit, type: string) => t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': type }, body });
    expect((await send('reference=x', 'text/plain')).status).toBe(415);
    expect((await send('{"reference": ', 'application/json')).status).toBe(400);
    const big = new FormData();
    big.append('reference', created.reference);
    big.append('receipt', new Blob([new Uint8Array(3 * 1024 * 1024)]), 'receipt.pdf');
    expect((await t.app.request('/api/verify', { method: 'POST', body: big })).status).toBe(413);
  });

  it('an unknown reference: 404; a reference with a typo: 422; nothing to check against: 422', async () => {
    expect((await verify({ reference: 'PR-0000-0000-0', receipt })).status).toBe(404);
    const typo = created.reference.slice(0, -1) + (created.reference.endsWith('0') ? '1' : '0');
    expect((await verify({ reference: typo, receipt })).status).toBe(422);
    expect((await verify({ reference: created.reference })).status).toBe(422);
  });
});

describe('the receipt PDF', () => {
  it('is the stored receipt, behind the status token', async () => {
    const files = await filesOf(t, row.id);
    const stored = files.find((f) => f.role === 'receipt')!;
    expect(stored.mime).toBe('application/pdf');
    expect(createHash('sha256').update(receipt).digest('hex')).toBe(stored.sha256);
    expect(Buffer.from(receipt.subarray(0, 5)).toString()).toBe('%PDF-');
    expect((await t.app.request('/api/requests/status/receipt')).status).toBe(401);
    expect((await t.app.request('/api/requests/status/receipt', { headers: withStatusToken('A'.repeat(43)) })).status).toBe(401);
  });

  it.each(['fr', 'nl', 'ru'] as Lang[])('%s: pdftotext reads the reference, the fingerprint and the deadline as formatDate writes it', async (lang) => {
    const c = lang === 'fr' ? created : await fileRequest(t, { lang });
    const res = await t.app.request('/api/requests/status/receipt', { headers: withStatusToken(c.statusToken) });
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="receipt-${c.reference}.pdf"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = pdftotext(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain(c.reference);
    expect(text).toContain(c.fingerprint);
    expect(text.replace(/\s+/g, ' ')).toContain(formatDate(lang, c.legalDeadline));
    expect(text.replace(/\s+/g, ' ')).toContain(formatDate(lang, c.internalTarget!));
    // The person's own data beyond the signature is not on it.
    expect(text).not.toContain('olena@example.org');
    expect(text).not.toContain('+32 470 12 34 56');
  });
});
