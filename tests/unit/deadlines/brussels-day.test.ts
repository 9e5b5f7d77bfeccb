import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDay, isoDay } from '../../../api/deadlines/calendar-day.ts';
import { computeRequestDeadlines } from '../../../api/deadlines/compute-request-deadlines.ts';
import { DEFAULT_SETTINGS, deadlineRulesFromSettings } from '../../../api/deadlines/get-deadline-rules.ts';
import { brusselsDayOf, brusselsOffsetChanges } from '../../../api/deadlines/to-brussels-day.ts';
import { intlBrusselsIso } from './oracle.ts';

const rules = deadlineRulesFromSettings(DEFAULT_SETTINGS);
const brussels = (utc: string) => formatIsoDay(brusselsDayOf(Date.parse(utc)));

describe('receipt timestamp -> Brussels calendar date', () => {
  it.each([
    ['2026-03-31T23:30:00Z', '2026-04-01', 'DOMAIN.md: summer time, +2'],
    ['2026-03-31T21:59:59.999Z', '2026-03-31', 'one ms before Brussels midnight in summer'],
    ['2026-03-31T22:00:00Z', '2026-04-01', 'Brussels midnight in summer'],
    ['2025-12-31T22:59:59.999Z', '2025-12-31', 'one ms before Brussels midnight in winter'],
    ['2025-12-31T23:00:00Z', '2026-01-01', 'Brussels midnight in winter'],
    ['2026-03-28T22:59:59.999Z', '2026-03-28', 'the night summer time starts'],
    ['2026-03-28T23:00:00Z', '2026-03-29', 'the night summer time starts (+1 until 01:00 UTC)'],
    ['2026-03-29T00:59:59.999Z', '2026-03-29', 'last winter-time ms'],
    ['2026-03-29T01:00:00Z', '2026-03-29', 'first summer-time ms (03:00 Brussels)'],
    ['2026-03-29T21:59:59.999Z', '2026-03-29', 'summer time that evening'],
    ['2026-03-29T22:00:00Z', '2026-03-30', 'summer time that evening'],
    ['2026-10-24T21:59:59.999Z', '2026-10-24', 'the night summer time ends'],
    ['2026-10-24T22:00:00Z', '2026-10-25', 'the night summer time ends (+2 until 01:00 UTC)'],
    ['2026-10-25T22:59:59.999Z', '2026-10-25', 'winter time that evening'],
    ['2026-10-25T23:00:00Z', '2026-10-26', 'winter time that evening'],
    ['1985-09-28T22:30:00Z', '1985-09-29', 'summer time ended in September before 1996'],
    ['1985-09-29T22:30:00Z', '1985-09-29', 'summer time ended in September before 1996'],
    ['1970-06-30T23:30:00Z', '1970-07-01', 'no summer time in 1970: +1'],
  ])('%s is %s in Brussels (%s)', (utc, expected) => {
    expect(brussels(utc)).toBe(expected);
    expect(intlBrusselsIso(Date.parse(utc))).toBe(expected);
  });

  it('changes the offset at 01:00 UTC on the last Sundays of March and October, every year 1996-2100', () => {
    const lastSunday = (y: number, month: number) => {
      const d = new Date(Date.UTC(y, month, 0)); // last day of the month (month is 1-based here)
      d.setUTCDate(d.getUTCDate() - d.getUTCDay());
      return Date.UTC(y, month - 1, d.getUTCDate(), 1);
    };
    for (let y = 1996; y <= 2100; y++) {
      expect(brusselsOffsetChanges(y), String(y)).toEqual([
        { at: lastSunday(y, 3), offset: 7_200_000 },
        { at: lastSunday(y, 10), offset: 3_600_000 },
      ]);
    }
  });

  it('agrees with Intl one ms either side of every offset change, 1970-2100', () => {
    for (let y = 1970; y <= 2100; y++) {
      for (const { at } of brusselsOffsetChanges(y)) {
        for (const ms of [at - 1, at, at + 1, at - 3_600_000, at + 3_600_000, at + 79_200_000, at + 82_800_000]) {
          if (formatIsoDay(brusselsDayOf(ms)) !== intlBrusselsIso(ms)) throw new Error(`mismatch at ${new Date(ms).toISOString()}`);
        }
      }
    }
  });

  it('agrees with Intl on random instants 1970-2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 11, 31, 23, 59, 59, 999) }), (ms) => {
        expect(formatIsoDay(brusselsDayOf(ms))).toBe(intlBrusselsIso(ms));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with Intl on random instants near Brussels midnight', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 47_000 }), fc.integer({ min: -7_300_000, max: 7_300_000 }), (day, delta) => {
        const ms = day * 86_400_000 - 3_600_000 + delta;
        expect(formatIsoDay(brusselsDayOf(ms))).toBe(intlBrusselsIso(ms));
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuses what is not a timestamp', () => {
    expect(() => brusselsDayOf(Number.NaN)).toThrow(RangeError);
    expect(() => brusselsDayOf(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('receipt at 23:30 UTC on the evening before a month end', () => {
  it.each([
    // summer time (+2): already the next day in Brussels
    ['2025-06-29T23:30:00Z', '2025-06-30', '2025-07-30', 'UTC date 29 June would give 29 July'],
    ['2025-08-30T23:30:00Z', '2025-08-31', '2025-09-30', 'UTC date 30 August would give 30 September too'],
    ['2025-08-31T22:30:00Z', '2025-09-01', '2025-10-01', 'month end itself, 22:30 UTC is after midnight'],
    // winter time (+1)
    ['2025-11-29T23:30:00Z', '2025-11-30', '2025-12-30', 'UTC date 29 November would give 29 December'],
    ['2025-01-30T23:30:00Z', '2025-01-31', '2025-02-28', 'month-end rule'],
    ['2025-01-31T23:30:00Z', '2025-02-01', '2025-03-03', '1 March 2025 is a Saturday'],
    ['2025-01-31T22:30:00Z', '2025-01-31', '2025-02-28', '23:30 in Brussels, still 31 January'],
  ])('%s: received %s, deadline %s (%s)', (utc, receivedOn, expected) => {
    const r = computeRequestDeadlines({ receivedAt: Date.parse(utc) }, rules);
    expect(formatIsoDay(r.receivedOn)).toBe(receivedOn);
    expect(formatIsoDay(r.firstDeadline)).toBe(expected);
    expect(r.receivedOn).toBe(isoDay(receivedOn));
  });
});
