/**
 * Pages of the audit trail for the workspace, always within one controller: a request's trail
 * (the request is found through `findRequestFor` first), or the trail of a controller, which is
 * every event recorded for that controller plus every event by one of its users, optionally for
 * one user and one event type. Actors come back with their display names and requests with
 * their references, so the page can say who did what to which request.
 *
 * @example
 *   const page = await listAuditEvents(db, { controllerId: 'atlas', userId: null, type: 'sign_in', page: 1 });
 *   page.rows[0].actorName // 'An Peeters'
 */
import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { auditEvents, requests, users } from '../../db/schema.ts';
import type { AuditEventType } from '../audit/audit-event-types.ts';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditRow {
  seq: number;
  at: Date;
  type: string;
  actorUserId: string | null;
  actorName: string | null;
  requestReference: string | null;
  payload: Record<string, unknown>;
}

export interface AuditPage {
  rows: AuditRow[];
  total: number;
  page: number;
  pages: number;
  /** Display names of the users the payloads name (targetUserId, targetId). */
  names: Map<string, string>;
}

export type AuditScope = { requestId: string } | { controllerId: string; userId: string | null; type: AuditEventType | null };

/** The users of a controller, by name, for the filter. */
export async function listControllerUsers(db: Queryable, controllerId: string): Promise<{ id: string; displayName: string }[]> {
  return db.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.controllerId, controllerId)).orderBy(users.displayName, users.id);
}

function conditionOf(scope: AuditScope): SQL {
  if ('requestId' in scope) return eq(auditEvents.requestId, scope.requestId);
  const ofController = or(
    eq(auditEvents.controllerId, scope.controllerId),
    inArray(auditEvents.actorUserId, sql`(SELECT ${users.id} FROM ${users} WHERE ${users.controllerId} = ${scope.controllerId})`),
  )!;
  return and(ofController, scope.userId ? eq(auditEvents.actorUserId, scope.userId) : undefined, scope.type ? eq(auditEvents.type, scope.type) : undefined)!;
}

export async function listAuditEvents(db: Queryable, scope: AuditScope, page: number): Promise<AuditPage> {
  const where = conditionOf(scope);
  const [{ n }] = (await db.select({ n: sql<number>`count(*)` }).from(auditEvents).where(where)) as [{ n: number }];
  const total = Number(n);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const rows = await db
    .select({
      seq: auditEvents.seq,
      at: auditEvents.at,
      type: auditEvents.type,
      actorUserId: auditEvents.actorUserId,
      actorName: users.displayName,
      requestReference: requests.reference,
      payload: auditEvents.payload,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(requests, eq(requests.id, auditEvents.requestId))
    .where(where)
    .orderBy(desc(auditEvents.seq))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  const named = rows.flatMap((r) => {
    const p = r.payload as Record<string, unknown>;
    return [p.targetUserId, p.targetId].filter((v): v is string => typeof v === 'string');
  });
  const names = new Map<string, string>();
  if (named.length > 0) {
    for (const u of await db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, [...new Set(named)]))) names.set(u.id, u.displayName);
  }
  return {
    rows: rows.map((r) => ({ ...r, payload: (r.payload && typeof r.payload === 'object' ? r.payload : {}) as Record<string, unknown> })),
    total,
    page,
    pages,
    names,
  };
}
