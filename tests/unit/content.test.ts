// Content completeness: every statement and UI key in every language, placeholders that match,
// every fact a statement names exists.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { facts, factValue } from '../../content/facts.ts';
import { checkStrings, placeholders, strings, t } from '../../content/i18n.ts';
import { checkAllStatements, checkStatementSource } from '../../content/statement-check.ts';
import { LANGS } from '../../content/schema.ts';

const CONTENT = fileURLToPath(new URL('../../content', import.meta.url));

describe('statements', () => {
  it('exist in all five languages, with valid front matter and only facts that resolve', () => {
    expect(checkAllStatements(CONTENT)).toEqual([]);
  });

  it('the check itself catches a missing fact, an unknown component and raw HTML', () => {
    const bad = `---\nstatement: crt\nlang: en\ntitle: "T"\ndescription: "A description long enough to pass."\n---\n<F k="controllers.agii.nope" /> <Foo /> <div>x</div>\n`;
    const problems = checkStatementSource(bad, 'x.mdx');
    expect(problems.join('\n')).toMatch(/controllers\.agii\.nope/);
    expect(problems.join('\n')).toMatch(/<Foo> is not allowed/);
    expect(problems.join('\n')).toMatch(/<div> is not allowed/);
  });

  it('every translation carries each DPO e-mail and enterprise number of the CRT statement through facts', () => {
    for (const lang of LANGS) {
      const src = readFileSync(`${CONTENT}/statements/${lang}/crt.mdx`, 'utf8');
      for (const id of facts.statements.crt!.controllers) {
        expect(src, `${lang} names ${id}'s DPO`).toMatch(new RegExp(`<ControllerContact id="${id}"`));
        expect(src, `${lang} gives ${id}'s enterprise number`).toContain(`controllers.${id}.enterpriseNumber`);
      }
      for (const basis of ['gdpr-6-1-e', 'decree-2013-art17', 'bvr-2014', 'bvr-2015', 'bvr-2016', 'directive-2001-55', 'decision-2022-382', 'mb-2022-agii', 'mb-2022-antwerpen', 'mb-2022-gent', 'mb-2022-huis']) {
        expect(src, `${lang} cites ${basis}`).toContain(`"${basis}"`);
      }
      expect(src, `${lang} gives the version date`).toContain('statements.crt.versionDate');
      // Periods are facts too: 2 years, 3 years at most, 6 months, 1 month, 2 months.
      for (const n of ['2', '3', '6']) expect(src, `${lang} period ${n}`).toMatch(new RegExp(`\\b${n}\\b`));
    }
  });

  it('the general statement keeps IN-Gent\'s four-week promise and both complaint bodies in every language', () => {
    for (const lang of LANGS) {
      const src = readFileSync(`${CONTENT}/statements/${lang}/general.mdx`, 'utf8');
      expect(src).toMatch(/\b4\b/);
      expect(src).toContain('<ComplaintBodies ids="gba,vtc"');
      expect(src).toContain('<ControllerContact id="ingent" phone');
    }
  });
});

describe('UI strings', () => {
  it('have the same keys and placeholders in every language', () => {
    expect(checkStrings(strings)).toEqual([]);
    const keys = Object.keys(strings.nl).sort();
    for (const lang of LANGS) expect(Object.keys(strings[lang]).sort(), lang).toEqual(keys);
  });

  it('the check catches a missing key, an extra key and a changed placeholder', () => {
    const nl = { 'a.b': 'x {date}', 'a.c': 'y' };
    const problems = checkStrings({ nl, en: { 'a.b': 'x {dat}', 'a.d': 'z' }, fr: nl, uk: nl, ru: nl });
    expect(problems.join('\n')).toMatch(/en\.json: missing key "a\.c"/);
    expect(problems.join('\n')).toMatch(/en\.json: extra key "a\.d"/);
    expect(problems.join('\n')).toMatch(/en\.json: "a\.b" has placeholders \{dat\}/);
  });

  it('are translated: no non-Dutch language repeats the English text of a sentence', () => {
    const en = strings.en;
    for (const lang of ['fr', 'uk', 'ru'] as const) {
      const same = Object.keys(en).filter((k) => !k.startsWith('lang.') && en[k as keyof typeof en].split(' ').length > 2 && strings[lang][k as keyof typeof en] === en[k as keyof typeof en]);
      expect(same, `${lang} still in English`).toEqual([]);
    }
  });

  it('every translation of a legal page says the Dutch text prevails', () => {
    for (const lang of LANGS.filter((l) => l !== 'nl')) expect(t(lang, 'translation.notice').length).toBeGreaterThan(40);
    expect(placeholders('{a} {b} {a}')).toEqual(['a', 'b']);
  });
});

describe('facts', () => {
  it('resolve by dotted key and refuse a key that does not exist', () => {
    expect(factValue('controllers.ingent.dpoEmail')).toBe('gdpr@in-gent.be');
    expect(factValue('complaintBodies.gba.street')).toBe('Drukpersstraat 35');
    expect(() => factValue('controllers.ingent.nope')).toThrow(/does not exist/);
    expect(() => factValue('controllers.ingent')).toThrow(/not a single value/);
  });

  it('hold the source facts exactly', () => {
    const c = facts.controllers;
    expect([c.agii!.dpoEmail, c.atlas!.dpoEmail, c.huis!.dpoEmail, c.ingent!.dpoEmail]).toEqual([
      'dpo@integratie-inburgering.be', 'atlas.dpo@antwerpen.be', 'privacy@huisnederlandsbrussel.be', 'gdpr@in-gent.be',
    ]);
    expect([c.agii!.enterpriseNumber, c.ingent!.enterpriseNumber, c.atlas!.enterpriseNumber, c.huis!.enterpriseNumber]).toEqual([
      '0543.307.391', '0507.873.093', '0421.722.346', '0862.910.119',
    ]);
    expect(facts.statements.crt!.versionDate).toBe('2022-10-13');
    expect(facts.complaintBodies.gba!.email).toBe('contact@apd-gba.be');
  });
});
