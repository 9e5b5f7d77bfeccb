/**
 * Extends the deadline once, by two months, before the first deadline ends (GDPR art. 12(3),
 * DOMAIN.md rule 4), with a reason code and the explanation the requester is told.
 * extendDeadline decides; a second extension or one after the first deadline is refused with
 * its reason (explainExtensionRefusal says it in words).
 *
 * @example
 *   const r = await extendRequestDeadline(deps, request, user.id, { reason: 'complexity', message: 'Many files' }, visibleTo(user));
 *   r.ok && r.value.to // '2026-07-01'
 */
import { isNull, type SQL } from 'drizzle-orm';
import type { ControllerId } from '../../../content/schema.ts';
import { requestEvents, requests } from '../../../db/schema.ts';
import { appendAuditEvent } from '../../audit/append-audit-event.ts';
import { formatIsoDay, isoDay } from '../../deadlines/calendar-day.ts';
import { extendDeadline } from '../../deadlines/extend-deadline.ts';
import { getDeadlineRules } from '../../deadlines/get-deadline-rules.ts';
import { whyNot } from '../available-actions.ts';
import type { RequestRow } from '../request-scope.ts';
import { sealEventMessage } from '../requester-events.ts';
import { checkMessage, conflict, done, guardedUpdate, invalid, mailRequester, storedSuspensions, text, type ActionDeps, type ActionResult, type FieldError } from './action-support.ts';

export interface ExtendInput {
  reason: 'complexity' | 'number_of_requests';
  message: string;
}

export function parseExtendInput(body: Record<string, unknown>): ActionResult<ExtendInput> {
  const reason = text(body, 'reason');
  const message = text(body, 'message');
  const errors: FieldError[] = [];
  if (reason !== 'complexity' && reason !== 'number_of_requests') errors.push({ field: 'reason', code: 'reason.required' });
  const m = checkMessage(message, 'message', true);
  if (m) errors.push(m);
  return errors.length > 0 ? invalid(errors) : done({ reason: reason as ExtendInput['reason'], message });
}

export async function extendRequestDeadline(d: ActionDeps, request: RequestRow, userId: string, input: ExtendInput, scope: SQL): Promise<ActionResult<{ from: string; to: string }>> {
  const why = whyNot('extend', request);
  if (why) return conflict(why);
  const rules = getDeadlineRules(request.controllerId as ControllerId);
  const receivedOn = isoDay(request.receivedDate);
  const r = extendDeadline({ receivedOn, suspensions: storedSuspensions(receivedOn, request.suspendedDays), previous: null, reason: input.message, now: d.now }, rules);
  if (!r.ok) {
    if (r.refusal.code === 'reasonRequired') return invalid([{ field: 'message', code: 'message.required' }]);
    if (r.refusal.code === 'firstDeadlinePassed') return conflict('firstDeadlinePassed', { deadline: formatIsoDay(r.refusal.firstDeadline) });
    return conflict('alreadyExtended');
  }
  const from = request.legalDeadline;
  const to = formatIsoDay(r.extension.deadline);
  const won = await d.db.transaction(async (tx) => {
    const ok = await guardedUpdate(tx, request, { extendedDeadline: to, extensionReason: input.reason }, scope, isNull(requests.extendedDeadline));
    if (!ok) return false;
    await tx.insert(requestEvents).values({ requestId: request.id, type: 'deadline_extended', at: new Date(d.now), actor: userId, payload: { from, to, reason: input.reason }, message: sealEventMessage(d.cipher, input.message) });
    await appendAuditEvent(tx, { type: 'deadline_extended', actorUserId: userId, controllerId: request.controllerId, requestId: request.id, payload: { from, to, reason: input.reason } }, d.now);
    await mailRequester(tx, d, request, { kind: 'extend', previous: from, deadline: to, reason: input.reason, message: input.message });
    return true;
  });
  return won ? done({ from, to }) : conflict('alreadyExtended');
}
