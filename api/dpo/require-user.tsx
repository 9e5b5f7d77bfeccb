/**
 * The workspace's gate. `requireUser()` lets a fully signed-in session through (password and
 * second factor) and sets `c.var.user` and `c.var.csrfToken`; with roles, only those roles.
 * Without a session: a GET is sent to the sign-in page (303), anything else gets 401. A wrong
 * role gets 403, and so does a form post without the session's CSRF token or from another origin.
 *
 * @example
 *   app.get('/requests', requireUser(['dpo', 'handler']), (c) => c.text(c.var.user.displayName));
 */
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { t } from '../../content/i18n.ts';
import { checkFormToken } from './check-form-origin.ts';
import type { DpoEnv } from './dpo-env.ts';
import { MessagePage } from './pages/home-page.tsx';
import { renderPage } from './pages/layout.tsx';
import type { Role } from './roles.ts';
import { SESSION_COOKIE } from './session-policy.ts';
import { readSession } from './sessions.ts';

export function requireUser(roles?: readonly Role[]): MiddlewareHandler<DpoEnv> {
  return async (c, next) => {
    const { db, services } = c.var.deps;
    const l = c.var.lang;
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = await readSession(db, cookie, services.now());
    if (!session || !session.mfa) {
      // A session waiting for its second factor stays; a dead one is cleared and said so.
      const dead = Boolean(cookie) && !session;
      if (dead) deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect(`/dpo/sign-in?lang=${l}${dead ? '&expired=1' : ''}`, 303);
      return renderPage(c, <MessagePage lang={l} title={t(l, 'dpo.signIn.title')} body={t(l, 'dpo.signIn.expired')} otherHref={`/dpo/sign-in?lang=${l === 'nl' ? 'en' : 'nl'}`} />, 401);
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !(await checkFormToken(c, session.csrfSecret))) {
      return renderPage(c, <MessagePage lang={l} title={t(l, 'dpo.csrf.title')} body={t(l, 'dpo.csrf.body')} otherHref={`/dpo/?lang=${l === 'nl' ? 'en' : 'nl'}`} />, 403);
    }
    if (roles && !roles.includes(session.user.role)) {
      return renderPage(c, <MessagePage lang={l} title={t(l, 'dpo.forbidden.title')} body={t(l, 'dpo.forbidden.body')} otherHref={`/dpo/?lang=${l === 'nl' ? 'en' : 'nl'}`} />, 403);
    }
    c.set('user', session.user);
    c.set('csrfToken', session.csrfSecret);
    c.set('sessionTokenHash', session.tokenHash);
    c.set('factorAt', session.factorAt ?? 0);
    await next();
  };
}
