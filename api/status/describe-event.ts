/**
 * One line of the requester's timeline: the sentence for an event of the workspace contract
 * (api/workspace/requester-events.ts) in the requester's language, with its dates and names
 * filled in. A payload that does not match the contract falls back to a plainer sentence rather
 * than failing the whole status page.
 *
 * @example
 *   describeEvent('en', 'deadline_extended', { from: '2026-05-04', to: '2026-07-01', reason: 'complexity' })
 *   // 'The deadline was extended to 1 July 2026 because your request is complex.'
 */
import { facts } from '../../content/facts.ts';
import { formatDate, t, type UiKey } from '../../content/i18n.ts';
import type { Lang } from '../../content/schema.ts';
import type { RequesterEventPayloads, RequesterEventType } from '../workspace/requester-events.ts';

const OUTCOMES = ['granted', 'partly_granted', 'refused'] as const;
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const outcomeOf = (p: Record<string, unknown>) => (OUTCOMES as readonly unknown[]).includes(p.outcome) ? (p.outcome as (typeof OUTCOMES)[number]) : null;

export function describeEvent(lang: Lang, type: RequesterEventType, payload: unknown): string {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  switch (type) {
    case 'information_requested': {
      const q = p as Partial<RequesterEventPayloads['information_requested']>;
      const text = t(lang, q.kind === 'identity' ? 'status.event.information_requested.identity' : 'status.event.information_requested.clarification');
      return q.suspends === true ? `${text} ${t(lang, 'status.event.information_requested.suspends')}` : text;
    }
    case 'information_received':
      return isDay(p.legalDeadline) ? t(lang, 'status.event.information_received', { date: formatDate(lang, p.legalDeadline) }) : t(lang, 'status.event.information_received.plain');
    case 'deadline_extended': {
      if (!isDay(p.to)) return t(lang, 'status.event.deadline_extended.plain');
      const reason = p.reason === 'number_of_requests' ? 'number_of_requests' : 'complexity';
      return t(lang, `status.event.deadline_extended.${reason}`, { date: formatDate(lang, p.to) });
    }
    case 'transferred': {
      const to = typeof p.to === 'string' ? facts.controllers[p.to as keyof typeof facts.controllers] : undefined;
      return to ? t(lang, 'status.event.transferred', { controller: to.name }) : t(lang, 'status.event.transferred.plain');
    }
    case 'answered':
    case 'closed': {
      const outcome = outcomeOf(p);
      return t(lang, (outcome ? `status.event.${type}.${outcome}` : `status.event.${type}.plain`) as UiKey);
    }
    default:
      return t(lang, `status.event.${type}` as UiKey);
  }
}

/** Whether an answered or closed event tells of a refusal, in full or in part (DOMAIN.md rule 5). */
export function isRefusal(type: string, payload: unknown): boolean {
  if (type !== 'answered' && type !== 'closed') return false;
  const outcome = outcomeOf((payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>);
  return outcome === 'refused' || outcome === 'partly_granted';
}
