/**
 * The moment of receipt as the requester reads it on the receipt: the Brussels calendar date in
 * words, the Brussels wall-clock time and the offset, "1 april 2026, 11:30 (UTC+2)". The offset
 * is written out because the reader may live in another time zone, and "UTC+2" reads the same in
 * every language (Intl's zone names do not: "CEST", "GMT+2", "heure : Belgique").
 */
import type { Lang } from '../../content/schema.ts';
import { DAY_MS, formatIsoDay, type DayNumber } from '../deadlines/calendar-day.ts';
import { intlBrusselsOffset } from '../deadlines/to-brussels-day.ts';
import { formatDate } from '../../content/i18n.ts';

const pad = (n: number) => String(n).padStart(2, '0');

function formatOffset(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  return `UTC${sign}${h}${m === 0 ? '' : `:${pad(m)}`}`;
}

/**
 * Date and time of an instant (epoch ms) in Europe/Brussels, in a language.
 *
 * @example formatBrusselsTime('nl', Date.parse('2026-04-01T09:30:00Z')) // '1 april 2026, 11:30 (UTC+2)'
 * @example formatBrusselsTime('uk', Date.parse('2026-01-31T23:05:00Z')) // '1 лютого 2026, 00:05 (UTC+1)'
 */
export function formatBrusselsTime(lang: Lang, ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`Not a timestamp: ${ms}`);
  const offset = intlBrusselsOffset(ms);
  const wall = ms + offset;
  const day = Math.floor(wall / DAY_MS) as DayNumber;
  const minuteOfDay = Math.floor((wall - day * DAY_MS) / 60_000);
  const time = `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
  return `${formatDate(lang, formatIsoDay(day))}, ${time} (${formatOffset(offset)})`;
}
