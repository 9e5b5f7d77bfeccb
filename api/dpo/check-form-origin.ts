/**
 * CSRF defences for every workspace form: the Origin header must be this portal (the address the
 * request came in on, or PUBLIC_URL behind a proxy), and the hidden `_csrf` field must match the
 * session's secret, or for the anonymous forms (sign-in, enrolment) the double-submit cookie.
 *
 * @example
 *   if (!(await checkFormToken(c, session.csrfSecret))) return c.text('Forbidden', 403);
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { DpoEnv } from './dpo-env.ts';
import { FORM_COOKIE } from './session-policy.ts';
import { createToken, sameSecret } from './tokens.ts';

export function originAllowed(c: Context<DpoEnv>): boolean {
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') return origin === new URL(c.req.url).origin || origin === new URL(c.var.deps.publicUrl).origin;
  // Under the portal's Referrer-Policy: no-referrer, browsers send `Origin: null` even for a
  // same-origin form; their Sec-Fetch-Site (which a page cannot forge) then says where it came from.
  return c.req.header('sec-fetch-site') === 'same-origin';
}

/** Origin and hidden field checked against `expected` (a session's CSRF secret). */
export async function checkFormToken(c: Context<DpoEnv>, expected: string | undefined): Promise<boolean> {
  if (!originAllowed(c) || !expected) return false;
  const body = await c.req.parseBody();
  const sent = body['_csrf'];
  return typeof sent === 'string' && sameSecret(sent, expected);
}

/** The anonymous forms' token: the browser's form cookie, set now when it has none. */
export function issueFormToken(c: Context<DpoEnv>): string {
  const existing = getCookie(c, FORM_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = createToken();
  setCookie(c, FORM_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
  return token;
}

export function checkAnonymousForm(c: Context<DpoEnv>): Promise<boolean> {
  return checkFormToken(c, getCookie(c, FORM_COOKIE));
}
