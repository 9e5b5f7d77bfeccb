/**
 * Properties of the deadline over receipt dates 1990-2090 (fast-check), plus an exhaustive sweep
 * that finds the bounds that really hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDay, isoDay, type DayNumber } from '../../../api/deadlines/calendar-day.ts';
import { addMonths } from '../../../api/deadlines/add-months.ts';
import { computeLegalDeadline } from '../../../api/deadlines/compute-legal-deadline.ts';
import { DEFAULT_SETTINGS, deadlineRulesFromSettings, getDeadlineRules } from '../../../api/deadlines/get-deadline-rules.ts';
import { oraclePlusMonths, oracleRoll } from './oracle.ts';

const FIRST = isoDay('1990-01-01');
const LAST = isoDay('2090-12-31');
const receipt = fc.integer({ min: FIRST, max: LAST }).map((d) => d as DayNumber);
const ruleSets = {
  default: deadlineRulesFromSettings(DEFAULT_SETTINGS),
  flemishHoliday: deadlineRulesFromSettings({ ...DEFAULT_SETTINGS, flemishHoliday: true }),
  ingent: getDeadlineRules('ingent'),
};

describe.each(Object.entries(ruleSets))('deadline properties (%s rules)', (_name, rules) => {
  const legal = (d: DayNumber) => computeLegalDeadline(d, rules);
  const extended = (d: DayNumber) => computeLegalDeadline(d, rules, { extended: true });

  it('is a working day', () => {
    fc.assert(fc.property(receipt, (d) => rules.calendar.isWorkingDay(legal(d)) && rules.calendar.isWorkingDay(extended(d))), { numRuns: 5000 });
  });

  it('is 28 to 35 days after receipt', () => {
    fc.assert(
      fc.property(receipt, (d) => {
        const days = legal(d) - d;
        return days >= 28 && days <= 35;
      }),
      { numRuns: 5000 },
    );
  });

  it('never decreases when the receipt date increases', () => {
    fc.assert(
      fc.property(receipt, fc.integer({ min: 0, max: 400 }), (d, step) => {
        const later = Math.min(d + step, LAST) as DayNumber;
        return legal(later) >= legal(d) && extended(later) >= extended(d);
      }),
      { numRuns: 5000 },
    );
  });

  it('extended is at least 89 days after receipt and never before the first deadline', () => {
    fc.assert(fc.property(receipt, (d) => extended(d) - d >= 89 && extended(d) > legal(d)), { numRuns: 5000 });
  });

  it('is the first working day on or after receipt + 1 month (nothing skipped)', () => {
    fc.assert(
      fc.property(receipt, (d) => {
        const unrolled = addMonths(d, 1);
        const end = legal(d);
        for (let x = unrolled; x < end; x++) if (rules.calendar.isWorkingDay(x as DayNumber)) return false;
        return end >= unrolled;
      }),
      { numRuns: 5000 },
    );
  });
});

describe('deadline against the independent oracle', () => {
  it('matches on random receipt dates 1990-2090 (default rules)', () => {
    fc.assert(
      fc.property(receipt, fc.boolean(), (d, ext) => {
        const iso = formatIsoDay(d);
        const expected = oracleRoll(oraclePlusMonths(iso, ext ? 3 : 1));
        expect(formatIsoDay(computeLegalDeadline(d, ruleSets.default, { extended: ext }))).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the bounds that really hold (every receipt day 1990-2090)', () => {
  it('first deadline: 28 to 34 days with public holidays only; extended: 89 to 95 days', () => {
    let min = Infinity;
    let max = -Infinity;
    let minExt = Infinity;
    let maxExt = -Infinity;
    let previous = -Infinity;
    for (let d = FIRST; d <= LAST; d++) {
      const legal = computeLegalDeadline(d as DayNumber, ruleSets.default) - d;
      const ext = computeLegalDeadline(d as DayNumber, ruleSets.default, { extended: true }) - d;
      min = Math.min(min, legal);
      max = Math.max(max, legal);
      minExt = Math.min(minExt, ext);
      maxExt = Math.max(maxExt, ext);
      if (d + legal < previous) throw new Error(`decreased at ${formatIsoDay(d as DayNumber)}`);
      previous = d + legal;
    }
    // 28: February; 34: a 31-day month ending on a Friday holiday (e.g. 15 July -> Fri 15 Aug -> Mon 18 Aug).
    expect({ min, max, minExt, maxExt }).toEqual({ min: 28, max: 34, minExt: 89, maxExt: 95 });
  });
});
