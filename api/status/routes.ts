/**
 * The requester's side after filing: status (GET /api/requests/status), the receipt PDF,
 * withdrawal, adding a document, confirming the e-mail address, and checking a receipt's seal
 * (POST /api/verify). The status token travels in a header (`Authorization: Bearer …` or
 * `X-Status-Token`; for the receipt download of the answer page without JavaScript, in a form
 * body), never in a URL.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { t } from '../../content/i18n.ts';
import { LANGS, type Lang } from '../../content/schema.ts';
import type { Db } from '../../db/client.ts';
import { requestEvents, requestFiles, requests } from '../../db/schema.ts';
import type { BlobStore } from '../blobs/index.ts';
import { message, pickLang } from '../intake/localize-issues.ts';
import { prefersHtml, problemPage } from '../intake/html-answer.ts';
import { prepareDocumentImage } from '../images/index.ts';
import { clientOf, hitRateLimit } from '../http/rate-limit.ts';
import { hashStatusToken, isStatusTokenShape } from '../requests/status-token.ts';
import { parseReference } from '../requests/reference.ts';
import { parseFingerprint, receiptFingerprint } from '../seal/receipt-fingerprint.ts';
import { verifySeal } from '../seal/verify-seal.ts';
import type { SealKey, Seal } from '../seal/types.ts';
import { describeStatus } from './describe-status.ts';
import type { Cipher } from '../mail/types.ts';
import { findRequestByToken, tokenFromHeaders } from './find-request-by-token.ts';
import { requesterScope } from '../workspace/actions/action-support.ts';
import { applyInformationReceived } from '../workspace/actions/record-information-received.ts';

/**
 * Documents a requester may add to one request on the status page. Enough for any information
 * a DPO asks for; a bound on what one status link can make the portal store (ASVS 12.1.3). The
 * Ukrainian and Russian messages are written for this number (plural forms).
 */
export const MAX_ADDED_DOCUMENTS = 20;

export interface StatusDeps {
  db: Db;
  blobs: BlobStore;
  sealKey: SealKey;
  now: () => number;
  rateSecret: Uint8Array;
  cipher: Cipher;
}

const OPEN = ['received', 'awaiting_information', 'in_progress'] as const;

export function statusRoutes(d: StatusDeps) {
  const app = new Hono();
  // ?lang= when it names a language; else the request's own language; else Accept-Language.
  const langOf = (c: Context, fallback?: Lang) => {
    const asked = c.req.query('lang');
    return pickLang(asked && (LANGS as readonly string[]).includes(asked) ? asked : fallback, c.req.header('accept-language'));
  };

  // Status look-ups are rate limited: a token cannot be guessed, but trying should cost.
  app.use('/requests/status/*', async (c, next) => {
    if (!(await hitRateLimit(d.db, { scope: 'status', client: clientOf(c, d.rateSecret), limit: 300, windowMs: 3_600_000, now: d.now() }))) {
      return c.json({ error: { code: 'form.error.rateLimited', message: message(langOf(c), 'form.error.rateLimited') } }, 429);
    }
    await next();
  });

  const withRequest = async (c: Context) => {
    const r = await findRequestByToken(d.db, tokenFromHeaders((n) => c.req.header(n)));
    if (!r) return { error: c.json({ error: { code: 'status.error.token', message: message(langOf(c), 'status.error.token') } }, 401) };
    return { r };
  };

  app.get('/requests/status', async (c) => {
    const { r, error } = await withRequest(c);
    if (error) return error;
    c.header('cache-control', 'no-store');
    return c.json(await describeStatus(d.db, r, langOf(c, r.lang), d));
  });

  const sendReceipt = async (c: Context, r: typeof requests.$inferSelect) => {
    const f = await d.db.select().from(requestFiles).where(and(eq(requestFiles.requestId, r.id), eq(requestFiles.role, 'receipt'), isNull(requestFiles.deletedAt))).get();
    if (!f) return c.json({ error: { code: 'not_found' } }, 404);
    const bytes = await d.blobs.get(f.blobId, f.sha256);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="receipt-${r.reference}.pdf"`,
      'cache-control': 'no-store',
    });
  };

  app.get('/requests/status/receipt', async (c) => {
    const { r, error } = await withRequest(c);
    if (error) return error;
    return sendReceipt(c, r);
  });

  // The same receipt for a plain HTML form (the intake's answer page without JavaScript): the
  // token comes in the form body, never in the URL.
  app.post('/requests/status/receipt', bodyLimit({ maxSize: 8 * 1024, onError: (c) => c.json({ error: { code: 'form.error.malformed' } }, 413) }), async (c) => {
    let token: string | null = null;
    try {
      const body = await c.req.parseBody();
      token = typeof body.token === 'string' ? body.token.trim() : null;
    } catch {
      token = null;
    }
    const r = isStatusTokenShape(token) ? await findRequestByToken(d.db, token) : null;
    if (!r) {
      const lang = langOf(c);
      const text = message(lang, 'status.error.token');
      if (prefersHtml(c.req.header('accept'))) return c.html(problemPage(lang, text, [], { backToForm: false }), 401, { 'cache-control': 'no-store' });
      return c.json({ error: { code: 'status.error.token', message: text } }, 401);
    }
    return sendReceipt(c, r);
  });

  app.post('/requests/status/withdraw', async (c) => {
    const { r, error } = await withRequest(c);
    if (error) return error;
    const now = d.now();
    const done = await d.db.transaction(async (tx) => {
      const changed = await tx
        .update(requests)
        .set({ state: 'withdrawn', closedAt: new Date(now) })
        .where(and(eq(requests.id, r.id), sql`${requests.state} IN ('received', 'awaiting_information', 'in_progress')`))
        .returning({ id: requests.id });
      if (changed.length === 0) return false;
      await tx.insert(requestEvents).values({ requestId: r.id, type: 'withdrawn', at: new Date(now), actor: 'requester', payload: {} });
      return true;
    });
    if (!done) return c.json({ error: { code: 'status.error.alreadyClosed', message: message(langOf(c, r.lang), 'status.error.alreadyClosed') } }, 409);
    return c.json(await describeStatus(d.db, { ...r, state: 'withdrawn' }, langOf(c, r.lang), d));
  });

  /** Documents with role 'document' of a request (read in `q`: the database, or a transaction). */
  const documentsOf = async (q: Pick<Db, 'select'>, requestId: string) =>
    (await q.select({ n: sql<number>`count(*)` }).from(requestFiles).where(and(eq(requestFiles.requestId, requestId), eq(requestFiles.role, 'document'))).get())?.n ?? 0;
  const tooMany = (c: Context, lang: Lang) =>
    c.json({ error: { code: 'status.error.tooManyDocuments', message: message(lang, 'status.error.tooManyDocuments', { max: MAX_ADDED_DOCUMENTS }) } }, 409);

  app.post('/requests/status/documents', bodyLimit({ maxSize: 11 * 1024 * 1024, onError: (c) => c.json({ error: { code: 'form.error.file.too_large', message: message(langOf(c), 'form.error.file.too_large') } }, 413) }), async (c) => {
    const { r, error } = await withRequest(c);
    if (error) return error;
    const lang = langOf(c, r.lang);
    if (!(OPEN as readonly string[]).includes(r.state)) return c.json({ error: { code: 'status.error.alreadyClosed', message: message(lang, 'status.error.alreadyClosed') } }, 409);
    if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) return c.json({ error: { code: 'form.error.contentType', message: message(lang, 'form.error.contentType') } }, 415);
    if ((await documentsOf(d.db, r.id)) >= MAX_ADDED_DOCUMENTS) return tooMany(c, lang);
    let file: File | string | null;
    try {
      file = (await c.req.raw.formData()).get('document');
    } catch {
      return c.json({ error: { code: 'form.error.malformed', message: message(lang, 'form.error.malformed') } }, 400);
    }
    if (!file || typeof file === 'string') return c.json({ error: { code: 'invalid', issues: [{ path: 'document', code: 'form.error.file.unsupported_type', message: message(lang, 'form.error.file.unsupported_type') }] } }, 422);
    const prepared = await prepareDocumentImage(new Uint8Array(await file.arrayBuffer()), { format: 'jpeg' });
    if (!prepared.ok) {
      const code = `form.error.file.${prepared.refusal.code}`;
      return c.json({ error: { code: 'invalid', issues: [{ path: 'document', code, message: message(lang, code) }] } }, 422);
    }
    const now = d.now();
    const blob = await d.blobs.put(prepared.bytes);
    let added: boolean;
    try {
      added = await d.db.transaction(async (tx) => {
        // Counted again where it counts: two uploads at once cannot both take the last place.
        if ((await documentsOf(tx, r.id)) >= MAX_ADDED_DOCUMENTS) return false;
        await tx.insert(requestFiles).values({ id: randomUUID(), requestId: r.id, role: 'document', blobId: blob.id, sha256: blob.sha256, size: blob.size, mime: prepared.mime, createdAt: new Date(now) });
        await tx.insert(requestEvents).values({ requestId: r.id, type: 'document_added', at: new Date(now), actor: 'requester', payload: { sha256: blob.sha256 } });
        // The document is the information the DPO asked for: recorded as the DPO's action would.
        if (r.state === 'awaiting_information') await applyInformationReceived(tx, { cipher: d.cipher, now }, r, { kind: 'requester' }, requesterScope(r));
        return true;
      });
    } catch (err) {
      await d.blobs.delete(blob.id);
      throw err;
    }
    if (!added) {
      await d.blobs.delete(blob.id);
      return tooMany(c, lang);
    }
    // Read again: the document may have moved the request on (information received).
    const fresh = (await d.db.select().from(requests).where(eq(requests.id, r.id)).get()) ?? r;
    return c.json({ sha256: blob.sha256, status: await describeStatus(d.db, fresh, lang, d) }, 201);
  });

  // The link in the confirmation e-mail: a GET a person opens, answered with a short page.
  app.get('/requests/confirm-email', async (c) => {
    const token = c.req.query('token') ?? '';
    const lang = langOf(c);
    const page = (status: 200 | 400, text: string, l: Lang) =>
      c.html(`<!doctype html><html lang="${l}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text}</title></head><body><main><p>${text}</p></main></body></html>`, status, { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    if (!isStatusTokenShape(token)) return page(400, t(lang, 'status.error.token'), lang);
    const r = await d.db.select().from(requests).where(eq(requests.emailConfirmTokenHash, hashStatusToken(token))).get();
    if (!r) return page(400, t(lang, 'status.error.token'), lang);
    if (r.emailConfirmedAt === null) {
      const now = d.now();
      await d.db.transaction(async (tx) => {
        await tx.update(requests).set({ emailConfirmedAt: new Date(now) }).where(eq(requests.id, r.id));
        await tx.insert(requestEvents).values({ requestId: r.id, type: 'email_confirmed', at: new Date(now), actor: 'requester', payload: {} });
      });
    }
    return page(200, t(r.lang, 'status.event.email_confirmed'), r.lang);
  });

  // Anyone holding a receipt can check it: the reference plus the receipt PDF, its SHA-256, or
  // the check code printed on it.
  app.post('/verify', bodyLimit({ maxSize: 2 * 1024 * 1024, onError: (c) => c.json({ error: { code: 'too_large' } }, 413) }), async (c) => {
    const lang = langOf(c);
    let reference = '';
    let receiptHash: string | null = null;
    let fingerprint: string | null = null;
    const type = c.req.header('content-type') ?? '';
    try {
      if (/^multipart\/form-data/i.test(type)) {
        const form = await c.req.raw.formData();
        reference = String(form.get('reference') ?? '');
        const f = form.get('receipt');
        if (f && typeof f !== 'string') receiptHash = createHash('sha256').update(new Uint8Array(await f.arrayBuffer())).digest('hex');
        fingerprint = parseFingerprint(String(form.get('fingerprint') ?? ''));
        const h = String(form.get('receiptSha256') ?? '');
        if (/^[0-9a-f]{64}$/i.test(h)) receiptHash = h.toLowerCase();
      } else if (/^application\/json/i.test(type)) {
        const body = (await c.req.json()) as Record<string, unknown>;
        reference = String(body.reference ?? '');
        if (typeof body.receiptSha256 === 'string' && /^[0-9a-f]{64}$/i.test(body.receiptSha256)) receiptHash = body.receiptSha256.toLowerCase();
        if (typeof body.fingerprint === 'string') fingerprint = parseFingerprint(body.fingerprint);
      } else {
        return c.json({ error: { code: 'form.error.contentType', message: message(lang, 'form.error.contentType') } }, 415);
      }
    } catch {
      return c.json({ error: { code: 'form.error.malformed', message: message(lang, 'form.error.malformed') } }, 400);
    }
    const ref = parseReference(reference);
    if (!ref.ok || (!receiptHash && !fingerprint)) return c.json({ error: { code: 'form.error.malformed', message: message(lang, 'form.error.malformed') } }, 422);
    const r = await d.db.select().from(requests).where(eq(requests.reference, ref.reference)).get();
    if (!r) return c.json({ valid: false, reason: 'unknown', message: t(lang, 'verify.unknown') }, 404);
    const seal = r.seal as Seal;
    const receipt = await d.db.select().from(requestFiles).where(and(eq(requestFiles.requestId, r.id), eq(requestFiles.role, 'receipt'))).get();
    const signatureOk = verifySeal(seal, { publicKeys: new Map([[d.sealKey.keyId, d.sealKey.publicKey]]) }).ok;
    const matches = receiptHash ? receipt?.sha256 === receiptHash : fingerprint === receiptFingerprint(seal);
    const valid = signatureOk && matches;
    return c.json({ valid, reference: r.reference, message: t(lang, valid ? 'verify.ok' : 'verify.failed', { reference: r.reference }) });
  });

  return app;
}
