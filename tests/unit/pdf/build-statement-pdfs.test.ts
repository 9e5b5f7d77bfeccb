// The build step on a dist folder made from the fixture page: 15 PDFs, the manifest, and loud
// failures that name the file.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { facts } from '../../../content/facts.ts';
import { t } from '../../../content/i18n.ts';
import { LANGS } from '../../../content/schema.ts';
import { buildStatementPdfs, PdfBuildError, type ManifestEntry } from '../../../api/pdf/build-statement-pdfs.ts';
import { htmlToBlocks } from '../../../api/pdf/html-to-blocks.ts';
import { readLanguage } from '../../../api/pdf/read-language.ts';
import { blocksText, missingWords, pdftotext, renderDeps } from '../../support/pdf-tools.ts';

const fixture = readFileSync(new URL('../../fixtures/statement-page.html', import.meta.url), 'utf8');
const deps = await renderDeps();
const BUILT_AT = new Date('2026-11-29T12:00:00Z');

/** A dist folder with every statement page, made from the fixture with the right lang and id. */
function makeDist(): string {
  const dist = mkdtempSync(join(tmpdir(), 'pdf-dist-'));
  for (const lang of LANGS) {
    for (const s of Object.values(facts.statements)) {
      const html = fixture
        .replace('<html lang="uk"', `<html lang="${lang}"`)
        .replace('data-statement="crt" data-version="2022-10-13"', `data-statement="${s.id}" data-version="${s.versionDate ?? ''}"`)
        .replace(/<h1>[^<]*<\/h1>/, `<h1>${s.sourceTitle} (${lang})</h1>`);
      mkdirSync(join(dist, lang, s.slug), { recursive: true });
      writeFileSync(join(dist, lang, s.slug, 'index.html'), html);
    }
  }
  return dist;
}

describe('buildStatementPdfs', () => {
  it('writes a PDF per statement and language next to its page, and a manifest that matches them', async () => {
    const dist = makeDist();
    const manifest = await buildStatementPdfs({ distDir: dist, siteUrl: 'https://privacy.example.be/', builtAt: BUILT_AT }, deps);
    expect(manifest).toHaveLength(15);
    expect(JSON.parse(readFileSync(join(dist, 'pdf-manifest.json'), 'utf8'))).toEqual(manifest);

    const crtUk = manifest.find((e) => e.lang === 'uk' && e.statement === 'crt')!;
    expect(crtUk.file).toBe('uk/central-registration-tool/privacy-central-registration-tool-uk.pdf');
    for (const entry of manifest as ManifestEntry[]) {
      const bytes = readFileSync(join(dist, entry.file));
      expect(entry.bytes).toBe(bytes.length);
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      const doc = await PDFDocument.load(bytes, { updateMetadata: false });
      expect(doc.getPageCount()).toBe(entry.pages);
      const statement = facts.statements[entry.statement]!;
      expect(doc.getTitle()).toBe(`${statement.sourceTitle} (${entry.lang})`);
      expect(readLanguage(doc)).toBe(entry.lang);
      expect(doc.getSubject()).toBe(statement.sourceTitle);
      expect(doc.getAuthor()).toBe(statement.controllers.map((c) => facts.controllers[c]!.name).join('; '));
      const created = statement.versionDate ? `${statement.versionDate}T00:00:00.000Z` : BUILT_AT.toISOString();
      expect(doc.getCreationDate()?.toISOString()).toBe(created);
      expect(doc.getModificationDate()?.toISOString()).toBe(BUILT_AT.toISOString());
    }

    const extracted = pdftotext(join(dist, crtUk.file));
    const source = htmlToBlocks(readFileSync(join(dist, 'uk', 'central-registration-tool', 'index.html'), 'utf8'));
    expect(missingWords(blocksText(source.blocks), extracted)).toEqual([]);
    const text = extracted.replace(/\s+/g, ' ');
    expect(text).toContain(t('uk', 'pdf.page', { page: 1, pages: crtUk.pages }));
    expect(text).toContain(t('uk', 'pdf.source', { url: 'https://privacy.example.be/uk/central-registration-tool/' }));
    rmSync(dist, { recursive: true });
  });

  it('fails naming every missing page, before writing anything', async () => {
    const dist = makeDist();
    rmSync(join(dist, 'fr', 'website'), { recursive: true });
    rmSync(join(dist, 'ru', 'in-gent', 'index.html'));
    const build = buildStatementPdfs({ distDir: dist, siteUrl: 'http://localhost:4321', builtAt: BUILT_AT }, deps);
    await expect(build).rejects.toThrow(PdfBuildError);
    await expect(build).rejects.toThrow(join(dist, 'fr', 'website', 'index.html'));
    await expect(build).rejects.toThrow(join(dist, 'ru', 'in-gent', 'index.html'));
    expect(() => readFileSync(join(dist, 'pdf-manifest.json'))).toThrow();
    rmSync(dist, { recursive: true });
  });

  it('fails naming the page when a page is in the wrong language or is another statement', async () => {
    const dist = makeDist();
    const page = join(dist, 'en', 'website', 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('<html lang="en"', '<html lang="nl"'));
    await expect(buildStatementPdfs({ distDir: dist, siteUrl: 'http://localhost:4321', builtAt: BUILT_AT }, deps)).rejects.toThrow(
      `${page}: the page says <html lang="nl">, expected "en"`,
    );
    rmSync(dist, { recursive: true });
  });
});
