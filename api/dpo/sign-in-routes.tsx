/**
 * Sign-in in two steps (password, then TOTP or recovery code) and sign-out. The password step
 * opens a short session without the second factor; the code step replaces it with a new token.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { t } from '../../content/i18n.ts';
import { clientOf, hitRateLimit } from '../http/rate-limit.ts';
import { checkAnonymousForm, checkFormToken, issueFormToken } from './check-form-origin.ts';
import { checkPassword } from './check-password.ts';
import { checkSecondFactor } from './check-second-factor.ts';
import type { DpoEnv } from './dpo-env.ts';
import { MessagePage } from './pages/home-page.tsx';
import { renderPage } from './pages/layout.tsx';
import { CodePage, SignInPage } from './pages/sign-in-page.tsx';
import { requireUser } from './require-user.tsx';
import { SESSION_COOKIE } from './session-policy.ts';
import { createSession, endSession, readSession } from './sessions.ts';
import { signOut, signOutEverywhere } from './sign-out.ts';

function setSessionCookie(c: Context<DpoEnv>, token: string) {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
}

function refused(c: Context<DpoEnv>) {
  const l = c.var.lang;
  return renderPage(c, <MessagePage lang={l} title={t(l, 'dpo.csrf.title')} body={t(l, 'dpo.csrf.body')} otherHref={`/dpo/sign-in?lang=${l === 'nl' ? 'en' : 'nl'}`} />, 403);
}

/**
 * Sign-in attempts (password or code) per network address and hour. Each account locks itself
 * after repeated failures; this stops one address from trying many accounts.
 */
export const SIGN_IN_ATTEMPTS_PER_HOUR = 100;

function tooMany(c: Context<DpoEnv>) {
  const l = c.var.lang;
  c.header('retry-after', '3600');
  return renderPage(c, <MessagePage lang={l} title={t(l, 'dpo.signIn.title')} body={t(l, 'dpo.signIn.tooMany')} otherHref={`/dpo/sign-in?lang=${l === 'nl' ? 'en' : 'nl'}`} />, 429);
}

export function signInRoutes(): Hono<DpoEnv> {
  const app = new Hono<DpoEnv>();

  const limitAttempts: MiddlewareHandler<DpoEnv> = async (c, next) => {
    const { db, services } = c.var.deps;
    const allowed = await hitRateLimit(db, { scope: 'sign-in', client: clientOf(c, services.rateSecret), limit: SIGN_IN_ATTEMPTS_PER_HOUR, windowMs: 3_600_000, now: services.now() });
    return allowed ? next() : tooMany(c);
  };
  app.post('/sign-in', limitAttempts);
  app.post('/sign-in/code', limitAttempts);

  app.get('/sign-in', async (c) => {
    const l = c.var.lang;
    const notice = c.req.query('signedOut') ? t(l, 'dpo.signIn.signedOut') : c.req.query('expired') ? t(l, 'dpo.signIn.expired') : undefined;
    return renderPage(c, <SignInPage lang={l} csrf={issueFormToken(c)} notice={notice} oidc={c.var.deps.oidc} />);
  });

  app.post('/sign-in', async (c) => {
    if (!(await checkAnonymousForm(c))) return refused(c);
    const { db, services } = c.var.deps;
    const body = await c.req.parseBody();
    const email = typeof body['email'] === 'string' ? body['email'].slice(0, 320) : '';
    const password = typeof body['password'] === 'string' ? body['password'].slice(0, 1000) : '';
    const r = await checkPassword(db, { email, password, now: services.now(), sleep: services.sleep });
    if (!r.ok) return renderPage(c, <SignInPage lang={c.var.lang} csrf={issueFormToken(c)} email={email} failed oidc={c.var.deps.oidc} />, 401);
    const old = getCookie(c, SESSION_COOKIE);
    const oldSession = await readSession(db, old, services.now());
    if (oldSession) await endSession(db, oldSession.tokenHash);
    setSessionCookie(c, await createSession(db, { userId: r.userId, now: services.now(), mfa: false }));
    return c.redirect(`/dpo/sign-in/code?lang=${c.var.lang}`, 303);
  });

  app.get('/sign-in/code', async (c) => {
    const { db, services } = c.var.deps;
    const s = await readSession(db, getCookie(c, SESSION_COOKIE), services.now());
    if (!s) return c.redirect(`/dpo/sign-in?lang=${c.var.lang}`, 303);
    if (s.mfa) return c.redirect(`/dpo/?lang=${c.var.lang}`, 303);
    return renderPage(c, <CodePage lang={c.var.lang} csrf={s.csrfSecret} />);
  });

  app.post('/sign-in/code', async (c) => {
    const { db, services } = c.var.deps;
    const s = await readSession(db, getCookie(c, SESSION_COOKIE), services.now());
    if (!s || s.mfa) return c.redirect(`/dpo/sign-in?lang=${c.var.lang}`, 303);
    if (!(await checkFormToken(c, s.csrfSecret))) return refused(c);
    const body = await c.req.parseBody();
    const code = typeof body['code'] === 'string' ? body['code'].slice(0, 100) : '';
    const r = await checkSecondFactor(db, services.cipher, { userId: s.user.id, code, now: services.now(), sleep: services.sleep });
    if (!r.ok) return renderPage(c, <CodePage lang={c.var.lang} csrf={s.csrfSecret} failed />, 401);
    await endSession(db, s.tokenHash);
    setSessionCookie(c, await createSession(db, { userId: s.user.id, now: services.now(), mfa: true }));
    return c.redirect(`/dpo/?lang=${c.var.lang}`, 303);
  });

  app.post('/sign-out', requireUser(), async (c) => {
    await signOut(c.var.deps.db, { tokenHash: c.var.sessionTokenHash, user: c.var.user, now: c.var.deps.services.now() });
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.redirect(`/dpo/sign-in?lang=${c.var.lang}&signedOut=1`, 303);
  });

  app.post('/sign-out-everywhere', requireUser(), async (c) => {
    await signOutEverywhere(c.var.deps.db, { user: c.var.user, now: c.var.deps.services.now() });
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.redirect(`/dpo/sign-in?lang=${c.var.lang}&signedOut=1`, 303);
  });

  return app;
}
