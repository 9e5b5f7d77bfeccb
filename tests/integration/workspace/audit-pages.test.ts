// The audit trail pages against the real app: a request's trail and the controller's trail with
// its filters, only for DPOs and auditors, within their own controller, and audited themselves.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../api/audit/index.ts';
import { auditEvents, users } from '../../../db/schema.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { vnuErrors } from '../../support/vnu.ts';
import { DpoClient, enrolUser, page, signedInClient } from '../dpo-auth/dpo-client.ts';
import { fileRequest, requestRow, type Created } from '../intake/support.ts';

let t: TestApp;
let dpo: DpoClient;
let auditor: DpoClient;
let handler: DpoClient;
let stranger: DpoClient;
let filed: Created;

async function signedIn(email: string, role: 'dpo' | 'handler' | 'auditor', controllerId: 'atlas' | 'ingent'): Promise<DpoClient> {
  const e = await enrolUser(t, { email, role, controllerId });
  return signedInClient(t, e);
}

async function userId(email: string): Promise<string> {
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return u!.id;
}

const lastAuditViewed = async () => (await t.db.select().from(auditEvents).where(eq(auditEvents.type, 'audit_viewed')).all()).at(-1);

/** The rows of the trail table: [time, event, by, request, details]. */
function rowsOf(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '')));
}

beforeAll(async () => {
  t = await createTestApp();
  t.services.sleep = async () => undefined;
  // Postcode 2000 routes a Central Registration Tool request to Atlas.
  filed = await fileRequest(t, { postcode: '2000', city: 'Antwerpen' });
  dpo = await signedIn('dpo@atlas.test', 'dpo', 'atlas');
  auditor = await signedIn('auditor@atlas.test', 'auditor', 'atlas');
  handler = await signedIn('handler@atlas.test', 'handler', 'atlas');
  stranger = await signedIn('dpo@ingent.test', 'dpo', 'ingent');
});
afterAll(async () => {
  await t.close();
});

describe('GET /dpo/requests/:reference/audit', () => {
  it("lists the request's events in words with the actor's name, and records that it was read", async () => {
    expect((await handler.request(`/dpo/requests/${filed.reference}?lang=en`)).status).toBe(200);
    const row = await requestRow(t, filed.reference);
    const { status, html } = await page(auditor, `/dpo/requests/${filed.reference}/audit?lang=en`);
    expect(status).toBe(200);
    expect(html).toContain(`Audit trail of ${filed.reference}`);
    const rows = rowsOf(html);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(1, 4)).toEqual(['Request viewed', 'User handler@atlas.test', filed.reference]);
    expect(await lastAuditViewed()).toMatchObject({ actorUserId: await userId('auditor@atlas.test'), requestId: row.id, payload: { scope: 'request', targetId: row.id } });

    const again = rowsOf((await page(dpo, `/dpo/requests/${filed.reference}/audit?lang=en`)).html);
    expect(again[0]!.slice(1, 3)).toEqual(['Audit trail viewed', 'User auditor@atlas.test']);
    expect(again[0]![4]).toBe(`Scope: request (${row.id})`);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('is a 403 for a handler and a 404 for another controller', async () => {
    expect((await handler.request(`/dpo/requests/${filed.reference}/audit`)).status).toBe(403);
    expect((await stranger.request(`/dpo/requests/${filed.reference}/audit`)).status).toBe(404);
  });
});

describe('GET /dpo/audit', () => {
  it("lists the controller's events, not another controller's, and filters by user and type", async () => {
    const { status, html } = await page(dpo, '/dpo/audit?lang=en');
    expect(status).toBe(200);
    const rows = rowsOf(html);
    const actors = new Set(rows.map((r) => r[2]));
    expect(actors).toContain('User dpo@atlas.test');
    expect(actors).toContain('User handler@atlas.test');
    expect(actors).not.toContain('User dpo@ingent.test');
    expect(rows.some((r) => r[1] === 'Signed in' && r[4] === 'With password and code')).toBe(true);
    // The select offers the controller's users only.
    expect(html).toContain(`<option value="${await userId('auditor@atlas.test')}">User auditor@atlas.test</option>`);
    expect(html).not.toContain('dpo@ingent.test');
    expect(await lastAuditViewed()).toMatchObject({ payload: { scope: 'controller', targetId: 'atlas' } });

    const handlerId = await userId('handler@atlas.test');
    const filtered = rowsOf((await page(dpo, `/dpo/audit?lang=en&user=${handlerId}&type=sign_in`)).html);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((r) => r[1] === 'Signed in' && r[2] === 'User handler@atlas.test')).toBe(true);
    expect(await lastAuditViewed()).toMatchObject({ payload: { scope: 'user', targetId: handlerId } });
  });

  it('pages by 50', async () => {
    for (let i = 0; i < 50; i++) await auditor.request(`/dpo/requests/${filed.reference}`);
    const first = await page(auditor, '/dpo/audit?lang=en');
    expect(rowsOf(first.html)).toHaveLength(50);
    expect(first.html).toContain('page=2');
    const second = await page(auditor, '/dpo/audit?lang=en&page=2');
    expect(rowsOf(second.html).length).toBeGreaterThan(0);
    expect(second.html).toContain('rel="prev"');
  });

  it('refuses a user of another controller, an unknown type or a bad page with a 422', async () => {
    const before = (await t.db.select().from(auditEvents).all()).length;
    for (const query of [`user=${await userId('dpo@ingent.test')}`, 'type=nonsense', 'page=0']) {
      const { status, html } = await page(dpo, `/dpo/audit?lang=en&${query}`);
      expect(status).toBe(422);
      expect(html).toContain('There is a problem');
    }
    expect((await t.db.select().from(auditEvents).all()).length).toBe(before);
  });

  it('is a 403 for a handler', async () => {
    expect((await handler.request('/dpo/audit')).status).toBe(403);
  });
});

describe('audit pages HTML', () => {
  it('has no Nu Html Checker error', async () => {
    const pages = {
      request: (await page(dpo, `/dpo/requests/${filed.reference}/audit?lang=en`)).html,
      controller: (await page(auditor, '/dpo/audit')).html,
      filtered: (await page(dpo, '/dpo/audit?lang=en&type=sign_in&page=1')).html,
      refused: (await page(dpo, '/dpo/audit?type=nonsense')).html,
    };
    const errors = vnuErrors(pages);
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
