/**
 * Which controller will most likely handle the request, for the watermark on the ID copy made in
 * the browser: the same order of rules as api/routing/route-request.ts (a one-controller
 * statement, then an explicit choice, then the postcode, then the contact point). The API routes
 * for real and burns its own watermark too.
 */
export interface RoutingFacts {
  statements: Record<string, string[]>;
  postcodes: Record<string, string>;
  contactPoint: string;
  names: Record<string, string>;
  labels: Record<string, string>;
}

export function likelyController(f: RoutingFacts, statement: string, postcode: string, chosen: string): string {
  const ids = f.statements[statement];
  if (!ids) return chosen || f.contactPoint;
  if (ids.length === 1) return ids[0]!;
  if (chosen && ids.includes(chosen)) return chosen;
  const code = /^(?:BE?[-\s]?)?([1-9]\d{3})$/i.exec(postcode.trim())?.[1];
  const owner = code ? f.postcodes[code] : undefined;
  return owner && ids.includes(owner) ? owner : f.contactPoint;
}
