/**
 * What a deadline depends on besides the receipt date: a controller's closing days, whether it
 * suspends the clock for identity checks, and its internal target. Read from content/facts only.
 */
import { facts } from '../../content/facts.ts';
import type { Controller, ControllerId } from '../../content/schema.ts';
import { DEFAULT_RETENTION } from '../retention/retention-settings.ts';
import { closingCalendarFor, type ClosingCalendar } from './create-closing-calendar.ts';

export interface DeadlineRules {
  calendar: ClosingCalendar;
  /** DOMAIN.md rule 6 (EDPB 01/2022 para. 159): add identity-check waits to the period. */
  suspendForIdentityCheck: boolean;
  /** A shorter answer time the controller promises (days), shown beside the legal deadline. */
  internalTargetDays: number | null;
}

/**
 * Rules when no controller is known (the CLI without --controller): DOMAIN.md's defaults, 11 July
 * and other closing days off (the earlier, safer date), the suspension rule on, no internal target.
 */
export const DEFAULT_SETTINGS: Controller['settings'] = {
  flemishHoliday: false,
  extraClosingDays: [],
  suspendForIdentityCheck: true,
  retention: DEFAULT_RETENTION,
};

/** @example deadlineRulesFromSettings(DEFAULT_SETTINGS).suspendForIdentityCheck // true */
export function deadlineRulesFromSettings(settings: Controller['settings'], internalTargetDays: number | null = null): DeadlineRules {
  return {
    calendar: closingCalendarFor(settings),
    suspendForIdentityCheck: settings.suspendForIdentityCheck,
    internalTargetDays,
  };
}

/**
 * The deadline rules of a controller, from its settings in content/facts.
 *
 * @example getDeadlineRules('ingent').internalTargetDays // 28
 */
export function getDeadlineRules(id: ControllerId, controllers: Record<string, Controller> = facts.controllers): DeadlineRules {
  const c = controllers[id];
  if (!c) throw new RangeError(`Unknown controller "${id}"`);
  return deadlineRulesFromSettings(c.settings, c.internalTargetDays);
}
