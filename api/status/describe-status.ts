/**
 * What the requester sees of their request: state, the deadline in force, who handles it and
 * why, the timeline with the organisation's messages, what is awaited from them, where to
 * complain after a refusal, and the answer documents with download links that expire, in their
 * language. Nothing that only the DPO should see (no internal notes, no names of staff).
 *
 * Messages are decrypted and links signed only when `view` gives the cipher and secret; without
 * it the timeline has no messages and the answer documents no links.
 *
 * @example
 *   const status = await describeStatus(db, request, 'uk', { cipher, rateSecret, now });
 *   status.timeline.at(-1) // { type: 'information_requested', at: '…', text: '…', message: 'Надішліть, будь ласка, …' }
 *   status.answers[0].url  // '/api/requests/answers/…?expires=…&sig=…&lang=uk'
 */
import { asc, eq } from 'drizzle-orm';
import { facts } from '../../content/facts.ts';
import { formatDate, t, type UiKey } from '../../content/i18n.ts';
import type { Lang } from '../../content/schema.ts';
import type { Db } from '../../db/client.ts';
import { requestEvents, type requests } from '../../db/schema.ts';
import type { Cipher } from '../mail/types.ts';
import { explainRoutingReason } from '../routing/explain-routing.ts';
import type { RoutingRecord } from '../routing/types.ts';
import { openEventMessage, REQUESTER_EVENT_TYPES, type RequesterEventType } from '../workspace/requester-events.ts';
import { answerLinkKey, answerLinkUrl } from './answer-link.ts';
import { describeEvent, isRefusal } from './describe-event.ts';
import { answerFileName, listAnswerFiles } from './list-answer-files.ts';

/** What the status needs beyond the database to show messages and sign download links. */
export interface StatusView {
  cipher: Cipher;
  rateSecret: Uint8Array;
  now: () => number;
}

const VISIBLE = new Set<string>(REQUESTER_EVENT_TYPES);

/** The supervisory authorities of the controller, as the page shows them. */
function complaintInfo(lang: Lang, controllerId: string) {
  const ids = facts.controllers[controllerId as keyof typeof facts.controllers]?.complaintBodies ?? [];
  return {
    text: t(lang, 'status.complaint.text'),
    bodies: ids.flatMap((id) => {
      const b = facts.complaintBodies[id];
      if (!b) return [];
      const place = [b.postcode, b.city].filter(Boolean).join(' ');
      return [{
        id: b.id,
        name: b.name,
        shortName: b.shortName,
        post: b.street ? [b.street, place].filter(Boolean).join(', ') : null,
        email: b.email,
        form: b.complaintForm,
        onlyThroughForm: b.onlyThroughForm,
      }];
    }),
    court: t(lang, 'status.complaint.court'),
  };
}

export async function describeStatus(db: Db, r: typeof requests.$inferSelect, lang: Lang = r.lang, view?: StatusView) {
  const events = (await db.select().from(requestEvents).where(eq(requestEvents.requestId, r.id)).orderBy(asc(requestEvents.at), asc(requestEvents.id))).filter((e) => VISIBLE.has(e.type));
  const routing = r.routing as RoutingRecord;
  const messageOf = (e: (typeof events)[number]) => (view ? openEventMessage(view.cipher, e.message) : null);
  const deadline = r.extendedDeadline ?? r.legalDeadline;

  const asked = r.state === 'awaiting_information' ? events.findLast((e) => e.type === 'information_requested') : undefined;
  const askedPayload = (asked?.payload ?? {}) as { kind?: string; suspends?: boolean };
  const awaiting =
    r.state === 'awaiting_information'
      ? {
          text: [
            t(lang, askedPayload.kind === 'identity' ? 'status.awaiting.identity' : 'status.awaiting.clarification'),
            ...(askedPayload.suspends === true ? [t(lang, 'status.event.information_requested.suspends')] : []),
          ].join(' '),
          message: asked ? messageOf(asked) : null,
          how: t(lang, 'status.awaiting.how'),
        }
      : null;

  const files = await listAnswerFiles(db, r.id);
  const key = view ? answerLinkKey(view.rateSecret) : null;
  const now = view?.now() ?? 0;
  const answers = files.map((f, i) => {
    const link = key ? answerLinkUrl(key, { fileId: f.id, requestId: r.id }, now, lang) : null;
    return {
      id: f.id,
      name: answerFileName(r.reference, i, f.mime),
      type: f.mime,
      size: f.size,
      createdAt: f.createdAt.toISOString(),
      url: link?.url ?? null,
      expiresAt: link ? new Date(link.expires).toISOString() : null,
    };
  });

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
    /** The deadline in force: the extended one once extended (a suspension already moved the legal one). */
    deadline,
    deadlineText: formatDate(lang, deadline),
    internalTarget: r.internalTarget,
    emailConfirmed: r.emailConfirmedAt !== null,
    // `message` only where the organisation wrote one.
    timeline: events.map((e) => {
      const message = messageOf(e);
      return { type: e.type, at: e.at.toISOString(), text: describeEvent(lang, e.type as RequesterEventType, e.payload), ...(message === null ? {} : { message }) };
    }),
    awaiting,
    complaint: events.some((e) => isRefusal(e.type, e.payload)) ? complaintInfo(lang, r.controllerId) : null,
    answers,
  };
}

export type StatusDescription = Awaited<ReturnType<typeof describeStatus>>;
