// Enrolment through the one-time link: password rules, TOTP with QR code, recovery codes shown
// once, secrets stored only as Argon2id hashes or encrypted.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser } from '../../../api/dpo/add-user.ts';
import { users } from '../../../db/schema.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { csrfOf, DpoClient, enrolUser, PASSWORD, totpCode } from './dpo-client.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function newLink(email = 'dpo@atlas.test') {
  const { link } = await addUser(t.db, { email, displayName: 'An Peeters', role: 'dpo', controllerId: 'atlas', publicUrl: t.config.publicUrl, now: t.clock.now });
  expect(link).toMatch(/^https:\/\/privacy\.test\/dpo\/enrol\/[A-Za-z0-9_-]{43}$/);
  return new URL(link).pathname;
}

describe('enrolment', () => {
  it('shows a QR code as an SVG data image and the key in text, in Dutch or English', async () => {
    const path = await newLink();
    const c = new DpoClient(t);
    const res = await c.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="QR-code/);
    expect(html).toMatch(/id="totp-secret">[A-Z2-7]{32}</);
    expect(await (await c.request(`${path}?lang=en`)).text()).toContain('Set up your account');
    const again = await (await c.request(path, {})).text();
    expect(/id="totp-secret">([A-Z2-7]+)</.exec(again)![1]).toBe(/id="totp-secret">([A-Z2-7]+)</.exec(html)![1]);
  });

  it('refuses short passwords, the e-mail as password, a mismatch and a wrong code, with GOV.UK-style errors', async () => {
    const path = await newLink('long.address@atlas.test');
    const c = new DpoClient(t);
    const html = await (await c.request(path)).text();
    const post = (fields: Record<string, string>) => c.request(path, { method: 'POST', form: { _csrf: csrfOf(html), ...fields } });
    let res = await post({ password: 'short', passwordAgain: 'short', code: '000000' });
    expect(res.status).toBe(422);
    let page = await res.text();
    expect(page).toContain('<title>Fout: Uw account instellen');
    expect(page).toContain('Er is een probleem');
    expect(page).toContain('<a href="#password">Kies een wachtwoord van minstens 12 tekens</a>');
    expect(page).toContain('<a href="#code">Voer de 6 cijfers in die uw app nu toont</a>');
    expect(page).toMatch(/aria-describedby="password-hint password-error"/);
    res = await post({ password: 'Long.Address@atlas.test', passwordAgain: 'Long.Address@atlas.test', code: '000000' });
    expect(await res.text()).toContain('Kies een wachtwoord dat niet uw e-mailadres is');
    res = await post({ password: PASSWORD, passwordAgain: `${PASSWORD}!`, code: '000000' });
    expect(await res.text()).toContain('Typ twee keer hetzelfde wachtwoord');
    const [u] = await t.db.select().from(users).where(eq(users.email, 'long.address@atlas.test'));
    expect(u!.passwordHash).toBeNull();
    expect(u!.totpEnrolledAt).toBeNull();
  });

  it('stores Argon2id hashes and an encrypted secret, shows 10 recovery codes once, and spends the link', async () => {
    const path = await newLink();
    const c = new DpoClient(t);
    const html = await (await c.request(path)).text();
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(html)![1]!;
    const res = await c.request(path, { method: 'POST', form: { _csrf: csrfOf(html), password: PASSWORD, passwordAgain: PASSWORD, code: totpCode(secret, t.clock.now) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const codes = [...(await res.text()).matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const [u] = await t.db.select().from(users).where(eq(users.email, 'dpo@atlas.test'));
    expect(u!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(u!.recoveryCodes).toHaveLength(10);
    for (const h of u!.recoveryCodes) expect(h).toMatch(/^\$argon2id\$/);
    expect(u!.totpSecret!.toString('latin1')).not.toContain(secret);
    expect(t.services.cipher.decrypt(u!.totpSecret!).toString()).toBe(secret);
    expect(u!.enrolmentTokenHash).toBeNull();
    expect((await c.request(path)).status).toBe(404);
  });

  it('refuses a link after 72 hours, and an unknown link', async () => {
    const path = await newLink();
    t.clock.now += 72 * 3_600_000;
    const res = await new DpoClient(t).request(path);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('ongeldig, al gebruikt of verlopen');
    expect((await new DpoClient(t).request('/dpo/enrol/nonsense')).status).toBe(404);
  });

  it('refuses an enrolment post without the form token (403) or from another origin', async () => {
    const path = await newLink();
    const c = new DpoClient(t);
    const html = await (await c.request(path)).text();
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(html)![1]!;
    const fields = { password: PASSWORD, passwordAgain: PASSWORD, code: totpCode(secret, t.clock.now) };
    expect((await c.request(path, { method: 'POST', form: fields })).status).toBe(403);
    expect((await c.request(path, { method: 'POST', form: { _csrf: csrfOf(html), ...fields }, origin: 'https://evil.test' })).status).toBe(403);
    expect((await c.request(path, { method: 'POST', form: { _csrf: csrfOf(html), ...fields }, origin: null })).status).toBe(403);
  });

  it('enrols through the helper used by the other tests', async () => {
    const e = await enrolUser(t, { email: 'helper@atlas.test' });
    expect(e.recoveryCodes).toHaveLength(10);
  });
});
