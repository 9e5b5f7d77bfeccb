import { describe, expect, it } from 'vitest';
import { controllerLabel, explainRoutingReason } from '../../../api/routing/explain-routing.ts';
import { routeRequest } from '../../../api/routing/route-request.ts';
import type { RoutingReason } from '../../../api/routing/types.ts';
import { facts } from '../../../content/facts.ts';
import { strings } from '../../../content/i18n.ts';
import { LANGS } from '../../../content/schema.ts';

/** One routing input per reason code (and per statement where the text differs). */
const inputs = {
  statementOwnerGeneral: { statement: 'general' },
  statementOwnerWebsite: { statement: 'website' },
  choiceIgnoredGeneral: { statement: 'general', chosen: 'huis' },
  choiceIgnoredWebsite: { statement: 'website', chosen: 'agii' },
  explicitChoice: { statement: 'crt', chosen: 'huis' },
  postcodeInAreaAntwerp: { statement: 'crt', postcode: '2000' },
  postcodeInAreaBrussels: { statement: 'crt', postcode: '1000' },
  postcodeInAreaGhent: { statement: 'crt', postcode: '9000' },
  postcodeOutsideAreas: { statement: 'crt', postcode: '8500' },
  noPostcode: { statement: 'crt' },
  invalidPostcode: { statement: 'crt', postcode: '75001' },
} as const;

describe('routing reasons in words', () => {
  it('covers every reason code', () => {
    const codes = new Set(Object.values(inputs).map((i) => routeRequest(i).reason.code));
    const all: RoutingReason['code'][] = ['statementOwner', 'choiceIgnored', 'explicitChoice', 'postcodeInArea', 'postcodeOutsideAreas', 'noPostcode', 'invalidPostcode'];
    expect([...codes].sort()).toEqual([...all].sort());
  });

  it.each(LANGS.flatMap((lang) => Object.entries(inputs).map(([name, input]) => [lang, name, input] as const)))(
    '%s: %s renders with no placeholder left',
    (lang, _name, input) => {
      const decision = routeRequest(input);
      const text = decision.explain(lang);
      expect(text).not.toMatch(/[{}]/);
      expect(text).toContain(controllerLabel(facts.controllers[decision.controller]!));
      if ('postcode' in input && decision.reason.code !== 'noPostcode') expect(text).toContain(input.postcode);
      // The contact-point sentence appears exactly when the contact point is informed.
      expect(text.split(/(?<=[.!?])\s/).length).toBe(decision.informContactPoint ? 2 : 1);
    },
  );

  it('says what the brief asks for, in English', () => {
    expect(routeRequest({ statement: 'crt', postcode: '9000' }).explain('en')).toBe(
      'Your postcode 9000 is in the city of Ghent: IN-Gent handles your request. AgII, the contact point for the Central Registration Tool, is informed of your request.',
    );
    expect(routeRequest({ statement: 'crt', postcode: '8500' }).explain('en')).toBe(
      'Your postcode 8500 is not in the city of Antwerp, the Brussels-Capital Region or the city of Ghent: AgII, the contact point, handles your request.',
    );
    expect(routeRequest({ statement: 'general', chosen: 'atlas' }).explain('en')).toBe(
      "You chose Atlas, but only IN-Gent is responsible for IN-Gent's privacy statement: IN-Gent handles your request.",
    );
  });

  it('distinguishes the three fallbacks in every language', () => {
    for (const lang of LANGS) {
      const texts = [{}, { postcode: 'abc' }, { postcode: '8500' }].map((p) => explainRoutingReason(lang, routeRequest({ statement: 'crt', ...p }).reason));
      expect(new Set(texts).size).toBe(3);
    }
  });

  it('uses a proper name, not "het Huis", inside sentences', () => {
    expect(controllerLabel(facts.controllers.huis!)).toBe('Huis van het Nederlands Brussel');
    expect(controllerLabel(facts.controllers.ingent!)).toBe('IN-Gent');
  });

  it('has real translations of every routing and deadline string (not copies of English)', () => {
    const keys = Object.keys(strings.nl).filter((k) => k.startsWith('routing.') || k.startsWith('deadline.'));
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) {
      for (const lang of ['fr', 'uk', 'ru'] as const) {
        expect(strings[lang][key as keyof typeof strings.nl], `${lang} ${key}`).not.toBe(strings.en[key as keyof typeof strings.en]);
      }
      expect(strings.nl[key as keyof typeof strings.nl]).not.toBe(strings.en[key as keyof typeof strings.en]);
    }
  });
});
