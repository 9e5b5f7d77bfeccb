import { describe, expect, it } from 'vitest';
import { formatBrusselsTime } from '../../../api/receipts/format-brussels-time.ts';

describe('formatBrusselsTime', () => {
  it('writes the Brussels date and time with the offset, in summer and in winter', () => {
    expect(formatBrusselsTime('nl', Date.parse('2026-04-01T09:30:00Z'))).toBe('1 april 2026, 11:30 (UTC+2)');
    expect(formatBrusselsTime('en', Date.parse('2026-12-24T16:05:59Z'))).toBe('24 December 2026, 17:05 (UTC+1)');
  });

  it('takes the Brussels day, not the UTC day, around midnight', () => {
    expect(formatBrusselsTime('uk', Date.parse('2026-01-31T23:05:00Z'))).toBe('1 лютого 2026, 00:05 (UTC+1)');
    expect(formatBrusselsTime('fr', Date.parse('2026-06-30T22:00:00Z'))).toBe('1 juillet 2026, 00:00 (UTC+2)');
    expect(formatBrusselsTime('ru', Date.parse('2026-03-01T22:59:00Z'))).toBe('1 марта 2026, 23:59 (UTC+1)');
  });

  it('follows the switch to summer time', () => {
    // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST at 01:00 UTC.
    expect(formatBrusselsTime('nl', Date.parse('2026-03-29T00:59:00Z'))).toBe('29 maart 2026, 01:59 (UTC+1)');
    expect(formatBrusselsTime('nl', Date.parse('2026-03-29T01:00:00Z'))).toBe('29 maart 2026, 03:00 (UTC+2)');
  });

  it('refuses a timestamp that is not a number', () => {
    expect(() => formatBrusselsTime('nl', Number.NaN)).toThrow(RangeError);
  });
});
