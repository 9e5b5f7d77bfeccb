// The requester's side after filing: the status (state and timeline in their language) behind
// the secret token, withdrawal (once), adding a document, and confirming the e-mail address with
// the link from the e-mail the real SMTP server received.
import exifr from 'exifr';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDate, t as tr } from '../../../content/i18n.ts';
import { requestEvents } from '../../../db/schema.ts';
import { MAX_ADDED_DOCUMENTS } from '../../../api/status/routes.ts';
import { startTestSmtp } from '../../support/smtp.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { blobFiles, counts, deliver, fileRequest, filesOf, idCard, recipients, requestRow, withStatusToken, type Created } from './support.ts';

let t: TestApp;
let created: Created;
beforeEach(async () => {
  t = await createTestApp();
  created = await fileRequest(t, { lang: 'uk' });
});
afterEach(async () => {
  await t.close();
});

interface Status {
  reference: string;
  state: string;
  stateText: string;
  legalDeadline: string;
  legalDeadlineText: string;
  emailConfirmed: boolean;
  timeline: { type: string; at: string; text: string }[];
}

const status = async (headers: Record<string, string>, query = '') => t.app.request(`/api/requests/status${query}`, { headers });

function documentForm(bytes: Buffer): FormData {
  const form = new FormData();
  form.append('document', new Blob([new Uint8Array(bytes)]), 'letter.jpg');
  return form;
}

describe('GET /api/requests/status', () => {
  it('with the token: state and timeline in the request language, not cached', async () => {
    const res = await status(withStatusToken(created.statusToken));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const s = (await res.json()) as Status;
    expect(s).toMatchObject({
      reference: created.reference,
      state: 'received',
      stateText: tr('uk', 'status.state.received'),
      legalDeadline: '2026-05-04',
      legalDeadlineText: formatDate('uk', '2026-05-04'),
      emailConfirmed: false,
    });
    expect(s.timeline).toEqual([{ type: 'received', at: '2026-03-31T23:30:00.000Z', text: tr('uk', 'status.event.received') }]);
    // Nothing personal in the status answer.
    expect(JSON.stringify(s)).not.toMatch(/Olena|Kovalenko|olena@example\.org/);
  });

  it('in another language on request, and with the X-Status-Token header', async () => {
    const s = (await (await status({ 'x-status-token': created.statusToken }, '?lang=fr')).json()) as Status;
    expect(s.stateText).toBe(tr('fr', 'status.state.received'));
    expect(s.timeline[0]!.text).toBe(tr('fr', 'status.event.received'));
  });

  it('an unknown ?lang= falls back to the request language, not to Dutch', async () => {
    const s = (await (await status(withStatusToken(created.statusToken), '?lang=xx')).json()) as Status;
    expect(s.stateText).toBe(tr('uk', 'status.state.received'));
  });

  it('guessing tokens costs: after 300 look-ups in an hour from one client, 429, even with the right token', async () => {
    const wrong = withStatusToken('A'.repeat(43));
    for (let i = 0; i < 299; i++) expect((await status(wrong)).status).toBe(401);
    expect((await status(withStatusToken(created.statusToken))).status).toBe(200);
    const limited = await status(withStatusToken(created.statusToken), '?lang=en');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ error: { code: 'form.error.rateLimited', message: tr('en', 'form.error.rateLimited') } });
    t.clock.now += 3_600_000;
    expect((await status(withStatusToken(created.statusToken))).status).toBe(200);
  });

  it('401 with a wrong token, a malformed one, none, or the token in the URL', async () => {
    const wrong = created.statusToken.startsWith('A') ? `B${created.statusToken.slice(1)}` : `A${created.statusToken.slice(1)}`;
    for (const headers of [withStatusToken(wrong), withStatusToken('not-a-token'), {}, { authorization: created.statusToken }]) {
      const res = await status(headers, '?lang=en');
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'status.error.token', message: tr('en', 'status.error.token') } });
    }
    expect((await status({}, `?token=${created.statusToken}`)).status).toBe(401);
  });
});

describe('POST /api/requests/status/withdraw', () => {
  it('withdraws once; a second time is 409; a closed request takes no documents', async () => {
    const res = await t.app.request('/api/requests/status/withdraw', { method: 'POST', headers: withStatusToken(created.statusToken) });
    expect(res.status).toBe(200);
    const s = (await res.json()) as Status;
    expect(s.state).toBe('withdrawn');
    expect(s.stateText).toBe(tr('uk', 'status.state.withdrawn'));
    expect(s.timeline.map((e) => e.type)).toEqual(['received', 'withdrawn']);
    expect(s.timeline[1]!.text).toBe(tr('uk', 'status.event.withdrawn'));
    const row = await requestRow(t, created.reference);
    expect(row.state).toBe('withdrawn');
    expect(row.closedAt?.getTime()).toBe(t.clock.now);

    const again = await t.app.request('/api/requests/status/withdraw', { method: 'POST', headers: withStatusToken(created.statusToken) });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'status.error.alreadyClosed', message: tr('uk', 'status.error.alreadyClosed') });
    expect((await counts(t)).events).toBe(2);

    const doc = await t.app.request('/api/requests/status/documents', { method: 'POST', headers: withStatusToken(created.statusToken), body: documentForm(await idCard()) });
    expect(doc.status).toBe(409);
    expect((await counts(t)).files).toBe(2);
  });

  it('401 without the token; nothing changes', async () => {
    expect((await t.app.request('/api/requests/status/withdraw', { method: 'POST' })).status).toBe(401);
    expect((await requestRow(t, created.reference)).state).toBe('received');
  });
});

describe('POST /api/requests/status/documents', () => {
  it('an image: 201, stored without metadata, an event in the timeline', async () => {
    t.clock.now += 60_000;
    const blobsBefore = blobFiles(t).length;
    const res = await t.app.request('/api/requests/status/documents', { method: 'POST', headers: withStatusToken(created.statusToken), body: documentForm(await idCard()) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { sha256: string; status: Status };
    expect(body.status.timeline.map((e) => e.type)).toEqual(['received', 'document_added']);
    expect(body.status.timeline[1]).toEqual({ type: 'document_added', at: new Date(t.clock.now).toISOString(), text: tr('uk', 'status.event.document_added') });
    const doc = (await filesOf(t, (await requestRow(t, created.reference)).id)).find((f) => f.role === 'document')!;
    expect(doc.sha256).toBe(body.sha256);
    const bytes = await t.services.blobs.get(doc.blobId, doc.sha256);
    expect((await sharp(bytes).metadata()).format).toBe('jpeg');
    expect(await exifr.gps(bytes)).toBeUndefined();
    expect(blobFiles(t).length).toBe(blobsBefore + 1);
  });

  it('a refused file: 422 with the file code, nothing stored', async () => {
    const res = await t.app.request('/api/requests/status/documents?lang=en', {
      method: 'POST',
      headers: withStatusToken(created.statusToken),
      body: documentForm(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { issues: unknown[] } }).error.issues).toEqual([{ path: 'document', code: 'form.error.file.unsupported_type', message: tr('en', 'form.error.file.unsupported_type') }]);
    expect((await counts(t)).files).toBe(2);
    expect(blobFiles(t)).toHaveLength(2);
  });

  it(`takes at most ${MAX_ADDED_DOCUMENTS} documents, also when the last two arrive at once; the one too many is 409 in the requester's language, nothing stored`, async () => {
    const add = (headers: Record<string, string> = {}) => t.app.request('/api/requests/status/documents', { method: 'POST', headers: withStatusToken(created.statusToken, headers), body: documentForm(card) });
    const card = await idCard();
    for (let i = 0; i < MAX_ADDED_DOCUMENTS - 1; i++) expect((await add()).status).toBe(201);
    // The last place, asked for twice at the same moment: one gets it.
    const both = await Promise.all([add(), add()]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const before = { files: (await counts(t)).files, blobs: blobFiles(t).length };
    const refused = await add();
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: { code: 'status.error.tooManyDocuments', message: tr('uk', 'status.error.tooManyDocuments', { max: MAX_ADDED_DOCUMENTS }) } });
    expect(tr('uk', 'status.error.tooManyDocuments', { max: MAX_ADDED_DOCUMENTS })).toContain('20 документів');
    expect({ files: (await counts(t)).files, blobs: blobFiles(t).length }).toEqual(before);
    const docs = (await filesOf(t, (await requestRow(t, created.reference)).id)).filter((f) => f.role === 'document');
    expect(docs).toHaveLength(MAX_ADDED_DOCUMENTS);
  });

  it('no document field, a non-multipart body, no token', async () => {
    const empty = await t.app.request('/api/requests/status/documents', { method: 'POST', headers: withStatusToken(created.statusToken), body: new FormData() });
    expect(empty.status).toBe(422);
    const json = await t.app.request('/api/requests/status/documents', { method: 'POST', headers: withStatusToken(created.statusToken, { 'content-type': 'application/json' }), body: '{}' });
    expect(json.status).toBe(415);
    const anonymous = await t.app.request('/api/requests/status/documents', { method: 'POST', body: documentForm(await idCard()) });
    expect(anonymous.status).toBe(401);
    expect((await counts(t)).files).toBe(2);
  });
});

describe('confirming the e-mail address', () => {
  it('the link from the e-mail confirms it once, with an event; the status link from the e-mail opens the status', async () => {
    const smtp = await startTestSmtp();
    try {
      await deliver(t, smtp);
      const mails = await smtp.waitFor(3);
      const mine = mails.find((m) => recipients(m).includes('olena@example.org'))!;
      const confirm = /https:\/\/privacy\.test(\/api\/requests\/confirm-email\?token=[A-Za-z0-9_-]{43})(?=\s|$)/.exec(mine.text!)?.[1];
      expect(confirm).toBeDefined();
      const statusToken = /https:\/\/privacy\.test\/uk\/status\/#([A-Za-z0-9_-]{43})/.exec(mine.text!)?.[1];
      expect(statusToken).toBe(created.statusToken);

      t.clock.now += 5 * 60_000;
      const page = await t.app.request(confirm!);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      const html = await page.text();
      expect(html).toContain('<html lang="uk">');
      expect(html).toContain(tr('uk', 'status.event.email_confirmed'));

      const row = await requestRow(t, created.reference);
      expect(row.emailConfirmedAt?.getTime()).toBe(t.clock.now);
      const events = await t.db.select().from(requestEvents).all();
      expect(events.map((e) => e.type)).toEqual(['received', 'email_confirmed']);

      const s = (await (await status(withStatusToken(statusToken!))).json()) as Status;
      expect(s.emailConfirmed).toBe(true);
      expect(s.timeline.map((e) => e.type)).toEqual(['received', 'email_confirmed']);

      // A second click changes nothing.
      t.clock.now += 60_000;
      expect((await t.app.request(confirm!)).status).toBe(200);
      expect((await requestRow(t, created.reference)).emailConfirmedAt?.getTime()).toBe(row.emailConfirmedAt!.getTime());
      expect((await counts(t)).events).toBe(2);
    } finally {
      await smtp.down();
    }
  });

  it('an unknown or malformed link: 400, nothing confirmed', async () => {
    for (const token of ['A'.repeat(43), 'short', '']) {
      const res = await t.app.request(`/api/requests/confirm-email?token=${token}&lang=en`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(tr('en', 'status.error.token'));
    }
    expect((await requestRow(t, created.reference)).emailConfirmedAt).toBeNull();
    // The status token does not confirm the e-mail address.
    expect((await t.app.request(`/api/requests/confirm-email?token=${created.statusToken}`)).status).toBe(400);
  });
});
