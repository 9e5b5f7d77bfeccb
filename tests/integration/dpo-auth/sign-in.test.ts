// Sign-in with password and second factor: wrong password or code, reused code, recovery codes,
// progressive delay and lock-out, no account enumeration, cookie attributes.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users, sessions } from '../../../db/schema.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { SIGN_IN_ATTEMPTS_PER_HOUR } from '../../../api/dpo/sign-in-routes.tsx';
import { DpoClient, enrolUser, totpCode, type Enrolled } from './dpo-client.ts';

let t: TestApp;
let sleeps: number[];
let dpo: Enrolled;
beforeEach(async () => {
  t = await createTestApp();
  sleeps = [];
  t.services.sleep = async (ms) => {
    sleeps.push(ms);
  };
  dpo = await enrolUser(t, { email: 'dpo@atlas.test' });
});
afterEach(async () => {
  await t.close();
});

describe('sign-in', () => {
  it('signs in with password then TOTP, with a __Host- cookie, and shows who you are', async () => {
    const c = new DpoClient(t);
    const first = await c.submit('/dpo/sign-in', { email: 'DPO@atlas.test', password: 'correct horse battery staple' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/dpo/sign-in/code?lang=nl');
    const pendingCookie = first.headers.getSetCookie().find((s) => s.startsWith('__Host-dpo_session='))!;
    expect(pendingCookie).toMatch(/; Path=\//);
    expect(pendingCookie).toMatch(/; HttpOnly/);
    expect(pendingCookie).toMatch(/; Secure/);
    expect(pendingCookie).toMatch(/; SameSite=Strict/);
    // Half signed in is not signed in.
    expect((await c.request('/dpo/')).status).toBe(303);
    const pendingToken = c.cookies.get('__Host-dpo_session');
    const second = await c.submit('/dpo/sign-in/code', { code: totpCode(dpo.secret, t.clock.now) });
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe('/dpo/?lang=nl');
    expect(c.cookies.get('__Host-dpo_session')).not.toBe(pendingToken);
    expect(c.cookies.get('__Host-dpo_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const home = await c.request('/dpo/');
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('U bent aangemeld als User dpo@atlas.test.');
    expect(html).toContain('Atlas');
    expect(html).toContain('Functionaris voor gegevensbescherming');
    expect(html).toContain('Overal afmelden');
    expect(html).not.toMatch(/<script|style=/);
    const en = await (await c.request('/dpo/?lang=en')).text();
    expect(en).toContain('You are signed in as User dpo@atlas.test.');
    // Only the SHA-256 of the token is stored.
    const rows = await t.db.select().from(sessions);
    expect(rows.map((r) => r.tokenHash)).not.toContain(c.cookies.get('__Host-dpo_session'));
    expect(rows).toHaveLength(1);
  });

  it('answers a wrong password and an unknown e-mail the same way', async () => {
    const wrong = await new DpoClient(t).submit('/dpo/sign-in', { email: 'dpo@atlas.test', password: 'not the password at all' });
    const unknown = await new DpoClient(t).submit('/dpo/sign-in', { email: 'nobody@atlas.test', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (h: string) => h.replace(/name="_csrf" value="[^"]+"/, '').replace(/value="[^"]*@atlas\.test"/, '');
    expect(strip(await wrong.text())).toBe(strip(await unknown.text()));
    expect(wrong.headers.getSetCookie().some((s) => s.startsWith('__Host-dpo_session='))).toBe(false);
  });

  it('refuses a wrong code and a code already used', async () => {
    const c = new DpoClient(t);
    await c.submit('/dpo/sign-in', { email: 'dpo@atlas.test', password: 'correct horse battery staple' });
    const bad = await c.submit('/dpo/sign-in/code', { code: totpCode(dpo.secret, t.clock.now + 5 * 60_000) });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('De code klopt niet of is al gebruikt');
    const code = totpCode(dpo.secret, t.clock.now);
    expect((await c.submit('/dpo/sign-in/code', { code })).status).toBe(303);
    // Same code, same 30-second window, another browser that knows the password.
    const thief = new DpoClient(t);
    await thief.submit('/dpo/sign-in', { email: 'dpo@atlas.test', password: 'correct horse battery staple' });
    expect((await thief.submit('/dpo/sign-in/code', { code })).status).toBe(401);
    // The previous step's code is refused too once a later one was used.
    expect((await thief.submit('/dpo/sign-in/code', { code: totpCode(dpo.secret, t.clock.now - 30_000) })).status).toBe(401);
  });

  it('accepts a recovery code once', async () => {
    const code = dpo.recoveryCodes[3]!;
    const a = new DpoClient(t);
    await a.submit('/dpo/sign-in', { email: 'dpo@atlas.test', password: 'correct horse battery staple' });
    expect((await a.submit('/dpo/sign-in/code', { code: code.toUpperCase().replace('-', ' ') })).status).toBe(303);
    expect((await a.request('/dpo/')).status).toBe(200);
    const b = new DpoClient(t);
    await b.submit('/dpo/sign-in', { email: 'dpo@atlas.test', password: 'correct horse battery staple' });
    expect((await b.submit('/dpo/sign-in/code', { code })).status).toBe(401);
    expect((await b.submit('/dpo/sign-in/code', { code: dpo.recoveryCodes[4]! })).status).toBe(303);
    const [u] = await t.db.select().from(users).where(eq(users.email, 'dpo@atlas.test'));
    expect(u!.recoveryCodes).toHaveLength(8);
  });

  it('waits longer after each failure and locks the account for 15 minutes after 10', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await new DpoClient(t).submit('/dpo/sign-in', { email: 'dpo@atlas.test', password: `wrong password ${i}` })).status).toBe(401);
    }
    expect(sleeps).toEqual([0, 250, 500, 1000, 2000, 4000, 8000, 8000, 8000, 8000]);
    const [u] = await t.db.select().from(users).where(eq(users.email, 'dpo@atlas.test'));
    expect(u!.lockedUntil!.getTime()).toBe(t.clock.now + 15 * 60_000);
    // Locked: even the right password gets the same answer as a wrong one.
    const locked = await new DpoClient(t).submit('/dpo/sign-in', { email: 'dpo@atlas.test', password: 'correct horse battery staple' });
    expect(locked.status).toBe(401);
    t.clock.now += 15 * 60_000 + 1;
    const c = new DpoClient(t);
    expect((await c.signIn('dpo@atlas.test', dpo.secret)).status).toBe(303);
    const [after] = await t.db.select().from(users).where(eq(users.email, 'dpo@atlas.test'));
    expect(after!.failedAttempts).toBe(0);
  });

  it('counts wrong codes towards the lock-out, and the right password does not reset the count', async () => {
    const c = new DpoClient(t);
    await c.submit('/dpo/sign-in', { email: 'dpo@atlas.test', password: 'correct horse battery staple' });
    for (let i = 0; i < 10; i++) expect((await c.submit('/dpo/sign-in/code', { code: String(100000 + i) })).status).toBe(401);
    expect(sleeps.at(-1)).toBe(8000);
    expect((await c.submit('/dpo/sign-in/code', { code: totpCode(dpo.secret, t.clock.now) })).status).toBe(401);
  });

  it('stops one network address after 100 attempts in an hour, whatever the accounts, with 429', async () => {
    // Many accounts, so no lock-out of a single account stands in the way.
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_HOUR - 1; i++) {
      expect((await new DpoClient(t).submit('/dpo/sign-in', { email: `someone${i}@atlas.test`, password: 'a guess at a password' })).status).toBe(401);
    }
    const c = new DpoClient(t);
    const last = await c.submit('/dpo/sign-in', { email: 'dpo@atlas.test', password: 'correct horse battery staple' });
    expect(last.status).toBe(303);
    const refused = await c.submit('/dpo/sign-in/code', { code: totpCode(dpo.secret, t.clock.now) });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3600');
    expect(await refused.text()).toContain('Te veel aanmeldpogingen');
    // The next hour, the same address may try again.
    t.clock.now += 3_600_000;
    expect((await c.signIn('dpo@atlas.test', dpo.secret)).status).toBe(303);
  });
});
