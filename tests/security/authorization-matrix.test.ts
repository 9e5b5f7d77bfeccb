/**
 * Every workspace route, as every kind of caller who should not get its data: no one, an ended
 * session, each role of another controller, an administrator, and the roles of the request's own
 * controller that may read but not act. The routes are read from the app itself, so a route
 * added later is in the matrix without anyone remembering to add it.
 *
 * Expected: no session → GET 303 to the sign-in page, POST 401; another controller → 404 on
 * anything about the request (403 where the role alone already forbids it), and never the names
 * of IN-Gent's accounts; an administrator → 403 but on the account pages (/dpo/users), which
 * are theirs; an auditor → 403 on every change; a handler → 403 on the audit trail. And whatever the
 * status, never the requester's data in the answer.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dpoRoutes } from '../../api/dpo/routes.ts';
import { requestFiles, requests } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { csrfOf, DpoClient, enrolUser, type Enrolled } from '../integration/dpo-auth/dpo-client.ts';
import { fileRequest, type Created } from '../integration/intake/support.ts';

let t: TestApp;
let filed: Created;
let fileId: string;
const people: Record<string, Enrolled> = {};

/** Routes anyone may open (sign-in, enrolment by link, OpenID Connect, the stylesheet, the way out). */
const PUBLIC = /^\/dpo\/(sign-in|enrol|oidc|assets)|^\/dpo\/sign-out/;

/** The signed-in routes of the workspace, as the app registers them. */
function workspaceRoutes(): { method: 'GET' | 'POST'; path: string }[] {
  const app = dpoRoutes({ db: t.db, publicUrl: t.config.publicUrl, services: t.services });
  const seen = new Set<string>();
  const out: { method: 'GET' | 'POST'; path: string }[] = [];
  for (const r of app.routes) {
    if (r.method !== 'GET' && r.method !== 'POST') continue;
    const path = `/dpo${r.path === '/' ? '/' : r.path}`.replace(/\/\//g, '/');
    if (PUBLIC.test(path) || seen.has(`${r.method} ${path}`)) continue;
    seen.add(`${r.method} ${path}`);
    out.push({ method: r.method, path });
  }
  return out;
}

const fill = (path: string) => path.replace(':reference', filed.reference).replace(':fileId', fileId);
const aboutTheRequest = (path: string) => path.includes(':reference');

/** What must never be in an answer to someone who may not see the request. */
const PERSONAL = ['Olena', 'Kovalenko', 'olena@example.org', 'Kongostraat', '+32 470'];

async function signedIn(who: Enrolled): Promise<{ client: DpoClient; csrf: string }> {
  const client = new DpoClient(t);
  const res = await client.signIn(who.email, who.secret);
  if (res.status !== 303) throw new Error(`sign-in of ${who.email}: ${res.status}`);
  const csrf = csrfOf(await (await client.request('/dpo/')).text());
  return { client, csrf };
}

beforeAll(async () => {
  t = await createTestApp();
  // The request goes to IN-Gent (postcode 9000); the others work for Atlas, or across controllers.
  filed = await fileRequest(t, { lang: 'en' });
  const [r] = await t.db.select({ id: requests.id }).from(requests).where(eq(requests.reference, filed.reference));
  const [f] = await t.db.select({ id: requestFiles.id }).from(requestFiles).where(eq(requestFiles.requestId, r!.id));
  fileId = f!.id;
  for (const [key, o] of Object.entries({
    atlasDpo: { role: 'dpo', controllerId: 'atlas' },
    atlasHandler: { role: 'handler', controllerId: 'atlas' },
    atlasAuditor: { role: 'auditor', controllerId: 'atlas' },
    admin: { role: 'admin', controllerId: null },
    ingentAuditor: { role: 'auditor', controllerId: 'ingent' },
    ingentHandler: { role: 'handler', controllerId: 'ingent' },
  } as const)) {
    people[key] = await enrolUser(t, { email: `${key.toLowerCase()}@test.be`, role: o.role, controllerId: o.controllerId });
  }
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function call(client: DpoClient | null, csrf: string, method: 'GET' | 'POST', path: string): Promise<{ status: number; body: string; location: string | null }> {
  const c = client ?? new DpoClient(t);
  const res = await c.request(fill(path), method === 'POST' ? { method, form: { _csrf: csrf } } : {});
  return { status: res.status, body: await res.text(), location: res.headers.get('location') };
}

function expectNoPersonalData(body: string, what: string) {
  for (const p of PERSONAL) expect(body.includes(p), `${what} shows "${p}"`).toBe(false);
}

describe('the workspace routes', () => {
  it('are many, and include the request page, its files and its actions', () => {
    const paths = workspaceRoutes().map((r) => `${r.method} ${r.path}`);
    expect(paths.length).toBeGreaterThanOrEqual(20);
    expect(paths).toEqual(expect.arrayContaining(['GET /dpo/requests', 'GET /dpo/requests/:reference', 'GET /dpo/requests/:reference/id-copy', 'POST /dpo/requests/:reference/close']));
  });
});

describe('without a session', () => {
  it('no one: every GET goes to the sign-in page, every POST is 401, and nothing personal is said', async () => {
    for (const r of workspaceRoutes()) {
      const res = await call(null, 'x', r.method, r.path);
      if (r.method === 'GET') {
        expect(res.status, `${r.method} ${r.path}`).toBe(303);
        expect(res.location, `${r.method} ${r.path}`).toMatch(/^\/dpo\/sign-in/);
      } else expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expectNoPersonalData(res.body, `${r.method} ${r.path} without a session`);
    }
  });

  it('an ended session (30 idle minutes): the same, and the cookie is cleared', async () => {
    const { client, csrf } = await signedIn(people.atlasDpo!);
    t.clock.now += 30 * 60_000 + 1;
    for (const r of workspaceRoutes()) {
      const res = await call(client, csrf, r.method, r.path);
      expect(res.status, `${r.method} ${r.path}`).toBe(r.method === 'GET' ? 303 : 401);
      expectNoPersonalData(res.body, `${r.method} ${r.path} with an ended session`);
    }
  });
});

describe('another controller', () => {
  for (const who of ['atlasDpo', 'atlasHandler', 'atlasAuditor'] as const) {
    it(`${who}: 404 on everything about IN-Gent's request (or 403 where the role forbids it anyway), never its data`, async () => {
      const { client, csrf } = await signedIn(people[who]!);
      for (const r of workspaceRoutes()) {
        const res = await call(client, csrf, r.method, r.path);
        const what = `${who} ${r.method} ${r.path}`;
        expectNoPersonalData(res.body, what);
        if (aboutTheRequest(r.path)) {
          expect([403, 404], `${what}: ${res.status}`).toContain(res.status);
          if (who === 'atlasDpo' && !r.path.endsWith('/audit')) expect(res.status, what).toBe(404);
        } else {
          // Their own lists, overview, trail and accounts: never IN-Gent's reference or accounts in them.
          expect(res.body.includes(filed.reference), `${what} names IN-Gent's request`).toBe(false);
          for (const account of ['ingentauditor@test.be', 'ingenthandler@test.be']) expect(res.body.includes(account), `${what} names IN-Gent's account ${account}`).toBe(false);
          expect(res.status, what).toBeLessThan(500);
        }
      }
    });
  }

  it('admin: 403 on everything but the account page and the account management pages', async () => {
    const { client, csrf } = await signedIn(people.admin!);
    expect((await call(client, csrf, 'GET', '/dpo/users')).status).toBe(200);
    for (const r of workspaceRoutes()) {
      if (r.path === '/dpo/' || r.path.startsWith('/dpo/users')) continue;
      const res = await call(client, csrf, r.method, r.path);
      expect(res.status, `admin ${r.method} ${r.path}`).toBe(403);
      expectNoPersonalData(res.body, `admin ${r.method} ${r.path}`);
    }
  });
});

describe('the own controller, reading only', () => {
  it('auditor: 403 on every change to the request, and the request is unchanged', async () => {
    const { client, csrf } = await signedIn(people.ingentAuditor!);
    const before = await t.db.select().from(requests).where(eq(requests.reference, filed.reference));
    const posts = workspaceRoutes().filter((r) => r.method === 'POST' && aboutTheRequest(r.path));
    expect(posts.length).toBeGreaterThanOrEqual(7);
    for (const r of posts) expect((await call(client, csrf, r.method, r.path)).status, `auditor ${r.path}`).toBe(403);
    expect((await call(client, csrf, 'POST', '/dpo/register')).status).toBe(403);
    expect(await t.db.select().from(requests).where(eq(requests.reference, filed.reference))).toEqual(before);
    // But reading is what an auditor is for.
    expect((await call(client, csrf, 'GET', '/dpo/requests/:reference')).status).toBe(200);
    expect((await call(client, csrf, 'GET', '/dpo/requests/:reference/audit')).status).toBe(200);
  });

  it('handler: 403 on the audit trail', async () => {
    const { client, csrf } = await signedIn(people.ingentHandler!);
    for (const path of ['/dpo/audit', '/dpo/requests/:reference/audit']) expect((await call(client, csrf, 'GET', path)).status, path).toBe(403);
  });
});
