// The request page, the ID-copy viewer and file downloads, against the real app: a request filed
// through the real intake, users enrolled and signed in through the real pages.
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../api/audit/index.ts';
import { explainRoutingRecord } from '../../../api/routing/explain-routing.ts';
import type { RoutingRecord } from '../../../api/routing/types.ts';
import { registerRequest } from '../../../api/workspace/register-request.ts';
import { sealEventMessage } from '../../../api/workspace/requester-events.ts';
import { auditEvents, requestEvents, requestFiles, requests, users } from '../../../db/schema.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { vnuErrors } from '../../support/vnu.ts';
import { DpoClient, enrolUser, page, signedInClient } from '../dpo-auth/dpo-client.ts';
import { fileRequest, filesOf, requestRow, type Created } from '../intake/support.ts';

let t: TestApp;
let dpo: DpoClient;
let auditor: DpoClient;
let stranger: DpoClient;
let first: Created;
let second: Created;

async function signedIn(email: string, role: 'dpo' | 'handler' | 'auditor', controllerId: 'agii' | 'atlas' | 'huis' | 'ingent'): Promise<DpoClient> {
  const e = await enrolUser(t, { email, role, controllerId });
  return signedInClient(t, e);
}

const auditOf = (type: string) => t.db.select().from(auditEvents).where(eq(auditEvents.type, type)).all();

beforeAll(async () => {
  t = await createTestApp();
  t.services.sleep = async () => undefined;
  // Postcode 9000 routes a Central Registration Tool request to IN-Gent.
  first = await fileRequest(t, {
    rights: ['access', 'rectification'],
    'explanation.access': 'Alles over mij <script>alert(1)</script>',
    'rectification.wrong': 'Mijn naam is fout gespeld',
    'rectification.right': 'Olena Kovalenko',
  });
  second = await fileRequest(t, { firstName: 'Taras' });
  dpo = await signedIn('dpo@ingent.test', 'dpo', 'ingent');
  auditor = await signedIn('auditor@ingent.test', 'auditor', 'ingent');
  stranger = await signedIn('dpo@atlas.test', 'dpo', 'atlas');
});
afterAll(async () => {
  await t.close();
});

describe('GET /dpo/requests/:reference', () => {
  it('shows what was filed, the routing reason, the timeline and an intact seal, and audits the view', async () => {
    const row = await requestRow(t, first.reference);
    const before = (await auditOf('request_viewed')).length;
    const { status, html } = await page(dpo, `/dpo/requests/${first.reference}?lang=en`);
    expect(status).toBe(200);
    expect(html).toContain(`Request ${first.reference}`);
    for (const text of ['Olena Kovalenko', '30 July 1985', 'olena@example.org', '+32 470 12 34 56', 'Kongostraat 1, 9000 Gent', 'Mijn naam is fout gespeld', 'for themselves', 'in Gent on 1 April 2026']) {
      expect(html).toContain(text);
    }
    // Escaped, never markup.
    expect(html).toContain('Alles over mij &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain(explainRoutingRecord('en', row.routing as RoutingRecord).replace(/'/g, '&#39;'));
    expect(html).toContain('1 April 2026 at 01:30');
    expect(html).toContain('not confirmed yet');
    expect(html).toContain('Received</strong>');
    expect(html).toContain('1 April 2026 at 01:30, by the requester');
    expect(html).toContain('Seal intact');
    expect(html).toContain(`src="/dpo/requests/${first.reference}/id-copy?lang=en"`);
    const receipt = (await filesOf(t, row.id)).find((f) => f.role === 'receipt')!;
    expect(html).toContain(`href="/dpo/requests/${first.reference}/files/${receipt.id}"`);
    expect(html).toContain(`href="/dpo/requests/${first.reference}/audit?lang=en"`);
    expect(html).toContain('<h2 class="heading-m">Actions</h2>');
    expect(await auditOf('request_viewed')).toHaveLength(before + 1);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('names who checked the identity and shows staff events with their message', async () => {
    const row = await requestRow(t, second.reference);
    const [me] = await t.db.select().from(users).where(eq(users.email, 'dpo@ingent.test'));
    await t.db.update(requests).set({ identityCheckedAt: new Date(Date.parse('2026-04-02T08:15:00Z')), identityCheckedBy: me!.id }).where(eq(requests.id, row.id));
    await t.db.insert(requestEvents).values({
      requestId: row.id,
      type: 'information_requested',
      at: new Date(Date.parse('2026-04-02T09:00:00Z')),
      actor: me!.id,
      payload: { kind: 'clarification', suspends: false },
      message: sealEventMessage(t.services.cipher, 'Which years do you mean?'),
    });
    const { html } = await page(dpo, `/dpo/requests/${second.reference}?lang=en`);
    expect(html).toContain('Identity checked by User dpo@ingent.test on 2 April 2026 at 10:15.');
    expect(html).toContain('2 April 2026 at 11:00, by User dpo@ingent.test');
    expect(html).toContain('Which years do you mean?');
    expect(html).toContain('Asked for: clarification.');
  });

  it('shows a drawn signature through the file route', async () => {
    const png = await sharp({ create: { width: 400, height: 150, channels: 3, background: '#ffffff' } })
      .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="150"><path d="M20 100 C 120 20, 200 140, 380 40" stroke="#000" stroke-width="4" fill="none"/></svg>') }])
      .png()
      .toBuffer();
    const drawn = await fileRequest(t, { signatureMethod: 'drawn', signatureName: '' }, { signatureImage: png });
    const row = await requestRow(t, drawn.reference);
    const signature = (await filesOf(t, row.id)).find((f) => f.role === 'signature')!;
    const { html } = await page(dpo, `/dpo/requests/${drawn.reference}?lang=en`);
    expect(html).toContain(`<img class="request-signature" src="/dpo/requests/${drawn.reference}/files/${signature.id}"`);
    expect(html).toContain('Seal intact');
    const res = await dpo.request(`/dpo/requests/${drawn.reference}/files/${signature.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
  });

  it('shows a request registered in the workspace, with an intact seal and nothing invented', async () => {
    const [me] = await t.db.select().from(users).where(eq(users.email, 'dpo@ingent.test'));
    const registered = await registerRequest(
      { db: t.db, cipher: t.services.cipher, sealKey: t.services.sealKey, now: t.clock.now, publicUrl: t.config.publicUrl },
      { id: me!.id, controllerId: 'ingent' },
      { channel: 'post', receivedDate: '2026-03-30', statement: 'general', rights: ['access'], firstName: 'Ivan', lastName: 'Petrenko', email: null, street: null, postcode: null, city: null, lang: 'nl', explanation: '' },
    );
    const { status, html } = await page(dpo, `/dpo/requests/${registered.reference}?lang=en`);
    expect(status).toBe(200);
    expect(html).toContain('Ivan Petrenko');
    expect(html).toContain('Received through</dt><dd>post');
    expect(html).toContain('Date of birth</dt><dd>not given');
    expect(html).toContain('by User dpo@ingent.test');
    expect(html).toContain('Seal intact');
  });

  it('says the seal is broken when the seal or a file hash was changed in the database', async () => {
    const row = await requestRow(t, first.reference);
    const seal = row.seal as { requestSha256: string };
    await t.db.update(requests).set({ seal: { ...seal, requestSha256: 'a'.repeat(64) } }).where(eq(requests.id, row.id));
    let html = (await page(dpo, `/dpo/requests/${first.reference}?lang=en`)).html;
    expect(html).toContain('Seal broken: the seal&#39;s signature does not match.');
    await t.db.update(requests).set({ seal: row.seal }).where(eq(requests.id, row.id));
    expect((await page(dpo, `/dpo/requests/${first.reference}?lang=en`)).html).toContain('Seal intact');

    const idCopy = (await filesOf(t, row.id)).find((f) => f.role === 'id_copy')!;
    await t.db.update(requestFiles).set({ sha256: 'b'.repeat(64) }).where(eq(requestFiles.id, idCopy.id));
    html = (await page(dpo, `/dpo/requests/${first.reference}?lang=en`)).html;
    expect(html).toContain('Seal broken: a file (ID copy) differs from the one received.');
    await t.db.update(requestFiles).set({ sha256: idCopy.sha256 }).where(eq(requestFiles.id, idCopy.id));
    expect((await page(dpo, `/dpo/requests/${first.reference}?lang=en`)).html).toContain('Seal intact');
  });

  it('lets an auditor read the page but shows no actions', async () => {
    const { status, html } = await page(auditor, `/dpo/requests/${first.reference}?lang=en`);
    expect(status).toBe(200);
    expect(html).toContain('Olena Kovalenko');
    expect(html).not.toContain('>Actions</h2>');
    expect(html).toContain('Audit trail of this request');
  });

  it('is a 404 for a user of another controller and for a reference that does not exist', async () => {
    const a = await page(stranger, `/dpo/requests/${first.reference}`);
    expect(a.status).toBe(404);
    expect(a.html).not.toContain('Olena');
    expect((await page(dpo, '/dpo/requests/PR-0000-0000-0')).status).toBe(404);
  });
});

describe('GET /dpo/requests/:reference/id-copy', () => {
  it('sends the copy with a "viewed by" band burned in, never cached, and audits it', async () => {
    const row = await requestRow(t, first.reference);
    const idCopy = (await filesOf(t, row.id)).find((f) => f.role === 'id_copy')!;
    const res = await dpo.request(`/dpo/requests/${first.reference}/id-copy`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('no-store, private');
    expect(res.headers.get('pragma')).toBe('no-cache');
    expect(res.headers.get('content-disposition')).toBe('inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const shown = Buffer.from(await res.arrayBuffer());
    const stored = await t.services.blobs.get(idCopy.blobId, idCopy.sha256);
    const a = await sharp(shown).raw().toBuffer({ resolveWithObject: true });
    const b = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
    expect([a.info.width, a.info.height]).toEqual([b.info.width, b.info.height]);
    // Mean difference per channel over a strip at the top (in the band) and between the bands.
    const meanDiff = (y0: number, y1: number) => {
      let sum = 0;
      let n = 0;
      for (let y = y0; y < y1; y++) {
        for (let i = y * a.info.width * a.info.channels; i < (y + 1) * a.info.width * a.info.channels; i++) {
          sum += Math.abs(a.data[i]! - b.data[i]!);
          n++;
        }
      }
      return sum / n;
    };
    expect(meanDiff(2, 20)).toBeGreaterThan(60);
    const quarter = Math.round(a.info.height * 0.3);
    expect(meanDiff(quarter, quarter + 10)).toBeLessThan(8);
    const viewed = await auditOf('id_copy_viewed');
    expect(viewed.at(-1)).toMatchObject({ requestId: row.id, payload: { fileId: idCopy.id } });
  });

  it('is a 404 for another controller, and once the copy is deleted', async () => {
    expect((await stranger.request(`/dpo/requests/${first.reference}/id-copy`)).status).toBe(404);
    const row = await requestRow(t, second.reference);
    await t.db.update(requestFiles).set({ deletedAt: new Date(t.clock.now) }).where(and(eq(requestFiles.requestId, row.id), eq(requestFiles.role, 'id_copy')));
    expect((await dpo.request(`/dpo/requests/${second.reference}/id-copy`)).status).toBe(404);
    const { html } = await page(dpo, `/dpo/requests/${second.reference}?lang=en`);
    expect(html).not.toContain('/id-copy');
    expect(html).toContain('There is no copy of the identity document (any more)');
    // A deleted copy keeps its hash: the seal still checks out.
    expect(html).toContain('Seal intact');
  });
});

describe('GET /dpo/requests/:reference/files/:fileId', () => {
  it('downloads a file of the request as an attachment with a safe name, and audits it', async () => {
    const row = await requestRow(t, first.reference);
    const receipt = (await filesOf(t, row.id)).find((f) => f.role === 'receipt')!;
    const res = await dpo.request(`/dpo/requests/${first.reference}/files/${receipt.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${first.reference}-receipt.pdf"`);
    expect(res.headers.get('cache-control')).toBe('no-store, private');
    expect(Buffer.from(await res.arrayBuffer()).equals(await t.services.blobs.get(receipt.blobId, receipt.sha256))).toBe(true);
    expect((await auditOf('file_downloaded')).at(-1)).toMatchObject({ requestId: row.id, payload: { fileId: receipt.id, role: 'receipt' } });
  });

  it("refuses another request's file, the ID copy, and any file to another controller's user", async () => {
    const own = await requestRow(t, first.reference);
    const other = await requestRow(t, second.reference);
    const otherReceipt = (await filesOf(t, other.id)).find((f) => f.role === 'receipt')!;
    const ownFiles = await filesOf(t, own.id);
    const before = (await auditOf('file_downloaded')).length;
    expect((await dpo.request(`/dpo/requests/${first.reference}/files/${otherReceipt.id}`)).status).toBe(404);
    expect((await dpo.request(`/dpo/requests/${first.reference}/files/${ownFiles.find((f) => f.role === 'id_copy')!.id}`)).status).toBe(404);
    expect((await dpo.request(`/dpo/requests/${first.reference}/files/nonsense%20id`)).status).toBe(404);
    expect((await stranger.request(`/dpo/requests/${first.reference}/files/${ownFiles.find((f) => f.role === 'receipt')!.id}`)).status).toBe(404);
    expect(await auditOf('file_downloaded')).toHaveLength(before);
  });
});

describe('request page HTML', () => {
  it('has no Nu Html Checker error', async () => {
    const pages = {
      dpo: (await page(dpo, `/dpo/requests/${first.reference}?lang=en`)).html,
      auditor: (await page(auditor, `/dpo/requests/${first.reference}`)).html,
      noCopy: (await page(dpo, `/dpo/requests/${second.reference}?lang=en`)).html,
      notFound: (await page(stranger, `/dpo/requests/${first.reference}`)).html,
    };
    const errors = vnuErrors(pages);
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
