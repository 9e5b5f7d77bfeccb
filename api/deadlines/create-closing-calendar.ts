/**
 * The days on which a controller's period cannot end: Saturdays, Sundays, Belgian public holidays
 * and the controller's own closing days (11 July when `flemishHoliday` is on, `extraClosingDays`).
 *
 * Built once per settings as a flat table over 1970-2200, so "is this a working day?" is one array
 * read and "how many working days between?" two (a running count). The deadline benchmark needs
 * a million deadlines a second; this is what makes rolling and counting free.
 */
import { dayFromYmd, isoDay, isoWeekday, type DayNumber } from './calendar-day.ts';
import { listPublicHolidays } from './list-public-holidays.ts';

/** The closing-day part of a controller's settings (content/facts/controllers.json). */
export interface ClosingSettings {
  /** 11 July (Flemish Community holiday) is a closing day. Off gives the earlier, safer date. */
  flemishHoliday: boolean;
  /** Further closing days as YYYY-MM-DD. */
  extraClosingDays: readonly string[];
}

export interface ClosingCalendar {
  /** The first and last day the calendar knows; outside them every method throws a RangeError. */
  readonly firstDay: DayNumber;
  readonly lastDay: DayNumber;
  isWorkingDay(day: DayNumber): boolean;
  /** The day itself when it is a working day, else the next working day (Reg. 1182/71 art. 3(4)). */
  rollToWorkingDay(day: DayNumber): DayNumber;
  /** Working days in the half-open range (after, upTo]: after `after`, up to and including `upTo`. */
  countWorkingDays(after: DayNumber, upTo: DayNumber): number;
}

export const CALENDAR_FIRST_YEAR = 1970;
/** Far past the last receipt year (2100) so an extension plus a long identity suspension still fits. */
export const CALENDAR_LAST_YEAR = 2200;

/**
 * A working-day calendar for the given closing settings.
 *
 * @example
 *   const cal = createClosingCalendar({ flemishHoliday: true, extraClosingDays: [] });
 *   formatIsoDay(cal.rollToWorkingDay(isoDay('2025-07-11'))) // '2025-07-14'
 */
export function createClosingCalendar(settings: ClosingSettings): ClosingCalendar {
  const firstDay = dayFromYmd(CALENDAR_FIRST_YEAR, 1, 1);
  const lastDay = dayFromYmd(CALENDAR_LAST_YEAR, 12, 31);
  const size = lastDay - firstDay + 1;
  const closed = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    if (isoWeekday((firstDay + i) as DayNumber) >= 6) closed[i] = 1;
  }
  const close = (day: DayNumber) => {
    if (day >= firstDay && day <= lastDay) closed[day - firstDay] = 1;
  };
  for (let y = CALENDAR_FIRST_YEAR; y <= CALENDAR_LAST_YEAR; y++) {
    for (const h of listPublicHolidays(y)) close(h.day);
    if (settings.flemishHoliday) close(dayFromYmd(y, 7, 11));
  }
  for (const text of settings.extraClosingDays) close(isoDay(text));

  // worked[i] = working days in [firstDay, firstDay + i): counting becomes a subtraction.
  const worked = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) worked[i + 1] = worked[i]! + (closed[i] ? 0 : 1);

  const index = (day: number): number => {
    const i = day - firstDay;
    if (!(i >= 0 && i < size)) throw new RangeError(`Day ${day} is outside the calendar (${CALENDAR_FIRST_YEAR}-${CALENDAR_LAST_YEAR})`);
    return i;
  };

  return {
    firstDay,
    lastDay,
    isWorkingDay: (day) => closed[index(day)] === 0,
    rollToWorkingDay(day) {
      let i = index(day);
      while (closed[i] === 1) i++;
      if (i >= size) throw new RangeError(`No working day in the calendar after day ${day}`);
      return (firstDay + i) as DayNumber;
    },
    countWorkingDays(after, upTo) {
      if (upTo <= after) return 0;
      return worked[index(upTo) + 1]! - worked[index(after) + 1]!;
    },
  };
}

const cache = new Map<string, ClosingCalendar>();

/**
 * The shared calendar for a settings value: controllers with the same settings (all four today)
 * share one table, built on first use.
 */
export function closingCalendarFor(settings: ClosingSettings): ClosingCalendar {
  const key = `${settings.flemishHoliday ? 1 : 0}|${[...settings.extraClosingDays].sort().join(',')}`;
  let calendar = cache.get(key);
  if (!calendar) {
    calendar = createClosingCalendar(settings);
    cache.set(key, calendar);
  }
  return calendar;
}
