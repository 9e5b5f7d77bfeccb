// Build-then-crawl: every page in every language through the running Node server. Runs against
// dist/ as `npm test` builds it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'htmlparser2';
import { startServer, type RunningServer } from '../support/server.ts';
import { allPages } from '../support/site-pages.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

interface Parsed {
  links: string[];
  resources: string[];
  scripts: number;
  lang: string | undefined;
  hreflangs: string[];
}

function parse(html: string): Parsed {
  const out: Parsed = { links: [], resources: [], scripts: 0, lang: undefined, hreflangs: [] };
  const parser = new Parser({
    onopentag(name, a) {
      if (name === 'html') out.lang = a.lang;
      if (name === 'a' && a.href) out.links.push(a.href);
      if (name === 'script') out.scripts++;
      if (name === 'link' && a.rel === 'alternate' && a.hreflang) out.hreflangs.push(a.hreflang);
      if (name === 'link' && a.href && a.rel !== 'alternate' && a.rel !== 'canonical') out.resources.push(a.href);
      for (const attr of ['src', 'srcset', 'poster', 'data']) if (a[attr]) out.resources.push(a[attr]!);
    },
  });
  parser.write(html);
  parser.end();
  return out;
}

const REQUIRED_HEADERS = ['content-security-policy', 'referrer-policy', 'x-content-type-options', 'permissions-policy'];

describe('the built site through the Node server', () => {
  it('answers every page in every language with 200, the right language, headers and no cookie', async () => {
    const internal = new Set<string>();
    for (const page of allPages()) {
      const res = await fetch(server.url + page.path, { redirect: 'manual', headers: { 'accept-encoding': 'br' } });
      expect(res.status, page.path).toBe(200);
      expect(res.headers.get('set-cookie'), page.path).toBeNull();
      for (const h of REQUIRED_HEADERS) expect(res.headers.get(h), `${h} on ${page.path}`).toBeTruthy();
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-encoding'), `precompressed ${page.path}`).toBe('br');
      const parsed = parse(await res.text());
      expect(parsed.lang, page.path).toBe(page.lang);
      if (page.kind === 'statement') expect(parsed.scripts, `no <script> on ${page.path}`).toBe(0);
      if (page.kind !== 'root') expect(parsed.hreflangs.sort(), page.path).toEqual(['en', 'fr', 'nl', 'ru', 'uk', 'x-default']);
      for (const r of parsed.resources) {
        // No request to any other origin: every stylesheet, font, script and image is our own.
        expect(r.startsWith('/') && !r.startsWith('//'), `resource ${r} on ${page.path}`).toBe(true);
      }
      for (const l of parsed.links) {
        if (l.startsWith('/')) internal.add(l.split('#')[0]!);
      }
    }
    // No broken internal link, PDFs and the sitemap included.
    expect(internal.size).toBeGreaterThan(40);
    for (const link of internal) {
      const res = await fetch(server.url + link, { method: 'HEAD', redirect: 'manual' });
      expect(res.status, `link ${link}`).toBe(200);
    }
  });

  it('serves hashed assets with long-lived caching and correct types', async () => {
    const html = await (await fetch(`${server.url}/en/`)).text();
    const css = /href="(\/_astro\/[^"]+\.css)"/.exec(html)![1]!;
    const res = await fetch(server.url + css, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const font = /url\((\/_astro\/[^)]+\.woff2)\)/.exec(await res.text());
    expect(font, 'the stylesheet names a self-hosted woff2 font').not.toBeNull();
    const f = await fetch(server.url + font![1]!);
    expect(f.headers.get('content-type')).toBe('font/woff2');
    expect(f.headers.get('cache-control')).toContain('max-age=31536000');
  });

  it('answers conditional requests with 304', async () => {
    const first = await fetch(`${server.url}/nl/`);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const second = await fetch(`${server.url}/nl/`, { headers: { 'if-none-match': etag } });
    expect(second.status).toBe(304);
  });

  it('picks the language from Accept-Language, Dutch by default, and lists languages without one', async () => {
    const go = (al?: string) => fetch(`${server.url}/`, { redirect: 'manual', headers: al ? { 'accept-language': al } : {} });
    expect((await go('uk-UA,uk;q=0.9,en;q=0.8')).headers.get('location')).toMatch(/\/uk\/$/);
    expect((await go('de-DE,fr;q=0.5,en;q=0.7')).headers.get('location')).toMatch(/\/en\/$/);
    expect((await go('de-DE')).headers.get('location')).toMatch(/\/nl\/$/);
    const plain = await go();
    expect(plain.status).toBe(200);
    const links = parse(await plain.text()).links;
    expect(links).toEqual(['/nl/', '/en/', '/fr/', '/uk/', '/ru/']);
  });

  it('gives a 404 page in the right language, and redirects to the slash form', async () => {
    const res = await fetch(`${server.url}/fr/nexiste-pas/`);
    expect(res.status).toBe(404);
    expect(parse(await res.text()).lang).toBe('fr');
    const bare = await fetch(`${server.url}/nope`);
    expect(bare.status).toBe(404);
    const slash = await fetch(`${server.url}/en/website`, { redirect: 'manual' });
    expect(slash.status).toBe(308);
    expect(slash.headers.get('location')).toBe('/en/website/');
    const traversal = await fetch(`${server.url}/en/%2e%2e/%2e%2e/package.json`);
    expect(traversal.status).toBe(404);
  });

  it('reports its version and a reachable database at /api/health', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; version: string; database: string };
    expect(body).toMatchObject({ status: 'ok', database: 'reachable' });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(res.headers.get('content-security-policy')).toBeTruthy();
    const missing = await fetch(`${server.url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found' } });
  });
});
