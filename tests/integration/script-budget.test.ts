// The JavaScript budget of the built site (README, ARCHITECTURE "Zero JavaScript on statement
// pages"): the request form loads at most 35 KB compressed in all (its script, the signature pad
// and the redactor, with what they import), the status page less, every other page none but search.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/server.ts';
import { allPages } from '../support/site-pages.ts';

const DIST = join(ROOT, 'dist');

/** Every script a page loads, following static and dynamic imports, and their gzip size. */
function scriptsOf(path: string): { files: string[]; gzip: number } {
  const html = readFileSync(join(DIST, path, 'index.html'), 'utf8');
  const seen = new Set<string>();
  let gzip = 0;
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(join(DIST, file));
    gzip += gzipSync(src, { level: 9 }).length;
    for (const m of src.toString('utf8').matchAll(/["'`](?:\.\/|_astro\/)([\w.-]+\.js)["'`]/g)) walk(`/_astro/${m[1]}`);
  };
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) walk(m[1]!);
  return { files: [...seen], gzip };
}

describe('JavaScript budget', () => {
  it('the request form: at most 35 KB compressed in all; the status page less; statement pages none', () => {
    expect(existsSync(join(DIST, 'nl/request/index.html')), 'run npm run build first').toBe(true);
    for (const page of allPages()) {
      const { files, gzip } = scriptsOf(page.path);
      if (page.kind === 'request') {
        expect(gzip, page.path).toBeLessThanOrEqual(35 * 1024);
        // The widgets are part of it (loaded by the form script, nowhere else).
        expect(files.some((f) => f.includes('signature-pad')), page.path).toBe(true);
        expect(files.some((f) => f.includes('redactor')), page.path).toBe(true);
      } else if (page.kind === 'status') {
        expect(gzip, page.path).toBeLessThanOrEqual(10 * 1024);
        expect(files.some((f) => f.includes('redactor') || f.includes('signature-pad')), page.path).toBe(false);
      } else if (page.kind !== 'search') {
        expect(files, page.path).toEqual([]);
      }
    }
  });
});
