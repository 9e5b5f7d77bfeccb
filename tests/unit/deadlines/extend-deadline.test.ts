import { describe, expect, it } from 'vitest';
import { formatIsoDay, isoDay } from '../../../api/deadlines/calendar-day.ts';
import { computeRequestDeadlines } from '../../../api/deadlines/compute-request-deadlines.ts';
import { explainExtensionRefusal } from '../../../api/deadlines/explain-extension-refusal.ts';
import { extendDeadline, type ExtensionRefusal } from '../../../api/deadlines/extend-deadline.ts';
import { DEFAULT_SETTINGS, deadlineRulesFromSettings } from '../../../api/deadlines/get-deadline-rules.ts';
import { LANGS } from '../../../content/schema.ts';

const rules = deadlineRulesFromSettings(DEFAULT_SETTINGS);
const receivedOn = isoDay('2025-01-31'); // first deadline Friday 28 February 2025
const at = (utc: string) => Date.parse(utc);

describe('extending the deadline', () => {
  it('grants one extension before the first deadline: receipt + 3 months, rolled', () => {
    const r = extendDeadline({ receivedOn, previous: null, reason: '  Many files to search  ', now: at('2025-02-10T09:00:00Z') }, rules);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(formatIsoDay(r.extension.deadline)).toBe('2025-04-30');
    expect(formatIsoDay(r.extension.decidedOn)).toBe('2025-02-10');
    expect(r.extension.reason).toBe('Many files to search');
    expect(r.extension.decidedAt).toBe(at('2025-02-10T09:00:00Z'));
  });

  it('still grants it on the first deadline day itself, until Brussels midnight', () => {
    expect(extendDeadline({ receivedOn, previous: null, reason: 'Complex', now: at('2025-02-28T22:59:59.999Z') }, rules).ok).toBe(true);
  });

  it('refuses from the day after the first deadline (Brussels time)', () => {
    const r = extendDeadline({ receivedOn, previous: null, reason: 'Complex', now: at('2025-02-28T23:00:00Z') }, rules);
    expect(r).toEqual({ ok: false, refusal: { code: 'firstDeadlinePassed', firstDeadline: isoDay('2025-02-28') } });
  });

  it('uses the rolled first deadline: a weekend end leaves the Monday for the decision', () => {
    // 2025-03-05 -> Sat 5 April -> Mon 7 April: deciding on Sunday 6 April is in time.
    const r = extendDeadline({ receivedOn: isoDay('2025-03-05'), previous: null, reason: 'x', now: at('2025-04-06T10:00:00Z') }, rules);
    expect(r.ok).toBe(true);
  });

  it('counts identity-check suspensions in the first deadline', () => {
    const suspensions = [{ from: isoDay('2025-02-03'), to: isoDay('2025-02-05') }]; // 3 days: 28 Feb -> 3 Mar (Mon)
    const input = { receivedOn, previous: null, reason: 'x', now: at('2025-03-03T10:00:00Z'), suspensions };
    const r = extendDeadline(input, rules);
    expect(r.ok).toBe(true);
    if (r.ok) expect(formatIsoDay(r.extension.deadline)).toBe('2025-05-05'); // 30 April + 3 = 3 May (Sat) -> 5 May
  });

  it('refuses a second extension', () => {
    const first = extendDeadline({ receivedOn, previous: null, reason: 'Complex', now: at('2025-02-10T09:00:00Z') }, rules);
    if (!first.ok) throw new Error('first extension refused');
    const second = extendDeadline({ receivedOn, previous: first.extension, reason: 'Again', now: at('2025-02-11T09:00:00Z') }, rules);
    expect(second).toEqual({ ok: false, refusal: { code: 'alreadyExtended' } });
  });

  it.each(['', '   ', '\n\t'])('refuses an empty reason (%j)', (reason) => {
    expect(extendDeadline({ receivedOn, previous: null, reason, now: at('2025-02-10T09:00:00Z') }, rules)).toEqual({
      ok: false,
      refusal: { code: 'reasonRequired' },
    });
  });

  it('reports the most fundamental refusal first: already extended, then too late, then no reason', () => {
    const previous = { decidedAt: 0, decidedOn: receivedOn, reason: 'x', deadline: receivedOn };
    expect(extendDeadline({ receivedOn, previous, reason: '', now: at('2025-06-01T00:00:00Z') }, rules)).toMatchObject({ refusal: { code: 'alreadyExtended' } });
    expect(extendDeadline({ receivedOn, previous: null, reason: '', now: at('2025-06-01T00:00:00Z') }, rules)).toMatchObject({ refusal: { code: 'firstDeadlinePassed' } });
  });

  it('makes the extended deadline the one in force, with the first one still shown', () => {
    const receivedAt = at('2025-01-31T10:00:00Z');
    const r = extendDeadline({ receivedOn, previous: null, reason: 'Complex', now: at('2025-02-10T09:00:00Z') }, rules);
    if (!r.ok) throw new Error('refused');
    const d = computeRequestDeadlines({ receivedAt, extension: r.extension }, rules);
    expect(formatIsoDay(d.firstDeadline)).toBe('2025-02-28');
    expect(formatIsoDay(d.extendedDeadline!)).toBe('2025-04-30');
    expect(d.deadline).toBe(d.extendedDeadline);
  });

  const refusals: ExtensionRefusal[] = [
    { code: 'alreadyExtended' },
    { code: 'firstDeadlinePassed', firstDeadline: isoDay('2025-02-28') },
    { code: 'reasonRequired' },
  ];
  it.each(LANGS.flatMap((lang) => refusals.map((refusal) => [lang, refusal.code, refusal] as const)))(
    'explains %s %s with no placeholder left',
    (lang, _code, refusal) => {
      const text = explainExtensionRefusal(lang, refusal);
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/[{}]/);
      if (refusal.code === 'firstDeadlinePassed') expect(text).toMatch(/2025/);
    },
  );
});
