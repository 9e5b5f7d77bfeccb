/**
 * The request page and what it shows from the blob store: GET /dpo/requests/:reference, the ID
 * copy with a "viewed by" band burned in (/id-copy), and the request's other files (/files/:id).
 * Each read is scoped to the user's controller (404 otherwise, the same as a request that does
 * not exist) and writes its audit event in a small transaction of its own.
 *
 * @example
 *   app.route('/', requestRoutes()); // inside dpoRoutes
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import type { ControllerId } from '../../content/schema.ts';
import { tw } from '../../content/workspace-i18n.ts';
import { requestFiles, requests } from '../../db/schema.ts';
import { BlobNotFoundError } from '../blobs/index.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import type { AuditEventInput } from '../audit/audit-event-types.ts';
import { isoDay } from '../deadlines/calendar-day.ts';
import { countDaysLeft } from '../deadlines/count-days-left.ts';
import { getDeadlineRules } from '../deadlines/get-deadline-rules.ts';
import { brusselsDayOf } from '../deadlines/to-brussels-day.ts';
import { explainRoutingRecord } from '../routing/explain-routing.ts';
import type { RoutingRecord } from '../routing/types.ts';
import { availableActions } from '../workspace/available-actions.ts';
import { checkRequestSeal } from '../workspace/check-request-seal.ts';
import { loadRequestDetail } from '../workspace/load-request-detail.ts';
import { findRequestFor, visibleTo } from '../workspace/request-scope.ts';
import { renderViewedOverlay } from '../workspace/render-viewed-overlay.ts';
import { confirmHref, factorIsRecent } from './confirm-routes.tsx';
import type { DpoEnv } from './dpo-env.ts';
import { renderPage } from './pages/layout.tsx';
import { notFoundPage } from './pages/not-found.tsx';
import { formatBrusselsDateTime, RequestPage } from './pages/request-page.tsx';
import { READERS } from './roles.ts';
import { requireUser } from './require-user.tsx';

const OPEN_STATES = new Set(['received', 'awaiting_information', 'in_progress']);

/** File extensions for the types the portal stores. */
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf', 'image/webp': 'webp', 'text/plain': 'txt' };

async function audit(c: Context<DpoEnv>, event: AuditEventInput): Promise<void> {
  const { db, services } = c.var.deps;
  await db.transaction(async (tx) => {
    await appendAuditEvent(tx, event, services.now());
  });
}

function noStore(c: Context<DpoEnv>): void {
  c.header('cache-control', 'no-store, private');
  c.header('pragma', 'no-cache');
  c.header('x-content-type-options', 'nosniff');
}

export function requestRoutes(): Hono<DpoEnv> {
  const app = new Hono<DpoEnv>();

  app.get('/requests/:reference', requireUser(READERS), async (c) => {
    const { db, services } = c.var.deps;
    const user = c.var.user;
    const l = c.var.lang;
    const detail = await loadRequestDetail(db, services.cipher, user, c.req.param('reference'));
    if (!detail) return notFoundPage(c);
    const r = detail.request;
    const rules = getDeadlineRules(r.controllerId as ControllerId);
    const daysLeft = OPEN_STATES.has(r.state) ? countDaysLeft(brusselsDayOf(services.now()), isoDay(r.extendedDeadline ?? r.legalDeadline), rules.calendar) : null;
    const seal = checkRequestSeal({ request: r, personal: detail.personal, files: detail.files }, services.sealKey);
    const actions = user.role === 'auditor' ? [] : availableActions(r, user);
    await audit(c, { type: 'request_viewed', actorUserId: user.id, controllerId: r.controllerId, requestId: r.id, payload: {} });
    const routingText = explainRoutingRecord(l, r.routing as RoutingRecord);
    const confirmIdCopyHref = factorIsRecent(c) ? null : confirmHref(l, `/dpo/requests/${r.reference}?lang=${l}`);
    return renderPage(c, <RequestPage lang={l} user={user} view={{ detail, routingText, daysLeft, seal, actions, confirmIdCopyHref }} />);
  });

  app.get('/requests/:reference/id-copy', requireUser(READERS), async (c) => {
    const { db, services } = c.var.deps;
    const user = c.var.user;
    const request = await findRequestFor(db, user, c.req.param('reference'));
    if (!request) return notFoundPage(c);
    // An ID copy only within RECENT_FACTOR_MS of the second factor (ASVS 3.7.1): else confirm first.
    if (!factorIsRecent(c)) return c.redirect(confirmHref(c.var.lang, `/dpo/requests/${request.reference}?lang=${c.var.lang}`), 303);
    const file = await db
      .select()
      .from(requestFiles)
      .where(and(eq(requestFiles.requestId, request.id), eq(requestFiles.role, 'id_copy'), isNull(requestFiles.deletedAt)))
      .get();
    if (!file) return notFoundPage(c);
    let stored: Buffer;
    try {
      stored = await services.blobs.get(file.blobId, file.sha256);
    } catch (e) {
      // Retention deletes the blob before it marks the row: in between, the copy is gone already.
      if (e instanceof BlobNotFoundError) return notFoundPage(c);
      throw e;
    }
    const text = tw(c.var.lang, 'request.idCopy.overlay', { name: user.displayName, date: formatBrusselsDateTime(c.var.lang, new Date(services.now())) });
    const jpeg = await renderViewedOverlay(stored, text);
    await audit(c, { type: 'id_copy_viewed', actorUserId: user.id, controllerId: request.controllerId, requestId: request.id, payload: { fileId: file.id } });
    noStore(c);
    c.header('content-type', 'image/jpeg');
    c.header('content-disposition', 'inline');
    return c.body(new Uint8Array(jpeg));
  });

  app.get('/requests/:reference/files/:fileId', requireUser(READERS), async (c) => {
    const { db, services } = c.var.deps;
    const user = c.var.user;
    const reference = c.req.param('reference');
    const fileId = c.req.param('fileId');
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(fileId)) return notFoundPage(c);
    const request = await findRequestFor(db, user, reference);
    if (!request) return notFoundPage(c);
    // The file must be of this very request, scoped again in the query itself.
    const [row] = await db
      .select({ file: requestFiles })
      .from(requestFiles)
      .innerJoin(requests, eq(requestFiles.requestId, requests.id))
      .where(and(eq(requestFiles.id, fileId), eq(requests.id, request.id), visibleTo(user), isNull(requestFiles.deletedAt), ne(requestFiles.role, 'id_copy')))
      .limit(1);
    if (!row) return notFoundPage(c);
    const file = row.file;
    const bytes = await services.blobs.get(file.blobId, file.sha256);
    await audit(c, { type: 'file_downloaded', actorUserId: user.id, controllerId: request.controllerId, requestId: request.id, payload: { fileId: file.id, role: file.role } });
    noStore(c);
    const ext = EXTENSIONS[file.mime] ?? 'bin';
    c.header('content-type', EXTENSIONS[file.mime] ? file.mime : 'application/octet-stream');
    c.header('content-disposition', `attachment; filename="${request.reference}-${file.role}.${ext}"`);
    return c.body(new Uint8Array(bytes));
  });

  return app;
}
