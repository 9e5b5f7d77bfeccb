/**
 * Registering a request that came by post, e-mail or at the desk, through the real app: the
 * deadline runs from the real date of receipt, the status link shown once works, the requester
 * with an e-mail address gets the confirmation e-mail in their language.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, requestEvents, requests } from '../../../db/schema.ts';
import { verifySeal } from '../../../api/seal/verify-seal.ts';
import type { Seal } from '../../../api/seal/types.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { type Enrolled, enrolUser, signedInClient } from '../dpo-auth/dpo-client.ts';
import { outboxMails, personalOf, withStatusToken } from '../intake/support.ts';

let t: TestApp;
let dpo: Enrolled;

const signedIn = (who: Enrolled) => signedInClient(t, who);

const FIELDS = {
  channel: 'post',
  receivedDate: '2026-03-02',
  statement: 'crt',
  rights: 'access',
  firstName: 'Ivan',
  lastName: 'Petrov',
  email: 'ivan@example.org',
  street: 'Carnotstraat 1',
  postcode: '2060',
  city: 'Antwerpen',
  lang: 'ru',
  explanation: 'Хочу получить копию моих данных.',
};

const mails = () => outboxMails(t);

beforeEach(async () => {
  t = await createTestApp();
  dpo = await enrolUser(t, { email: 'dpo@atlas.test', role: 'handler', controllerId: 'atlas' });
});
afterEach(async () => {
  await t.close();
});

describe('registering a paper request', () => {
  it('files it for the own controller with the deadline from the past date of receipt; the status link shown once works', async () => {
    const client = await signedIn(dpo);
    expect((await client.request('/dpo/register?lang=en')).status).toBe(200);
    const res = await client.submit('/dpo/register?lang=en', FIELDS);
    expect(res.status).toBe(201);
    const html = await res.text();
    const reference = /id="reference">([^<]+)</.exec(html)![1]!;
    const statusUrl = /id="status-url">([^<]+)</.exec(html)![1]!;
    expect(statusUrl).toMatch(/^https:\/\/privacy\.test\/ru\/status\/#/);

    const row = (await t.db.select().from(requests).where(eq(requests.reference, reference)).get())!;
    expect(row.controllerId).toBe('atlas');
    expect(row.channel).toBe('post');
    expect(row.receivedDate).toBe('2026-03-02');
    // 2 March + 1 month = 2 April 2026, a Thursday: no roll.
    expect(row.legalDeadline).toBe('2026-04-02');
    expect(row.registeredBy).not.toBeNull();
    expect(row.contactPointInformed).toBe(true);
    expect((row.routing as { reason: { code: string } }).reason.code).toBe('explicitChoice');
    const personal = personalOf(t, row);
    expect(personal).toMatchObject({ firstName: 'Ivan', lastName: 'Petrov', email: 'ivan@example.org', address: { street: 'Carnotstraat 1', postcode: '2060', city: 'Antwerpen' } });
    expect(verifySeal(row.seal as Seal, { publicKeys: new Map([[t.services.sealKey.keyId, t.services.sealKey.publicKey]]) }).ok).toBe(true);

    const [ev] = await t.db.select().from(requestEvents).where(eq(requestEvents.requestId, row.id)).all();
    expect(ev!.type).toBe('received');
    expect(ev!.payload).toMatchObject({ channel: 'post' });
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.requestId, row.id), eq(auditEvents.type, 'request_registered'))).all();
    expect(audit!.payload).toEqual({ channel: 'post', receivedDate: '2026-03-02' });

    const all = await mails();
    const confirmation = all.find((m) => m.kind === 'confirmation')!;
    expect(confirmation.to).toEqual(['ivan@example.org']);
    expect(confirmation.subject).toContain(reference);
    expect(confirmation.text).toContain(statusUrl);
    expect(confirmation.text).toContain('2 апреля 2026');
    expect(all.find((m) => m.kind === 'contact-point-notice')!.to).toEqual(['dpo@integratie-inburgering.be']);

    const token = statusUrl.split('#')[1]!;
    const status = await t.app.request('http://localhost/api/requests/status', { headers: withStatusToken(token) });
    expect(status.status).toBe(200);
  });

  it('refuses a date in the future and a missing name with the form again; without e-mail no mail goes', async () => {
    const client = await signedIn(dpo);
    const bad = await client.submit('/dpo/register?lang=en', { ...FIELDS, receivedDate: '2026-04-02', firstName: '' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('The date of receipt cannot be in the future');
    expect(html).toContain('Enter the first name');
    expect(html).toContain('value="Petrov"');
    expect(await t.db.select().from(requests).all()).toHaveLength(0);

    const ok = await client.submit('/dpo/register?lang=en', { ...FIELDS, channel: 'desk', email: '', receivedDate: '2026-04-01' });
    expect(ok.status).toBe(201);
    expect(await ok.text()).toContain('There is no e-mail address: no confirmation e-mail is sent.');
    const [row] = await t.db.select().from(requests).all();
    expect(row!.receivedDate).toBe('2026-04-01');
    expect(row!.receivedAt.getTime()).toBe(t.clock.now);
    expect((await mails()).filter((m) => m.kind === 'confirmation')).toHaveLength(0);
  });

  it('an auditor may not register', async () => {
    const auditor = await enrolUser(t, { email: 'audit@atlas.test', role: 'auditor', controllerId: 'atlas' });
    const client = await signedIn(auditor);
    expect((await client.request('/dpo/register?lang=en')).status).toBe(403);
  });
});
