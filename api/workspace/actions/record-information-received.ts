/**
 * The information asked of the requester arrived: recorded by the DPO, or by the requester adding
 * a document on the status page. If the clock was suspended, the days from the day it was asked
 * until today, both counted (DOMAIN.md rule 6), are added to the request's suspended days and
 * the deadlines are computed again from the date of receipt with all suspensions; the request is
 * in_progress again.
 *
 * `applyInformationReceived` works inside the caller's transaction (the status page adds the
 * document and records the arrival in one); `recordInformationReceived` is the DPO's action.
 *
 * @example
 *   // Received 2026-04-01 (deadline 2026-05-04: 1 May is a holiday, then a weekend); identity
 *   // information asked on 2026-04-03, arrived 2026-04-09: 7 days; 1 May + 7 = 8 May.
 *   const r = await recordInformationReceived(deps, request, { kind: 'user', userId }, visibleTo(user));
 *   r.ok && r.value.legalDeadline // '2026-05-08'
 */
import { asc, and, eq, type SQL } from 'drizzle-orm';
import type { ControllerId } from '../../../content/schema.ts';
import type { Queryable } from '../../../db/client.ts';
import { requestEvents } from '../../../db/schema.ts';
import { appendAuditEvent } from '../../audit/append-audit-event.ts';
import { formatIsoDay, isoDay, type DayNumber } from '../../deadlines/calendar-day.ts';
import { computeInternalTarget } from '../../deadlines/compute-internal-target.ts';
import { computeLegalDeadline } from '../../deadlines/compute-legal-deadline.ts';
import { countSuspendedDays } from '../../deadlines/count-suspended-days.ts';
import { getDeadlineRules } from '../../deadlines/get-deadline-rules.ts';
import { brusselsDayOf } from '../../deadlines/to-brussels-day.ts';
import { whyNot } from '../available-actions.ts';
import type { RequestRow } from '../request-scope.ts';
import { auditActor, conflict, done, eventActor, guardedUpdate, mailRequester, storedSuspensions, type ActionDeps, type ActionResult, type Actor } from './action-support.ts';

export interface InformationReceived {
  suspendedDays: number;
  legalDeadline: string;
  extendedDeadline: string | null;
}

/** The kind of the last information request (identity or clarification): the audit event names it. */
async function lastAskedKind(tx: Queryable, requestId: string): Promise<'identity' | 'clarification'> {
  const asked = await tx
    .select({ payload: requestEvents.payload })
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.type, 'information_requested')))
    .orderBy(asc(requestEvents.id));
  const last = asked.at(-1)?.payload as { kind?: string } | undefined;
  return last?.kind === 'identity' ? 'identity' : 'clarification';
}

/** Inside the caller's transaction; false when the request was no longer awaiting information. */
export async function applyInformationReceived(tx: Queryable, d: Pick<ActionDeps, 'cipher' | 'now'>, request: RequestRow, actor: Actor, scope: SQL): Promise<InformationReceived | null> {
  const rules = getDeadlineRules(request.controllerId as ControllerId);
  const receivedOn = isoDay(request.receivedDate);
  const today = brusselsDayOf(d.now);
  const suspendedNow = request.suspendedSince ? countSuspendedDays([{ from: isoDay(request.suspendedSince), to: Math.max(today, isoDay(request.suspendedSince)) as DayNumber }]) : 0;
  const total = request.suspendedDays + suspendedNow;
  const suspensions = storedSuspensions(receivedOn, total);
  const legalDeadline = formatIsoDay(computeLegalDeadline(receivedOn, rules, { suspensions }));
  const extendedDeadline = request.extendedDeadline ? formatIsoDay(computeLegalDeadline(receivedOn, rules, { suspensions, extended: true })) : null;
  const target = computeInternalTarget(receivedOn, rules, suspensions);
  const ok = await guardedUpdate(tx, request, { state: 'in_progress', suspendedSince: null, suspendedDays: total, legalDeadline, extendedDeadline, internalTarget: target === null ? null : formatIsoDay(target) }, scope);
  if (!ok) return null;
  await tx.insert(requestEvents).values({ requestId: request.id, type: 'information_received', at: new Date(d.now), actor: eventActor(actor), payload: { suspendedDays: suspendedNow, legalDeadline } });
  await appendAuditEvent(tx, { type: 'information_received', actorUserId: auditActor(actor), controllerId: request.controllerId, requestId: request.id, payload: { kind: await lastAskedKind(tx, request.id) } }, d.now);
  await mailRequester(tx, d, request, { kind: 'information-received', deadline: extendedDeadline ?? legalDeadline, suspendedDays: suspendedNow });
  return { suspendedDays: suspendedNow, legalDeadline, extendedDeadline };
}

export async function recordInformationReceived(d: ActionDeps, request: RequestRow, actor: Actor, scope: SQL): Promise<ActionResult<InformationReceived>> {
  const why = whyNot('information-received', request);
  if (why) return conflict(why);
  const r = await d.db.transaction((tx) => applyInformationReceived(tx, d, request, actor, scope));
  return r ? done(r) : conflict('state');
}
