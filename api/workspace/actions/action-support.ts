/**
 * What every workspace action shares: its dependencies, its result (done, a form error, or not
 * allowed now), the guarded update that lets only one of two simultaneous clicks succeed, and the
 * e-mail to the requester in the requester's language.
 *
 * @example
 *   const won = await guardedUpdate(tx, request, { state: 'in_progress' }, scope);
 *   if (!won) return conflict('state');
 */
import { and, eq, type SQL } from 'drizzle-orm';
import type { ControllerId } from '../../../content/schema.ts';
import type { Db, Queryable } from '../../../db/client.ts';
import { requests } from '../../../db/schema.ts';
import type { BlobStore } from '../../blobs/index.ts';
import type { DayNumber } from '../../deadlines/calendar-day.ts';
import type { SuspensionPeriod } from '../../deadlines/count-suspended-days.ts';
import type { PersonalData } from '../../intake/create-request.ts';
import { enqueueMail } from '../../mail/enqueue-mail.ts';
import type { Cipher } from '../../mail/types.ts';
import { requesterActionMail, type RequesterAction } from '../action-mails.ts';
import type { RequestRow } from '../request-scope.ts';

export interface ActionDeps {
  db: Db;
  cipher: Cipher;
  blobs: BlobStore;
  /** Now, from the injected clock (epoch ms). */
  now: number;
  publicUrl: string;
}

/** Who acts: a workspace user (by id), or the requester (a document added on the status page). */
export type Actor = { kind: 'user'; userId: string } | { kind: 'requester' };

export const eventActor = (a: Actor): string => (a.kind === 'user' ? a.userId : 'requester');
export const auditActor = (a: Actor): string | null => (a.kind === 'user' ? a.userId : null);

/** Why an action cannot be taken now; each code has a text `actions.conflict.<code>`. */
export type ConflictCode = 'state' | 'identityChecked' | 'alreadyExtended' | 'firstDeadlinePassed';

/** A form error: the field and the code of its message `actions.error.<code>`. */
export interface FieldError {
  field: string;
  code: string;
}

export type ActionResult<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; kind: 'invalid'; errors: FieldError[] }
  | { ok: false; kind: 'conflict'; code: ConflictCode; params?: Record<string, string> };

export const done = <T>(value: T): ActionResult<T> => ({ ok: true, value });
export const invalid = (errors: FieldError[]): ActionResult<never> => ({ ok: false, kind: 'invalid', errors });
export const conflict = (code: ConflictCode, params?: Record<string, string>): ActionResult<never> => ({ ok: false, kind: 'conflict', code, ...(params ? { params } : {}) });

/**
 * Updates the request only if it is still as the actor saw it (same state, same controller, and
 * the extra conditions): of two clicks at once, the second finds nothing to update. Returns
 * whether this call won.
 */
export async function guardedUpdate(tx: Queryable, request: RequestRow, set: Partial<typeof requests.$inferInsert>, scope: SQL, ...extra: SQL[]): Promise<boolean> {
  const rows = await tx
    .update(requests)
    .set(set)
    .where(and(eq(requests.id, request.id), eq(requests.state, request.state), eq(requests.controllerId, request.controllerId), scope, ...extra))
    .returning({ id: requests.id });
  return rows.length === 1;
}

/** The condition for a request the requester itself changes (no workspace user): its own controller. */
export const requesterScope = (request: RequestRow): SQL => eq(requests.controllerId, request.controllerId);

/** The requester's e-mail address, or null (anonymised, or a paper request without one). */
export function requesterEmail(cipher: Cipher, request: RequestRow): string | null {
  if (!request.personal) return null;
  const personal = JSON.parse(cipher.decrypt(request.personal).toString('utf8')) as PersonalData;
  return personal.email ? personal.email : null;
}

/** Queues the e-mail about an action to the requester, when there is an address to write to. */
export async function mailRequester(tx: Queryable, d: Pick<ActionDeps, 'cipher' | 'now'>, request: RequestRow, action: RequesterAction, controllerId: ControllerId = request.controllerId as ControllerId): Promise<boolean> {
  const to = requesterEmail(d.cipher, request);
  if (!to) return false;
  const message = requesterActionMail({ lang: request.lang, to, reference: request.reference, controllerId, action });
  await enqueueMail(tx, { kind: `action-${action.kind}`, message }, { cipher: d.cipher, now: d.now });
  return true;
}

/**
 * The suspensions of a request as periods for the deadline functions. Only their total is
 * stored (requests.suspendedDays); waits never overlap (one at a time), so one period of that
 * many days counts exactly the same.
 */
export function storedSuspensions(receivedOn: DayNumber, days: number): SuspensionPeriod[] {
  return days > 0 ? [{ from: receivedOn, to: (receivedOn + days - 1) as DayNumber }] : [];
}

/** A trimmed form text, or '' when missing. */
export function text(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
}

export const MESSAGE_MAX = 2000;

/** Checks a free text for the requester: required (unless optional) and at most 2000 characters. */
export function checkMessage(value: string, field: string, required: boolean): FieldError | null {
  if (required && value === '') return { field, code: `${field}.required` };
  if (value.length > MESSAGE_MAX) return { field, code: `${field}.tooLong` };
  return null;
}

