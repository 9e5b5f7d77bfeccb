/**
 * Routing in words, in the requester's language: why a request went where it went, who else was
 * told, and what transfers happened. Texts are `routing.*` keys in content/i18n; names and areas
 * come from content/facts.
 */
import { facts } from '../../content/facts.ts';
import { formatDate, LOCALES, t, type UiKey } from '../../content/i18n.ts';
import type { Controller, ControllerId, Lang } from '../../content/schema.ts';
import { formatIsoDay } from '../deadlines/calendar-day.ts';
import { brusselsDayOf } from '../deadlines/to-brussels-day.ts';
import type { TransferRefusal } from './transfer-request.ts';
import type { RoutingDecision, RoutingFacts, RoutingReason, RoutingRecord } from './types.ts';

/**
 * The name a requester knows a controller by. The short name (AgII, Atlas, IN-Gent) where it is a
 * proper name; "het Huis" carries a Dutch article that reads wrongly inside other languages'
 * sentences, so the full name there.
 */
export function controllerLabel(c: Controller): string {
  return /^(de|het|een)\s/i.test(c.shortName) ? c.name : c.shortName;
}

function label(id: ControllerId, source: RoutingFacts): string {
  const c = source.controllers[id];
  if (!c) throw new RangeError(`Unknown controller "${id}"`);
  return controllerLabel(c);
}

/** The areas that have their own controller, in facts order ("the city of Antwerp, ... or the city of Ghent"). */
function areaList(lang: Lang, source: RoutingFacts): string {
  const areas = Object.values(source.controllers)
    .filter((c) => c.postcodes.length > 0)
    .map((c) => t(lang, `routing.area.${c.region}` as UiKey));
  return new Intl.ListFormat(LOCALES[lang], { type: 'disjunction' }).format(areas);
}

/**
 * The reason alone, in a language.
 *
 * @example explainRoutingReason('en', { code: 'noPostcode', controller: 'agii' })
 *   // 'You did not give a postcode: AgII, the contact point, handles your request.'
 */
export function explainRoutingReason(lang: Lang, reason: RoutingReason, source: RoutingFacts = facts): string {
  const controller = label(reason.controller, source);
  switch (reason.code) {
    case 'statementOwner':
      return t(lang, 'routing.reason.statementOwner', { statement: t(lang, `routing.statement.${reason.statement}` as UiKey), controller });
    case 'choiceIgnored':
      return t(lang, 'routing.reason.choiceIgnored', {
        chosen: label(reason.chosen, source),
        statement: t(lang, `routing.statement.${reason.statement}` as UiKey),
        controller,
      });
    case 'explicitChoice':
      return t(lang, 'routing.reason.explicitChoice', { controller });
    case 'postcodeInArea':
      return t(lang, 'routing.reason.postcodeInArea', { postcode: reason.postcode, area: t(lang, `routing.area.${reason.region}` as UiKey), controller });
    case 'postcodeOutsideAreas':
      return t(lang, 'routing.reason.postcodeOutsideAreas', { postcode: reason.postcode, areas: areaList(lang, source), controller });
    case 'noPostcode':
      return t(lang, 'routing.reason.noPostcode', { controller });
    case 'invalidPostcode':
      return t(lang, 'routing.reason.invalidPostcode', { postcode: reason.given, controller });
  }
}

function contactPointLine(lang: Lang, record: Pick<RoutingRecord, 'statement' | 'informContactPoint'>, source: RoutingFacts): string[] {
  if (!record.informContactPoint) return [];
  const id = source.statements[record.statement]!.controllers.find((c) => source.controllers[c]?.contactPoint);
  return id ? [t(lang, 'routing.contactPointInformed', { contactPoint: label(id, source) })] : [];
}

/**
 * A new routing decision in words: the reason, and that the contact point is informed when it is.
 *
 * @example explainRouting('en', routeRequest({ statement: 'crt', postcode: '9000' }))
 *   // 'Your postcode 9000 is in the city of Ghent: IN-Gent handles your request. AgII, the contact point ...'
 */
export function explainRouting(lang: Lang, decision: Omit<RoutingDecision, 'explain'>, source: RoutingFacts = facts): string {
  return [explainRoutingReason(lang, decision.reason, source), ...contactPointLine(lang, decision, source)].join(' ');
}

const isoOf = (ms: number) => formatIsoDay(brusselsDayOf(ms));

/**
 * A stored record in words: the first routing, each transfer with its date, and who is informed now.
 *
 * @example explainRoutingRecord('en', transferred) // '... On 3 February 2026, AgII passed your request on to Atlas. ...'
 */
export function explainRoutingRecord(lang: Lang, record: RoutingRecord, source: RoutingFacts = facts): string {
  const received = formatDate(lang, isoOf(record.receivedAt));
  const transfers = record.transfers.map((tr) =>
    t(lang, 'routing.transfer.notice', { date: formatDate(lang, isoOf(tr.at)), from: label(tr.from, source), to: label(tr.to, source), received }),
  );
  return [explainRoutingReason(lang, record.reason, source), ...transfers, ...contactPointLine(lang, record, source)].join(' ');
}

/** @example explainTransferRefusal('en', { code: 'reasonRequired' }) // 'Give the reason for the transfer: ...' */
export function explainTransferRefusal(lang: Lang, refusal: TransferRefusal, source: RoutingFacts = facts): string {
  switch (refusal.code) {
    case 'sameController':
      return t(lang, 'routing.transfer.refused.sameController', { controller: label(refusal.controller, source) });
    case 'notController':
      return t(lang, 'routing.transfer.refused.notController', {
        controller: label(refusal.controller, source),
        statement: t(lang, `routing.statement.${refusal.statement}` as UiKey),
      });
    case 'reasonRequired':
      return t(lang, 'routing.transfer.refused.reasonRequired');
    case 'actorRequired':
      return t(lang, 'routing.transfer.refused.actorRequired');
    case 'timeTooEarly':
      return t(lang, 'routing.transfer.refused.timeTooEarly');
  }
}
