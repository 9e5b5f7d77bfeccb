/**
 * The Europe/Brussels calendar date of an instant (DOMAIN.md deadline rule 1: the receipt
 * timestamp is taken as a date in Brussels time).
 *
 * Intl is the authority on the offset, but one Intl call costs microseconds and the deadline
 * benchmark wants a million deadlines a second. So, per UTC year, Intl is asked once for the
 * offset at the start of the year and the exact instants the offset changes (found by weekly
 * probes and a binary search); after that a conversion is a comparison and an addition. This
 * also gets the pre-1996 Belgian summer-time rules right (summer time then ended in September),
 * which a hard-coded "last Sunday of October" rule would not.
 */
import { DAY_MS, type DayNumber } from './calendar-day.ts';

const ZONE = 'Europe/Brussels';
const WEEK_MS = 7 * DAY_MS;
/** Years the cache covers; anything else is a bad timestamp, not a receipt. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2399;

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Brussels offset from UTC in ms at an instant, straight from Intl (slow; used to fill the cache). */
export function intlBrusselsOffset(ms: number): number {
  const f: Record<string, number> = {};
  for (const p of parts.formatToParts(ms)) if (p.type !== 'literal') f[p.type] = Number(p.value);
  const wall = Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

interface ZoneYear {
  start: number;
  end: number;
  /** Offset in force at `start`. */
  offset: number;
  /** Flat pairs [instant, offset from then on, ...], in time order. */
  changes: number[];
}

const years: (ZoneYear | undefined)[] = [];

function buildZoneYear(y: number): ZoneYear {
  const start = Date.UTC(y, 0, 1);
  const end = Date.UTC(y + 1, 0, 1);
  const changes: number[] = [];
  let before = start;
  let offsetBefore = intlBrusselsOffset(start);
  const offset = offsetBefore;
  while (before < end) {
    const after = Math.min(before + WEEK_MS, end - 1);
    const offsetAfter = intlBrusselsOffset(after);
    if (offsetAfter !== offsetBefore) {
      // Invariant: offset(lo) = offsetBefore, offset(hi) = offsetAfter. Narrow to the first ms.
      let lo = before;
      let hi = after;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlBrusselsOffset(mid) === offsetBefore) lo = mid;
        else hi = mid;
      }
      changes.push(hi, offsetAfter);
      offsetBefore = offsetAfter;
    }
    before = after;
    if (after === end - 1) break;
  }
  return { start, end, offset, changes };
}

function zoneYear(y: number): ZoneYear {
  if (y < MIN_YEAR || y > MAX_YEAR) throw new RangeError(`Timestamp in year ${y} is outside ${MIN_YEAR}-${MAX_YEAR}`);
  return (years[y - MIN_YEAR] ??= buildZoneYear(y));
}

/** 365.2425 days: a first guess of the UTC year, corrected by one at most. */
const AVG_YEAR_MS = 31_556_952_000;

/**
 * The Brussels calendar date of an instant (epoch ms).
 *
 * @example formatIsoDay(brusselsDayOf(Date.parse('2026-03-31T23:30:00Z'))) // '2026-04-01'
 */
export function brusselsDayOf(ms: number): DayNumber {
  if (!Number.isFinite(ms)) throw new RangeError(`Not a timestamp: ${ms}`);
  const guess = 1970 + Math.floor(ms / AVG_YEAR_MS);
  let zone = zoneYear(guess);
  if (ms < zone.start) zone = zoneYear(guess - 1);
  else if (ms >= zone.end) zone = zoneYear(guess + 1);
  let offset = zone.offset;
  const changes = zone.changes;
  for (let i = 0; i < changes.length && ms >= changes[i]!; i += 2) offset = changes[i + 1]!;
  return Math.floor((ms + offset) / DAY_MS) as DayNumber;
}

/** The instants the Brussels offset changes in a UTC year (for tests and reports). */
export function brusselsOffsetChanges(year: number): { at: number; offset: number }[] {
  const { changes } = zoneYear(year);
  const out: { at: number; offset: number }[] = [];
  for (let i = 0; i < changes.length; i += 2) out.push({ at: changes[i]!, offset: changes[i + 1]! });
  return out;
}
