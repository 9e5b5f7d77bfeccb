// Run by `npm start`: builds the site when dist/ is missing or older than its sources, so a fresh
// clone needs only `npm start`, and a restart does not rebuild for nothing.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['content', 'site', 'astro.config.mjs', 'scripts/build-pdfs.ts', 'api/pdf', 'package-lock.json'];
const STAMP = 'dist/index.html';

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

const built = existsSync(STAMP) && existsSync('dist/pdf-manifest.json') ? statSync(STAMP).mtimeMs : 0;
const sources = Math.max(...SOURCES.map(newest));
if (built === 0 || sources > built) {
  console.log(built === 0 ? 'No build found: building the site (about a minute)…' : 'Sources changed since the last build: rebuilding…');
  execSync('npm run build', { stdio: 'inherit' });
} else {
  console.log('The site is up to date.');
}
