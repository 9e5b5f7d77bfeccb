import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadStaticSite, negotiateLanguage } from '../../api/site/static-site.ts';

function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'site-'));
  mkdirSync(join(dir, 'en/website'), { recursive: true });
  mkdirSync(join(dir, 'en/404'), { recursive: true });
  mkdirSync(join(dir, '_astro'));
  writeFileSync(join(dir, 'en/website/index.html'), '<p>website</p>');
  writeFileSync(join(dir, 'en/website/index.html.gz'), gzipSync('<p>website</p>'));
  writeFileSync(join(dir, 'en/404/index.html'), '<p>not found</p>');
  writeFileSync(join(dir, '404.html'), '<p>root 404</p>');
  writeFileSync(join(dir, '_astro/a.123.css'), 'p{}');
  return loadStaticSite(dir);
}

describe('static site', () => {
  const site = fixture();

  it('serves a page with its type, no-cache and an etag; compressed when asked', () => {
    const plain = site.lookup('/en/website/', undefined);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.body!.toString()).toBe('<p>website</p>');
    const gz = site.lookup('/en/website/', 'gzip, br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(site.lookup('/en/website/', undefined, plain.headers.etag).status).toBe(304);
  });

  it('caches hashed assets for a year', () => {
    expect(site.lookup('/_astro/a.123.css', '').headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('redirects to the slash form and answers unknown paths with the language 404', () => {
    expect(site.lookup('/en/website', '')).toMatchObject({ status: 308, headers: { location: '/en/website/' } });
    const nf = site.lookup('/en/nothing/', '');
    expect(nf.status).toBe(404);
    expect(nf.body!.toString()).toContain('not found');
    expect(site.lookup('/xx', '').body!.toString()).toContain('root 404');
  });

  it('refuses traversal, NUL bytes and broken escapes', () => {
    for (const p of ['/en/../404.html', '/en/%2e%2e/x', '/a%00b', '/%E0%A4%A']) expect(site.lookup(p, '').status).toBe(404);
  });

  it('negotiates the language from Accept-Language, Dutch when nothing fits', () => {
    expect(negotiateLanguage('uk-UA,uk;q=0.9,en;q=0.8')).toBe('uk');
    expect(negotiateLanguage('de, en;q=0.5, fr;q=0.9')).toBe('fr');
    expect(negotiateLanguage('ru;q=0, en;q=0.1')).toBe('en');
    expect(negotiateLanguage('de')).toBe('nl');
    expect(negotiateLanguage(undefined)).toBe('nl');
    expect(negotiateLanguage(';;;,q=x')).toBe('nl');
  });
});
