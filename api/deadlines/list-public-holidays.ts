/**
 * Belgian public holidays (Royal Decree of 18 April 1974, art. 1): the ten days on which a
 * period under Regulation 1182/71 cannot end. The list is applied to every year the portal
 * computes (1970-2100 and the months after), including the years before the decree.
 */
import { addDays, dayFromYmd, type DayNumber } from './calendar-day.ts';
import { computeEasterSunday } from './compute-easter-sunday.ts';

export const HOLIDAY_IDS = [
  'newYear',
  'easterMonday',
  'labourDay',
  'ascension',
  'whitMonday',
  'nationalDay',
  'assumption',
  'allSaints',
  'armistice',
  'christmas',
] as const;
export type HolidayId = (typeof HOLIDAY_IDS)[number];

export interface PublicHoliday {
  id: HolidayId;
  day: DayNumber;
}

/**
 * The ten Belgian public holidays of a year, in calendar order.
 *
 * @example listPublicHolidays(2026).find((h) => h.id === 'ascension') // { id: 'ascension', day: <2026-05-14> }
 */
export function listPublicHolidays(year: number): PublicHoliday[] {
  const easter = computeEasterSunday(year);
  const holidays: PublicHoliday[] = [
    { id: 'newYear', day: dayFromYmd(year, 1, 1) },
    { id: 'easterMonday', day: addDays(easter, 1) },
    { id: 'labourDay', day: dayFromYmd(year, 5, 1) },
    { id: 'ascension', day: addDays(easter, 39) },
    { id: 'whitMonday', day: addDays(easter, 50) },
    { id: 'nationalDay', day: dayFromYmd(year, 7, 21) },
    { id: 'assumption', day: dayFromYmd(year, 8, 15) },
    { id: 'allSaints', day: dayFromYmd(year, 11, 1) },
    { id: 'armistice', day: dayFromYmd(year, 11, 11) },
    { id: 'christmas', day: dayFromYmd(year, 12, 25) },
  ];
  // Ascension can fall on 30 April, before Labour Day.
  return holidays.sort((a, b) => a.day - b.day);
}
