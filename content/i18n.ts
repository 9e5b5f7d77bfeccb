/**
 * UI strings: one flat file of dotted keys per language (content/i18n/{lang}.json). The Dutch
 * file defines the keys; every other language must have exactly the same keys with the same
 * placeholders, or loading fails (and with it the build and the server start).
 *
 * @example
 *   t('en', 'statement.version', { date: '13 October 2022' })
 */
import nl from './i18n/nl.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import uk from './i18n/uk.json' with { type: 'json' };
import ru from './i18n/ru.json' with { type: 'json' };
import { z } from 'zod';
import { LANGS, uiStringsSchema, type Lang } from './schema.ts';

export type UiKey = keyof typeof nl;
export type Strings = Record<UiKey, string>;

const PLACEHOLDER = /\{([a-zA-Z0-9_]+)\}/g;

/** The sorted placeholder names of a string: "{a} and {b}" -> ["a", "b"]. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/** Checks every language against Dutch; returns the problems found (empty when all is well). */
export function checkStrings(all: Record<Lang, unknown>): string[] {
  const problems: string[] = [];
  const parsed: Partial<Record<Lang, Record<string, string>>> = {};
  for (const lang of LANGS) {
    const r = uiStringsSchema.safeParse(all[lang]);
    if (!r.success) problems.push(`content/i18n/${lang}.json: ${z.prettifyError(r.error)}`);
    else parsed[lang] = r.data;
  }
  const base = parsed.nl;
  if (!base) return problems;
  for (const lang of LANGS) {
    const other = parsed[lang];
    if (!other || lang === 'nl') continue;
    for (const key of Object.keys(base)) {
      if (!(key in other)) problems.push(`content/i18n/${lang}.json: missing key "${key}"`);
      else if (placeholders(base[key]!).join() !== placeholders(other[key]!).join()) {
        problems.push(`content/i18n/${lang}.json: "${key}" has placeholders {${placeholders(other[key]!).join('}, {')}} where Dutch has {${placeholders(base[key]!).join('}, {')}}`);
      }
    }
    for (const key of Object.keys(other)) {
      if (!(key in base)) problems.push(`content/i18n/${lang}.json: extra key "${key}" (not in nl.json)`);
    }
  }
  return problems;
}

const raw: Record<Lang, unknown> = { nl, en, fr, uk, ru };
const problems = checkStrings(raw);
if (problems.length > 0) {
  throw new Error(`UI strings are incomplete or inconsistent:\n- ${problems.join('\n- ')}`);
}
export const strings = raw as Record<Lang, Strings>;

/** The string for a key in a language, with {placeholders} filled in. */
export function t(lang: Lang, key: UiKey, params: Record<string, string | number> = {}): string {
  const text = strings[lang][key];
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(name in params)) throw new Error(`t(${lang}, ${key}): no value for {${name}}`);
    return String(params[name]);
  });
}

/** Intl locale tags per language, for dates and numbers. */
export const LOCALES: Record<Lang, string> = { nl: 'nl-BE', en: 'en-GB', fr: 'fr-BE', uk: 'uk-UA', ru: 'ru-RU' };

// One formatter per language: building an Intl.DateTimeFormat costs about 0.2 ms, and filing a
// request writes the same few dates a dozen times (watermark, receipt, e-mails).
const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

/** A calendar date (YYYY-MM-DD) written out in a language: 13 oktober 2022, 13 October 2022, ... */
export function formatDate(lang: Lang, isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  let format = dateFormats.get(lang);
  if (!format) dateFormats.set(lang, (format = new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
  const parts = format.formatToParts(new Date(Date.UTC(y!, m! - 1, d!)));
  // Ukrainian and Russian add an abbreviation after the year ("2022 р.", "2022 г."): drop it, so
  // a date can end a sentence without a double full stop.
  const last = parts.findLastIndex((p) => p.type === 'year');
  return parts.slice(0, last + 1).map((p) => p.value).join('');
}
