// The requester's side of what the DPO does: the status shows the workspace's events in the
// requester's language with the DPO's (decrypted) messages, what is awaited, where to complain
// after a refusal, and the answer documents behind signed links that expire. The DPO's writes
// are made straight in the database with the contract's event types (api/workspace/requester-events.ts).
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { facts } from '../../../content/facts.ts';
import { formatDate, t as tr } from '../../../content/i18n.ts';
import { requestEvents, requestFiles, requests } from '../../../db/schema.ts';
import type { StatusDescription } from '../../../api/status/describe-status.ts';
import { ANSWER_LINK_TTL_MS } from '../../../api/status/answer-link.ts';
import { addAnswerFile, addRequesterEvent } from '../../support/dpo-writes.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { fileRequest, requestRow, withStatusToken, type Created } from './support.ts';

const DAY = 86_400_000;
const ASKED = 'Надішліть, будь ласка, лист від 3 березня <b>зі штампом</b>.';
const REASONS = 'Ми шукаємо у трьох архівах.';
const REFUSAL = 'Ці дані стосуються іншої особи.';
// A small PDF-looking answer: the bytes must come back exactly.
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n% відповідь\n'), Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256))]);

let t: TestApp;
let created: Created;
let requestId: string;
let start: number;
beforeEach(async () => {
  t = await createTestApp();
  created = await fileRequest(t, { lang: 'uk' });
  requestId = (await requestRow(t, created.reference)).id;
  start = t.clock.now;
});
afterEach(async () => {
  await t.close();
});

const status = async (lang = 'uk') => {
  const res = await t.app.request(`/api/requests/status?lang=${lang}`, { headers: withStatusToken(created.statusToken) });
  expect(res.status).toBe(200);
  return (await res.json()) as StatusDescription;
};
const event = (s: StatusDescription, type: string) => s.timeline.find((e) => e.type === type);
const setRequest = (fields: Partial<typeof requests.$inferInsert>) => t.db.update(requests).set(fields).where(eq(requests.id, requestId));
const ev = addRequesterEvent;

/** The DPO answers with one document and closes with the given outcome. */
async function answerAndClose(outcome: 'granted' | 'partly_granted' | 'refused', message: string | null = null): Promise<string> {
  const at = start + 10 * DAY;
  const fileId = await addAnswerFile(t.db, t.services.blobs, requestId, PDF, 'application/pdf', at);
  await ev(t.db, t.services.cipher, requestId, 'answered', { outcome, fileIds: [fileId] }, at, message);
  await ev(t.db, t.services.cipher, requestId, 'closed', { outcome }, at + 1000, message);
  await setRequest({ state: 'closed', closedAt: new Date(at + 1000) });
  return fileId;
}

describe('the status after the DPO acts', () => {
  it('shows every requester event in Ukrainian with the decrypted messages, and the deadline in force', async () => {
    const c = t.services.cipher;
    await ev(t.db, c, requestId, 'identity_checked', { result: 'confirmed' }, start + 1 * DAY);
    await ev(t.db, c, requestId, 'information_requested', { kind: 'clarification', suspends: true }, start + 2 * DAY, ASKED);
    await setRequest({ state: 'awaiting_information' });

    const waiting = await status();
    expect(waiting.stateText).toBe(tr('uk', 'status.state.awaiting_information'));
    // What is awaited, the message, that the clock stands still, and that adding a document answers it.
    expect(waiting.awaiting).toEqual({
      text: `${tr('uk', 'status.awaiting.clarification')} ${tr('uk', 'status.event.information_requested.suspends')}`,
      message: ASKED,
      how: tr('uk', 'status.awaiting.how'),
    });
    expect(event(waiting, 'identity_checked')).toMatchObject({ text: 'Вашу особу перевірено. Копію вашого посвідчення особи видалено.' });
    expect(event(waiting, 'information_requested')).toMatchObject({ message: ASKED, text: expect.stringContaining(tr('uk', 'status.event.information_requested.clarification')) });

    // Three days of suspension moved the legal deadline; then an extension with reasons.
    await ev(t.db, c, requestId, 'information_received', { suspendedDays: 3, legalDeadline: '2026-05-07' }, start + 5 * DAY);
    await ev(t.db, c, requestId, 'deadline_extended', { from: '2026-05-07', to: '2026-07-01', reason: 'complexity' }, start + 6 * DAY, REASONS);
    await ev(t.db, c, requestId, 'transferred', { from: 'ingent', to: 'agii', reason: 'competence' }, start + 7 * DAY);
    // Something only the workspace sees must not reach the requester.
    await t.db.insert(requestEvents).values({ requestId, type: 'note_added', at: new Date(start + 7 * DAY), actor: 'dpo', payload: { note: 'internal' } });
    await setRequest({ state: 'in_progress', legalDeadline: '2026-05-07', extendedDeadline: '2026-07-01', controllerId: 'agii' });

    const s = await status();
    expect(s.awaiting).toBeNull();
    expect(s.deadline).toBe('2026-07-01');
    expect(s.deadlineText).toBe(formatDate('uk', '2026-07-01'));
    expect(s.timeline.map((e) => e.type)).toEqual(['received', 'identity_checked', 'information_requested', 'information_received', 'deadline_extended', 'transferred']);
    expect(event(s, 'information_received')).toMatchObject({ text: `Вашу інформацію отримано. Новий строк: ${formatDate('uk', '2026-05-07')}.` });
    expect(event(s, 'deadline_extended')).toEqual({
      type: 'deadline_extended',
      at: new Date(start + 6 * DAY).toISOString(),
      text: `Строк продовжено до ${formatDate('uk', '2026-07-01')}, бо ваш запит складний.`,
      message: REASONS,
    });
    expect(event(s, 'transferred')).toMatchObject({ text: tr('uk', 'status.event.transferred', { controller: facts.controllers.agii!.name }) });
    expect(s.complaint).toBeNull();
    // The messages sit encrypted in the database.
    const stored = await t.db.select().from(requestEvents).where(eq(requestEvents.requestId, requestId));
    expect(stored.map((e) => e.message?.toString('utf8') ?? '').join('')).not.toContain(REASONS);

    // In another language on request.
    const en = await status('en');
    expect(event(en, 'deadline_extended')?.text).toBe(`The deadline was extended to ${formatDate('en', '2026-07-01')} because your request is complex.`);
  });

  it('after a refusal: the reasons and where to complain (GBA by post and e-mail, VTC by its form) and the right to go to court', async () => {
    await answerAndClose('refused', REFUSAL);
    const s = await status();
    expect(event(s, 'answered')).toMatchObject({ text: 'Відповідь на ваш запит готова: запит відхилено.', message: REFUSAL });
    expect(event(s, 'closed')).toMatchObject({ text: 'Ваш запит закрито: його відхилено.', message: REFUSAL });
    expect(s.complaint).toEqual({
      text: tr('uk', 'status.complaint.text'),
      bodies: [
        { id: 'gba', name: 'Gegevensbeschermingsautoriteit', shortName: 'GBA', post: 'Drukpersstraat 35, 1000 Brussel', email: 'contact@apd-gba.be', form: null, onlyThroughForm: false },
        { id: 'vtc', name: 'Vlaamse Toezichtcommissie', shortName: 'VTC', post: null, email: null, form: 'https://overheid.vlaanderen.be/klachtenprocedure', onlyThroughForm: true },
      ],
      court: tr('uk', 'status.complaint.court'),
    });
  });

  it('a partial grant also says where to complain; a full grant does not', async () => {
    await answerAndClose('granted');
    expect((await status()).complaint).toBeNull();
    await ev(t.db, t.services.cipher, requestId, 'closed', { outcome: 'partly_granted' }, start + 20 * DAY);
    expect((await status()).complaint?.bodies.map((b) => b.shortName)).toEqual(['GBA', 'VTC']);
  });
});

describe('the answer documents', () => {
  const download = (url: string, headers: Record<string, string> = {}) => t.app.request(url, { headers });

  it('are listed with a signed link that downloads the exact bytes, as an attachment, not cached, not sniffed', async () => {
    const fileId = await answerAndClose('granted');
    const s = await status();
    expect(s.answers).toHaveLength(1);
    const a = s.answers[0]!;
    expect(a).toMatchObject({ id: fileId, name: `answer-${created.reference}-1.pdf`, type: 'application/pdf', size: PDF.length, createdAt: new Date(start + 10 * DAY).toISOString() });
    expect(a.url).toMatch(new RegExp(`^/api/requests/answers/${fileId}\\?expires=\\d+&sig=[A-Za-z0-9_-]{43}&lang=uk$`));
    expect(Date.parse(a.expiresAt!)).toBe(t.clock.now + ANSWER_LINK_TTL_MS);
    // The status token is never part of the link.
    expect(a.url).not.toContain(created.statusToken);

    const res = await download(a.url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="answer-${created.reference}-1.pdf"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(PDF).digest('hex'));
    // Downloading writes nothing.
    const events = await t.db.select().from(requestEvents).where(eq(requestEvents.requestId, requestId));
    expect(events.map((e) => e.type)).toEqual(['received', 'answered', 'closed']);
  });

  it('a link with a changed file id, expiry or signature answers 404', async () => {
    await answerAndClose('granted');
    const other = await addAnswerFile(t.db, t.services.blobs, requestId, Buffer.from('second answer'), 'text/plain', start + 11 * DAY);
    const [first, second] = (await status()).answers;
    expect(second!.id).toBe(other);
    const u = new URL(first!.url!, 'http://localhost');
    const expires = u.searchParams.get('expires')!;
    const sig = u.searchParams.get('sig')!;
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const variants = [
      `/api/requests/answers/${other}?expires=${expires}&sig=${sig}`,
      `/api/requests/answers/${first!.id}?expires=${Number(expires) + 60_000}&sig=${sig}`,
      `/api/requests/answers/${first!.id}?expires=${expires}&sig=${flip(sig, 0)}`,
      `/api/requests/answers/${first!.id}?expires=${expires}&sig=${flip(sig, 42)}`,
      `/api/requests/answers/${first!.id}?expires=${expires}`,
      `/api/requests/answers/${first!.id}`,
      // Unknown: no request to take the language from, so the link's lang= says it.
      `/api/requests/answers/00000000-0000-0000-0000-000000000000?expires=${expires}&sig=${sig}&lang=uk`,
    ];
    for (const v of variants) {
      const res = await download(v);
      expect(res.status, v).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message, v).toBe(tr('uk', 'status.answers.notFound'));
    }
    // The untouched links still work.
    expect((await download(first!.url!)).status).toBe(200);
    expect(Buffer.from(await (await download(second!.url!)).arrayBuffer()).toString()).toBe('second answer');
  });

  it('an expired link answers 410 with what to do in the requester\'s language; a reload gives a new link', async () => {
    await answerAndClose('granted');
    const old = (await status()).answers[0]!.url!;
    t.clock.now += ANSWER_LINK_TTL_MS - 1;
    expect((await download(old)).status).toBe(200);
    t.clock.now += 1;
    const json = await download(old);
    expect(json.status).toBe(410);
    expect(json.headers.get('cache-control')).toBe('no-store');
    expect(await json.json()).toEqual({ error: { code: 'status.answers.expired', message: tr('uk', 'status.answers.expired') } });
    // A browser that follows the link gets a page.
    const page = await download(old, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(page.status).toBe(410);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<html lang="uk"');
    expect(html).toContain(tr('uk', 'status.answers.expired'));
    const fresh = (await status()).answers[0]!.url!;
    expect(fresh).not.toBe(old);
    expect((await download(fresh)).status).toBe(200);
  });

  it('a deleted answer file is no longer listed and its link answers 404', async () => {
    const fileId = await answerAndClose('granted');
    const url = (await status()).answers[0]!.url!;
    await t.db.update(requestFiles).set({ deletedAt: new Date(t.clock.now) }).where(eq(requestFiles.id, fileId));
    expect((await status()).answers).toEqual([]);
    expect((await download(url)).status).toBe(404);
  });

  it('count against the status look-ups\' rate limit: after 300 in an hour from one client, 429', async () => {
    await answerAndClose('granted');
    const url = (await status()).answers[0]!.url!;
    // One look-up of the status and 299 downloads make the 300 allowed.
    for (let i = 0; i < 299; i++) expect((await download(url)).status).toBe(200);
    const res = await download(url);
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('form.error.rateLimited');
    t.clock.now += 3_600_000;
    expect((await download(url)).status).toBe(410);
  });

  it('other files of the request (the ID copy, the receipt) never open through an answer link', async () => {
    await answerAndClose('granted');
    const [answer] = (await status()).answers;
    const files = await t.db.select().from(requestFiles).where(eq(requestFiles.requestId, requestId));
    const u = new URL(answer!.url!, 'http://localhost');
    for (const f of files.filter((f) => f.role !== 'answer')) {
      expect((await download(`/api/requests/answers/${f.id}?${u.searchParams.toString()}`)).status).toBe(404);
    }
  });
});
