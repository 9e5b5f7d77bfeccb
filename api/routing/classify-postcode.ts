/**
 * What a requester's postcode says about who handles a Central Registration Tool request. The
 * lists are the controllers' `postcodes` in content/facts, approximate by nature (DOMAIN.md).
 */
import type { Controller, ControllerId } from '../../content/schema.ts';

export type PostcodeClass =
  | { kind: 'none' }
  | { kind: 'invalid'; given: string }
  | { kind: 'outside'; postcode: string }
  | { kind: 'inside'; postcode: string; controller: ControllerId };

/** Belgian postcodes are four digits, 1000-9999; people also write them "B-9000" or "BE 9000". */
const BELGIAN = /^(?:BE?[-\s]?)?([1-9]\d{3})$/i;
/** Long junk is cut in what is shown back to the requester. */
const MAX_SHOWN = 20;

const indexes = new WeakMap<Record<string, Controller>, Map<string, ControllerId>>();

function postcodeIndex(controllers: Record<string, Controller>): Map<string, ControllerId> {
  let index = indexes.get(controllers);
  if (!index) {
    index = new Map();
    for (const c of Object.values(controllers)) {
      for (const p of c.postcodes) {
        const other = index.get(p);
        // Two owners would make routing depend on file order: refuse the facts instead.
        if (other) throw new Error(`content/facts: postcode ${p} is listed for both ${other} and ${c.id}`);
        index.set(p, c.id);
      }
    }
    indexes.set(controllers, index);
  }
  return index;
}

/**
 * @example classifyPostcode('9000', facts.controllers) // { kind: 'inside', postcode: '9000', controller: 'ingent' }
 * @example classifyPostcode('75001', facts.controllers) // { kind: 'invalid', given: '75001' }
 * @example classifyPostcode('8500', facts.controllers) // { kind: 'outside', postcode: '8500' }
 */
export function classifyPostcode(raw: string | null | undefined, controllers: Record<string, Controller>): PostcodeClass {
  const given = (raw ?? '').trim();
  if (given === '') return { kind: 'none' };
  const match = BELGIAN.exec(given);
  if (!match) return { kind: 'invalid', given: given.length > MAX_SHOWN ? `${given.slice(0, MAX_SHOWN)}…` : given };
  const postcode = match[1]!;
  const controller = postcodeIndex(controllers).get(postcode);
  return controller ? { kind: 'inside', postcode, controller } : { kind: 'outside', postcode };
}
