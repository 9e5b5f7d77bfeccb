import { LANGS, type Lang } from '../../content/schema.ts';

/** The language of the page being rendered, from Astro's i18n routing (the first path segment). */
export function langOf(astro: { currentLocale?: string | undefined }): Lang {
  const l = astro.currentLocale;
  if (!l || !(LANGS as readonly string[]).includes(l)) {
    throw new Error(`No language for this page (currentLocale=${String(l)})`);
  }
  return l as Lang;
}

/** Path of a page in a language: localePath('en', 'website') -> /en/website/ */
export function localePath(lang: Lang, rest = ''): string {
  const clean = rest.replace(/^\/+|\/+$/g, '');
  return clean ? `/${lang}/${clean}/` : `/${lang}/`;
}
