/**
 * Security headers on every response, pages and API alike. The site has no inline script or style,
 * so the Content-Security-Policy can forbid both; the search page and Pagefind's own scripts (its worker gets the CSP of its own response) may compile its
 * WebAssembly ('wasm-unsafe-eval' is not 'unsafe-inline' or 'unsafe-eval').
 */
import type { MiddlewareHandler } from 'hono';

const BASE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

export const CSP = BASE_CSP.join('; ');
const SEARCH_CSP = BASE_CSP.map((d) => (d.startsWith('script-src') ? `${d} 'wasm-unsafe-eval'` : d)).join('; ');

export const PERMISSIONS_POLICY =
  'accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=(), browsing-topics=()';

/** The headers for a path; a plain function so the benchmark's baseline can send the same ones. */
export function securityHeaders(path: string, hsts: boolean): Record<string, string> {
  const h: Record<string, string> = {
    'content-security-policy': /^\/([a-z]{2}\/search\/|pagefind\/)/.test(path) ? SEARCH_CSP : CSP,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'permissions-policy': PERMISSIONS_POLICY,
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
  if (hsts) h['strict-transport-security'] = 'max-age=63072000; includeSubDomains';
  return h;
}

export function securityHeadersMiddleware(hsts: boolean): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(securityHeaders(c.req.path, hsts))) c.res.headers.set(k, v);
  };
}
