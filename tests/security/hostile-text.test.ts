/**
 * Script, HTML and SQL in every text field of the intake and of the workspace: stored as the
 * exact text, and shown as text everywhere it appears — the workspace pages (escaped HTML), the
 * e-mails (escaped in the HTML part, literal in the text part), the receipt PDF (literal), the
 * status answer (JSON data). Control characters are refused with a 422 naming the field.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonalData } from '../../api/intake/create-request.ts';
import { requestFiles, requests } from '../../db/schema.ts';
import { pdftotext } from '../support/pdf-tools.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { DpoClient, enrolUser, type Enrolled } from '../integration/dpo-auth/dpo-client.ts';
import { fileRequest, outboxMails, post, validForm, type Created } from '../integration/intake/support.ts';

const SCRIPT = '<script>alert("x")</script>';
const HTML = '<img src=x onerror=alert(1)><b>bold</b>';
const SQL = "Robert'); DROP TABLE requests;--";
const hostile = (field: string) => `${field} ${SCRIPT} ${HTML} ${SQL} & "quotes" 'apostrophes'`;

/** Every text field of the form (a representative acting for a minor, asking rectification too). */
const TEXT_FIELDS = ['firstName', 'lastName', 'street', 'city', 'signedPlace', 'signatureName', 'representativeName', 'explanation.access', 'explanation.erasure', 'rectification.wrong', 'rectification.right'] as const;

let t: TestApp;
let filed: Created;
let dpo: Enrolled;
let c: DpoClient;
beforeAll(async () => {
  t = await createTestApp();
  const over: Record<string, string | string[]> = { rights: ['access', 'erasure', 'rectification'], actingAs: 'legal_representative', lang: 'en' };
  for (const f of TEXT_FIELDS) over[f] = hostile(f);
  filed = await fileRequest(t, over);
  dpo = await enrolUser(t, { email: 'dpo@ingent.test', role: 'dpo', controllerId: 'ingent' });
  c = new DpoClient(t);
  const signedIn = await c.signIn(dpo.email, dpo.secret);
  if (signedIn.status !== 303) throw new Error(`sign-in: ${signedIn.status}`);
}, 60_000);
afterAll(async () => {
  await t.close();
});

async function row() {
  const [r] = await t.db.select().from(requests).where(eq(requests.reference, filed.reference));
  return r!;
}

/** No raw markup of the payloads in an HTML document, and their escaped forms where expected. */
function expectEscaped(html: string, what: string) {
  expect(html.includes('<script>alert'), `${what}: raw <script>`).toBe(false);
  expect(html.includes('<img src=x'), `${what}: raw <img>`).toBe(false);
  expect(html.includes('<b>bold</b>'), `${what}: raw <b>`).toBe(false);
}

describe('the intake', () => {
  it('stores every field as the exact text, and the database is intact', async () => {
    const r = await row();
    const personal = JSON.parse(t.services.cipher.decrypt(r.personal!).toString('utf8')) as PersonalData;
    expect(personal.firstName).toBe(hostile('firstName'));
    expect(personal.address.street).toBe(hostile('street'));
    expect(personal.explanations.access).toBe(hostile('explanation.access'));
    expect(personal.rectification).toEqual({ wrong: hostile('rectification.wrong'), right: hostile('rectification.right') });
    expect(personal.signature).toEqual({ method: 'typed', name: hostile('signatureName') });
    expect((await t.db.select({ id: requests.id }).from(requests)).length).toBe(1);
  });

  it('refuses control characters in each text field with a 422 naming the field, and stores nothing', async () => {
    for (const f of TEXT_FIELDS) {
      const res = await post(t, await validForm({ rights: ['access', 'erasure', 'rectification'], actingAs: 'legal_representative', representativeName: 'R', 'rectification.wrong': 'w', 'rectification.right': 'r', [f]: `bad\u0000${f}\u0007` }));
      expect(res.status, f).toBe(422);
      const body = (await res.json()) as { error: { issues: { path: string; code: string }[] } };
      expect(body.error.issues, f).toContainEqual(expect.objectContaining({ path: f, code: 'form.error.text.controlCharacters' }));
    }
    expect((await t.db.select({ id: requests.id }).from(requests)).length).toBe(1);
  });

  it('the receipt PDF carries the payloads as literal text', async () => {
    const r = await row();
    const file = (await t.db.select().from(requestFiles).where(eq(requestFiles.requestId, r.id))).find((f) => f.role === 'receipt')!;
    const text = pdftotext(await t.services.blobs.get(file.blobId, file.sha256)).replace(/\s+/g, ' ');
    expect(text).toContain('<script>alert("x")</script>');
    expect(text).toContain("DROP TABLE requests;--");
  });
});

describe('the workspace', () => {
  it('the request page shows every payload escaped, as text', async () => {
    const html = await (await c.request(`/dpo/requests/${filed.reference}?lang=en`)).text();
    expectEscaped(html, 'request page');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    for (const f of ['firstName', 'street', 'explanation.access', 'rectification.right', 'signatureName']) expect(html, f).toContain(`${f} &lt;script&gt;`);
  });

  it("a DPO's message with payloads: escaped in the e-mail's HTML part, literal in its text part and the status answer", async () => {
    const message = hostile('message');
    const res = await c.submit(`/dpo/requests/${filed.reference}/information?lang=en`, { kind: 'clarification', message });
    expect(res.status).toBe(303);
    const mails = await outboxMails(t);
    const mail = mails.find((m) => m.text.includes('message <script>'));
    expect(mail, 'the information request mail').toBeDefined();
    expectEscaped(mail!.html, 'mail HTML');
    expect(mail!.html).toContain('message &#60;script&#62;');
    expect(mail!.text).toContain(message);

    const page = await (await c.request(`/dpo/requests/${filed.reference}?lang=en`)).text();
    expectEscaped(page, 'request page with the message');
    const status = (await (await t.app.request('http://localhost/api/requests/status', { headers: { authorization: `Bearer ${filed.statusToken}` } })).json()) as { timeline: { message?: string | null }[] };
    expect(status.timeline.map((e) => e.message)).toContain(message);
  });

  it('a registered paper request with payloads: stored as text, its page escaped', async () => {
    const res = await c.submit('/dpo/register?lang=en', {
      channel: 'post',
      receivedDate: '2026-03-30',
      statement: 'general',
      rights: 'access',
      firstName: hostile('first'),
      lastName: hostile('last'),
      email: '',
      street: hostile('street'),
      postcode: '9000',
      city: hostile('city'),
      lang: 'nl',
      explanation: hostile('explanation'),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(400);
    const registered = (await t.db.select().from(requests)).find((r) => r.channel === 'post')!;
    const page = await (await c.request(`/dpo/requests/${registered.reference}?lang=en`)).text();
    expectEscaped(page, 'registered request page');
    expect(page).toContain('first &lt;script&gt;');
  });
});
