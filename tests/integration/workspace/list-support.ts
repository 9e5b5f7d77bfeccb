/**
 * Helpers for the list and overview suites: a signed-in workspace user made directly (a user row
 * and a session that passed the second factor, at the test clock) and requests inserted straight
 * into the real database for the cases that need many, or dates in the past.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createSession } from '../../../api/dpo/sessions.ts';
import { SESSION_COOKIE } from '../../../api/dpo/session-policy.ts';
import type { Role } from '../../../api/dpo/roles.ts';
import { generateReference } from '../../../api/requests/reference.ts';
import { requests, users } from '../../../db/schema.ts';
import { DpoClient } from '../dpo-auth/dpo-client.ts';
import type { TestApp } from '../../support/test-app.ts';

export type ControllerId = 'agii' | 'atlas' | 'huis' | 'ingent';

/** A user of this role and controller with a fresh, fully signed-in session. */
export async function signedIn(t: TestApp, role: Role, controllerId: ControllerId | null): Promise<DpoClient & { userId: string }> {
  const userId = randomUUID();
  await t.db.insert(users).values({ id: userId, email: `${userId}@example.org`, displayName: `Test ${role}`, controllerId, role, createdAt: new Date(t.clock.now) });
  const client = new DpoClient(t) as DpoClient & { userId: string };
  client.userId = userId;
  client.cookies.set(SESSION_COOKIE, await createSession(t.db, { userId, now: t.clock.now, mfa: true }));
  return client;
}

export interface RequestSeed {
  controllerId?: ControllerId;
  reference?: string;
  statement?: 'general' | 'website' | 'crt';
  rights?: string[];
  channel?: 'web' | 'post' | 'email' | 'desk';
  receivedAt?: string;
  receivedDate: string;
  legalDeadline: string;
  extendedDeadline?: string | null;
  internalTarget?: string | null;
  state?: 'received' | 'awaiting_information' | 'in_progress' | 'answered' | 'closed' | 'withdrawn';
  outcome?: 'granted' | 'partly_granted' | 'refused' | null;
  emailConfirmedAt?: string | null;
  confirmationAsked?: boolean;
  answeredAt?: string | null;
  closedAt?: string | null;
}

/** Inserts one request as the intake would have stored it (personal data: opaque bytes). */
export async function insertRequest(t: TestApp, s: RequestSeed): Promise<string> {
  const reference = s.reference ?? generateReference();
  const controllerId = s.controllerId ?? 'atlas';
  const receivedAt = new Date(s.receivedAt ?? `${s.receivedDate}T10:00:00Z`);
  await t.db.insert(requests).values({
    id: randomUUID(),
    reference,
    statusTokenHash: randomBytes(32).toString('hex'),
    emailConfirmTokenHash: s.confirmationAsked === false ? null : randomBytes(32).toString('hex'),
    statement: s.statement ?? 'crt',
    rights: s.rights ?? ['access'],
    lang: 'nl',
    channel: s.channel ?? 'web',
    controllerId,
    contactPointInformed: controllerId !== 'agii',
    routing: { statement: s.statement ?? 'crt', controller: controllerId, informContactPoint: controllerId !== 'agii', receivedAt: receivedAt.getTime(), reason: { code: 'postcode' }, transfers: [] },
    receivedAt,
    receivedDate: s.receivedDate,
    legalDeadline: s.legalDeadline,
    extendedDeadline: s.extendedDeadline ?? null,
    internalTarget: s.internalTarget ?? null,
    state: s.state ?? 'received',
    outcome: s.outcome ?? null,
    emailConfirmedAt: s.emailConfirmedAt ? new Date(s.emailConfirmedAt) : null,
    answeredAt: s.answeredAt ? new Date(s.answeredAt) : null,
    closedAt: s.closedAt ? new Date(s.closedAt) : null,
    personal: randomBytes(64),
    seal: {},
    createdAt: receivedAt,
  });
  return reference;
}

/** The references in a list page's table, in order. */
export function listedReferences(html: string): string[] {
  return [...html.matchAll(/<th scope="row"><a class="nowrap" href="\/dpo\/requests\/(PR-[0-9A-Z-]+)\?/g)].map((m) => m[1]!);
}
