/**
 * Problems as the API answers them: code, field path and a message in the requester's language,
 * one instruction per field and failure.
 */
import { t, strings, type UiKey } from '../../content/i18n.ts';
import { LANGS, type Lang } from '../../content/schema.ts';
import { negotiateLanguage } from '../site/static-site.ts';
import type { Issue } from './parse-submission.ts';
import { LIMITS } from './submission-schema.ts';

export function pickLang(given: string | undefined, acceptLanguage: string | undefined): Lang {
  return given && (LANGS as readonly string[]).includes(given) ? (given as Lang) : negotiateLanguage(acceptLanguage);
}

export function message(lang: Lang, code: string, params: Record<string, string | number> = {}): string {
  const key = (code in strings.nl ? code : 'form.error.malformed') as UiKey;
  const filled: Record<string, string | number> = { max: LIMITS.bodyBytes / 1024 / 1024, ...params };
  return t(lang, key, filled);
}

export function localizeIssues(lang: Lang, issues: Issue[]) {
  return issues.map((i) => ({ path: i.path, code: i.code, message: message(lang, i.code, i.params) }));
}
