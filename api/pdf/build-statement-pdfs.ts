/**
 * Writes the PDF of every statement in every language next to its built page, and a manifest
 * (dist/pdf-manifest.json) that the tests and the site can read sizes and checksums from.
 */
import { createHash } from 'node:crypto';
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { facts } from '../../content/facts.ts';
import { LANGS, type Lang, type StatementId } from '../../content/schema.ts';
import type { RenderDeps } from './render-pdf.ts';
import { statementPdf } from './statement-pdf.ts';

export interface ManifestEntry {
  lang: Lang;
  statement: StatementId;
  /** Path inside the dist folder, with forward slashes: nl/in-gent/privacy-in-gent-nl.pdf */
  file: string;
  pages: number;
  bytes: number;
  sha256: string;
}

export interface BuildOptions {
  distDir: string;
  /** Origin the site is published at, without a trailing slash: https://privacy.example.be */
  siteUrl: string;
  builtAt: Date;
}

/** Raised for anything that must stop the build; the message names the file. */
export class PdfBuildError extends Error {
  override name = 'PdfBuildError';
}

/** The PDF of a statement relative to the dist folder (matches site/lib/paths.ts pdfPath). */
export function pdfFile(lang: Lang, slug: string): string {
  return `${lang}/${slug}/privacy-${slug}-${lang}.pdf`;
}

/**
 * Builds the 15 statement PDFs and writes the manifest. Checks that every page exists first,
 * so a missing page fails the build before any PDF is written.
 *
 * @example
 *   const manifest = await buildStatementPdfs({ distDir: 'dist', siteUrl: 'http://localhost:4321', builtAt: new Date() },
 *     { fontkit: fixedFontkit(fontkit), fonts: await loadNotoSans() });
 *   manifest.length; // 15
 */
export async function buildStatementPdfs(options: BuildOptions, deps: RenderDeps): Promise<ManifestEntry[]> {
  const jobs = LANGS.flatMap((lang) => Object.values(facts.statements).map((statement) => ({ lang, statement })));
  const pagePath = (lang: Lang, slug: string) => join(options.distDir, lang, slug, 'index.html');

  const missing: string[] = [];
  for (const { lang, statement } of jobs) {
    await access(pagePath(lang, statement.slug)).catch(() => missing.push(pagePath(lang, statement.slug)));
  }
  if (missing.length > 0) {
    throw new PdfBuildError(`statement page(s) missing, run astro build first or check the site routes:\n  ${missing.join('\n  ')}`);
  }

  const manifest: ManifestEntry[] = [];
  for (const { lang, statement } of jobs) {
    const source = pagePath(lang, statement.slug);
    const file = pdfFile(lang, statement.slug);
    try {
      const html = await readFile(source, 'utf8');
      const controllers = statement.controllers.map((id) => facts.controllers[id]!);
      const pageUrl = `${options.siteUrl.replace(/\/+$/, '')}/${lang}/${statement.slug}/`;
      const pdf = await statementPdf({ html, lang, statement, controllers, pageUrl, builtAt: options.builtAt }, deps);
      await writeFile(join(options.distDir, file), pdf.bytes);
      const sha256 = createHash('sha256').update(pdf.bytes).digest('hex');
      manifest.push({ lang, statement: statement.id, file, pages: pdf.pages, bytes: pdf.bytes.length, sha256 });
    } catch (error) {
      throw new PdfBuildError(`${source}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  await writeFile(join(options.distDir, 'pdf-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
