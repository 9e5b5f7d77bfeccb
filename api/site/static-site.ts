/**
 * The built public site (dist/), held in memory and served with the right type, compression,
 * caching and status. Everything is read once at start: the site is a few megabytes, and serving
 * from memory keeps statement pages as fast as a bare server (see tests/bench/site.ts).
 *
 * @example
 *   const site = loadStaticSite('dist');
 *   site.lookup('/en/website/', 'br, gzip') // { status: 200, headers, body }
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { LANGS } from '../../content/schema.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

export interface StaticFile {
  body: Buffer;
  br?: Buffer | undefined;
  gzip?: Buffer | undefined;
  type: string;
  etag: string;
  cacheControl: string;
}

export interface StaticResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

function cacheControlFor(path: string): string {
  // Astro puts content-hashed names under /_astro/: they never change, so cache them for a year.
  if (path.startsWith('/_astro/')) return 'public, max-age=31536000, immutable';
  if (path.endsWith('.html')) return 'no-cache';
  return 'public, max-age=3600';
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}

export class StaticSite {
  constructor(readonly files: Map<string, StaticFile>) {}

  /** The response for a GET/HEAD of `rawPath` (already without query string). */
  lookup(rawPath: string, acceptEncoding: string | undefined, ifNoneMatch?: string): StaticResponse {
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return this.notFound('/');
    }
    if (path.includes('\0') || path.split('/').some((s) => s === '..' || s === '.')) return this.notFound(path);
    let file = this.files.get(path.endsWith('/') ? `${path}index.html` : path);
    if (!file && !path.endsWith('/') && this.files.has(`${path}/index.html`)) {
      // The site's URLs end in a slash; send other spellings to the one true address.
      return { status: 308, headers: { location: `${encodeURI(path)}/` }, body: null };
    }
    if (!file) return this.notFound(path);
    return this.respond(file, 200, acceptEncoding, ifNoneMatch);
  }

  notFound(path: string, acceptEncoding?: string): StaticResponse {
    const lang = LANGS.find((l) => path === `/${l}` || path.startsWith(`/${l}/`));
    const page = this.files.get(lang ? `/${lang}/404/index.html` : '/404.html');
    if (!page) return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from('Not found') };
    return this.respond(page, 404, acceptEncoding);
  }

  private respond(file: StaticFile, status: number, acceptEncoding: string | undefined, ifNoneMatch?: string): StaticResponse {
    const headers: Record<string, string> = {
      'content-type': file.type,
      'cache-control': status === 404 ? 'no-cache' : file.cacheControl,
      etag: file.etag,
    };
    if (file.br || file.gzip) headers.vary = 'Accept-Encoding';
    if (status === 200 && ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === file.etag)) {
      return { status: 304, headers, body: null };
    }
    const accepts = (acceptEncoding ?? '').toLowerCase();
    let body = file.body;
    if (file.br && /\bbr\b/.test(accepts)) {
      body = file.br;
      headers['content-encoding'] = 'br';
    } else if (file.gzip && /\bgzip\b/.test(accepts)) {
      body = file.gzip;
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(body.length);
    return { status, headers, body };
  }
}

/** Reads a built site into memory, pairing each file with its .br and .gz siblings. */
export function loadStaticSite(dir: string): StaticSite {
  const files = new Map<string, StaticFile>();
  const all = [...walk(dir)];
  const present = new Set(all);
  for (const full of all) {
    if (full.endsWith('.br') || full.endsWith('.gz')) continue;
    const path = `/${relative(dir, full).split(sep).join('/')}`;
    const body = readFileSync(full);
    files.set(path, {
      body,
      br: present.has(`${full}.br`) ? readFileSync(`${full}.br`) : undefined,
      gzip: present.has(`${full}.gz`) ? readFileSync(`${full}.gz`) : undefined,
      type: TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      cacheControl: cacheControlFor(path),
    });
  }
  return new StaticSite(files);
}

/** The best of our languages for an Accept-Language header; Dutch when nothing matches. */
export function negotiateLanguage(header: string | undefined): (typeof LANGS)[number] {
  const ranked = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    const base = r.tag.split('-')[0];
    const match = LANGS.find((l) => l === base);
    if (match) return match;
  }
  return 'nl';
}
