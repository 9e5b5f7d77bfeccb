/**
 * Calendar dates as whole day numbers: the count of days since 1970-01-01 (day 0).
 *
 * A legal deadline is a date, not an instant. Keeping dates as integers means there is no
 * local-midnight or daylight-saving surprise anywhere in the deadline code, and adding days,
 * comparing and counting are plain integer arithmetic. Conversion to and from year-month-day
 * uses Howard Hinnant's proleptic Gregorian algorithms (exact for every year, no Date objects).
 */

declare const dayBrand: unique symbol;
/** Days since 1970-01-01 (which is day 0). Branded so a timestamp in ms cannot be passed by mistake. */
export type DayNumber = number & { readonly [dayBrand]: true };

/** A calendar date; `m` is 1-12, `d` is 1-31. */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export const DAY_MS = 86_400_000;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** @example daysInMonth(2024, 2) // 29 */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!;
}

/**
 * The day number of a calendar date. The date must exist (see {@link parseIsoDay} to check).
 *
 * @example dayFromYmd(1970, 1, 2) // 1
 */
export function dayFromYmd(y: number, m: number, d: number): DayNumber {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) as DayNumber;
}

/** @example ymdFromDay(dayFromYmd(2025, 2, 28)) // { y: 2025, m: 2, d: 28 } */
export function ymdFromDay(day: DayNumber): Ymd {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export function isoWeekday(day: DayNumber): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function addDays(day: DayNumber, days: number): DayNumber {
  return (day + days) as DayNumber;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** @example formatIsoDay(dayFromYmd(2025, 2, 28)) // '2025-02-28' */
export function formatIsoDay(day: DayNumber): string {
  const { y, m, d } = ymdFromDay(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Why a text is not a calendar date: not written as YYYY-MM-DD, or a date that does not exist. */
export type DateProblem = 'format' | 'nonexistent';

/**
 * Reads a strict YYYY-MM-DD date. Returns the problem instead of guessing: 2025-02-30 is refused,
 * not rolled into March as `new Date()` would do.
 *
 * @example parseIsoDay('2025-01-31') // { ok: true, day: 20119 }
 * @example parseIsoDay('2025-02-30') // { ok: false, problem: 'nonexistent' }
 */
export function parseIsoDay(text: string): { ok: true; day: DayNumber } | { ok: false; problem: DateProblem } {
  // Hand-rolled rather than a regex: the CLI reads 100,000 lines and this is its inner loop.
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return { ok: false, problem: 'format' };
  let y = 0;
  let m = 0;
  let d = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return { ok: false, problem: 'format' };
    if (i < 4) y = y * 10 + c;
    else if (i < 7) m = m * 10 + c;
    else d = d * 10 + c;
  }
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return { ok: false, problem: 'nonexistent' };
  return { ok: true, day: dayFromYmd(y, m, d) };
}

/** The day number of an ISO date known to be valid (facts, tests); throws on anything else. */
export function isoDay(text: string): DayNumber {
  const r = parseIsoDay(text);
  if (!r.ok) throw new RangeError(`"${text}" is not a valid YYYY-MM-DD date (${r.problem})`);
  return r.day;
}
