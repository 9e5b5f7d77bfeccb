/**
 * Calendar dates in the browser, the way the API counts them: YYYY-MM-DD strings, "today" in
 * Brussels (the date of signing must be today there, whatever the device's time zone), and
 * dates written out in the page's language.
 */

/** Today's date in Europe/Brussels as YYYY-MM-DD. */
export function brusselsToday(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The day number of a YYYY-MM-DD date that exists, or null (as api/deadlines/calendar-day.ts parseIsoDay). */
export function isoDayNumber(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: that one maps the years 0-99 to 1900-1999.
  const day = new Date(0);
  day.setUTCFullYear(y, mo - 1, d);
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  return Math.floor(day.getTime() / 86_400_000);
}

/** A YYYY-MM-DD date written out: 13 oktober 2022, 13 October 2022, ... (as content/i18n.ts formatDate). */
export function formatDate(locale: string, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(y!, m! - 1, d!)));
  const last = parts.findLastIndex((p) => p.type === 'year');
  return parts.slice(0, last + 1).map((p) => p.value).join('');
}

/** An instant as a Brussels date and time in the page's language. */
export function formatDateTime(locale: string, isoInstant: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(new Date(isoInstant));
}

/** The Brussels calendar date (YYYY-MM-DD) of an instant. */
export function brusselsDateOf(isoInstant: string): string {
  return brusselsToday(new Date(isoInstant));
}
