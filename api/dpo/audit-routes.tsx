/**
 * The audit trail in the workspace, for DPOs and auditors only (handlers and administrators get
 * 403): GET /dpo/requests/:reference/audit, the trail of one request, and GET /dpo/audit, the
 * trail of the user's controller, filtered by ?user= and ?type=, 50 per ?page=. Reading the
 * trail is itself audited (audit_viewed).
 *
 * @example
 *   app.route('/', auditRoutes()); // inside dpoRoutes
 */
import { Hono, type Context } from 'hono';
import { tw } from '../../content/workspace-i18n.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { AUDIT_EVENT_TYPES, type AuditEventType } from '../audit/audit-event-types.ts';
import { listAuditEvents, listControllerUsers } from '../workspace/list-audit-events.ts';
import { findRequestFor } from '../workspace/request-scope.ts';
import type { DpoEnv } from './dpo-env.ts';
import { AuditPage } from './pages/audit-page.tsx';
import type { FieldErrorText } from './pages/layout.tsx';
import { renderPage } from './pages/layout.tsx';
import { notFoundPage } from './pages/not-found.tsx';
import { requireUser } from './require-user.tsx';

const AUDIT_READERS = ['dpo', 'auditor'] as const;

/** ?page=N: a whole number from 1; anything else is null. */
function parsePage(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return 1;
  if (!/^[1-9]\d{0,5}$/.test(raw)) return null;
  return Number(raw);
}

async function auditViewed(c: Context<DpoEnv>, scope: 'request' | 'user' | 'controller', targetId: string | null, requestId: string | null): Promise<void> {
  const { db, services } = c.var.deps;
  const user = c.var.user;
  await db.transaction(async (tx) => {
    await appendAuditEvent(tx, { type: 'audit_viewed', actorUserId: user.id, controllerId: user.controllerId, requestId, payload: { scope, targetId } }, services.now());
  });
}

export function auditRoutes(): Hono<DpoEnv> {
  const app = new Hono<DpoEnv>();

  app.get('/requests/:reference/audit', requireUser(AUDIT_READERS), async (c) => {
    const { db } = c.var.deps;
    const l = c.var.lang;
    const request = await findRequestFor(db, c.var.user, c.req.param('reference'));
    if (!request) return notFoundPage(c);
    const page = parsePage(c.req.query('page'));
    if (page === null) return notFoundPage(c);
    const data = await listAuditEvents(db, { requestId: request.id }, page);
    await auditViewed(c, 'request', request.id, request.id);
    const self = `/dpo/requests/${request.reference}/audit`;
    return renderPage(
      c,
      <AuditPage
        lang={l}
        user={c.var.user}
        title={tw(l, 'audit.request.title', { reference: request.reference })}
        intro={tw(l, 'audit.intro')}
        selfPath={self}
        backHref={`/dpo/requests/${request.reference}?lang=${l}`}
        backText={tw(l, 'audit.request.back')}
        data={data}
      />,
    );
  });

  app.get('/audit', requireUser(AUDIT_READERS), async (c) => {
    const { db } = c.var.deps;
    const l = c.var.lang;
    const user = c.var.user;
    // Every dpo and auditor belongs to a controller; the check keeps the type narrow.
    if (!user.controllerId) return notFoundPage(c);
    const users = await listControllerUsers(db, user.controllerId);
    const userParam = c.req.query('user') || null;
    const typeParam = c.req.query('type') || null;
    const page = parsePage(c.req.query('page'));
    const errors: FieldErrorText[] = [];
    if (userParam !== null && !users.some((u) => u.id === userParam)) errors.push({ field: 'user', text: tw(l, 'audit.error.user') });
    if (typeParam !== null && !AUDIT_EVENT_TYPES.includes(typeParam as AuditEventType)) errors.push({ field: 'type', text: tw(l, 'audit.error.type') });
    if (page === null) errors.push({ field: 'user', text: tw(l, 'audit.error.page') });
    const filter = { users, userId: userParam, type: typeParam };
    const title = tw(l, 'audit.controller.title');
    if (errors.length > 0) {
      return renderPage(c, <AuditPage lang={l} user={user} title={title} selfPath="/dpo/audit" data={null} filter={filter} errors={errors} />, 422);
    }
    const data = await listAuditEvents(db, { controllerId: user.controllerId, userId: userParam, type: typeParam as AuditEventType | null }, page!);
    await auditViewed(c, userParam ? 'user' : 'controller', userParam ?? user.controllerId, null);
    return renderPage(c, <AuditPage lang={l} user={user} title={title} intro={tw(l, 'audit.intro')} selfPath="/dpo/audit" data={data} filter={filter} />);
  });

  return app;
}
