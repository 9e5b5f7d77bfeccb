/**
 * Everything the request page shows, read in one go for a user who may see the request: the
 * request row, the requester's personal data (decrypted), its files, its timeline with each
 * event's actor in words-ready form and its message to the requester decrypted, and who checked
 * the identity. A request the user may not see is null, exactly like one that does not exist.
 *
 * @example
 *   const detail = await loadRequestDetail(db, cipher, user, 'PR-7K3M-Q9TX-4');
 *   if (!detail) return notFoundPage(c);
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { requestEvents, requestFiles, users } from '../../db/schema.ts';
import type { SignedInUser } from '../dpo/roles.ts';
import type { PersonalData } from '../intake/create-request.ts';
import type { Cipher } from '../mail/types.ts';
import { findRequestFor, type RequestRow } from './request-scope.ts';
import { openEventMessage } from './requester-events.ts';

export type FileRow = typeof requestFiles.$inferSelect;

/** Who did something on the timeline: the requester, the system, a staff member (by name), or an actor the portal does not know. */
export type EventActor = { kind: 'requester' } | { kind: 'system' } | { kind: 'staff'; name: string } | { kind: 'other'; label: string };

export interface TimelineEvent {
  id: number;
  type: string;
  at: Date;
  actor: EventActor;
  payload: Record<string, unknown>;
  /** The message to the requester, in clear; null when there is none. */
  message: string | null;
}

export interface RequestDetail {
  request: RequestRow;
  /** Null once the request was anonymised. */
  personal: PersonalData | null;
  /** Every file row, deleted ones too (their hash still counts for the seal). */
  files: FileRow[];
  events: TimelineEvent[];
  /** The display name of the user who checked the identity, when it was checked. */
  identityCheckedByName: string | null;
}

async function displayNames(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

function actorOf(actor: string, names: Map<string, string>): EventActor {
  if (actor === 'requester') return { kind: 'requester' };
  if (actor === 'system') return { kind: 'system' };
  const name = names.get(actor);
  return name === undefined ? { kind: 'other', label: actor } : { kind: 'staff', name };
}

export async function loadRequestDetail(db: Queryable, cipher: Cipher, user: Pick<SignedInUser, 'controllerId' | 'role'>, reference: string): Promise<RequestDetail | null> {
  const request = await findRequestFor(db, user, reference);
  if (!request) return null;
  const files = await db.select().from(requestFiles).where(eq(requestFiles.requestId, request.id)).orderBy(asc(requestFiles.createdAt), asc(requestFiles.id));
  const eventRows = await db.select().from(requestEvents).where(eq(requestEvents.requestId, request.id)).orderBy(asc(requestEvents.at), asc(requestEvents.id));
  const names = await displayNames(db, [...eventRows.map((e) => e.actor), ...(request.identityCheckedBy ? [request.identityCheckedBy] : [])]);
  const personal = request.personal ? (JSON.parse(cipher.decrypt(Buffer.from(request.personal)).toString('utf8')) as PersonalData) : null;
  const events = eventRows.map((e) => ({
    id: e.id,
    type: e.type,
    at: e.at,
    actor: actorOf(e.actor, names),
    payload: (e.payload && typeof e.payload === 'object' ? e.payload : {}) as Record<string, unknown>,
    message: openEventMessage(cipher, e.message),
  }));
  return { request, personal, files, events, identityCheckedByName: request.identityCheckedBy ? (names.get(request.identityCheckedBy) ?? null) : null };
}
