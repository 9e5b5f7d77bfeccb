/**
 * Asks the requester for more information: what is needed to confirm their identity (only where
 * there are reasonable doubts) or to understand the request. The request waits
 * (awaiting_information). When identity information is asked and the controller suspends the
 * clock for it (DOMAIN.md rule 6, a setting), the day it was asked is kept in suspendedSince;
 * the days are added to the deadline when the information arrives.
 *
 * @example
 *   const input = parseInformationInput(await c.req.parseBody());
 *   if (input.ok) await requestInformation(deps, request, user.id, input.value, visibleTo(user));
 */
import type { SQL } from 'drizzle-orm';
import type { ControllerId } from '../../../content/schema.ts';
import { requestEvents } from '../../../db/schema.ts';
import { appendAuditEvent } from '../../audit/append-audit-event.ts';
import { formatIsoDay } from '../../deadlines/calendar-day.ts';
import { getDeadlineRules } from '../../deadlines/get-deadline-rules.ts';
import { brusselsDayOf } from '../../deadlines/to-brussels-day.ts';
import { whyNot } from '../available-actions.ts';
import type { RequestRow } from '../request-scope.ts';
import { sealEventMessage } from '../requester-events.ts';
import { checkMessage, conflict, done, guardedUpdate, invalid, mailRequester, text, type ActionDeps, type ActionResult, type FieldError } from './action-support.ts';

export interface InformationInput {
  kind: 'identity' | 'clarification';
  message: string;
}

export function parseInformationInput(body: Record<string, unknown>): ActionResult<InformationInput> {
  const kind = text(body, 'kind');
  const message = text(body, 'message');
  const errors: FieldError[] = [];
  if (kind !== 'identity' && kind !== 'clarification') errors.push({ field: 'kind', code: 'kind.required' });
  const m = checkMessage(message, 'message', true);
  if (m) errors.push(m);
  return errors.length > 0 ? invalid(errors) : done({ kind: kind as InformationInput['kind'], message });
}

export async function requestInformation(d: ActionDeps, request: RequestRow, userId: string, input: InformationInput, scope: SQL): Promise<ActionResult<{ suspends: boolean }>> {
  const why = whyNot('information', request);
  if (why) return conflict(why);
  const suspends = input.kind === 'identity' && getDeadlineRules(request.controllerId as ControllerId).suspendForIdentityCheck;
  const won = await d.db.transaction(async (tx) => {
    const ok = await guardedUpdate(tx, request, { state: 'awaiting_information', suspendedSince: suspends ? formatIsoDay(brusselsDayOf(d.now)) : null }, scope);
    if (!ok) return false;
    await tx.insert(requestEvents).values({
      requestId: request.id,
      type: 'information_requested',
      at: new Date(d.now),
      actor: userId,
      payload: { kind: input.kind, suspends },
      message: sealEventMessage(d.cipher, input.message),
    });
    await appendAuditEvent(tx, { type: 'information_requested', actorUserId: userId, controllerId: request.controllerId, requestId: request.id, payload: { kind: input.kind, dueDate: null } }, d.now);
    await mailRequester(tx, d, request, { kind: 'information', infoKind: input.kind, message: input.message, suspends });
    return true;
  });
  return won ? done({ suspends }) : conflict('state');
}
