/** The stored form of a routing decision: plain data with the receipt time and an empty history. */
import type { RoutingDecision, RoutingRecord } from './types.ts';

/**
 * @example createRoutingRecord(routeRequest({ statement: 'general' }), clock.now()).transfers // []
 */
export function createRoutingRecord(decision: RoutingDecision, receivedAt: number): RoutingRecord {
  const { statement, controller, informContactPoint, reason } = decision;
  return { statement, controller, informContactPoint, receivedAt, reason, transfers: [] };
}
