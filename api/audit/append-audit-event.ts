/**
 * Appends one event to the hash-chained audit trail, inside the caller's transaction, so the
 * event commits with the change it records or not at all.
 *
 * The next `seq` is the last row's seq + 1 (1 for the first row), read in the same transaction
 * as the last row's hash, and written explicitly: the hash covers the seq, so it must be known
 * before the insert. Two writers cannot fork the chain: the portal's transactions are write
 * transactions (BEGIN IMMEDIATE in libSQL), so the read and the insert happen under the write
 * lock; and `seq` (primary key) and `hash` (unique) would refuse a second row at the same place
 * anyway.
 *
 * The payload is checked against its type's strict schema first: an unknown field (personal
 * data) throws AuditPayloadError and nothing is written.
 *
 * @example
 *   await db.transaction(async (tx) => {
 *     await tx.update(requests).set({ extendedDeadline: '2026-08-01' }).where(eq(requests.id, id));
 *     await appendAuditEvent(tx, { type: 'deadline_extended', actorUserId: user.id, controllerId: 'atlas',
 *       requestId: id, payload: { from: '2026-06-01', to: '2026-08-01', reason: 'complexity' } }, clock());
 *   });
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { auditEvents } from '../../db/schema.ts';
import { auditPayloadSchemas, type AuditEventInput } from './audit-event-types.ts';
import { GENESIS_HASH, hashAuditRow } from './hash-audit-row.ts';

export class AuditPayloadError extends Error {
  override name = 'AuditPayloadError';
  readonly code = 'audit_payload_invalid';
}

export interface AppendedAuditEvent {
  seq: number;
  hash: string;
}

export async function appendAuditEvent(tx: Queryable, event: AuditEventInput, now: number): Promise<AppendedAuditEvent> {
  if (!Number.isSafeInteger(now)) throw new RangeError('now must be an integer number of epoch milliseconds');
  const schema = auditPayloadSchemas[event.type];
  if (!schema) throw new AuditPayloadError(`Unknown audit event type ${JSON.stringify(String(event.type))}`);
  const parsed = schema.safeParse(event.payload);
  if (!parsed.success) {
    // Only the paths and codes: the refused values may be the very personal data kept out.
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.code}${i.code === 'unrecognized_keys' ? ` ${i.keys.join(', ')}` : ''}`);
    throw new AuditPayloadError(`Invalid payload for audit event ${event.type}: ${issues.join('; ')}`);
  }
  const last = await tx.all<{ seq: number; hash: string }>(sql`SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`);
  const seq = last.length === 0 ? 1 : Number(last[0]!.seq) + 1;
  const prevHash = last.length === 0 ? GENESIS_HASH : last[0]!.hash;
  const row = {
    seq,
    at: now,
    type: event.type,
    actorUserId: event.actorUserId,
    controllerId: event.controllerId,
    requestId: event.requestId,
    payload: parsed.data as unknown,
    prevHash,
  };
  const hash = hashAuditRow(row);
  await tx.insert(auditEvents).values({ ...row, at: new Date(now), hash });
  return { seq, hash };
}
