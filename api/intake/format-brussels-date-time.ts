import { LOCALES } from '../../content/i18n.ts';
import type { Lang } from '../../content/schema.ts';

/** An instant as a date and time in Brussels, written in a language: "1 april 2026 om 01:30". */
export function formatBrusselsDateTime(lang: Lang, ms: number): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'Europe/Brussels',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(ms));
}
