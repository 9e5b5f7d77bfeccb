/**
 * OpenID Connect sign-in, next to password + TOTP: GET /dpo/oidc/start sends the browser to the
 * provider (authorization code flow, PKCE S256, state and nonce in a signed short-lived cookie),
 * GET /dpo/oidc/callback checks the answer and signs in the account linked to the ID token's
 * subject. Without OIDC_* configuration every /dpo/oidc/* path is a 404.
 *
 * The session counts as having passed the second factor: the provider is trusted to have
 * authenticated the person strongly, so configure it (the client at the provider) to require a
 * second factor itself; the portal does not ask for its TOTP code after OIDC.
 *
 * @example
 *   app.route('/', oidcRoutes()); // in dpoRoutes; needs c.var.deps.oidc
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { tw } from '../../content/workspace-i18n.ts';
import { appendAuditEvent } from '../audit/index.ts';
import type { DpoEnv } from './dpo-env.ts';
import { createProviderCache, isUnavailable, providerName } from './oidc/discover-provider.ts';
import { OidcMessagePage } from './oidc/oidc-message-page.tsx';
import { openPendingSignIn, PENDING_COOKIE, PENDING_MS, sealPendingSignIn } from './oidc/pending-sign-in-cookie.ts';
import { redeemOidcCallback } from './oidc/redeem-oidc-callback.ts';
import { signInWithOidcSubject } from './oidc/sign-in-with-oidc-subject.ts';
import { startOidcSignIn } from './oidc/start-oidc-sign-in.ts';
import { notFoundPage } from './pages/not-found.tsx';
import { renderPage } from './pages/layout.tsx';
import { SESSION_COOKIE } from './session-policy.ts';
import { createSession, endSession, readSession } from './sessions.ts';

type Problem = 'failed' | 'noAccount' | 'unavailable';
const STATUS: Record<Problem, ContentfulStatusCode> = { failed: 400, noAccount: 403, unavailable: 503 };

function problemPage(c: Context<DpoEnv>, problem: Problem) {
  const l = c.var.lang;
  const provider = providerName(c.var.deps.oidc!.issuer);
  return renderPage(
    c,
    <OidcMessagePage
      lang={l}
      title={tw(l, `oidc.${problem}.title`)}
      body={tw(l, `oidc.${problem}.body`, { provider })}
      link={{ href: `/dpo/sign-in?lang=${l}`, text: tw(l, 'oidc.retry') }}
      otherHref={`/dpo/sign-in?lang=${l === 'nl' ? 'en' : 'nl'}`}
    />,
    STATUS[problem],
  );
}

export function oidcRoutes(): Hono<DpoEnv> {
  const app = new Hono<DpoEnv>();
  const provider = createProviderCache();

  app.use('/oidc/*', async (c, next) => {
    if (!c.var.deps.oidc) return notFoundPage(c);
    await next();
  });

  app.get('/oidc/start', async (c) => {
    const { oidc, publicUrl, services } = c.var.deps;
    let started;
    try {
      started = await startOidcSignIn(await provider(oidc!, services.now()), { redirectUri: `${publicUrl}/dpo/oidc/callback`, lang: c.var.lang });
    } catch (e) {
      if (isUnavailable(e)) return problemPage(c, 'unavailable');
      throw e;
    }
    setCookie(c, PENDING_COOKIE, sealPendingSignIn(services.rateSecret, started.pending, services.now()), {
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: PENDING_MS / 1000,
    });
    c.header('cache-control', 'no-store');
    return c.redirect(started.url.href, 303);
  });

  app.get('/oidc/callback', async (c) => {
    const { db, oidc, publicUrl, services } = c.var.deps;
    const now = services.now();
    const pending = openPendingSignIn(services.rateSecret, getCookie(c, PENDING_COOKIE), now);
    // One use: whatever happens next, this browser's pending sign-in is over.
    deleteCookie(c, PENDING_COOKIE, { path: '/', secure: true });
    if (!pending) return problemPage(c, 'failed');
    c.set('lang', pending.lang);
    // The URL the provider redirected to, as registered (behind a proxy c.req.url is internal).
    const callbackUrl = new URL(`${publicUrl}/dpo/oidc/callback${new URL(c.req.url).search}`);
    let subject: string;
    try {
      subject = await redeemOidcCallback(await provider(oidc!, now), callbackUrl, pending);
    } catch (e) {
      if (isUnavailable(e)) return problemPage(c, 'unavailable');
      await appendAuditEvent(db, { type: 'sign_in_failed', actorUserId: null, controllerId: null, requestId: null, payload: { reason: 'oidc_error' } }, now);
      return problemPage(c, 'failed');
    }
    const r = await signInWithOidcSubject(db, { subject, now });
    if (!r.ok) return problemPage(c, 'noAccount');
    const old = await readSession(db, getCookie(c, SESSION_COOKIE), now);
    if (old) await endSession(db, old.tokenHash);
    setCookie(c, SESSION_COOKIE, await createSession(db, { userId: r.userId, now, mfa: true }), { httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    return c.redirect(`/dpo/oidc/signed-in?lang=${pending.lang}`, 303);
  });

  // Not a redirect straight to /dpo/: the browser arrives here from the provider's site, and a
  // redirect keeps that cross-site origin, so the SameSite=Strict session cookie would not be
  // sent and the workspace would ask to sign in again. A refresh started by this page is
  // same-site and carries the cookie; the link is there for when the refresh does not happen.
  app.get('/oidc/signed-in', async (c) => {
    const l = c.var.lang;
    c.header('refresh', `0; url=/dpo/?lang=${l}`);
    return renderPage(
      c,
      <OidcMessagePage
        lang={l}
        title={tw(l, 'oidc.signedIn.title')}
        body={tw(l, 'oidc.signedIn.body')}
        link={{ href: `/dpo/?lang=${l}`, text: tw(l, 'oidc.signedIn.continue') }}
        otherHref={`/dpo/?lang=${l === 'nl' ? 'en' : 'nl'}`}
      />,
    );
  });

  return app;
}
