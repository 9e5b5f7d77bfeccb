/**
 * One statement in one language as a PDF: the built page's text, laid out by renderPdf, with
 * the title, language, dates and controllers in the metadata and the page counter and source
 * address in the footer, in the language of the statement.
 */
import type { Controller, Lang, Statement } from '../../content/schema.ts';
import { t } from '../../content/i18n.ts';
import { htmlToBlocks } from './html-to-blocks.ts';
import { renderPdf, type RenderDeps, type RenderedPdf } from './render-pdf.ts';

export interface StatementPdfInput {
  /** The built statement page, dist/{lang}/{slug}/index.html. */
  html: string;
  lang: Lang;
  statement: Statement;
  /** The statement's controllers, in the statement's order: their names are the author. */
  controllers: readonly Pick<Controller, 'name'>[];
  /** The public address of the page: the footer source line and the base for relative links. */
  pageUrl: string;
  /** The build time: creation date, and modification date when the source has no version date. */
  builtAt: Date;
}

export interface StatementPdf extends RenderedPdf {
  title: string;
}

/**
 * Renders the PDF of a statement page. Throws when the page is not the statement and language
 * asked for, so a mix-up in dist/ cannot publish the wrong text under a file name.
 *
 * @example
 *   const pdf = await statementPdf({ html, lang: 'uk', statement: facts.statements.crt!, controllers,
 *     pageUrl: 'https://privacy.example.be/uk/central-registration-tool/', builtAt: new Date() }, deps);
 *   pdf.pages; // 6
 */
export async function statementPdf(input: StatementPdfInput, deps: RenderDeps): Promise<StatementPdf> {
  const { lang, statement } = input;
  const page = htmlToBlocks(input.html, { baseUrl: input.pageUrl });
  if (page.lang !== lang) throw new Error(`the page says <html lang="${page.lang}">, expected "${lang}"`);
  if (page.statement !== statement.id) throw new Error(`the page is statement "${page.statement}", expected "${statement.id}"`);

  const versionDate = statement.versionDate ? new Date(`${statement.versionDate}T00:00:00Z`) : undefined;
  const rendered = await renderPdf(
    page.blocks,
    {
      metadata: {
        title: page.title,
        language: lang,
        subject: statement.sourceTitle,
        // "; " because a name can hold a comma ("Atlas, Integratie en Inburgering Antwerpen").
        author: input.controllers.map((c) => c.name).join('; '),
        keywords: [statement.id, lang, ...(statement.versionDate ? [statement.versionDate] : [])],
        creator: 'Privacy portal of the Flemish integration sector (scripts/build-pdfs.ts)',
        producer: 'pdf-lib',
        // The text's own date where it has one; the rendering is the latest modification.
        creationDate: versionDate ?? input.builtAt,
        modificationDate: input.builtAt,
      },
      footer: {
        pageLabel: (n, m) => t(lang, 'pdf.page', { page: n, pages: m }),
        line: t(lang, 'pdf.source', { url: input.pageUrl }),
      },
    },
    deps,
  );
  return { ...rendered, title: page.title };
}
