/**
 * Transfers a request to another controller of its statement (transferRequest): the request now
 * lies with the new controller, whose users see it and the old one's no longer do; the date of
 * receipt and the deadline stay (DOMAIN.md). The requester is told who handles it now and why;
 * the new controller's DPO mailbox gets a notice without personal data. The routing history
 * keeps the reason code, not the note (the note may name the person: it goes, encrypted, to the
 * requester's timeline and e-mail only).
 *
 * @example
 *   const r = await transferToController(deps, request, user.id, { to: 'atlas', reason: 'residence', note: '' }, visibleTo(user));
 */
import type { SQL } from 'drizzle-orm';
import { CONTROLLER_IDS, type ControllerId } from '../../../content/schema.ts';
import { requestEvents } from '../../../db/schema.ts';
import { appendAuditEvent } from '../../audit/append-audit-event.ts';
import { formatIsoDay, isoDay } from '../../deadlines/calendar-day.ts';
import { computeInternalTarget } from '../../deadlines/compute-internal-target.ts';
import { getDeadlineRules } from '../../deadlines/get-deadline-rules.ts';
import { enqueueMail } from '../../mail/enqueue-mail.ts';
import { transferRequest, type TransferRefusal } from '../../routing/transfer-request.ts';
import type { RoutingRecord } from '../../routing/types.ts';
import { transferNoticeMail } from '../action-mails.ts';
import { whyNot } from '../available-actions.ts';
import type { RequestRow } from '../request-scope.ts';
import { sealEventMessage } from '../requester-events.ts';
import { checkMessage, conflict, done, guardedUpdate, invalid, mailRequester, storedSuspensions, text, type ActionDeps, type ActionResult, type FieldError } from './action-support.ts';

export const TRANSFER_REASONS = ['competence', 'residence', 'other'] as const;

export interface TransferInput {
  to: ControllerId;
  reason: (typeof TRANSFER_REASONS)[number];
  note: string;
}

export function parseTransferInput(body: Record<string, unknown>, from: string): ActionResult<TransferInput> {
  const to = text(body, 'to');
  const reason = text(body, 'reason');
  const note = text(body, 'note');
  const errors: FieldError[] = [];
  if (!(CONTROLLER_IDS as readonly string[]).includes(to) || to === from) errors.push({ field: 'to', code: 'to.required' });
  if (!(TRANSFER_REASONS as readonly string[]).includes(reason)) errors.push({ field: 'reason', code: 'reason.required' });
  const m = checkMessage(note, 'note', false);
  if (m) errors.push(m);
  return errors.length > 0 ? invalid(errors) : done({ to: to as ControllerId, reason: reason as TransferInput['reason'], note });
}


export async function transferToController(d: ActionDeps, request: RequestRow, userId: string, input: TransferInput, scope: SQL): Promise<ActionResult<{ to: ControllerId }> | { ok: false; kind: 'refused'; refusal: TransferRefusal }> {
  const why = whyNot('transfer', request);
  if (why) return conflict(why);
  const from = request.controllerId as ControllerId;
  const r = transferRequest(request.routing as RoutingRecord, { to: input.to, by: userId, at: d.now, reason: input.reason });
  if (!r.ok) return { ok: false, kind: 'refused', refusal: r.refusal };
  const receivedOn = isoDay(request.receivedDate);
  const target = computeInternalTarget(receivedOn, getDeadlineRules(input.to), storedSuspensions(receivedOn, request.suspendedDays));
  const deadline = request.extendedDeadline ?? request.legalDeadline;
  const won = await d.db.transaction(async (tx) => {
    const ok = await guardedUpdate(tx, request, { controllerId: input.to, routing: r.record, contactPointInformed: r.record.informContactPoint || request.contactPointInformed, internalTarget: target === null ? null : formatIsoDay(target) }, scope);
    if (!ok) return false;
    await tx.insert(requestEvents).values({ requestId: request.id, type: 'transferred', at: new Date(d.now), actor: userId, payload: { from, to: input.to, reason: input.reason }, message: sealEventMessage(d.cipher, input.note) });
    await appendAuditEvent(tx, { type: 'request_transferred', actorUserId: userId, controllerId: from, requestId: request.id, payload: { fromControllerId: from, toControllerId: input.to, reason: input.reason } }, d.now);
    await mailRequester(tx, d, request, { kind: 'transfer', from, reason: input.reason, note: input.note || null, receivedDate: request.receivedDate, deadline }, input.to);
    const notice = transferNoticeMail({ to: input.to, from, reference: request.reference, statement: request.statement, rights: request.rights, receivedOn: request.receivedDate, deadline, workspaceUrl: d.publicUrl });
    await enqueueMail(tx, { kind: 'transfer-notice', message: notice }, { cipher: d.cipher, now: d.now });
    return true;
  });
  return won ? done({ to: input.to }) : conflict('state');
}
