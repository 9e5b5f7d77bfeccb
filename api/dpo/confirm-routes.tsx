/**
 * GET/POST /dpo/confirm?next=…: a signed-in user who reads requests confirms it is them with
 * their second factor (ASVS 3.7.1). The request page shows an ID copy only within RECENT_FACTOR_MS of the session's
 * last second factor; after that it links here, and a good code renews the session's factor and
 * returns to `next` (a workspace path; anything else returns to the start page). A wrong code
 * counts towards the lock-out like one at sign-in.
 *
 * @example
 *   app.route('/', confirmRoutes()); // inside dpoRoutes
 */
import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { users } from '../../db/schema.ts';
import { checkSecondFactor } from './check-second-factor.ts';
import type { DpoEnv } from './dpo-env.ts';
import { ConfirmPage } from './pages/confirm-page.tsx';
import { renderPage } from './pages/layout.tsx';
import { requireUser } from './require-user.tsx';
import { READERS } from './roles.ts';
import { RECENT_FACTOR_MS } from './session-policy.ts';
import { renewFactor } from './sessions.ts';

/** A path inside the workspace (no scheme, no host, no `//`, no dot segments), or the start page. */
export function safeNext(next: unknown, lang: string): string {
  return typeof next === 'string' && next.length <= 300 && /^\/dpo\/[A-Za-z0-9\-._~/?=&%]*$/.test(next) && !next.includes('//') && !next.includes('/.') ? next : `/dpo/?lang=${lang}`;
}

/** True when the session passed its second factor within RECENT_FACTOR_MS. */
export function factorIsRecent(c: Context<DpoEnv>): boolean {
  return c.var.deps.services.now() - c.var.factorAt <= RECENT_FACTOR_MS;
}

/** The link that asks for the second factor and comes back to `next`. */
export function confirmHref(lang: string, next: string): string {
  return `/dpo/confirm?lang=${lang}&next=${encodeURIComponent(next)}`;
}

async function signsInWithOidc(c: Context<DpoEnv>): Promise<boolean> {
  const [u] = await c.var.deps.db.select({ oidcSubject: users.oidcSubject }).from(users).where(eq(users.id, c.var.user.id));
  return Boolean(u?.oidcSubject);
}

export function confirmRoutes(): Hono<DpoEnv> {
  const app = new Hono<DpoEnv>();

  app.get('/confirm', requireUser(READERS), async (c) => {
    const next = safeNext(c.req.query('next'), c.var.lang);
    return renderPage(c, <ConfirmPage lang={c.var.lang} user={c.var.user} csrf={c.var.csrfToken} next={next} oidc={await signsInWithOidc(c)} />);
  });

  app.post('/confirm', requireUser(READERS), async (c) => {
    const { db, services } = c.var.deps;
    const body = await c.req.parseBody();
    const next = safeNext(body['next'], c.var.lang);
    const code = typeof body['code'] === 'string' ? body['code'].slice(0, 100) : '';
    const r = await checkSecondFactor(db, services.cipher, { userId: c.var.user.id, code, now: services.now(), sleep: services.sleep, purpose: 'confirm' });
    if (!r.ok) return renderPage(c, <ConfirmPage lang={c.var.lang} user={c.var.user} csrf={c.var.csrfToken} next={next} oidc={await signsInWithOidc(c)} failed />, 422);
    await renewFactor(db, c.var.sessionTokenHash, services.now());
    return c.redirect(next, 303);
  });

  return app;
}
