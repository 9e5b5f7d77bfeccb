/**
 * Which controller handles a new rights request, and why (DOMAIN.md "Routing"). Everything comes
 * from content/facts: a statement's controllers, each controller's postcodes, which one is the
 * contact point. No list of controllers or postcodes is written here.
 */
import { facts } from '../../content/facts.ts';
import type { ControllerId, Lang, StatementId } from '../../content/schema.ts';
import { classifyPostcode } from './classify-postcode.ts';
import { explainRouting } from './explain-routing.ts';
import type { RoutingDecision, RoutingFacts, RoutingReason } from './types.ts';

export interface RoutingInput {
  statement: StatementId;
  /** The requester's postcode as typed, if any. */
  postcode?: string | null;
  /** A controller the requester chose explicitly, if any. */
  chosen?: ControllerId | null;
}

/** The contact point among a statement's controllers, if the statement has one. */
export function findContactPoint(statement: StatementId, source: RoutingFacts = facts): ControllerId | null {
  const ids = source.statements[statement]!.controllers;
  return ids.find((id) => source.controllers[id]?.contactPoint) ?? null;
}

/**
 * Routes a request. A statement with one controller (IN-Gent's general statement, its website
 * policy) goes to that controller, whatever was chosen: the others have no part in it, and the
 * reason says the choice was not followed. For a joint statement (the Central Registration
 * Tool) an explicit choice of any of its controllers wins; otherwise the postcode decides; failing
 * that, the contact point. The contact point is informed of every joint-statement request it does
 * not handle itself.
 *
 * @example
 *   const r = routeRequest({ statement: 'crt', postcode: '9000' });
 *   r.controller // 'ingent'
 *   r.informContactPoint // true
 *   r.explain('en') // 'Your postcode 9000 is in the city of Ghent: IN-Gent handles your request. AgII, ...'
 */
export function routeRequest(input: RoutingInput, source: RoutingFacts = facts): RoutingDecision {
  const statement = source.statements[input.statement];
  if (!statement) throw new RangeError(`Unknown statement "${input.statement}"`);
  const ids = statement.controllers;
  const chosen = input.chosen ?? null;
  let reason: RoutingReason;

  if (ids.length === 1) {
    const controller = ids[0]!;
    reason =
      chosen && chosen !== controller
        ? { code: 'choiceIgnored', statement: statement.id, chosen, controller }
        : { code: 'statementOwner', statement: statement.id, controller };
  } else if (chosen && ids.includes(chosen)) {
    reason = { code: 'explicitChoice', controller: chosen };
  } else {
    const contactPoint = findContactPoint(statement.id, source);
    if (!contactPoint) throw new Error(`content/facts: joint statement "${statement.id}" has no contact point`);
    const place = classifyPostcode(input.postcode, source.controllers);
    if (place.kind === 'inside' && ids.includes(place.controller)) {
      const region = source.controllers[place.controller]!.region;
      reason = { code: 'postcodeInArea', postcode: place.postcode, region, controller: place.controller };
    } else if (place.kind === 'inside' || place.kind === 'outside') {
      reason = { code: 'postcodeOutsideAreas', postcode: place.postcode, controller: contactPoint };
    } else if (place.kind === 'invalid') {
      reason = { code: 'invalidPostcode', given: place.given, controller: contactPoint };
    } else {
      reason = { code: 'noPostcode', controller: contactPoint };
    }
  }

  const controller = reason.controller;
  const contactPoint = ids.length > 1 ? findContactPoint(statement.id, source) : null;
  const informContactPoint = contactPoint !== null && controller !== contactPoint;
  const decision = { statement: statement.id, controller, informContactPoint, reason };
  return { ...decision, explain: (lang: Lang) => explainRouting(lang, decision, source) };
}
