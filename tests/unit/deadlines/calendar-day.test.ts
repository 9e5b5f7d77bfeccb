import { describe, expect, it } from 'vitest';
import {
  dayFromYmd,
  daysInMonth,
  formatIsoDay,
  isLeapYear,
  isoDay,
  isoWeekday,
  parseIsoDay,
  ymdFromDay,
  type DayNumber,
} from '../../../api/deadlines/calendar-day.ts';
import { addMonths } from '../../../api/deadlines/add-months.ts';
import { iso, oraclePlusMonths } from './oracle.ts';

describe('calendar days', () => {
  it('agrees with Date.UTC on every day from 1969 to 2201', () => {
    for (let day = dayFromYmd(1969, 1, 1); day <= dayFromYmd(2201, 12, 31); day++) {
      const expected = iso(new Date(day * 86_400_000));
      expect(formatIsoDay(day as DayNumber)).toBe(expected);
      const { y, m, d } = ymdFromDay(day as DayNumber);
      if (dayFromYmd(y, m, d) !== day) throw new Error(`round trip failed at ${expected}`);
      if (isoWeekday(day as DayNumber) !== (new Date(day * 86_400_000).getUTCDay() || 7)) throw new Error(`weekday at ${expected}`);
    }
  });

  it.each([
    [2024, true],
    [2028, true],
    [2100, false],
    [2000, true],
    [2025, false],
  ])('leap year %i is %s', (y, leap) => {
    expect(isLeapYear(y)).toBe(leap);
    expect(daysInMonth(y, 2)).toBe(leap ? 29 : 28);
  });

  it.each([
    ['2025-01-31', { ok: true }],
    ['2024-02-29', { ok: true }],
    ['2025-02-29', { ok: false, problem: 'nonexistent' }],
    ['2100-02-29', { ok: false, problem: 'nonexistent' }],
    ['2025-02-30', { ok: false, problem: 'nonexistent' }],
    ['2025-13-01', { ok: false, problem: 'nonexistent' }],
    ['2025-00-10', { ok: false, problem: 'nonexistent' }],
    ['2025-04-31', { ok: false, problem: 'nonexistent' }],
    ['2025-1-31', { ok: false, problem: 'format' }],
    ['31/01/2025', { ok: false, problem: 'format' }],
    ['2025-01-3x', { ok: false, problem: 'format' }],
    ['', { ok: false, problem: 'format' }],
    ['2025-01-31T00:00', { ok: false, problem: 'format' }],
  ])('parseIsoDay(%j)', (text, expected) => {
    expect(parseIsoDay(text)).toMatchObject(expected);
  });

  it('adds months with the month-end rule, computed from the start (never chained)', () => {
    expect(formatIsoDay(addMonths(isoDay('2025-01-31'), 3))).toBe('2025-04-30');
    expect(formatIsoDay(addMonths(isoDay('2025-11-30'), 3))).toBe('2026-02-28');
    expect(formatIsoDay(addMonths(isoDay('2027-11-29'), 3))).toBe('2028-02-29');
    expect(formatIsoDay(addMonths(isoDay('2099-11-29'), 3))).toBe('2100-02-28');
    for (let day = isoDay('1990-01-01'); day <= isoDay('2090-12-31'); day++) {
      const start = formatIsoDay(day as DayNumber);
      for (const n of [1, 3]) {
        const got = formatIsoDay(addMonths(day as DayNumber, n));
        if (got !== oraclePlusMonths(start, n)) throw new Error(`${start} + ${n} months: ${got}`);
      }
    }
  });
});
