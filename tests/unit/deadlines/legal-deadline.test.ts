import { describe, expect, it } from 'vitest';
import { formatIsoDay, isoDay } from '../../../api/deadlines/calendar-day.ts';
import { computeLegalDeadline } from '../../../api/deadlines/compute-legal-deadline.ts';
import { computeRequestDeadlines } from '../../../api/deadlines/compute-request-deadlines.ts';
import { DEFAULT_SETTINGS, deadlineRulesFromSettings, getDeadlineRules } from '../../../api/deadlines/get-deadline-rules.ts';
import { listPublicHolidays } from '../../../api/deadlines/list-public-holidays.ts';
import { facts } from '../../../content/facts.ts';
import { oraclePlusMonths, oracleRoll } from './oracle.ts';

const rules = deadlineRulesFromSettings(DEFAULT_SETTINGS);
const flemish = deadlineRulesFromSettings({ ...DEFAULT_SETTINGS, flemishHoliday: true });
const deadline = (received: string, options: Parameters<typeof computeLegalDeadline>[2] = {}, r = rules) =>
  formatIsoDay(computeLegalDeadline(isoDay(received), r, options));

describe('legal deadline: the examples of DOMAIN.md', () => {
  it.each([
    ['2025-01-31', '2025-02-28', 'no 31 February'],
    ['2026-03-31', '2026-04-30', 'no 31 April'],
    ['2024-01-31', '2024-02-29', 'leap year'],
    ['2025-03-05', '2025-04-07', '5 April 2025 is a Saturday'],
    ['2025-03-21', '2025-04-22', '21 April 2025 is Easter Monday'],
    ['2026-04-14', '2026-05-15', '14 May 2026 is Ascension Day'],
    ['2025-06-21', '2025-07-22', '21 July is a holiday'],
    ['2025-12-01', '2026-01-02', '1 January'],
  ])('%s -> %s (%s)', (received, expected) => {
    expect(deadline(received)).toBe(expected);
  });

  it('2025-01-31, extended -> 2025-04-30 (receipt + 3 months)', () => {
    expect(deadline('2025-01-31', { extended: true })).toBe('2025-04-30');
  });

  it('2025-06-11 with 11 July on -> 2025-07-14 (11 July 2025 is a Friday); off -> 2025-07-11', () => {
    expect(deadline('2025-06-11', {}, flemish)).toBe('2025-07-14');
    expect(deadline('2025-06-11')).toBe('2025-07-11');
  });

  it('23:30 UTC on 31 March 2026 is 1 April in Brussels', () => {
    const r = computeRequestDeadlines({ receivedAt: Date.parse('2026-03-31T23:30:00Z') }, rules);
    expect(formatIsoDay(r.receivedOn)).toBe('2026-04-01');
    // 1 May 2026 is a Friday and Labour Day: Saturday, Sunday, then Monday 4 May.
    expect(formatIsoDay(r.firstDeadline)).toBe('2026-05-04');
  });
});

describe('legal deadline: month ends', () => {
  // The last day of every month of 2025, and the day before it: the month-end rule then the roll.
  const cases: [string, string][] = [];
  for (let m = 1; m <= 12; m++) {
    const last = new Date(Date.UTC(2025, m, 0)).getUTCDate();
    for (const d of [last - 1, last]) {
      const received = `2025-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      cases.push([received, oracleRoll(oraclePlusMonths(received, 1))]);
    }
  }
  it.each(cases)('%s -> %s', (received, expected) => expect(deadline(received)).toBe(expected));

  it.each([
    ['2025-01-31', '2025-02-28'],
    ['2025-01-29', '2025-02-28'], // 29 February 2025 does not exist either
    ['2025-03-31', '2025-04-30'],
    ['2025-05-31', '2025-06-30'],
    ['2025-08-31', '2025-09-30'],
    ['2025-10-31', '2025-12-01'], // 30 November 2025 is a Sunday
    ['2025-12-31', '2026-02-02'], // 31 January 2026 is a Saturday
  ])('explicitly: %s -> %s', (received, expected) => expect(deadline(received)).toBe(expected));
});

describe('legal deadline: leap years', () => {
  const cases: [string, string, boolean][] = [
    ['2024-01-31', '2024-02-29', false],
    ['2024-01-29', '2024-02-29', false],
    ['2024-01-30', '2024-02-29', false],
    ['2028-01-31', '2028-02-29', false],
    ['2028-01-29', '2028-02-29', false],
    ['2100-01-29', '2100-03-01', false], // 2100 is not a leap year: 28 February 2100 is a Sunday
    ['2100-01-31', '2100-03-01', false],
    ['2099-11-30', '2100-03-01', true], // extended: 28 February 2100 (Sunday), so Monday 1 March
    ['2023-11-30', '2024-02-29', true],
    ['2027-11-30', '2028-02-29', true],
  ];
  it.each(cases)('%s -> %s (extended: %s)', (received, expected, extended) => {
    expect(deadline(received, { extended })).toBe(expected);
  });
});

describe('legal deadline: every holiday of 2025-2030 hit by a deadline rolls', () => {
  // For each holiday, a receipt date whose unrolled deadline is that holiday: one month before, or
  // (for days like 29-31 March that no "+1 month" reaches) three months before with the extension.
  const cases: { holiday: string; received: string; extended: boolean; expected: string }[] = [];
  for (let y = 2025; y <= 2030; y++) {
    for (const h of listPublicHolidays(y)) {
      const holiday = formatIsoDay(h.day);
      const [hy, hm, hd] = holiday.split('-').map(Number) as [number, number, number];
      for (const months of [1, 3]) {
        const start = new Date(Date.UTC(hy, hm - 1 - months, hd));
        if (start.getUTCDate() !== hd) continue; // that month has no such day
        const received = start.toISOString().slice(0, 10);
        cases.push({ holiday: `${holiday} ${h.id}`, received, extended: months === 3, expected: oracleRoll(holiday) });
        break;
      }
    }
  }
  it('found a receipt date for all 60 holidays', () => expect(cases).toHaveLength(60));
  it.each(cases)('$holiday (received $received, extended $extended) -> $expected', ({ received, extended, expected, holiday }) => {
    const got = deadline(received, { extended });
    expect(got).toBe(expected);
    expect(got > holiday.slice(0, 10)).toBe(true);
  });
});

describe('legal deadline: Saturday-then-holiday chains', () => {
  it.each([
    ['2025-03-19', '2025-04-22', 'Sat 19 Apr, Sun, Easter Monday 21 Apr -> Tue'],
    ['2025-05-07', '2025-06-10', 'Sat 7 Jun, Sun, Whit Monday 9 Jun -> Tue'],
    ['2025-06-19', '2025-07-22', 'Sat 19 Jul, Sun, national day Mon 21 Jul -> Tue'],
    ['2027-11-25', '2027-12-27', 'Christmas Sat 25 Dec, Sun -> Mon'],
    ['2025-07-15', '2025-08-18', 'Assumption Fri 15 Aug, Sat, Sun -> Mon'],
    ['2026-10-31', '2026-11-30', 'no 31 November; 30 November 2026 is a Monday: no roll'],
  ])('%s -> %s (%s)', (received, expected) => {
    expect(deadline(received)).toBe(expected);
  });

  it('a controller closing day after a holiday weekend extends the chain', () => {
    const closedBoxingDay = deadlineRulesFromSettings({ ...DEFAULT_SETTINGS, extraClosingDays: ['2025-12-26'] });
    // 25 Dec 2025 Thursday (holiday), 26 Dec closing day, Saturday, Sunday -> Monday 29 Dec.
    expect(deadline('2025-11-25', {}, closedBoxingDay)).toBe('2025-12-29');
    expect(deadline('2025-11-25')).toBe('2025-12-26');
  });

  it('11 July on a Saturday, with the Flemish holiday on, changes nothing: the weekend rolls anyway', () => {
    expect(deadline('2026-06-11', {}, flemish)).toBe('2026-07-13');
    expect(deadline('2026-06-11')).toBe('2026-07-13');
  });
});

describe('legal deadline: identity-check suspension', () => {
  const s = (from: string, to: string) => ({ from: isoDay(from), to: isoDay(to) });

  it('adds the suspended days (both ends counted) to the unrolled end, then rolls', () => {
    // 2025-03-03 + 1 month = 3 April (Thu); asked 10 March, arrived 12 March = 3 days -> 6 April (Sun) -> Mon 7 April.
    expect(deadline('2025-03-03', { suspensions: [s('2025-03-10', '2025-03-12')] })).toBe('2025-04-07');
    // Same-day answer: one day.
    expect(deadline('2025-03-03', { suspensions: [s('2025-03-10', '2025-03-10')] })).toBe('2025-04-04');
  });

  it('is added before the roll, not after: rolling first would give a later date', () => {
    // 2025-03-05 + 1 month = Sat 5 April; +2 suspended days = Mon 7 April (a working day).
    // Rolling first (Mon 7) and then adding 2 would give Wed 9 April.
    expect(deadline('2025-03-05', { suspensions: [s('2025-03-10', '2025-03-11')] })).toBe('2025-04-07');
  });

  it('counts overlapping periods once and adds separate periods together', () => {
    expect(deadline('2025-03-03', { suspensions: [s('2025-03-10', '2025-03-12'), s('2025-03-11', '2025-03-13')] })).toBe('2025-04-07');
    expect(deadline('2025-03-03', { suspensions: [s('2025-03-10', '2025-03-11'), s('2025-03-20', '2025-03-21')] })).toBe('2025-04-07');
  });

  it('also moves the extended deadline', () => {
    expect(deadline('2025-01-31', { extended: true, suspensions: [s('2025-02-03', '2025-02-07')] })).toBe('2025-05-05');
  });

  it('does nothing when the controller setting is off', () => {
    const off = deadlineRulesFromSettings({ ...DEFAULT_SETTINGS, suspendForIdentityCheck: false });
    expect(deadline('2025-03-03', { suspensions: [s('2025-03-10', '2025-03-12')] }, off)).toBe('2025-04-03');
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => deadline('2025-03-03', { suspensions: [s('2025-03-12', '2025-03-10')] })).toThrow(RangeError);
  });
});

describe('legal deadline: range and controllers', () => {
  it('refuses receipt dates outside 1970-2100', () => {
    expect(() => computeLegalDeadline(isoDay('1969-12-31'), rules)).toThrow(RangeError);
    expect(() => computeLegalDeadline(isoDay('2101-01-01'), rules)).toThrow(RangeError);
    expect(deadline('1970-01-01')).toBe('1970-02-02');
    expect(deadline('2100-12-31', { extended: true })).toBe('2101-03-31');
  });

  it('reads every controller\'s settings from content/facts', () => {
    for (const c of Object.values(facts.controllers)) {
      const r = getDeadlineRules(c.id);
      expect(r.suspendForIdentityCheck).toBe(c.settings.suspendForIdentityCheck);
      expect(r.internalTargetDays).toBe(c.internalTargetDays);
      expect(formatIsoDay(computeLegalDeadline(isoDay('2025-06-11'), r))).toBe(c.settings.flemishHoliday ? '2025-07-14' : '2025-07-11');
    }
    expect(() => getDeadlineRules('nope' as 'agii')).toThrow(/Unknown controller/);
  });

  it('counts from the day after receipt: 1 February 2025 -> 1 March (Saturday) -> Monday 3 March', () => {
    const d = computeLegalDeadline(isoDay('2025-02-01'), rules);
    expect(formatIsoDay(d)).toBe('2025-03-03');
    expect(d - isoDay('2025-02-01')).toBe(30);
  });
});
