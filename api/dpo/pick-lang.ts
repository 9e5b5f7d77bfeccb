/**
 * The workspace language without a cookie: `?lang=en` or `?lang=nl` wins, then the browser's
 * Accept-Language (the first of nl or en it names), then Dutch.
 *
 * @example
 *   pickLang('en', 'fr-BE,en;q=0.8') // 'en'; pickLang(undefined, undefined) // 'nl'
 */
import type { WorkspaceLang } from './dpo-env.ts';

export function pickLang(query: string | undefined, acceptLanguage: string | undefined): WorkspaceLang {
  if (query === 'nl' || query === 'en') return query;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase().slice(0, 2);
    if (tag === 'nl' || tag === 'en') return tag;
  }
  return 'nl';
}
