import { describe, expect, it } from 'vitest';
import { formatIsoDay } from '../../../api/deadlines/calendar-day.ts';
import { computeEasterSunday } from '../../../api/deadlines/compute-easter-sunday.ts';
import { listPublicHolidays } from '../../../api/deadlines/list-public-holidays.ts';
import { oracleHolidays, oudinEaster } from './oracle.ts';

describe('Easter (Meeus/Jones/Butcher)', () => {
  it.each([
    // DOMAIN.md
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    // Well-known others, including both ends of the range
    [1970, '1970-03-29'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2038, '2038-04-25'],
    [2100, '2100-03-28'],
  ])('Easter %i is %s', (year, expected) => {
    expect(formatIsoDay(computeEasterSunday(year))).toBe(expected);
  });

  it('agrees with Oudin\'s algorithm for every year 1970-2100', () => {
    for (let y = 1970; y <= 2100; y++) expect(formatIsoDay(computeEasterSunday(y)), String(y)).toBe(oudinEaster(y));
  });
});

describe('Belgian public holidays', () => {
  it('lists the ten holidays of 2025 and 2026 in order', () => {
    expect(listPublicHolidays(2025).map((h) => `${formatIsoDay(h.day)} ${h.id}`)).toEqual([
      '2025-01-01 newYear',
      '2025-04-21 easterMonday',
      '2025-05-01 labourDay',
      '2025-05-29 ascension',
      '2025-06-09 whitMonday',
      '2025-07-21 nationalDay',
      '2025-08-15 assumption',
      '2025-11-01 allSaints',
      '2025-11-11 armistice',
      '2025-12-25 christmas',
    ]);
    expect(listPublicHolidays(2026).map((h) => formatIsoDay(h.day))).toEqual([
      '2026-01-01', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25',
      '2026-07-21', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25',
    ]);
  });

  it('matches the independent oracle for every year 1970-2100', () => {
    for (let y = 1970; y <= 2100; y++) {
      expect(listPublicHolidays(y).map((h) => formatIsoDay(h.day)).sort(), String(y)).toEqual(oracleHolidays(y).sort());
    }
  });
});
