// Every page of the built site, derived from the content (not from the build), so a page the
// build forgot is a failure rather than a page nobody checks.
import { facts } from '../../content/facts.ts';
import { LANGS, STATEMENT_IDS } from '../../content/schema.ts';

export interface SitePage {
  path: string;
  lang: string;
  kind: 'home' | 'statement' | 'rights' | 'search' | 'request' | 'status' | 'not-found' | 'root';
}

export function allPages(): SitePage[] {
  const pages: SitePage[] = [{ path: '/', lang: 'nl', kind: 'root' }];
  for (const lang of LANGS) {
    pages.push({ path: `/${lang}/`, lang, kind: 'home' });
    for (const id of STATEMENT_IDS) pages.push({ path: `/${lang}/${facts.statements[id]!.slug}/`, lang, kind: 'statement' });
    pages.push({ path: `/${lang}/rights/`, lang, kind: 'rights' });
    pages.push({ path: `/${lang}/search/`, lang, kind: 'search' });
    pages.push({ path: `/${lang}/request/`, lang, kind: 'request' });
    pages.push({ path: `/${lang}/status/`, lang, kind: 'status' });
  }
  return pages;
}
