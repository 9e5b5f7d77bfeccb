/**
 * The audit events: a closed list of types, each with its own payload schema (like Documenso's
 * `types/document-audit-logs.ts`). Payloads carry ids, codes, counts and dates only, never
 * personal data: every schema is strict, so a field that is not listed here (a name, an e-mail
 * address, a free text) is refused before it can reach the append-only trail, where it could
 * never be erased again.
 *
 * Who, which controller and which request sit in the row's own columns (actorUserId,
 * controllerId, requestId), not in the payload.
 *
 * @example
 *   auditPayloadSchemas.deadline_extended.parse({ from: '2026-06-01', to: '2026-08-01', reason: 'complexity' });
 */
import { z } from 'zod';

/** A generated id or a reference (uuid, blob id, 'PR-…'): letters, digits, '-' and '_' only. */
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of letters, digits, - and _');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const count = z.number().int().nonnegative();
const controllerId = z.enum(['agii', 'atlas', 'huis', 'ingent']);
const role = z.enum(['dpo', 'handler', 'auditor', 'admin']);
const fileRole = z.enum(['id_copy', 'signature', 'mandate', 'document', 'answer', 'receipt']);
const requestState = z.enum(['received', 'awaiting_information', 'in_progress', 'answered', 'closed', 'withdrawn']);
const outcome = z.enum(['granted', 'partly_granted', 'refused']);
const none = z.strictObject({});

export const auditPayloadSchemas = {
  sign_in: z.strictObject({ method: z.enum(['password_totp', 'recovery_code', 'oidc']) }),
  /** The account tried is not named when it is unknown: a mistyped address is personal data too. */
  sign_in_failed: z.strictObject({ reason: z.enum(['unknown_account', 'wrong_password', 'wrong_code', 'locked', 'disabled', 'oidc_error']) }),
  sign_out: none,
  sign_out_everywhere: z.strictObject({ sessionsEnded: count }),
  mfa_enrolled: z.strictObject({ method: z.enum(['totp']) }),
  second_factor_confirmed: z.strictObject({ method: z.enum(['totp', 'recovery_code']) }),
  mfa_reset: z.strictObject({ targetUserId: id }),
  user_added: z.strictObject({ targetUserId: id, role, controllerId: controllerId.nullable() }),
  user_disabled: z.strictObject({ targetUserId: id }),
  user_enabled: z.strictObject({ targetUserId: id }),
  request_listed: z.strictObject({ state: requestState.nullable(), page: count, count }),
  request_viewed: none,
  id_copy_viewed: z.strictObject({ fileId: id }),
  file_downloaded: z.strictObject({ fileId: id, role: fileRole }),
  identity_checked: z.strictObject({ result: z.enum(['confirmed', 'insufficient']) }),
  information_requested: z.strictObject({ kind: z.enum(['identity', 'clarification']), dueDate: isoDate.nullable() }),
  information_received: z.strictObject({ kind: z.enum(['identity', 'clarification']) }),
  deadline_extended: z.strictObject({ from: isoDate, to: isoDate, reason: z.enum(['complexity', 'number_of_requests']) }),
  request_transferred: z.strictObject({ fromControllerId: controllerId, toControllerId: controllerId, reason: z.enum(['competence', 'residence', 'other']) }),
  answer_sent: z.strictObject({ fileId: id.nullable(), channel: z.enum(['email', 'post', 'portal']), outcome }),
  request_closed: z.strictObject({ state: z.enum(['closed', 'withdrawn']), outcome: outcome.nullable() }),
  request_registered: z.strictObject({ channel: z.enum(['post', 'email', 'desk']), receivedDate: isoDate }),
  overview_viewed: none,
  overview_exported: z.strictObject({ format: z.enum(['csv', 'pdf']), from: isoDate, to: isoDate, count }),
  /** The workspace's account list (names and e-mail addresses of staff): who looked, and how many they saw. */
  users_listed: z.strictObject({ count }),
  audit_viewed: z.strictObject({ scope: z.enum(['all', 'request', 'user', 'controller']), targetId: id.nullable() }),
  retention_id_copy_deleted: z.strictObject({ fileId: id, rule: z.enum(['identity_checked', 'max_age']) }),
  retention_answers_deleted: z.strictObject({ fileIds: z.array(id).min(1), closedDate: isoDate }),
  retention_request_anonymised: z.strictObject({ rule: z.enum(['after_close', 'after_receipt']), filesDeleted: count }),
} as const;

export type AuditEventType = keyof typeof auditPayloadSchemas;

/** Every type, in the order above: for filters in the workspace and for tests. */
export const AUDIT_EVENT_TYPES = Object.keys(auditPayloadSchemas) as AuditEventType[];

export const auditEventTypeSchema = z.enum(AUDIT_EVENT_TYPES as [AuditEventType, ...AuditEventType[]]);

/** The payload of one type, as the caller writes it. */
export type AuditPayload<T extends AuditEventType> = z.input<(typeof auditPayloadSchemas)[T]>;

/** An event to append: one member per type, so `payload` is checked against its `type`. */
export type AuditEventInput = {
  [T in AuditEventType]: {
    type: T;
    /** The workspace user; null for the system (scheduled jobs) and failed sign-ins. */
    actorUserId: string | null;
    controllerId: string | null;
    requestId: string | null;
    payload: AuditPayload<T>;
  };
}[AuditEventType];
