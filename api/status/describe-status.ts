/**
 * What the requester sees of their request: state, deadlines, who handles it and why, and the
 * timeline, in their language. Nothing that only the DPO should see (no internal notes, no
 * names of staff).
 */
import { asc, eq } from 'drizzle-orm';
import { facts } from '../../content/facts.ts';
import { formatDate, t, type UiKey } from '../../content/i18n.ts';
import type { Lang } from '../../content/schema.ts';
import type { Db } from '../../db/client.ts';
import { requestEvents, type requests } from '../../db/schema.ts';
import { explainRoutingReason } from '../routing/explain-routing.ts';
import type { RoutingRecord } from '../routing/types.ts';

const PUBLIC_EVENTS = new Set(['received', 'email_confirmed', 'document_added', 'withdrawn']);

export async function describeStatus(db: Db, r: typeof requests.$inferSelect, lang: Lang = r.lang) {
  const events = await db.select().from(requestEvents).where(eq(requestEvents.requestId, r.id)).orderBy(asc(requestEvents.at), asc(requestEvents.id));
  const routing = r.routing as RoutingRecord;
  return {
    reference: r.reference,
    state: r.state,
    stateText: t(lang, `status.state.${r.state}` as UiKey),
    statement: r.statement,
    rights: r.rights,
    controller: { id: r.controllerId, name: facts.controllers[r.controllerId]!.name },
    routingReason: explainRoutingReason(lang, routing.reason),
    receivedAt: r.receivedAt.toISOString(),
    legalDeadline: r.legalDeadline,
    legalDeadlineText: formatDate(lang, r.legalDeadline),
    extendedDeadline: r.extendedDeadline,
    internalTarget: r.internalTarget,
    emailConfirmed: r.emailConfirmedAt !== null,
    timeline: events
      .filter((e) => PUBLIC_EVENTS.has(e.type))
      .map((e) => ({ type: e.type, at: e.at.toISOString(), text: t(lang, `status.event.${e.type}` as UiKey) })),
  };
}
