import { describe, expect, it } from 'vitest';
import { formatIsoDay, isoDay } from '../../../api/deadlines/calendar-day.ts';
import { computeInternalTarget } from '../../../api/deadlines/compute-internal-target.ts';
import { computeRequestDeadlines } from '../../../api/deadlines/compute-request-deadlines.ts';
import { countDaysLeft } from '../../../api/deadlines/count-days-left.ts';
import { DEFAULT_SETTINGS, deadlineRulesFromSettings, getDeadlineRules } from '../../../api/deadlines/get-deadline-rules.ts';

const ingent = getDeadlineRules('ingent');
const agii = getDeadlineRules('agii');
const calendar = deadlineRulesFromSettings(DEFAULT_SETTINGS).calendar;

describe('internal target (IN-Gent: four weeks)', () => {
  it.each([
    ['2025-03-05', '2025-04-02', '2025-04-07', 'a Wednesday, well before the legal deadline'],
    ['2025-03-24', '2025-04-22', '2025-04-24', '21 April 2025 is Easter Monday: rolled like the legal deadline'],
    ['2025-06-14', '2025-07-14', '2025-07-14', '12 July is a Saturday: target and legal deadline coincide'],
    ['2025-02-01', '2025-03-03', '2025-03-03', 'February: four weeks is the month'],
  ])('%s -> target %s, legal %s (%s)', (received, target, legal) => {
    const d = computeRequestDeadlines({ receivedAt: Date.parse(`${received}T10:00:00Z`) }, ingent);
    expect(formatIsoDay(d.internalTarget!)).toBe(target);
    expect(formatIsoDay(d.deadline)).toBe(legal);
  });

  it('is null where a controller promises nothing, and the legal deadline is unchanged', () => {
    const a = computeRequestDeadlines({ receivedAt: Date.parse('2025-03-05T10:00:00Z') }, agii);
    const i = computeRequestDeadlines({ receivedAt: Date.parse('2025-03-05T10:00:00Z') }, ingent);
    expect(a.internalTarget).toBeNull();
    expect(i.deadline).toBe(a.deadline);
  });

  it('is never after the legal deadline (every receipt day 2025-2035)', () => {
    for (let day = isoDay('2025-01-01'); day <= isoDay('2035-12-31'); day++) {
      const d = computeRequestDeadlines({ receivedAt: day * 86_400_000 + 43_200_000 }, ingent);
      if (d.internalTarget! > d.firstDeadline) throw new Error(`target after deadline for ${formatIsoDay(d.receivedOn)}`);
    }
  });

  it('is moved by identity-check suspensions like the legal deadline', () => {
    const suspensions = [{ from: isoDay('2025-03-10'), to: isoDay('2025-03-12') }];
    expect(formatIsoDay(computeInternalTarget(isoDay('2025-03-05'), ingent, suspensions)!)).toBe('2025-04-07'); // 2 Apr + 3 = Sat 5 -> Mon 7
  });
});

describe('days left and overdue', () => {
  const left = (today: string, deadline: string) => countDaysLeft(isoDay(today), isoDay(deadline), calendar);

  it.each([
    ['2025-04-04', '2025-04-07', { dueToday: false, overdue: false, calendarDaysLeft: 3, workingDaysLeft: 1, calendarDaysOverdue: 0, workingDaysOverdue: 0 }],
    ['2025-04-07', '2025-04-07', { dueToday: true, overdue: false, calendarDaysLeft: 0, workingDaysLeft: 0, calendarDaysOverdue: 0, workingDaysOverdue: 0 }],
    ['2025-04-08', '2025-04-07', { dueToday: false, overdue: true, calendarDaysLeft: 0, workingDaysLeft: 0, calendarDaysOverdue: 1, workingDaysOverdue: 1 }],
    // Over Easter 2025: Fri 18 April to Tue 22 April: Sat, Sun, Easter Monday closed.
    ['2025-04-18', '2025-04-22', { calendarDaysLeft: 4, workingDaysLeft: 1 }],
    ['2025-04-01', '2025-04-30', { calendarDaysLeft: 29, workingDaysLeft: 20 }],
    // Late over a weekend: deadline Friday 4 April, today Sunday 6 April.
    ['2025-04-06', '2025-04-04', { overdue: true, calendarDaysOverdue: 2, workingDaysOverdue: 0 }],
    ['2025-04-08', '2025-04-04', { overdue: true, calendarDaysOverdue: 4, workingDaysOverdue: 2 }],
    // Late across the new year: deadline Wed 31 Dec 2025, today Mon 5 Jan 2026 (1 Jan holiday, weekend).
    ['2026-01-05', '2025-12-31', { overdue: true, calendarDaysOverdue: 5, workingDaysOverdue: 2 }],
  ] as const)('today %s, deadline %s', (today, deadline, expected) => {
    expect(left(today, deadline)).toMatchObject(expected);
  });

  it('counts working days with the controller\'s closing days', () => {
    const flemish = deadlineRulesFromSettings({ ...DEFAULT_SETTINGS, flemishHoliday: true }).calendar;
    expect(countDaysLeft(isoDay('2025-07-07'), isoDay('2025-07-14'), flemish).workingDaysLeft).toBe(4); // Tue-Thu, Mon; Fri 11 July closed
    expect(countDaysLeft(isoDay('2025-07-07'), isoDay('2025-07-14'), calendar).workingDaysLeft).toBe(5);
  });
});
