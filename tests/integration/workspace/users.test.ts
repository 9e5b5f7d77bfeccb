// Account management in the workspace against the real app: a DPO manages the accounts of their
// own controller (add, disable after asking, enable again, reset the second factor), an administrator those of every
// controller; handlers and auditors get 403, another controller's DPO a 404; every change is in
// the audit trail with the signed-in user as its actor, and the enrolment links really work.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, sessions, users } from '../../../db/schema.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { vnuErrors } from '../../support/vnu.ts';
import { csrfOf, DpoClient, type Enrolled, enrolUser, PASSWORD, signedInClient, totpCode } from '../dpo-auth/dpo-client.ts';

let t: TestApp;
const people: Record<'ingentDpo' | 'ingentAuditor' | 'atlasDpo' | 'handler' | 'admin', Enrolled> = {} as never;

async function signedIn(who: Enrolled): Promise<DpoClient> {
  // A TOTP code is good for one use: each sign-in takes the next time step.
  t.clock.now += 31_000;
  return signedInClient(t, who);
}

async function page(c: DpoClient, path: string, init: Parameters<DpoClient['request']>[1] = {}): Promise<{ status: number; html: string; res: Response }> {
  const res = await c.request(path, init);
  return { status: res.status, html: await res.text(), res };
}

async function idOf(email: string): Promise<string> {
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return u!.id;
}

const linkIn = (html: string): string => {
  const m = /id="enrolment-link"[^>]*>\s*(https:\/\/[^<\s]+)\s*</.exec(html);
  if (!m) throw new Error(`no enrolment link in:\n${html.slice(0, 800)}`);
  return m[1]!;
};

/** Enrols through a link as its owner would (password, TOTP); returns the secret. */
async function enrolThrough(link: string): Promise<string> {
  const path = new URL(link).pathname;
  const c = new DpoClient(t);
  const html = await (await c.request(path)).text();
  const secret = /id="totp-secret">([A-Z2-7]+)</.exec(html)![1]!;
  const res = await c.request(path, { method: 'POST', form: { _csrf: csrfOf(html), password: PASSWORD, passwordAgain: PASSWORD, code: totpCode(secret, t.clock.now) } });
  expect(res.status, await res.text()).toBe(200);
  t.clock.now += 31_000;
  return secret;
}

/**
 * Does what one row of the account list offers, as a person would: posts its button (reset,
 * enable) with the list's CSRF token, or follows its link (disable) to the page that asks first
 * and posts that page's button.
 */
async function rowButton(c: DpoClient, targetId: string, action: 'disable' | 'reset-mfa' | 'enable') {
  const list = await page(c, '/dpo/users?lang=en');
  const path = `/dpo/users/${targetId}/${action}?lang=en`;
  if (action !== 'disable') {
    expect(list.html).toContain(`action="/dpo/users/${targetId}/${action}?lang=en"`);
    return page(c, path, { method: 'POST', form: { _csrf: csrfOf(list.html) } });
  }
  expect(list.html).toContain(`href="${path}"`);
  const ask = await page(c, path);
  expect(ask.status).toBe(200);
  expect(ask.html).toContain('Disable this account?');
  expect(ask.html).toContain(`action="${path}"`);
  return page(c, path, { method: 'POST', form: { _csrf: csrfOf(ask.html) } });
}

async function auditOf(type: string, targetUserId: string) {
  const rows = await t.db.select().from(auditEvents).where(eq(auditEvents.type, type));
  return rows.filter((r) => (r.payload as { targetUserId?: string }).targetUserId === targetUserId);
}

beforeAll(async () => {
  t = await createTestApp();
  t.services.sleep = async () => undefined;
  people.ingentDpo = await enrolUser(t, { email: 'dpo@in-gent.test', role: 'dpo', controllerId: 'ingent' });
  people.ingentAuditor = await enrolUser(t, { email: 'auditor@in-gent.test', role: 'auditor', controllerId: 'ingent' });
  people.atlasDpo = await enrolUser(t, { email: 'dpo@atlas.test', role: 'dpo', controllerId: 'atlas' });
  people.handler = await enrolUser(t, { email: 'handler@atlas.test', role: 'handler', controllerId: 'atlas' });
  people.admin = await enrolUser(t, { email: 'admin@portal.test', role: 'admin', controllerId: null });
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('a DPO manages the accounts of their controller', () => {
  it('sees only their own controller, adds a handler whose one-time link enrols them, audited with the DPO as actor', async () => {
    const dpo = await signedIn(people.ingentDpo);
    const list = await page(dpo, '/dpo/users?lang=en');
    expect(list.status).toBe(200);
    expect(list.html).toContain('auditor@in-gent.test');
    expect(list.html).not.toContain('dpo@atlas.test');
    expect(list.html).not.toContain('admin@portal.test');
    // Not yourself: no disable button on your own row.
    expect(list.html).not.toContain(`/dpo/users/${await idOf('dpo@in-gent.test')}/disable`);
    // Looking at the staff list is on record, with how many accounts were shown.
    const listed = await t.db.select().from(auditEvents).where(eq(auditEvents.type, 'users_listed'));
    expect(listed).toEqual([expect.objectContaining({ actorUserId: await idOf('dpo@in-gent.test'), controllerId: 'ingent', payload: { count: (list.html.match(/<tr/g) ?? []).length - 1 } })]);

    const added = await dpo.submit('/dpo/users/new?lang=en', { email: 'New.Handler@In-Gent.test', displayName: 'Hanne Handler', role: 'handler' });
    const html = await added.text();
    expect(added.status).toBe(200);
    expect(added.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('through a safe channel');
    const link = linkIn(html);
    expect(link).toMatch(/^https:\/\/privacy\.test\/dpo\/enrol\/[A-Za-z0-9_-]{43}$/);

    const [row] = await t.db.select().from(users).where(eq(users.email, 'new.handler@in-gent.test'));
    expect(row).toMatchObject({ role: 'handler', controllerId: 'ingent', displayName: 'Hanne Handler', passwordHash: null });
    expect(await auditOf('user_added', row!.id)).toEqual([expect.objectContaining({ actorUserId: await idOf('dpo@in-gent.test'), controllerId: 'ingent', payload: { targetUserId: row!.id, role: 'handler', controllerId: 'ingent' } })]);

    const secret = await enrolThrough(link);
    expect((await new DpoClient(t).signIn('new.handler@in-gent.test', secret)).status).toBe(303);
    // The link was for one use.
    expect((await new DpoClient(t).request(new URL(link).pathname)).status).toBe(404);
  });

  it('may add a DPO or an auditor but not an administrator, and only for their own controller', async () => {
    const dpo = await signedIn(people.ingentDpo);
    const form = await page(dpo, '/dpo/users/new?lang=en');
    expect(form.html).toContain('value="auditor"');
    expect(form.html).not.toContain('value="admin"');
    expect(form.html).not.toContain('name="controllerId"');
    const admin = await dpo.submit('/dpo/users/new?lang=en', { email: 'boss@in-gent.test', displayName: 'Boss', role: 'admin' });
    expect(admin.status).toBe(422);
    expect(await admin.text()).toContain('Choose a role');
    // A controller slipped into the form is ignored: the account is the DPO's controller's.
    const dpo2 = await dpo.submit('/dpo/users/new?lang=en', { email: 'dpo2@in-gent.test', displayName: 'Second DPO', role: 'dpo', controllerId: 'atlas' });
    expect(dpo2.status).toBe(200);
    const [row] = await t.db.select({ controllerId: users.controllerId, role: users.role }).from(users).where(eq(users.email, 'dpo2@in-gent.test'));
    expect(row).toEqual({ controllerId: 'ingent', role: 'dpo' });
  });

  it('refuses an empty form, a bad address and a duplicate e-mail with 422 and an error summary, in Dutch too', async () => {
    const dpo = await signedIn(people.ingentDpo);
    const empty = await dpo.submit('/dpo/users/new?lang=nl', {});
    const html = await empty.text();
    expect(empty.status).toBe(422);
    expect(html).toContain('class="error-summary"');
    for (const text of ['Vul het e-mailadres in', 'Vul de naam in', 'Kies een rol']) expect(html).toContain(text);
    const bad = await dpo.submit('/dpo/users/new?lang=en', { email: 'not an address', displayName: 'X', role: 'auditor' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Enter an email address in the correct format');
    const before = await t.db.select().from(users);
    const dup = await dpo.submit('/dpo/users/new?lang=en', { email: 'AUDITOR@in-gent.test', displayName: 'Again', role: 'auditor' });
    const dupHtml = await dup.text();
    expect(dup.status).toBe(422);
    expect(dupHtml).toContain('An account with this email address already exists');
    expect(dupHtml).toContain('value="AUDITOR@in-gent.test"');
    expect(await t.db.select().from(users)).toHaveLength(before.length);
  });

  it('disables an account: its sessions end, sign-in is refused, audited; never their own (409)', async () => {
    const dpo = await signedIn(people.ingentDpo);
    const target = await enrolUser(t, { email: 'leaving@in-gent.test', role: 'handler', controllerId: 'ingent' });
    const targetId = await idOf(target.email);
    const theirs = await signedIn(target);
    expect((await theirs.request('/dpo/')).status).toBe(200);

    const res = await rowButton(dpo, targetId, 'disable');
    expect(res.status).toBe(200);
    expect(res.html).toContain('The account of User leaving@in-gent.test is disabled');
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, targetId))).toHaveLength(0);
    expect((await theirs.request('/dpo/')).status).toBe(303);
    t.clock.now += 31_000;
    expect((await new DpoClient(t).signIn(target.email, target.secret)).status).toBe(401);
    expect(await auditOf('user_disabled', targetId)).toEqual([expect.objectContaining({ actorUserId: await idOf('dpo@in-gent.test'), controllerId: 'ingent' })]);
    // The list offers no button for a disabled account; a second disable is a conflict, not a second event.
    const list = await page(dpo, '/dpo/users?lang=en');
    expect(list.html).not.toContain(`/dpo/users/${targetId}/disable`);
    expect((await page(dpo, `/dpo/users/${targetId}/disable?lang=en`, { method: 'POST', form: { _csrf: csrfOf(list.html) } })).status).toBe(409);
    expect(await auditOf('user_disabled', targetId)).toHaveLength(1);

    const self = await page(dpo, `/dpo/users/${await idOf('dpo@in-gent.test')}/disable?lang=en`, { method: 'POST', form: { _csrf: csrfOf(list.html) } });
    expect(self.status).toBe(409);
    expect(self.html).toContain('You cannot disable your own account');
    expect((await dpo.request('/dpo/')).status).toBe(200);
  });

  it('enables a disabled account again: it starts afresh with a new link, the old factor no longer works, audited; an active one is a conflict', async () => {
    const dpo = await signedIn(people.ingentDpo);
    const target = await enrolUser(t, { email: 'returning@in-gent.test', role: 'handler', controllerId: 'ingent' });
    const targetId = await idOf(target.email);
    expect((await rowButton(dpo, targetId, 'disable')).status).toBe(200);
    // Asked again for a disabled account: it says so instead of asking.
    expect((await page(dpo, `/dpo/users/${targetId}/disable?lang=en`)).status).toBe(409);

    const res = await rowButton(dpo, targetId, 'enable');
    expect(res.status).toBe(200);
    expect(res.html).toContain('Account enabled again');
    expect(res.res.headers.get('cache-control')).toBe('no-store');
    const link = linkIn(res.html);
    const [row] = await t.db.select().from(users).where(eq(users.id, targetId));
    expect(row).toMatchObject({ disabledAt: null, passwordHash: null, totpSecret: null, recoveryCodes: [] });
    t.clock.now += 31_000;
    expect((await new DpoClient(t).signIn(target.email, target.secret)).status).toBe(401);
    expect(await auditOf('user_enabled', targetId)).toEqual([expect.objectContaining({ actorUserId: await idOf('dpo@in-gent.test'), controllerId: 'ingent' })]);

    const secret = await enrolThrough(link);
    expect((await new DpoClient(t).signIn(target.email, secret)).status).toBe(303);
    // Active again: the list offers disable, not enable; enabling it is a conflict, not an event.
    const list = await page(dpo, '/dpo/users?lang=en');
    expect(list.html).toContain(`href="/dpo/users/${targetId}/disable?lang=en"`);
    expect(list.html).not.toContain(`/dpo/users/${targetId}/enable`);
    const again = await page(dpo, `/dpo/users/${targetId}/enable?lang=en`, { method: 'POST', form: { _csrf: csrfOf(list.html) } });
    expect(again.status).toBe(409);
    expect(again.html).toContain('This account is not disabled');
    expect(await auditOf('user_enabled', targetId)).toHaveLength(1);

    // Another controller's DPO cannot enable or even ask about it.
    const atlas = await signedIn(people.atlasDpo);
    const atlasList = await page(atlas, '/dpo/users?lang=en');
    expect((await page(atlas, `/dpo/users/${targetId}/disable?lang=en`)).status).toBe(404);
    expect((await page(atlas, `/dpo/users/${targetId}/enable?lang=en`, { method: 'POST', form: { _csrf: csrfOf(atlasList.html) } })).status).toBe(404);
  });

  it('resets the second factor: a new link, the old factor and sessions gone, re-enrolment works, audited', async () => {
    const dpo = await signedIn(people.ingentDpo);
    const target = await enrolUser(t, { email: 'lost-phone@in-gent.test', role: 'auditor', controllerId: 'ingent' });
    const targetId = await idOf(target.email);
    const theirs = await signedIn(target);

    const res = await rowButton(dpo, targetId, 'reset-mfa');
    expect(res.status).toBe(200);
    expect(res.res.headers.get('cache-control')).toBe('no-store');
    const link = linkIn(res.html);
    expect((await theirs.request('/dpo/')).status).toBe(303);
    const [row] = await t.db.select().from(users).where(eq(users.id, targetId));
    expect(row).toMatchObject({ passwordHash: null, totpSecret: null, recoveryCodes: [] });
    t.clock.now += 31_000;
    expect((await new DpoClient(t).signIn(target.email, target.secret)).status).toBe(401);
    expect(await auditOf('mfa_reset', targetId)).toEqual([expect.objectContaining({ actorUserId: await idOf('dpo@in-gent.test') })]);

    const secret = await enrolThrough(link);
    expect((await new DpoClient(t).signIn(target.email, secret)).status).toBe(303);

    const list = await page(dpo, '/dpo/users?lang=en');
    expect((await page(dpo, `/dpo/users/${await idOf('dpo@in-gent.test')}/reset-mfa?lang=en`, { method: 'POST', form: { _csrf: csrfOf(list.html) } })).status).toBe(409);
  });
});

describe('outside their scope', () => {
  it("another controller's DPO: 404 on IN-Gent's accounts, which stay as they were, and never their names", async () => {
    const atlas = await signedIn(people.atlasDpo);
    const list = await page(atlas, '/dpo/users?lang=en');
    expect(list.status).toBe(200);
    expect(list.html).toContain('handler@atlas.test');
    for (const name of ['in-gent.test', 'User auditor@in-gent.test', 'Hanne Handler']) expect(list.html).not.toContain(name);
    const auditorId = await idOf('auditor@in-gent.test');
    for (const action of ['disable', 'reset-mfa']) {
      const res = await page(atlas, `/dpo/users/${auditorId}/${action}?lang=en`, { method: 'POST', form: { _csrf: csrfOf(list.html) } });
      expect(res.status, action).toBe(404);
      expect(res.html).not.toContain('in-gent.test');
      // The same page as an account that does not exist.
      const none = await page(atlas, `/dpo/users/00000000-0000-0000-0000-000000000000/${action}?lang=en`, { method: 'POST', form: { _csrf: csrfOf(list.html) } });
      expect(none.status).toBe(404);
      expect(none.html).toBe(res.html);
    }
    const [row] = await t.db.select().from(users).where(eq(users.id, auditorId));
    expect(row!.disabledAt).toBeNull();
    expect(row!.passwordHash).not.toBeNull();
    expect(await t.db.select().from(auditEvents).where(and(eq(auditEvents.actorUserId, await idOf('dpo@atlas.test')), eq(auditEvents.type, 'user_disabled')))).toEqual([]);
  });

  it('handlers and auditors: 403 on every account page, and no link to it', async () => {
    for (const who of [people.handler, people.ingentAuditor]) {
      const c = await signedIn(who);
      const home = await page(c, '/dpo/?lang=en');
      expect(home.html).not.toContain('href="/dpo/users');
      expect((await page(c, '/dpo/users')).status).toBe(403);
      expect((await page(c, '/dpo/users/new')).status).toBe(403);
      const csrf = csrfOf(home.html);
      expect((await page(c, '/dpo/users/new', { method: 'POST', form: { _csrf: csrf, email: 'x@atlas.test', displayName: 'X', role: 'dpo' } })).status).toBe(403);
      expect((await page(c, `/dpo/users/${await idOf('dpo@atlas.test')}/disable`, { method: 'POST', form: { _csrf: csrf } })).status).toBe(403);
    }
    expect(await t.db.select().from(users).where(eq(users.email, 'x@atlas.test'))).toEqual([]);
  });

  it('a form without the CSRF token: 403 and nothing added', async () => {
    const dpo = await signedIn(people.ingentDpo);
    expect((await dpo.request('/dpo/users/new', { method: 'POST', form: { email: 'csrf@in-gent.test', displayName: 'C', role: 'auditor' } })).status).toBe(403);
    expect(await t.db.select().from(users).where(eq(users.email, 'csrf@in-gent.test'))).toEqual([]);
  });
});

describe('an administrator', () => {
  it('sees every account with its controller, adds an administrator without a controller, and must pick one for the other roles', async () => {
    const admin = await signedIn(people.admin);
    const list = await page(admin, '/dpo/users?lang=en');
    expect(list.status).toBe(200);
    for (const email of ['dpo@in-gent.test', 'dpo@atlas.test', 'admin@portal.test']) expect(list.html).toContain(email);
    expect(list.html).toContain('None (administrator)');
    expect(list.html).toContain('href="/dpo/users?lang=en" aria-current="page"');

    const noController = await admin.submit('/dpo/users/new?lang=en', { email: 'h@atlas.test', displayName: 'H', role: 'handler', controllerId: '' });
    expect(noController.status).toBe(422);
    expect(await noController.text()).toContain('Choose the controller');
    const adminWithOne = await admin.submit('/dpo/users/new?lang=en', { email: 'a2@portal.test', displayName: 'A2', role: 'admin', controllerId: 'atlas' });
    expect(adminWithOne.status).toBe(422);
    expect(await adminWithOne.text()).toContain('An administrator belongs to no controller');

    const added = await admin.submit('/dpo/users/new?lang=en', { email: 'second-admin@portal.test', displayName: 'Second Admin', role: 'admin', controllerId: '' });
    expect(added.status).toBe(200);
    const link = linkIn(await added.text());
    const [row] = await t.db.select().from(users).where(eq(users.email, 'second-admin@portal.test'));
    expect(row).toMatchObject({ role: 'admin', controllerId: null });
    expect(await auditOf('user_added', row!.id)).toEqual([expect.objectContaining({ actorUserId: await idOf('admin@portal.test'), controllerId: null })]);
    const secret = await enrolThrough(link);
    expect((await new DpoClient(t).signIn('second-admin@portal.test', secret)).status).toBe(303);

    const forHuis = await admin.submit('/dpo/users/new?lang=en', { email: 'dpo@huis.test', displayName: 'Huis DPO', role: 'dpo', controllerId: 'huis' });
    expect(forHuis.status).toBe(200);
    const [huis] = await t.db.select({ controllerId: users.controllerId }).from(users).where(eq(users.email, 'dpo@huis.test'));
    expect(huis!.controllerId).toBe('huis');
  });

  it('disables an account of any controller, but not their own', async () => {
    const admin = await signedIn(people.admin);
    const target = await idOf('dpo2@in-gent.test');
    expect((await rowButton(admin, target, 'disable')).status).toBe(200);
    expect((await t.db.select({ d: users.disabledAt }).from(users).where(eq(users.id, target)))[0]!.d).not.toBeNull();
    const list = await page(admin, '/dpo/users?lang=en');
    expect((await page(admin, `/dpo/users/${await idOf('admin@portal.test')}/disable`, { method: 'POST', form: { _csrf: csrfOf(list.html) } })).status).toBe(409);
  });
});

describe('the account pages', () => {
  it('are valid HTML: the list, the form with its errors, the link page, the page that asks before disabling, a 404 and a 409', { timeout: 60_000 }, async () => {
    const admin = await signedIn(people.admin);
    const list = await page(admin, '/dpo/users?lang=nl');
    const errors = await (await admin.submit('/dpo/users/new?lang=nl', { role: 'handler' })).text();
    const added = await (await admin.submit('/dpo/users/new?lang=nl', { email: 'valid@huis.test', displayName: 'Vera Valide', role: 'auditor', controllerId: 'huis' })).text();
    const form = { method: 'POST', form: { _csrf: csrfOf(list.html) } };
    const missing = await page(admin, '/dpo/users/nobody/disable?lang=en', form);
    const own = await page(admin, `/dpo/users/${await idOf('admin@portal.test')}/disable?lang=en`, form);
    expect([missing.status, own.status]).toEqual([404, 409]);
    const ask = await page(admin, `/dpo/users/${await idOf('auditor@in-gent.test')}/disable?lang=nl`);
    expect(ask.status).toBe(200);
    expect(vnuErrors({ list: list.html, errors, added, missing: missing.html, own: own.html, ask: ask.html })).toEqual([]);
  });
});
