/**
 * GET /api/requests/answers/:fileId?expires=…&sig=… — an answer document, through the signed
 * link the status page got with the status (api/status/answer-link.ts). The status token is not
 * in the address: the link opens one file, for a short while. A genuine link that has expired
 * answers 410 with what to do (reload the status page); anything else that does not open a
 * current answer file (changed id, expiry or signature, a deleted file) answers 404. Nothing is
 * written on download.
 *
 * @example
 *   api.route('/', answerRoutes({ db, ...services }));
 */
import { and, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { LANGS, type Lang } from '../../content/schema.ts';
import type { Db } from '../../db/client.ts';
import { requestFiles, requests } from '../../db/schema.ts';
import { BlobNotFoundError, type BlobStore } from '../blobs/index.ts';
import { clientOf, hitRateLimit } from '../http/rate-limit.ts';
import { prefersHtml, problemPage } from '../intake/html-answer.ts';
import { message, pickLang } from '../intake/localize-issues.ts';
import { answerLinkKey, checkAnswerLink } from './answer-link.ts';
import { answerFileName, listAnswerFiles } from './list-answer-files.ts';

export interface AnswerRouteDeps {
  db: Db;
  blobs: BlobStore;
  now: () => number;
  rateSecret: Uint8Array;
}

const FILE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

export function answerRoutes(d: AnswerRouteDeps) {
  const app = new Hono();
  const key = answerLinkKey(d.rateSecret);
  const langOf = (c: Context, fallback?: Lang) => {
    const asked = c.req.query('lang');
    return pickLang(asked && (LANGS as readonly string[]).includes(asked) ? asked : fallback, c.req.header('accept-language'));
  };
  const refuse = (c: Context, status: 404 | 410 | 429, code: string, lang: Lang) => {
    const text = message(lang, code);
    const headers = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };
    if (prefersHtml(c.req.header('accept'))) return c.html(problemPage(lang, text, [], { backToForm: false }), status, headers);
    return c.json({ error: { code, message: text } }, status, headers);
  };

  app.get('/requests/answers/:fileId', async (c) => {
    // Like the status look-ups: a signature cannot be guessed, but trying should cost.
    if (!(await hitRateLimit(d.db, { scope: 'status', client: clientOf(c, d.rateSecret), limit: 300, windowMs: 3_600_000, now: d.now() }))) {
      return refuse(c, 429, 'form.error.rateLimited', langOf(c));
    }
    const fileId = c.req.param('fileId');
    const row = FILE_ID.test(fileId)
      ? await d.db
          .select({ file: requestFiles, reference: requests.reference, lang: requests.lang })
          .from(requestFiles)
          .innerJoin(requests, eq(requests.id, requestFiles.requestId))
          .where(and(eq(requestFiles.id, fileId), eq(requestFiles.role, 'answer')))
          .get()
      : undefined;
    const check = row ? checkAnswerLink(key, { fileId, requestId: row.file.requestId }, { expires: c.req.query('expires'), sig: c.req.query('sig') }, d.now()) : 'invalid';
    if (!row || check === 'invalid' || row.file.deletedAt !== null) return refuse(c, 404, 'status.answers.notFound', langOf(c, row?.lang));
    if (check === 'expired') return refuse(c, 410, 'status.answers.expired', langOf(c, row.lang));

    const f = row.file;
    const index = (await listAnswerFiles(d.db, f.requestId)).findIndex((s) => s.id === f.id);
    let bytes: Buffer;
    try {
      bytes = await d.blobs.get(f.blobId, f.sha256);
    } catch (err) {
      // Removed from the store (retention) a moment before its row says so.
      if (err instanceof BlobNotFoundError) return refuse(c, 404, 'status.answers.notFound', langOf(c, row.lang));
      throw err;
    }
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': MIME.test(f.mime) ? f.mime : 'application/octet-stream',
      'content-length': String(bytes.length),
      'content-disposition': `attachment; filename="${answerFileName(row.reference, index, f.mime)}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  });

  return app;
}
