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
import { enrolRoutes } from './enrol-routes.tsx';
import { homeRoutes } from './home-routes.tsx';
import { pickLang } from './pick-lang.ts';
import { signInRoutes } from './sign-in-routes.tsx';

const CSS = readFileSync(new URL('./workspace.css', import.meta.url), 'utf8');

export function dpoRoutes(deps: DpoDeps): Hono<DpoEnv> {
  const app = new Hono<DpoEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('lang', pickLang(c.req.query('lang'), c.req.header('accept-language')));
    await next();
    c.header('vary', 'Accept-Language, Cookie');
  });
  // The workspace's forms are a few short fields: refuse anything bigger before parsing it.
  app.use('*', bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('Payload Too Large', 413) }));
  app.get('/assets/workspace.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(CSS);
  });
  app.route('/', enrolRoutes());
  app.route('/', signInRoutes());
  app.route('/', homeRoutes());
  return app;
}
