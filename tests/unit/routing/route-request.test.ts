import { describe, expect, it } from 'vitest';
import { classifyPostcode } from '../../../api/routing/classify-postcode.ts';
import { routeRequest } from '../../../api/routing/route-request.ts';
import type { RoutingFacts } from '../../../api/routing/types.ts';
import { facts } from '../../../content/facts.ts';
import { CONTROLLER_IDS, STATEMENT_IDS } from '../../../content/schema.ts';

const controllers = Object.values(facts.controllers);
const listed = new Set(controllers.flatMap((c) => c.postcodes));
const contactPoint = controllers.find((c) => c.contactPoint)!.id;

describe('routing a Central Registration Tool request by postcode', () => {
  const cases = controllers.flatMap((c) => c.postcodes.map((p) => [p, c.id, c.region] as const));
  it('has postcodes for Antwerp, Brussels and Ghent in the facts', () => {
    expect(new Set(cases.map((c) => c[1]))).toEqual(new Set(['atlas', 'huis', 'ingent']));
    expect(cases.length).toBe(15 + 22 + 10);
  });

  it.each(cases)('postcode %s goes to %s, and the contact point is informed', (postcode, id, region) => {
    const r = routeRequest({ statement: 'crt', postcode });
    expect(r.controller).toBe(id);
    expect(r.informContactPoint).toBe(true);
    expect(r.reason).toEqual({ code: 'postcodeInArea', postcode, region, controller: id });
  });

  // Every neighbour of every listed postcode that is not itself listed: one each side of each range.
  const neighbours = [...new Set([...listed].flatMap((p) => [Number(p) - 1, Number(p) + 1]).map(String))]
    .filter((p) => !listed.has(p))
    .sort();
  it('checks the edges: 1019/1021, 1999/2001, 8999, 9001, 9053 and the rest', () => {
    for (const p of ['999', '1001', '1019', '1021', '1211', '1999', '2001', '2151', '2661', '8999', '9001', '9033', '9053']) {
      if (p !== '999') expect(neighbours).toContain(p);
    }
  });
  it.each(neighbours.filter((p) => p.length === 4))('neighbour postcode %s goes to the contact point', (postcode) => {
    const r = routeRequest({ statement: 'crt', postcode });
    expect(r.controller).toBe(contactPoint);
    expect(r.informContactPoint).toBe(false);
    expect(r.reason).toEqual({ code: 'postcodeOutsideAreas', postcode, controller: contactPoint });
  });

  it.each(['1047', '1048', '1049', '1110'])('institution postcode %s (not a residence) goes to the contact point', (postcode) => {
    expect(routeRequest({ statement: 'crt', postcode }).reason.code).toBe('postcodeOutsideAreas');
  });

  it.each([
    ['8500', 'Kortrijk'],
    ['3000', 'Leuven'],
    ['9999', 'highest possible'],
    ['1000', 'Brussels city'],
  ])('a valid Belgian postcode %s (%s) routes by the list', (postcode) => {
    const r = routeRequest({ statement: 'crt', postcode });
    expect(r.controller).toBe(listed.has(postcode) ? 'huis' : contactPoint);
  });

  it.each([
    [null, 'noPostcode'],
    [undefined, 'noPostcode'],
    ['', 'noPostcode'],
    ['   ', 'noPostcode'],
    ['75001', 'invalidPostcode'], // Paris
    ['1011 AB', 'invalidPostcode'], // Amsterdam
    ['SW1A 1AA', 'invalidPostcode'], // London
    ['0999', 'invalidPostcode'],
    ['999', 'invalidPostcode'],
    ['90000', 'invalidPostcode'],
    ['9 000', 'invalidPostcode'],
    ['gent', 'invalidPostcode'],
    ['9000; DROP TABLE', 'invalidPostcode'],
    ['NL-9000', 'invalidPostcode'],
  ] as const)('postcode %j goes to the contact point with reason %s', (postcode, code) => {
    const r = routeRequest({ statement: 'crt', postcode });
    expect(r.controller).toBe(contactPoint);
    expect(r.informContactPoint).toBe(false);
    expect(r.reason.code).toBe(code);
  });

  it.each(['9000', ' 9000 ', 'B-9000', 'b9000', 'BE-9000', 'BE 9000', '9000\n'])('reads %j as 9000', (postcode) => {
    expect(routeRequest({ statement: 'crt', postcode }).reason).toMatchObject({ code: 'postcodeInArea', postcode: '9000', controller: 'ingent' });
  });

  it('cuts long junk that it shows back', () => {
    const r = classifyPostcode('x'.repeat(500), facts.controllers);
    expect(r).toEqual({ kind: 'invalid', given: `${'x'.repeat(20)}…` });
  });
});

describe('explicit choice', () => {
  it.each(CONTROLLER_IDS)('a CRT requester who chooses %s gets %s, whatever the postcode', (chosen) => {
    for (const postcode of [null, '9000', '2000', '1000', '8500', 'junk']) {
      const r = routeRequest({ statement: 'crt', postcode, chosen });
      expect(r.controller).toBe(chosen);
      expect(r.reason).toEqual({ code: 'explicitChoice', controller: chosen });
      expect(r.informContactPoint).toBe(chosen !== contactPoint);
    }
  });

  it.each((['general', 'website'] as const).flatMap((statement) => CONTROLLER_IDS.map((chosen) => [statement, chosen] as const)))(
    'a %s request stays with IN-Gent when %s is chosen',
    (statement, chosen) => {
      const r = routeRequest({ statement, chosen, postcode: '2000' });
      expect(r.controller).toBe('ingent');
      expect(r.informContactPoint).toBe(false);
      expect(r.reason).toEqual(
        chosen === 'ingent'
          ? { code: 'statementOwner', statement, controller: 'ingent' }
          : { code: 'choiceIgnored', statement, chosen, controller: 'ingent' },
      );
    },
  );
});

describe('each statement', () => {
  it.each(STATEMENT_IDS)('%s routes to one of its own controllers (from content/facts)', (statement) => {
    const r = routeRequest({ statement });
    expect(facts.statements[statement]!.controllers).toContain(r.controller);
  });

  it('general and website go to IN-Gent without informing the contact point; CRT without postcode to AgII', () => {
    expect(routeRequest({ statement: 'general' })).toMatchObject({ controller: 'ingent', informContactPoint: false, reason: { code: 'statementOwner' } });
    expect(routeRequest({ statement: 'website', postcode: '8500' })).toMatchObject({ controller: 'ingent', informContactPoint: false });
    expect(routeRequest({ statement: 'crt' })).toMatchObject({ controller: 'agii', informContactPoint: false, reason: { code: 'noPostcode' } });
  });

  it('refuses an unknown statement', () => {
    expect(() => routeRequest({ statement: 'cookies' as 'crt' })).toThrow(/Unknown statement/);
  });
});

describe('facts drive routing (nothing hard-coded)', () => {
  it('follows changed facts: another contact point, another postcode list', () => {
    const changed: RoutingFacts = structuredClone({ controllers: facts.controllers, statements: facts.statements });
    changed.controllers.agii!.contactPoint = false;
    changed.controllers.huis!.contactPoint = true;
    changed.controllers.atlas!.postcodes = [...changed.controllers.atlas!.postcodes, '2900'];
    expect(routeRequest({ statement: 'crt', postcode: '2900' }, changed).controller).toBe('atlas');
    expect(routeRequest({ statement: 'crt', postcode: '8500' }, changed)).toMatchObject({ controller: 'huis', informContactPoint: false });
    expect(routeRequest({ statement: 'crt', postcode: '9000' }, changed)).toMatchObject({ controller: 'ingent', informContactPoint: true });
  });

  it('refuses facts that list one postcode for two controllers', () => {
    const broken: RoutingFacts = structuredClone({ controllers: facts.controllers, statements: facts.statements });
    broken.controllers.ingent!.postcodes = [...broken.controllers.ingent!.postcodes, '2000'];
    expect(() => routeRequest({ statement: 'crt', postcode: '9000' }, broken)).toThrow(/2000 is listed for both/);
  });

  it('lists no postcode twice in the real facts', () => {
    const all = controllers.flatMap((c) => c.postcodes);
    expect(new Set(all).size).toBe(all.length);
  });
});
