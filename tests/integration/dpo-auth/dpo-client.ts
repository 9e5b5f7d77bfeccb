/**
 * A tiny browser for the workspace over app.request(): keeps cookies, sends forms with the
 * Origin header and the hidden CSRF token read from the page, computes TOTP codes.
 */
import { TOTP } from 'otpauth';
import { addUser } from '../../../api/dpo/add-user.ts';
import type { Role } from '../../../api/dpo/roles.ts';
import type { TestApp } from '../../support/test-app.ts';

export const ORIGIN = 'https://privacy.test';
export const PASSWORD = 'correct horse battery staple';

export class DpoClient {
  cookies = new Map<string, string>();
  constructor(readonly t: TestApp) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(path: string, init: { method?: string; form?: Record<string, string>; origin?: string | null } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookieHeader };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    if (init.origin !== null && (init.method ?? 'GET') !== 'GET') headers['origin'] = init.origin ?? ORIGIN;
    const res = await this.t.app.request(`http://localhost${path}`, { method: init.method ?? 'GET', headers, body });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** GET a page, then POST its form with the hidden token and the given fields. */
  async submit(pagePath: string, fields: Record<string, string>, postPath = pagePath): Promise<Response> {
    const html = await (await this.request(pagePath)).text();
    return this.request(postPath, { method: 'POST', form: { _csrf: csrfOf(html), ...fields } });
  }

  async signIn(email: string, secret: string, password = PASSWORD): Promise<Response> {
    const first = await this.submit('/dpo/sign-in', { email, password });
    if (first.status !== 303) return first;
    return this.submit('/dpo/sign-in/code', { code: totpCode(secret, this.t.clock.now) });
  }
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no CSRF field in:\n${html.slice(0, 500)}`);
  return m[1]!;
}

export function totpCode(secret: string, now: number): string {
  return new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: now });
}

export interface Enrolled {
  email: string;
  secret: string;
  recoveryCodes: string[];
}

/** Creates an account and enrols it through the real pages; leaves the clock 31 s later. */
export async function enrolUser(t: TestApp, o: { email: string; role?: Role; controllerId?: 'agii' | 'atlas' | 'huis' | 'ingent' | null }): Promise<Enrolled> {
  const role = o.role ?? 'dpo';
  const { link } = await addUser(t.db, { email: o.email, displayName: `User ${o.email}`, role, controllerId: o.controllerId === undefined ? (role === 'admin' ? null : 'atlas') : o.controllerId, publicUrl: t.config.publicUrl, now: t.clock.now });
  const path = new URL(link).pathname;
  const client = new DpoClient(t);
  const html = await (await client.request(path)).text();
  const secret = /id="totp-secret">([A-Z2-7]+)</.exec(html)![1]!;
  const res = await client.request(path, { method: 'POST', form: { _csrf: csrfOf(html), password: PASSWORD, passwordAgain: PASSWORD, code: totpCode(secret, t.clock.now) } });
  const page = await res.text();
  if (res.status !== 200) throw new Error(`enrolment failed: ${res.status}\n${page}`);
  const recoveryCodes = [...page.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);
  t.clock.now += 31_000;
  return { email: o.email, secret, recoveryCodes };
}

/** A client signed in as an enrolled account (password and TOTP), or an error saying why not. */
export async function signedInClient(t: TestApp, who: Enrolled): Promise<DpoClient> {
  const client = new DpoClient(t);
  const res = await client.signIn(who.email, who.secret);
  if (res.status !== 303) throw new Error(`sign-in of ${who.email} failed: ${res.status}`);
  return client;
}

/** GET a page: its status and its HTML. */
export async function page(c: DpoClient, path: string): Promise<{ status: number; html: string }> {
  const res = await c.request(path);
  return { status: res.status, html: await res.text() };
}
