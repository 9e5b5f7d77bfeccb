/**
 * The DPO workspace under /dpo: its stylesheet, enrolment, sign-in, and the signed-in pages.
 * Pages are server-rendered with hono/jsx; no script, no inline style.
 *
 * @example
 *   app.route('/dpo/', dpoRoutes({ db, publicUrl: config.publicUrl, services }));
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DpoDeps, DpoEnv } from './dpo-env.ts';
import { actionRoutes } from './action-routes.tsx';
import { auditRoutes } from './audit-routes.tsx';
import { confirmRoutes } from './confirm-routes.tsx';
import { enrolRoutes } from './enrol-routes.tsx';
import { homeRoutes } from './home-routes.tsx';
import { listRoutes } from './list-routes.tsx';
import { oidcRoutes } from './oidc-routes.tsx';
import { overviewRoutes } from './overview-routes.tsx';
import { pickLang } from './pick-lang.ts';
import { requestRoutes } from './request-routes.tsx';
import { signInRoutes } from './sign-in-routes.tsx';
import { userRoutes } from './user-routes.tsx';

/** The path of the answer upload (POST /dpo/requests/:reference/answer), which takes documents. */
export const ANSWER_UPLOAD = /^\/dpo\/requests\/[^/]+\/answer$/;

const CSS = readFileSync(new URL('./workspace.css', import.meta.url), 'utf8');

export function dpoRoutes(deps: DpoDeps): Hono<DpoEnv> {
  const app = new Hono<DpoEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('lang', pickLang(c.req.query('lang'), c.req.header('accept-language')));
    await next();
    c.header('vary', 'Accept-Language, Cookie');
  });
  // The workspace's forms are a few short fields: refuse anything bigger before parsing it. The
  // one exception, an answer with documents, has its own limit in action-routes.tsx.
  const smallForms = bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('Payload Too Large', 413) });
  app.use('*', (c, next) => (ANSWER_UPLOAD.test(c.req.path) ? next() : smallForms(c, next)));
  app.get('/assets/workspace.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(CSS);
  });
  app.route('/', enrolRoutes());
  app.route('/', signInRoutes());
  app.route('/', homeRoutes());
  app.route('/', oidcRoutes());
  app.route('/', listRoutes());
  app.route('/', overviewRoutes());
  app.route('/', auditRoutes());
  app.route('/', requestRoutes());
  app.route('/', confirmRoutes());
  app.route('/', actionRoutes());
  app.route('/', userRoutes());
  return app;
}
