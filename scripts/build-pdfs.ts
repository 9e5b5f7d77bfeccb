// Usage: tsx scripts/build-pdfs.ts [--dist DIR]   (run by `npm run build`, after astro build)
// Writes dist/{lang}/{slug}/privacy-{slug}-{lang}.pdf for every statement and language, and
// dist/pdf-manifest.json. SITE_URL sets the address printed in the footers (as for astro build).
import fontkit from '@pdf-lib/fontkit';
import { parseArgs } from 'node:util';
import { buildStatementPdfs } from '../api/pdf/build-statement-pdfs.ts';
import { fixedFontkit } from '../api/pdf/fontkit-fixes.ts';
import { loadNotoSans } from '../api/pdf/fonts.ts';

const started = performance.now();
try {
  const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' } } });
  const siteUrl = process.env.SITE_URL || 'http://localhost:4321';
  const deps = { fontkit: fixedFontkit(fontkit), fonts: await loadNotoSans() };
  const manifest = await buildStatementPdfs({ distDir: values.dist, siteUrl, builtAt: new Date() }, deps);
  const pages = manifest.reduce((n, e) => n + e.pages, 0);
  const kB = Math.round(manifest.reduce((n, e) => n + e.bytes, 0) / 1024);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`build-pdfs: ${manifest.length} PDFs, ${pages} pages, ${kB} kB in ${seconds} s -> ${values.dist}/pdf-manifest.json`);
} catch (error) {
  console.error(`build-pdfs: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
