/**
 * The DPO's actions on a request, through the real app: real SQLite, real encrypted blob store,
 * real sign-in with TOTP and CSRF, e-mails read back by decrypting the outbox and, once, through
 * a real SMTP server parsed with mailparser (in Ukrainian, the requester's language).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, requestEvents, requestFiles, requests } from '../../../db/schema.ts';
import { availableActions } from '../../../api/workspace/available-actions.ts';
import { openEventMessage } from '../../../api/workspace/requester-events.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { startTestSmtp, type TestSmtp } from '../../support/smtp.ts';
import { csrfOf, DpoClient, type Enrolled, enrolUser, ORIGIN, signedInClient } from '../dpo-auth/dpo-client.ts';
import { deliver, fileRequest, idCard, outboxMails, requestRow, withStatusToken } from '../intake/support.ts';

let t: TestApp;
let dpo: Enrolled;

const signedIn = (who: Enrolled) => signedInClient(t, who);

/** Moves the clock (Brussels dates in the tests) and signs in again: sessions end after 30 idle minutes. */
async function at(iso: string, who: Enrolled = dpo): Promise<DpoClient> {
  t.clock.now = Date.parse(iso);
  return signedIn(who);
}

const pagePath = (ref: string, action: string) => `/dpo/requests/${ref}/${action}?lang=en`;
const act = (client: DpoClient, ref: string, action: string, fields: Record<string, string> = {}) => client.submit(pagePath(ref, action), fields);

const mails = () => outboxMails(t);

const mailsOfKind = async (kind: string) => (await mails()).filter((m) => m.kind === kind);

async function eventsOf(requestId: string, type: string) {
  return t.db.select().from(requestEvents).where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.type, type))).all();
}

async function auditOf(requestId: string, type: string) {
  return t.db.select().from(auditEvents).where(and(eq(auditEvents.requestId, requestId), eq(auditEvents.type, type))).all();
}

/** A multipart POST as the browser sends the answer form: cookie, origin, CSRF token from the page. */
async function postMultipart(client: DpoClient, ref: string, fields: Record<string, string>, files: { name: string; type: string; bytes: Uint8Array }[]) {
  const html = await (await client.request(pagePath(ref, 'answer'))).text();
  const form = new FormData();
  form.append('_csrf', csrfOf(html));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('documents', new Blob([Buffer.from(f.bytes)], { type: f.type }), f.name);
  return t.app.request(`http://localhost${pagePath(ref, 'answer')}`, { method: 'POST', headers: { cookie: client.cookieHeader, origin: ORIGIN }, body: form });
}

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

beforeEach(async () => {
  t = await createTestApp();
  dpo = await enrolUser(t, { email: 'dpo@in-gent.test', role: 'dpo', controllerId: 'ingent' });
});
afterEach(async () => {
  await t.close();
});

describe('identity checked', () => {
  it('deletes the ID copy at once, moves the request on, audits it and tells the requester in Ukrainian; a second click gets 409', async () => {
    const filed = await fileRequest(t);
    const before = await requestRow(t, filed.reference);
    const [copy] = await t.db.select().from(requestFiles).where(and(eq(requestFiles.requestId, before.id), eq(requestFiles.role, 'id_copy'))).all();
    const blobPath = join(t.dataDir, 'blobs', `${copy!.blobId}.enc`);
    expect(existsSync(blobPath)).toBe(true);

    const client = await signedIn(dpo);
    const page = await client.request(pagePath(filed.reference, 'identity'));
    expect(page.status).toBe(200);
    const res = await act(client, filed.reference, 'identity');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/dpo/requests/${filed.reference}?lang=en`);

    const after = await requestRow(t, filed.reference);
    expect(after.state).toBe('in_progress');
    expect(after.identityCheckedAt?.getTime()).toBe(t.clock.now);
    expect(after.identityCheckedBy).not.toBeNull();
    expect(existsSync(blobPath)).toBe(false);
    const [fileAfter] = await t.db.select().from(requestFiles).where(eq(requestFiles.id, copy!.id)).all();
    expect(fileAfter!.deletedAt?.getTime()).toBe(t.clock.now);
    expect((await eventsOf(after.id, 'identity_checked')).map((e) => e.payload)).toEqual([{ result: 'confirmed' }]);
    expect((await auditOf(after.id, 'identity_checked')).map((a) => a.payload)).toEqual([{ result: 'confirmed' }]);
    const [mail] = await mailsOfKind('action-identity');
    expect(mail!.to).toEqual(['olena@example.org']);
    expect(mail!.subject).toBe(`Вашу особу перевірено (${filed.reference})`);
    expect(mail!.text).toContain('Копію вашого документа');
    expect(mail!.text).not.toContain(filed.statusToken);

    // The same form sent again (a double click, the page's token): refused, nothing written twice.
    const again = await client.request(pagePath(filed.reference, 'identity'), { method: 'POST', form: { _csrf: csrfOf(await page.text()) } });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('The identity has already been checked.');
    expect(await eventsOf(after.id, 'identity_checked')).toHaveLength(1);
    expect(await auditOf(after.id, 'identity_checked')).toHaveLength(1);
    expect(await mailsOfKind('action-identity')).toHaveLength(1);
  });
});

describe('information and the suspended clock', () => {
  it('a worked example: received 1 April 2026 (deadline 4 May), identity information asked 3 April, received 9 April: 7 days, deadline 8 May', async () => {
    const filed = await fileRequest(t);
    const r0 = await requestRow(t, filed.reference);
    expect(r0.receivedDate).toBe('2026-04-01');
    expect(r0.legalDeadline).toBe('2026-05-04');

    let client = await at('2026-04-03T09:00:00Z');
    const empty = await act(client, filed.reference, 'information', { kind: 'identity', message: '' });
    expect(empty.status).toBe(422);
    const html = await empty.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('href="#message"');
    expect(html).toContain('Write the text for the requester');

    const asked = await act(client, filed.reference, 'information', { kind: 'identity', message: 'Надішліть, будь ласка, копію посвідки на проживання.' });
    expect(asked.status).toBe(303);
    const r1 = await requestRow(t, filed.reference);
    expect(r1.state).toBe('awaiting_information');
    expect(r1.suspendedSince).toBe('2026-04-03');
    const [ev] = await eventsOf(r1.id, 'information_requested');
    expect(ev!.payload).toEqual({ kind: 'identity', suspends: true });
    expect(openEventMessage(t.services.cipher, ev!.message)).toBe('Надішліть, будь ласка, копію посвідки на проживання.');
    expect((await auditOf(r1.id, 'information_requested')).map((a) => a.payload)).toEqual([{ kind: 'identity', dueDate: null }]);
    const [askMail] = await mailsOfKind('action-information');
    expect(askMail!.text).toContain('Що нам потрібно: Надішліть, будь ласка, копію посвідки на проживання.');

    client = await at('2026-04-09T09:00:00Z');
    const received = await act(client, filed.reference, 'information-received');
    expect(received.status).toBe(303);
    const r2 = await requestRow(t, filed.reference);
    expect(r2.state).toBe('in_progress');
    expect(r2.suspendedSince).toBeNull();
    expect(r2.suspendedDays).toBe(7);
    expect(r2.legalDeadline).toBe('2026-05-08');
    expect(r2.receivedDate).toBe('2026-04-01');
    expect((await eventsOf(r2.id, 'information_received')).map((e) => e.payload)).toEqual([{ suspendedDays: 7, legalDeadline: '2026-05-08' }]);
    expect((await auditOf(r2.id, 'information_received')).map((a) => a.payload)).toEqual([{ kind: 'identity' }]);
    const [gotMail] = await mailsOfKind('action-information-received');
    expect(gotMail!.text).toContain('8 травня 2026');
  });

  it('a document the requester adds while information is awaited records the information as received', async () => {
    const filed = await fileRequest(t);
    const client = await at('2026-04-03T09:00:00Z');
    expect((await act(client, filed.reference, 'information', { kind: 'identity', message: 'Please send a copy of your residence card.' })).status).toBe(303);

    t.clock.now = Date.parse('2026-04-05T09:00:00Z');
    const form = new FormData();
    form.append('document', new Blob([new Uint8Array(await idCard())], { type: 'image/jpeg' }), 'card.jpg');
    const res = await t.app.request('http://localhost/api/requests/status/documents', { method: 'POST', headers: withStatusToken(filed.statusToken), body: form });
    expect(res.status).toBe(201);
    const row = await requestRow(t, filed.reference);
    expect(row.state).toBe('in_progress');
    expect(row.suspendedDays).toBe(3);
    expect(row.legalDeadline).toBe('2026-05-04');
    const [ev] = await eventsOf(row.id, 'information_received');
    expect(ev!.actor).toBe('requester');
    expect(ev!.payload).toEqual({ suspendedDays: 3, legalDeadline: '2026-05-04' });
    const [audit] = await auditOf(row.id, 'information_received');
    expect(audit!.actorUserId).toBeNull();
    expect(await mailsOfKind('action-information-received')).toHaveLength(1);
  });
});

describe('extension', () => {
  it('extends once to receipt + 3 months; a second time is refused with the reason; nothing is written twice', async () => {
    const filed = await fileRequest(t);
    const client = await at('2026-04-02T09:00:00Z');
    const res = await act(client, filed.reference, 'extend', { reason: 'complexity', message: 'Ми шукаємо ваші дані в трьох системах.' });
    expect(res.status).toBe(303);
    const row = await requestRow(t, filed.reference);
    expect(row.extendedDeadline).toBe('2026-07-01');
    expect(row.extensionReason).toBe('complexity');
    expect(row.legalDeadline).toBe('2026-05-04');
    expect((await auditOf(row.id, 'deadline_extended')).map((a) => a.payload)).toEqual([{ from: '2026-05-04', to: '2026-07-01', reason: 'complexity' }]);
    expect((await eventsOf(row.id, 'deadline_extended')).map((e) => e.payload)).toEqual([{ from: '2026-05-04', to: '2026-07-01', reason: 'complexity' }]);
    const [mail] = await mailsOfKind('action-extend');
    expect(mail!.text).toContain('1 липня 2026');
    expect(mail!.text).toContain('Ми шукаємо ваші дані в трьох системах.');

    const page = await client.request(pagePath(filed.reference, 'extend'));
    expect(page.status).toBe(409);
    const second = await client.request(pagePath(filed.reference, 'extend'), { method: 'POST', form: { _csrf: csrfOf(await (await client.request('/dpo/?lang=en')).text()), reason: 'complexity', message: 'Again' } });
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('The deadline has already been extended. It can be extended only once.');
    expect(await auditOf(row.id, 'deadline_extended')).toHaveLength(1);
  });

  it('is refused after the first deadline has passed', async () => {
    const filed = await fileRequest(t);
    const client = await at('2026-05-05T09:00:00Z');
    const page = await client.request(pagePath(filed.reference, 'extend'));
    expect(page.status).toBe(409);
    const res = await client.request(pagePath(filed.reference, 'extend'), { method: 'POST', form: { _csrf: csrfOf(await (await client.request('/dpo/?lang=en')).text()), reason: 'complexity', message: 'Late' } });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('The first deadline ended on 4 May 2026.');
    const row = await requestRow(t, filed.reference);
    expect(row.extendedDeadline).toBeNull();
    expect(await auditOf(row.id, 'deadline_extended')).toHaveLength(0);
  });
});

describe('transfer', () => {
  it('keeps the date of receipt and the deadline; the old controller then gets 404, the new one sees it and is told', async () => {
    const filed = await fileRequest(t);
    const before = await requestRow(t, filed.reference);
    const atlas = await enrolUser(t, { email: 'dpo@atlas.test', role: 'dpo', controllerId: 'atlas' });
    const client = await signedIn(dpo);
    const res = await act(client, filed.reference, 'transfer', { to: 'atlas', reason: 'residence', note: '' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/dpo/requests?lang=en&transferred=${filed.reference}`);
    const landing = await (await client.request(res.headers.get('location')!)).text();
    expect(landing).toContain(`Request ${filed.reference} was transferred to another controller`);
    const after = await requestRow(t, filed.reference);
    expect(after.controllerId).toBe('atlas');
    expect(after.receivedDate).toBe(before.receivedDate);
    expect(after.legalDeadline).toBe(before.legalDeadline);
    expect(after.receivedAt.getTime()).toBe(before.receivedAt.getTime());
    expect((after.routing as { transfers: { from: string; to: string; reason: string }[] }).transfers).toMatchObject([{ from: 'ingent', to: 'atlas', reason: 'residence' }]);
    expect((await auditOf(after.id, 'request_transferred')).map((a) => a.payload)).toEqual([{ fromControllerId: 'ingent', toControllerId: 'atlas', reason: 'residence' }]);
    expect((await eventsOf(after.id, 'transferred')).map((e) => e.payload)).toEqual([{ from: 'ingent', to: 'atlas', reason: 'residence' }]);
    const [mail] = await mailsOfKind('action-transfer');
    expect(mail!.to).toEqual(['olena@example.org']);
    expect(mail!.text).toContain('Atlas');
    const [notice] = await mailsOfKind('transfer-notice');
    expect(notice!.to).toEqual(['atlas.dpo@antwerpen.be']);
    expect(notice!.text).not.toMatch(/Olena|Kovalenko|olena@/);

    expect((await client.request(pagePath(filed.reference, 'answer'))).status).toBe(404);
    const token = csrfOf(await (await client.request('/dpo/?lang=en')).text());
    expect((await client.request(pagePath(filed.reference, 'close'), { method: 'POST', form: { _csrf: token, outcome: 'granted' } })).status).toBe(404);
    expect((await requestRow(t, filed.reference)).state).toBe('received');
    const atlasClient = await signedIn(atlas);
    expect((await atlasClient.request(pagePath(filed.reference, 'identity'))).status).toBe(200);
  });
});

describe('answer and close', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp.down();
  });

  it('answers with a PDF stored encrypted, then closes as refused; the Ukrainian mail through real SMTP names GBA, VTC and the court', async () => {
    const filed = await fileRequest(t);
    const client = await signedIn(dpo);

    const bad = await postMultipart(client, filed.reference, { message: 'Ось відповідь.', outcome: 'granted' }, [{ name: 'tool.exe', type: 'application/octet-stream', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]) }]);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('is not a PDF, JPEG, PNG, CSV, JSON or text file');

    const res = await postMultipart(client, filed.reference, { message: 'Ось копія ваших даних.', outcome: 'granted' }, [{ name: 'copy.pdf', type: 'application/pdf', bytes: PDF }]);
    expect(res.status).toBe(303);
    const row = await requestRow(t, filed.reference);
    expect(row.state).toBe('answered');
    expect(row.answeredAt?.getTime()).toBe(t.clock.now);
    const answers = await t.db.select().from(requestFiles).where(and(eq(requestFiles.requestId, row.id), eq(requestFiles.role, 'answer'))).all();
    expect(answers).toHaveLength(1);
    expect(answers[0]!.mime).toBe('application/pdf');
    expect(Buffer.from(await t.services.blobs.get(answers[0]!.blobId, answers[0]!.sha256)).equals(Buffer.from(PDF))).toBe(true);
    expect((await eventsOf(row.id, 'answered')).map((e) => e.payload)).toEqual([{ outcome: 'granted', fileIds: [answers[0]!.id] }]);
    expect((await auditOf(row.id, 'answer_sent')).map((a) => a.payload)).toEqual([{ fileId: answers[0]!.id, channel: 'portal', outcome: 'granted' }]);

    const noReasons = await act(client, filed.reference, 'close', { outcome: 'refused', message: '' });
    expect(noReasons.status).toBe(422);
    expect(await noReasons.text()).toContain('Write the reasons for the refusal');
    const closed = await act(client, filed.reference, 'close', { outcome: 'refused', message: 'Ми не зберігаємо інших даних про вас.' });
    expect(closed.status).toBe(303);
    const done = await requestRow(t, filed.reference);
    expect(done.state).toBe('closed');
    expect(done.outcome).toBe('refused');
    expect((await auditOf(done.id, 'request_closed')).map((a) => a.payload)).toEqual([{ state: 'closed', outcome: 'refused' }]);
    expect((await eventsOf(done.id, 'closed')).map((e) => e.payload)).toEqual([{ outcome: 'refused' }]);

    await deliver(t, smtp);
    const got = await smtp.waitFor(1);
    const mail = got.find((m) => m.subject === `Ваш запит ${filed.reference} закрито`);
    expect(mail).toBeDefined();
    expect(mail!.to && !Array.isArray(mail!.to) ? mail!.to.value[0]!.address : '').toBe('olena@example.org');
    const text = mail!.text ?? '';
    expect(text).toContain('Результат: ми відмовили у вашому запиті.');
    expect(text).toContain('Наші причини: Ми не зберігаємо інших даних про вас.');
    expect(text).toContain('Gegevensbeschermingsautoriteit (GBA)');
    expect(text).toContain('Drukpersstraat 35, 1000 Brussel');
    expect(text).toContain('contact@apd-gba.be');
    expect(text).toContain('Vlaamse Toezichtcommissie (VTC)');
    expect(text).toContain('https://overheid.vlaanderen.be/klachtenprocedure');
    expect(text).toContain('Ви також можете звернутися до суду.');
    expect(text).not.toContain(filed.statusToken);
    const answered = got.find((m) => m.subject === `Є відповідь на ваш запит ${filed.reference}`);
    expect(answered?.attachments ?? []).toHaveLength(0);
  });
});

describe('who may act', () => {
  it('an auditor gets 403, a form without CSRF gets 403, another controller gets 404; nothing changes', async () => {
    const filed = await fileRequest(t);
    const auditor = await enrolUser(t, { email: 'audit@in-gent.test', role: 'auditor', controllerId: 'ingent' });
    const other = await enrolUser(t, { email: 'dpo@huis.test', role: 'dpo', controllerId: 'huis' });

    const a = await signedIn(auditor);
    const token = csrfOf(await (await a.request('/dpo/?lang=en')).text());
    expect((await a.request(pagePath(filed.reference, 'identity'), { method: 'POST', form: { _csrf: token } })).status).toBe(403);

    const d = await signedIn(dpo);
    expect((await d.request(pagePath(filed.reference, 'identity'), { method: 'POST', form: {} })).status).toBe(403);

    const h = await signedIn(other);
    expect((await h.request(pagePath(filed.reference, 'identity'))).status).toBe(404);
    const hToken = csrfOf(await (await h.request('/dpo/?lang=en')).text());
    expect((await h.request(pagePath(filed.reference, 'identity'), { method: 'POST', form: { _csrf: hToken } })).status).toBe(404);

    const row = await requestRow(t, filed.reference);
    expect(row.state).toBe('received');
    expect(row.identityCheckedAt).toBeNull();
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.type, 'identity_checked')).all()).toHaveLength(0);
  });

  it('every action page of a new request renders in Dutch and English; the links match the actions offered', async () => {
    const filed = await fileRequest(t);
    const row = await requestRow(t, filed.reference);
    const client = await signedIn(dpo);
    const offered = availableActions(row, { id: 'x', controllerId: 'ingent', role: 'dpo', displayName: 'X' }).map((a) => a.action);
    expect(offered).toEqual(['identity', 'information', 'extend', 'transfer', 'answer', 'close']);
    expect(availableActions(row, { id: 'x', controllerId: 'ingent', role: 'auditor', displayName: 'X' })).toEqual([]);
    for (const lang of ['nl', 'en']) {
      for (const action of offered) {
        const res = await client.request(`/dpo/requests/${filed.reference}/${action}?lang=${lang}`);
        expect(res.status, `${action} ${lang}`).toBe(200);
        const html = await res.text();
        expect(html).toContain(`<html lang="${lang}">`);
        expect(html).toContain('name="_csrf"');
      }
    }
    expect((await client.request(`/dpo/requests/${filed.reference}/information-received?lang=nl`)).status).toBe(409);
  });

  it('two simultaneous identical actions: one wins, the other gets 409', async () => {
    const filed = await fileRequest(t);
    const client = await signedIn(dpo);
    const token = csrfOf(await (await client.request(pagePath(filed.reference, 'close'))).text());
    const send = () => client.request(pagePath(filed.reference, 'close'), { method: 'POST', form: { _csrf: token, outcome: 'granted', message: '' } });
    const results = await Promise.all([send(), send()]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    const row = await requestRow(t, filed.reference);
    expect(await eventsOf(row.id, 'closed')).toHaveLength(1);
    expect(await auditOf(row.id, 'request_closed')).toHaveLength(1);
    expect(await mailsOfKind('action-close')).toHaveLength(1);
    expect((await t.db.select().from(requests).where(eq(requests.id, row.id)).get())!.state).toBe('closed');
  });
});
