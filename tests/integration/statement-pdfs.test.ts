// The statement PDFs as `npm test` builds them (npm run build: astro build, then
// scripts/build-pdfs.ts): every statement in every language, opened with pdf-lib and read back
// with poppler. No PDFs in dist/ is a failure, never a skip: the PDFs are published content.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { facts } from '../../content/facts.ts';
import { LANGS, STATEMENT_IDS } from '../../content/schema.ts';
import { htmlToBlocks } from '../../api/pdf/html-to-blocks.ts';
import type { ManifestEntry } from '../../api/pdf/build-statement-pdfs.ts';
import { readLanguage } from '../../api/pdf/read-language.ts';
import { blocksText, missingWords, pdfinfoPages, pdftotext } from '../support/pdf-tools.ts';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const MANIFEST = join(DIST, 'pdf-manifest.json');

function manifest(): ManifestEntry[] {
  if (!existsSync(MANIFEST)) {
    throw new Error(`${MANIFEST} does not exist: the statement PDFs were not built. Run \`npm run build\` (astro build, then tsx scripts/build-pdfs.ts) before these tests; \`npm test\` does both.`);
  }
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as ManifestEntry[];
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const cases = LANGS.flatMap((lang) => STATEMENT_IDS.map((id) => ({ lang, id, slug: facts.statements[id]!.slug })));

describe('statement PDFs in dist/', () => {
  it('the manifest lists exactly one PDF per statement and language', () => {
    const listed = manifest().map((e) => `${e.lang}/${e.statement}`).sort();
    expect(listed).toEqual(cases.map((c) => `${c.lang}/${c.id}`).sort());
  });

  it.each(cases)('$lang/$slug: opens; pages as manifest and pdfinfo say; /Lang; title, DPO addresses and every word in its text', async ({ lang, id, slug }) => {
    const entry = manifest().find((e) => e.lang === lang && e.statement === id);
    expect(entry, `no manifest entry for ${lang}/${id}`).toBeDefined();
    const file = join(DIST, entry!.file);
    expect(entry!.file).toBe(`${lang}/${slug}/privacy-${slug}-${lang}.pdf`);
    expect(existsSync(file), `${file} is missing`).toBe(true);

    const bytes = readFileSync(file);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(entry!.pages);
    expect(pdfinfoPages(file)).toBe(entry!.pages);
    expect(entry!.bytes).toBe(bytes.length);
    expect(readLanguage(doc)).toBe(lang);

    // The h1 of the built page: the PDF must carry the same title, in its metadata and its text.
    const page = htmlToBlocks(readFileSync(join(DIST, lang, slug, 'index.html'), 'utf8'));
    expect(doc.getTitle()).toBe(page.title);
    const extracted = pdftotext(file);
    const text = flat(extracted);
    expect(text).toContain(flat(page.title));
    // And every word of the page, so a letter lost between font and text layer cannot hide.
    expect(missingWords(blocksText(page.blocks), extracted)).toEqual([]);
    for (const c of facts.statements[id]!.controllers) {
      const email = facts.controllers[c]!.dpoEmail;
      expect(text, `${file} should name ${email}`).toContain(email);
    }
  });
});
