/**
 * The hot path for the public site: a GET or HEAD of a file that exists in the build is written
 * straight to the Node response, with the same security headers as every other response,
 * without building a Web Request and Response around it. The complete header set of each file
 * and encoding is computed once and reused. Everything else (the API, 404s, redirects, `/`,
 * conditional requests) goes on to the Hono app. This keeps statement pages near the speed of a
 * bare server (tests/bench/site.ts measures the ratio).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders } from '../http/security-headers.ts';
import type { StaticFile, StaticSite } from './static-site.ts';

type Encoding = 'br' | 'gzip' | 'identity';
const cache = new WeakMap<StaticFile, Partial<Record<Encoding, Record<string, string>>>>();

function headersFor(file: StaticFile, path: string, encoding: Encoding, hsts: boolean): Record<string, string> {
  let entry = cache.get(file);
  if (!entry) cache.set(file, (entry = {}));
  let h = entry[encoding];
  if (!h) {
    const body = encoding === 'br' ? file.br! : encoding === 'gzip' ? file.gzip! : file.body;
    h = { ...securityHeaders(path, hsts), 'content-type': file.type, 'cache-control': file.cacheControl, etag: file.etag, 'content-length': String(body.length) };
    if (file.br || file.gzip) h.vary = 'Accept-Encoding';
    if (encoding !== 'identity') h['content-encoding'] = encoding;
    entry[encoding] = h;
  }
  return h;
}

export function serveStaticFast(req: IncomingMessage, res: ServerResponse, site: StaticSite, hsts: boolean): boolean {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || req.headers['if-none-match']) return false;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  // Only plain paths: anything escaped or unusual takes the careful route through Hono.
  if (path === '/' || path.includes('%') || path.includes('..') || path.startsWith('/api/')) return false;
  const file = site.files.get(path.endsWith('/') ? `${path}index.html` : path);
  if (!file) return false;
  const accepts = req.headers['accept-encoding'] ?? '';
  const encoding: Encoding = file.br && accepts.includes('br') ? 'br' : file.gzip && accepts.includes('gzip') ? 'gzip' : 'identity';
  res.writeHead(200, headersFor(file, path, encoding, hsts));
  res.end(req.method === 'HEAD' ? undefined : encoding === 'br' ? file.br : encoding === 'gzip' ? file.gzip : file.body);
  return true;
}
