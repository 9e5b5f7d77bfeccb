/**
 * The public site inside the Node server: `/` sends a browser to its language (Accept-Language,
 * Dutch by default) or shows the plain list of languages to a client that states none; every
 * other GET/HEAD is answered from the in-memory build.
 */
import { Hono } from 'hono';
import { negotiateLanguage, type StaticResponse, type StaticSite } from './static-site.ts';

function send(res: StaticResponse, head: boolean): Response {
  // A Buffer is a Uint8Array; the cast only narrows its ArrayBuffer type for the DOM typings.
  const body = head || !res.body ? null : (res.body as Uint8Array<ArrayBuffer>);
  return new Response(body, { status: res.status, headers: res.headers });
}

export function siteRoutes(site: StaticSite) {
  const app = new Hono();
  app.on(['GET', 'HEAD'], '/', (c) => {
    const header = c.req.header('accept-language')?.trim();
    // No header, or "*" (no preference, as command-line clients send): the plain list of languages.
    if (header && header !== '*') {
      c.header('vary', 'Accept-Language');
      c.header('cache-control', 'no-cache');
      return c.redirect(`/${negotiateLanguage(header)}/`, 302);
    }
    return send(site.lookup('/', c.req.header('accept-encoding'), c.req.header('if-none-match')), c.req.method === 'HEAD');
  });
  app.on(['GET', 'HEAD'], '*', (c) =>
    send(site.lookup(c.req.path, c.req.header('accept-encoding'), c.req.header('if-none-match')), c.req.method === 'HEAD'),
  );
  app.all('*', (c) => c.text('Method not allowed', 405, { allow: 'GET, HEAD' }));
  return app;
}
