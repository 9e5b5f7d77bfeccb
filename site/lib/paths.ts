import { facts } from '../../content/facts.ts';
import { LANGS, STATEMENT_IDS, type Lang, type StatementId } from '../../content/schema.ts';

/** getStaticPaths for pages that exist once per language. */
export function languagePaths() {
  return LANGS.map((lang) => ({ params: { lang } }));
}

/** The statements in the order the site lists them. */
export const statementList = STATEMENT_IDS.map((id) => facts.statements[id]!);

/** The PDF of a statement: written next to its page by scripts/build-pdfs.ts. */
export function pdfPath(lang: Lang, id: StatementId): string {
  const slug = facts.statements[id]!.slug;
  return `/${lang}/${slug}/privacy-${slug}-${lang}.pdf`;
}
