/**
 * Sends the answer: its text, the outcome, and up to five documents the requester downloads from
 * the status page (never attached to an e-mail). The documents are checked by their bytes,
 * stored encrypted before the transaction, and deleted again if it does not commit. A refusal,
 * full or partial, needs its reasons: the e-mail names them with the right to complain and to go
 * to court (GDPR art. 12(4)).
 *
 * @example
 *   const input = parseAnswerInput(await c.req.parseBody({ all: true }));
 *   if (input.ok) await sendAnswer(deps, request, user.id, input.value, visibleTo(user));
 */
import { randomUUID } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { requestEvents, requestFiles } from '../../../db/schema.ts';
import { appendAuditEvent } from '../../audit/append-audit-event.ts';
import { whyNot } from '../available-actions.ts';
import type { RequestRow } from '../request-scope.ts';
import { sealEventMessage } from '../requester-events.ts';
import { checkMessage, conflict, done, guardedUpdate, invalid, mailRequester, text, type ActionDeps, type ActionResult, type FieldError } from './action-support.ts';
import { detectAnswerFileType, type AnswerFileType } from './detect-answer-file-type.ts';
import type { Outcome } from '../action-mails.ts';

export const MAX_ANSWER_FILES = 5;
export const MAX_ANSWER_FILE_BYTES = 10 * 1024 * 1024;
/** The answer's own text may be longer than other messages, but not without end. */
const ANSWER_TEXT_MAX = 20_000;
export const OUTCOMES = ['granted', 'partly_granted', 'refused'] as const;

export interface AnswerFile {
  name: string;
  bytes: Uint8Array;
  type: AnswerFileType;
}

export interface AnswerInput {
  message: string;
  outcome: Outcome;
  /** Why the request was refused, fully or in part; empty when granted. */
  reasons: string;
  files: AnswerFile[];
}

/** The form fields and the documents (`documents`, repeated) of a body parsed with { all: true }. */
export async function parseAnswerInput(body: Record<string, unknown>): Promise<ActionResult<AnswerInput>> {
  const message = text(body, 'message');
  const outcome = text(body, 'outcome');
  const reasons = text(body, 'reasons');
  const errors: FieldError[] = [];
  if (message === '') errors.push({ field: 'message', code: 'answer.required' });
  else if (message.length > ANSWER_TEXT_MAX) errors.push({ field: 'message', code: 'answer.tooLong' });
  if (!(OUTCOMES as readonly string[]).includes(outcome)) errors.push({ field: 'outcome', code: 'outcome.required' });
  const r = checkMessage(reasons, 'reasons', outcome === 'refused' || outcome === 'partly_granted');
  if (r) errors.push(r);
  const raw = body['documents'];
  const uploads = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((f): f is File => typeof f === 'object' && f !== null && 'arrayBuffer' in f && (f as File).size > 0);
  const files: AnswerFile[] = [];
  if (uploads.length > MAX_ANSWER_FILES) errors.push({ field: 'documents', code: 'documents.tooMany' });
  else {
    for (const f of uploads) {
      if (f.size > MAX_ANSWER_FILE_BYTES) {
        errors.push({ field: 'documents', code: 'documents.tooLarge' });
        break;
      }
      const bytes = new Uint8Array(await f.arrayBuffer());
      const type = detectAnswerFileType(bytes, f.name);
      if (!type) {
        errors.push({ field: 'documents', code: 'documents.type' });
        break;
      }
      files.push({ name: f.name, bytes, type });
    }
  }
  return errors.length > 0 ? invalid(errors) : done({ message, outcome: outcome as Outcome, reasons, files });
}

export async function sendAnswer(d: ActionDeps, request: RequestRow, userId: string, input: AnswerInput, scope: SQL): Promise<ActionResult<{ fileIds: string[] }>> {
  const why = whyNot('answer', request);
  if (why) return conflict(why);
  const written: string[] = [];
  try {
    const stored: { id: string; blobId: string; sha256: string; size: number; mime: string }[] = [];
    for (const f of input.files) {
      const b = await d.blobs.put(f.bytes);
      written.push(b.id);
      stored.push({ id: randomUUID(), blobId: b.id, sha256: b.sha256, size: b.size, mime: f.type.mime });
    }
    const fileIds = stored.map((s) => s.id);
    const toRequester = input.reasons ? `${input.message}\n\n${input.reasons}` : input.message;
    const won = await d.db.transaction(async (tx) => {
      const ok = await guardedUpdate(tx, request, { state: 'answered', answeredAt: new Date(d.now), outcome: input.outcome }, scope);
      if (!ok) return false;
      for (const s of stored) {
        await tx.insert(requestFiles).values({ id: s.id, requestId: request.id, role: 'answer', blobId: s.blobId, sha256: s.sha256, size: s.size, mime: s.mime, createdAt: new Date(d.now) });
      }
      await tx.insert(requestEvents).values({ requestId: request.id, type: 'answered', at: new Date(d.now), actor: userId, payload: { outcome: input.outcome, fileIds }, message: sealEventMessage(d.cipher, toRequester) });
      await appendAuditEvent(tx, { type: 'answer_sent', actorUserId: userId, controllerId: request.controllerId, requestId: request.id, payload: { fileId: fileIds[0] ?? null, channel: 'portal', outcome: input.outcome } }, d.now);
      await mailRequester(tx, d, request, { kind: 'answer', outcome: input.outcome, message: input.reasons || input.message });
      return true;
    });
    if (!won) {
      await Promise.all(written.map((id) => d.blobs.delete(id).catch(() => false)));
      return conflict('state');
    }
    return done({ fileIds });
  } catch (err) {
    await Promise.all(written.map((id) => d.blobs.delete(id).catch(() => false)));
    throw err;
  }
}
