import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeasureText } from '../../../api/pdf/types.ts';
import { wrapRuns, type WrappedLine } from '../../../api/pdf/wrap-runs.ts';

// Every character is half the font size wide: easy to reason about, like a monospace font.
const measure: MeasureText = (text, _face, size) => Array.from(text).length * size * 0.5;
const SIZE = 10; // 5 points a character
const text = (l: WrappedLine) => l.segments.map((s) => s.text).join('');
const wrap = (s: string, chars: number) => wrapRuns([{ text: s }], chars * 5, SIZE, measure).map(text);

describe('wrapRuns', () => {
  it('breaks at spaces into lines no wider than the column, keeping every word in order', () => {
    const lines = wrap('Wij verwerken uw persoonsgegevens alleen wanneer dat nodig is.', 20);
    expect(lines).toEqual(['Wij verwerken uw', 'persoonsgegevens', 'alleen wanneer dat', 'nodig is.']);
  });

  it('collapses white space and drops it at line edges', () => {
    expect(wrap('  een \t  twee   drie ', 40)).toEqual(['een twee drie']);
  });

  it('never breaks at a no-break space (French "article 6 :")', () => {
    expect(wrap('voir article\u00A06\u00A0: les droits', 12)).toEqual(['voir', 'article\u00A06\u00A0:', 'les droits']);
  });

  it('starts a new line at a forced break', () => {
    expect(wrap('Kongostraat 42\n9000 Gent', 40)).toEqual(['Kongostraat 42', '9000 Gent']);
  });

  it('keeps a word in two faces together and gives each segment its face and position', () => {
    const [line, ...rest] = wrapRuns([{ text: 'de ' }, { text: 'AVG', bold: true }, { text: ', en' }], 200, SIZE, measure);
    expect(rest).toEqual([]);
    expect(line!.segments).toEqual([
      { text: 'de ', face: 'regular', x: 0, width: 15 },
      { text: 'AVG', face: 'bold', x: 15, width: 15 },
      { text: ', en', face: 'regular', x: 30, width: 20 },
    ]);
    expect(wrap('x', 10)).toEqual(['x']);
  });

  it('cuts a URL longer than a line after a "/" or ".", never leaving a line ending in "-"', () => {
    const url = 'https://www.integratie-inburgering.be/nl/privacy-uitwisseling-van-persoonsgegevens-inburgering';
    const lines = wrap(`Zie ${url} voor meer.`, 30);
    expect(lines.join('').replace(/ /g, '')).toBe(`Zie${url}voormeer.`);
    for (const l of lines) {
      expect(l.length).toBeLessThanOrEqual(30);
      expect(l.endsWith('-')).toBe(false);
    }
    // The first part fills the line the URL starts on instead of leaving it short.
    expect(lines[0]!.startsWith('Zie https://')).toBe(true);
    // Each cut inside the URL is after a "/" or "." or before a "-".
    expect(lines).toEqual(['Zie https://www.integratie', '-inburgering.be/nl/privacy', '-uitwisseling-van', '-persoonsgegevens-inburgering', 'voor meer.']);
  });

  it('cuts a word of one unbreakable run anywhere, and never before a combining mark', () => {
    const word = 'e\u0301'.repeat(30); // 60 code points: é as e + combining acute
    const lines = wrap(word, 7);
    expect(lines.join('')).toBe(word);
    for (const l of lines) expect(/^\p{M}/u.test(l)).toBe(false);
  });

  it('does not start a line with a dash: the word before it comes along', () => {
    const lines = wrap('Персональні дані — це вся інформація про вас', 17);
    expect(lines.some((l) => /^[—–]/.test(l))).toBe(false);
    expect(lines.join(' ')).toBe('Персональні дані — це вся інформація про вас');
  });

  it('links: a run with an href keeps it on every segment', () => {
    const [line] = wrapRuns([{ text: 'mail ' }, { text: 'gdpr@in-gent.be', href: 'mailto:gdpr@in-gent.be' }], 500, SIZE, measure);
    expect(line!.segments.map((s) => s.href)).toEqual([undefined, 'mailto:gdpr@in-gent.be']);
  });

  it('property: lines fit, and joining them gives back the words in order', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'ë', 'ї', '/', '.', '-', '—'), minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.integer({ min: 3, max: 40 }), (words, chars) => {
        const lines = wrap(words.join(' '), chars);
        for (const l of lines) expect(Array.from(l).length).toBeLessThanOrEqual(chars);
        expect(lines.join('').replace(/ /g, '')).toBe(words.join(''));
      }),
    );
  });
});
