/**
 * Closes a request with its outcome. A refusal, full or partial, needs its reasons: the e-mail
 * to the requester names them, the competent supervisory authorities of the controller (GBA with
 * its address and e-mail, VTC through its complaint form) and the right to go to court
 * (GDPR art. 12(4), DOMAIN.md rule 5).
 *
 * @example
 *   await closeRequest(deps, request, user.id, { outcome: 'refused', message: 'We hold no data about you.' }, visibleTo(user));
 */
import type { SQL } from 'drizzle-orm';
import { requestEvents } from '../../../db/schema.ts';
import { appendAuditEvent } from '../../audit/append-audit-event.ts';
import type { Outcome } from '../action-mails.ts';
import { whyNot } from '../available-actions.ts';
import type { RequestRow } from '../request-scope.ts';
import { sealEventMessage } from '../requester-events.ts';
import { checkMessage, conflict, done, guardedUpdate, invalid, mailRequester, text, type ActionDeps, type ActionResult, type FieldError } from './action-support.ts';
import { OUTCOMES } from './send-answer.ts';

export interface CloseInput {
  outcome: Outcome;
  /** The reasons of a refusal (required then); may be empty for a granted request. */
  message: string;
}

export function parseCloseInput(body: Record<string, unknown>): ActionResult<CloseInput> {
  const outcome = text(body, 'outcome');
  const message = text(body, 'message');
  const errors: FieldError[] = [];
  if (!(OUTCOMES as readonly string[]).includes(outcome)) errors.push({ field: 'outcome', code: 'outcome.required' });
  const m = checkMessage(message, 'reasons', outcome === 'refused' || outcome === 'partly_granted');
  if (m) errors.push({ field: 'message', code: m.code });
  return errors.length > 0 ? invalid(errors) : done({ outcome: outcome as Outcome, message });
}

export async function closeRequest(d: ActionDeps, request: RequestRow, userId: string, input: CloseInput, scope: SQL): Promise<ActionResult<undefined>> {
  const why = whyNot('close', request);
  if (why) return conflict(why);
  const won = await d.db.transaction(async (tx) => {
    const ok = await guardedUpdate(tx, request, { state: 'closed', closedAt: new Date(d.now), outcome: input.outcome }, scope);
    if (!ok) return false;
    await tx.insert(requestEvents).values({ requestId: request.id, type: 'closed', at: new Date(d.now), actor: userId, payload: { outcome: input.outcome }, message: sealEventMessage(d.cipher, input.message) });
    await appendAuditEvent(tx, { type: 'request_closed', actorUserId: userId, controllerId: request.controllerId, requestId: request.id, payload: { state: 'closed', outcome: input.outcome } }, d.now);
    await mailRequester(tx, d, request, { kind: 'close', outcome: input.outcome, message: input.message || null });
    return true;
  });
  return won ? done(undefined) : conflict('state');
}
