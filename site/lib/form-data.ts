/**
 * What the request form's script needs from content/, passed as data-attributes on the form (the
 * Content-Security-Policy allows no inline script): UI strings by prefix, and the routing facts
 * that say which controller will likely handle the request (for the ID copy's watermark).
 */
import { facts } from '../../content/facts.ts';
import { strings, type UiKey } from '../../content/i18n.ts';
import type { Lang } from '../../content/schema.ts';
import { controllerLabel } from '../../api/routing/explain-routing.ts';

/**
 * Every UI string whose key starts with `prefix`, keyed by the rest. With `nest`, dots in the rest
 * make nested objects (the redactor wants `templates: { eidFront, ... }`):
 * clientStrings('en', 'form.redactor.', { nest: true }) -> { choose, ..., templates: { eidFront, ... } }.
 */
export function clientStrings(lang: Lang, prefix: string, o: { nest?: boolean } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(strings[lang]) as UiKey[]) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const path = o.nest ? rest.split('.') : [rest];
    let node = out;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path.at(-1)!] = strings[lang][key];
  }
  return out;
}

export interface RoutingFactsForClient {
  /** Statement id -> its controllers. */
  statements: Record<string, string[]>;
  /** Postcode -> controller id. */
  postcodes: Record<string, string>;
  contactPoint: string;
  /** Controller id -> the name the watermark shows (as the API's watermark does). */
  names: Record<string, string>;
  /** Controller id -> the name a requester knows it by (as the routing texts say). */
  labels: Record<string, string>;
}

export function routingFacts(): RoutingFactsForClient {
  const controllers = Object.values(facts.controllers);
  return {
    statements: Object.fromEntries(Object.values(facts.statements).map((s) => [s.id, s.controllers])),
    postcodes: Object.fromEntries(controllers.flatMap((c) => c.postcodes.map((p) => [p, c.id]))),
    contactPoint: controllers.find((c) => c.contactPoint)!.id,
    names: Object.fromEntries(controllers.map((c) => [c.id, c.name])),
    labels: Object.fromEntries(controllers.map((c) => [c.id, controllerLabel(c)])),
  };
}
