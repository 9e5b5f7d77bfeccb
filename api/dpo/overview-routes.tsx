/**
 * GET /dpo/overview: the figures of the user's own controller (DPO, handler, auditor).
 * GET /dpo/overview.csv?from=YYYY-MM-DD&to=YYYY-MM-DD: the requests received in that period as
 * CSV (the last 12 months by default), audited as overview_exported; dates that do not exist or
 * a period that ends before it starts get the overview again with the errors (422).
 *
 * @example
 *   GET /dpo/overview.csv?lang=en&from=2026-01-01&to=2026-03-31
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { facts } from '../../content/facts.ts';
import { tw } from '../../content/workspace-i18n.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { formatIsoDay, parseIsoDay } from '../deadlines/calendar-day.ts';
import { brusselsDayOf } from '../deadlines/to-brussels-day.ts';
import { overviewCsv } from '../workspace/overview-csv.ts';
import { lastTwelveMonths, overviewFigures } from '../workspace/overview-figures.ts';
import type { DpoEnv } from './dpo-env.ts';
import type { FieldErrorText } from './pages/layout.tsx';
import { renderPage } from './pages/layout.tsx';
import { OverviewPage } from './pages/overview-page.tsx';
import { READERS } from './roles.ts';
import { requireUser } from './require-user.tsx';


async function showOverview(c: Context<DpoEnv>, period: { from: string; to: string }, errors: FieldErrorText[]): Promise<Response> {
  const user = c.var.user;
  const figures = await overviewFigures(c.var.deps.db, user, c.var.deps.services.now());
  const controllerName = facts.controllers[user.controllerId ?? '']?.name ?? '';
  return renderPage(c, <OverviewPage lang={c.var.lang} user={user} controllerName={controllerName} figures={figures} period={period} errors={errors} />, errors.length > 0 ? 422 : 200);
}

export function overviewRoutes(): Hono<DpoEnv> {
  const app = new Hono<DpoEnv>();
  app.get('/overview', requireUser(READERS), async (c) => {
    const { db, services } = c.var.deps;
    await db.transaction(async (tx) => {
      await appendAuditEvent(tx, { type: 'overview_viewed', actorUserId: c.var.user.id, controllerId: c.var.user.controllerId, requestId: null, payload: {} }, services.now());
    });
    return showOverview(c, { from: '', to: '' }, []);
  });

  app.get('/overview.csv', requireUser(READERS), async (c) => {
    const l = c.var.lang;
    const { db, services } = c.var.deps;
    const user = c.var.user;
    const now = services.now();
    const standard = lastTwelveMonths(brusselsDayOf(now));
    const typedFrom = (c.req.query('from') ?? '').trim().slice(0, 40);
    const typedTo = (c.req.query('to') ?? '').trim().slice(0, 40);
    const from = typedFrom === '' ? { ok: true as const, day: standard.from } : parseIsoDay(typedFrom);
    const to = typedTo === '' ? { ok: true as const, day: standard.to } : parseIsoDay(typedTo);
    const errors: FieldErrorText[] = [];
    if (!from.ok) errors.push({ field: 'from', text: tw(l, 'overview.export.error.from') });
    if (!to.ok) errors.push({ field: 'to', text: tw(l, 'overview.export.error.to') });
    if (from.ok && to.ok && from.day > to.day) errors.push({ field: 'from', text: tw(l, 'overview.export.error.order') });
    if (errors.length > 0 || !from.ok || !to.ok) return showOverview(c, { from: typedFrom, to: typedTo }, errors);

    const period = { from: formatIsoDay(from.day), to: formatIsoDay(to.day) };
    const { csv, count } = await overviewCsv(db, user, period.from, period.to, now);
    await db.transaction(async (tx) => {
      await appendAuditEvent(tx, { type: 'overview_exported', actorUserId: user.id, controllerId: user.controllerId, requestId: null, payload: { format: 'csv', ...period, count } }, now);
    });
    c.header('content-type', 'text/csv; charset=utf-8; header=present');
    c.header('content-disposition', `attachment; filename="requests-${user.controllerId}-${period.from}-${period.to}.csv"`);
    c.header('cache-control', 'no-store');
    c.header('x-content-type-options', 'nosniff');
    return c.body(csv);
  });
  return app;
}
