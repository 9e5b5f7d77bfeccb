/**
 * POST /api/requests — file a rights request (multipart/form-data). Thin: limits and content
 * type first, then parse, then the domain operation (create-request.ts). Answers 201 with the
 * reference and the secret status token, 422 with one problem per field, 413 for a body over the
 * limit, 415 for another content type, 429 when a client sends too many, 503 when storage is
 * busy or unavailable (nothing stored: the form can simply send again). A browser posting the
 * form without JavaScript (Accept prefers text/html) gets each answer as a page instead.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import { BlobStoreUnavailableError } from '../blobs/index.ts';
import { warmReceiptThread } from '../receipts/render-receipt-off-thread.ts';
import { clientOf, hitRateLimit } from '../http/rate-limit.ts';
import { createRequest, type IntakeDeps } from './create-request.ts';
import { createdPage, prefersHtml, problemPage } from './html-answer.ts';
import { localizeIssues, message, pickLang } from './localize-issues.ts';
import { parseSubmission } from './parse-submission.ts';
import { LIMITS } from './submission-schema.ts';

export interface IntakeRouteDeps extends IntakeDeps {
  logger: Logger;
  rateSecret: Uint8Array;
  limits?: { submissionsPerHour: number };
}

/** SQLITE_BUSY and friends: another writer holds the database longer than the busy timeout. */
export function isBusy(err: unknown): boolean {
  const text = `${(err as { code?: string }).code ?? ''} ${(err as Error).message ?? ''} ${(err as { cause?: Error }).cause?.message ?? ''}`;
  return /SQLITE_BUSY|database is locked|SQLITE_LOCKED/i.test(text);
}

export function intakeRoutes(d: IntakeRouteDeps) {
  // The receipt worker loads while the server starts, not during the first submissions.
  warmReceiptThread();
  const app = new Hono();
  // A browser posting the form without JavaScript gets a page (html-answer.ts); fetch() gets JSON.
  const fail = (c: Context, status: 400 | 413 | 415 | 422 | 429 | 503, code: string, lang: ReturnType<typeof pickLang>, issues?: ReturnType<typeof localizeIssues>) =>
    prefersHtml(c.req.header('accept'))
      ? c.html(problemPage(lang, message(lang, code), issues), status, { 'cache-control': 'no-store' })
      : c.json({ error: { code, message: message(lang, code), ...(issues ? { issues } : {}) } }, status);
  // Before the body is read, the language is the form's ?lang= (its action says it), else Accept-Language.
  const langOf = (c: Context) => pickLang(c.req.query('lang'), c.req.header('accept-language'));

  app.post(
    '/requests',
    async (c, next) => {
      const lang = langOf(c);
      // The boundary may follow other parameters: `multipart/form-data; charset=utf-8; boundary=…`.
      if (!/^multipart\/form-data\s*;(?:[^;]*;)*\s*boundary=/i.test(c.req.header('content-type') ?? '')) return fail(c, 415, 'form.error.contentType', lang);
      let allowed: boolean;
      try {
        allowed = await hitRateLimit(d.db, { scope: 'submit', client: clientOf(c, d.rateSecret), limit: d.limits?.submissionsPerHour ?? 20, windowMs: 3_600_000, now: d.now() });
      } catch (err) {
        // The counter is the first write: a database held by another writer is busy here too.
        if (!isBusy(err)) throw err;
        d.logger.warn({ event: 'intake_unavailable', reason: 'database_busy' }, 'request not stored');
        c.header('retry-after', '30');
        return fail(c, 503, 'form.error.busy', lang);
      }
      if (!allowed) return fail(c, 429, 'form.error.rateLimited', lang);
      await next();
    },
    bodyLimit({ maxSize: LIMITS.bodyBytes, onError: (c) => fail(c, 413, 'form.error.bodyTooLarge', langOf(c)) }),
    async (c) => {
      const acceptLanguage = c.req.header('accept-language');
      let form: FormData;
      try {
        form = await c.req.raw.formData();
      } catch {
        return fail(c, 400, 'form.error.malformed', langOf(c));
      }
      const parsed = await parseSubmission(form, d.now());
      if (!parsed.ok) {
        const lang = pickLang(parsed.lang ?? c.req.query('lang'), acceptLanguage);
        return fail(c, 422, 'form.error.summary', lang, localizeIssues(lang, parsed.issues));
      }
      const headerKey = c.req.header('idempotency-key');
      const submission = headerKey && !parsed.data.idempotencyKey ? { ...parsed.data, idempotencyKey: headerKey } : parsed.data;
      if (submission.idempotencyKey && !/^[A-Za-z0-9_-]{16,128}$/.test(submission.idempotencyKey)) {
        return fail(c, 422, 'form.error.summary', submission.lang, localizeIssues(submission.lang, [{ path: 'idempotencyKey', code: 'form.error.malformed' }]));
      }
      try {
        const r = await createRequest(submission, parsed.files, d);
        if (!r.ok) return fail(c, 422, 'form.error.summary', submission.lang, localizeIssues(submission.lang, r.issues));
        d.logger.info({ event: 'request_created', replayed: r.replayed, controller: r.response.controller.id }, 'request filed');
        if (prefersHtml(c.req.header('accept'))) return c.html(createdPage(submission.lang, r.response), r.replayed ? 200 : 201, { 'cache-control': 'no-store' });
        return c.json(r.response, r.replayed ? 200 : 201);
      } catch (err) {
        if (err instanceof BlobStoreUnavailableError || isBusy(err)) {
          d.logger.warn({ event: 'intake_unavailable', reason: err instanceof BlobStoreUnavailableError ? 'blobs' : 'database_busy' }, 'request not stored');
          c.header('retry-after', '30');
          return fail(c, 503, 'form.error.busy', submission.lang);
        }
        throw err;
      }
    },
  );
  return app;
}
