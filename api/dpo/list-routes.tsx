/**
 * GET /dpo/requests: the request list of the user's own controller (DPO, handler, auditor).
 * `?q=` searches by reference: a match within the user's scope goes straight to the request
 * (303); anything else (a typo, another controller's reference) gets the same "no request with
 * this reference" above the list. Every listing is audited (request_listed).
 *
 * @example
 *   GET /dpo/requests?lang=en&state=all&right=access&confirmed=no&page=2
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { facts } from '../../content/facts.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { parseReference } from '../requests/reference.ts';
import { DEFAULT_LIST_FILTERS, listRequests, REQUEST_STATES, RIGHTS, STATEMENTS, type ListFilters } from '../workspace/list-requests.ts';
import { findRequestFor } from '../workspace/request-scope.ts';
import type { DpoEnv } from './dpo-env.ts';
import { ListPage } from './pages/list-page.tsx';
import { renderPage } from './pages/layout.tsx';
import { requireUser } from './require-user.tsx';

const oneOf = <T extends string>(list: readonly T[], value: string | undefined): T | null => (list as readonly string[]).includes(value ?? '') ? (value as T) : null;

/**
 * The filters from the query string. A value that is not one of the form's options falls back to
 * the default, which the form then shows as selected: the page says what it lists.
 */
export function readListFilters(q: (name: string) => string | undefined): ListFilters {
  const state = q('state');
  const page = Number(q('page') ?? '1');
  return {
    state: state === 'all' || state === 'open' ? state : (oneOf(REQUEST_STATES, state) ?? DEFAULT_LIST_FILTERS.state),
    right: oneOf(RIGHTS, q('right')),
    statement: oneOf(STATEMENTS, q('statement')),
    emailConfirmed: oneOf(['yes', 'no', 'any'] as const, q('confirmed')) ?? 'any',
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  };
}

async function showList(c: Context<DpoEnv>, filters: ListFilters, searched: string | null): Promise<Response> {
  const { db, services } = c.var.deps;
  const user = c.var.user;
  const now = services.now();
  const result = await listRequests(db, user, filters);
  await db.transaction(async (tx) => {
    await appendAuditEvent(
      tx,
      {
        type: 'request_listed',
        actorUserId: user.id,
        controllerId: user.controllerId,
        requestId: null,
        payload: { state: filters.state === 'open' || filters.state === 'all' ? null : filters.state, page: result.page, count: result.rows.length },
      },
      now,
    );
  });
  const controllerName = facts.controllers[user.controllerId ?? '']?.name ?? '';
  // After a transfer the action page sends the user here: the request has left their list.
  const moved = parseReference(c.req.query('transferred') ?? '');
  return renderPage(
    c,
    <ListPage lang={c.var.lang} user={user} controllerName={controllerName} filters={{ ...filters, page: result.page }} result={result} now={now} searched={searched} transferred={moved.ok ? moved.reference : null} />,
  );
}

export function listRoutes(): Hono<DpoEnv> {
  const app = new Hono<DpoEnv>();
  app.get('/requests', requireUser(['dpo', 'handler', 'auditor']), async (c) => {
    const filters = readListFilters((name) => c.req.query(name));
    const typed = (c.req.query('q') ?? '').trim();
    if (typed !== '') {
      const parsed = parseReference(typed);
      const found = parsed.ok ? await findRequestFor(c.var.deps.db, c.var.user, parsed.reference) : null;
      if (found) return c.redirect(`/dpo/requests/${found.reference}?lang=${c.var.lang}`, 303);
      return showList(c, filters, typed.slice(0, 64));
    }
    return showList(c, filters, null);
  });
  return app;
}
