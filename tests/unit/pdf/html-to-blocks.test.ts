import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collapseRuns } from '../../../api/pdf/collapse-runs.ts';
import { htmlToBlocks } from '../../../api/pdf/html-to-blocks.ts';
import type { Block } from '../../../api/pdf/types.ts';
import { blocksText } from '../../support/pdf-tools.ts';

const fixture = readFileSync(new URL('../../fixtures/statement-page.html', import.meta.url), 'utf8');
const BASE = 'https://privacy.example.be/uk/central-registration-tool/';
const page = htmlToBlocks(fixture, { baseUrl: BASE });
const p = (text: string): Block => ({ type: 'paragraph', runs: [{ text }] });

describe('htmlToBlocks (statement page contract)', () => {
  it('reads the page language, statement, version and title', () => {
    expect(page.lang).toBe('uk');
    expect(page.statement).toBe('crt');
    expect(page.version).toBe('2022-10-13');
    expect(page.title).toBe('Заява про захист персональних даних: Центральний реєстраційний інструмент');
    expect(page.blocks[0]).toEqual({ type: 'heading', level: 1, text: page.title });
  });

  it('leaves out everything outside the article, the table of contents, the PDF link, hidden and script text', () => {
    const text = blocksText(page.blocks);
    for (const absent of ['Skip to content', 'Головна', 'Contents', 'Download this statement', 'Footer', 'Screen reader only', 'never', '#1. Ваші права', 'Back to top']) {
      expect(text).not.toContain(absent);
    }
  });

  it('turns the translation notice and the meta line into notes, keeping the <br>', () => {
    expect(page.blocks[1]).toEqual({
      type: 'paragraph',
      variant: 'note',
      runs: [{ text: 'This is a translation. Only the Dutch text is official. ' }, { text: 'Read the Dutch text', href: 'https://privacy.example.be/nl/central-registration-tool/' }],
    });
    expect(page.blocks[2]).toEqual({
      type: 'paragraph',
      variant: 'note',
      runs: [{ text: 'Version of 13 жовтня 2022 р.' }, { text: '\n' }, { text: 'Responsible: Agentschap Integratie en Inburgering (AgII); Integratie en Inburgering Gent (IN-Gent)' }],
    });
  });

  it('collapses white space like a browser and keeps inline runs: bold, italic, cite, links, no-break spaces', () => {
    expect(page.blocks[3]).toEqual(p('Ця заява — спільна заява чотирьох організацій:'));
    expect(page.blocks[5]).toEqual({ type: 'heading', level: 2, text: '1. Ваші права' });
    expect(page.blocks[6]).toEqual({
      type: 'paragraph',
      runs: [
        { text: 'Ви маєте ' },
        { text: 'право на доступ', bold: true },
        { text: ' до даних і ' },
        { text: 'право на виправлення', italic: true },
        { text: ', згідно з ' },
        { text: 'Verordening (EU) 2016/679', italic: true },
        { text: '. Ґрунтовна інформація: ' },
        { text: 'https://www.integratie-inburgering.be/nl/privacy', href: 'https://www.integratie-inburgering.be/nl/privacy' },
        { text: '\u00A0— їхні й ваші права.' },
      ],
    });
    expect(page.blocks[7]).toEqual({ type: 'heading', level: 3, text: '1.1. Як подати запит' });
  });

  it('reads lists: items with several paragraphs, loose text, nested lists and <br>', () => {
    expect(page.blocks[4]).toEqual({ type: 'list', ordered: false, items: [{ blocks: [p('Agentschap Integratie en Inburgering (AgII)')] }, { blocks: [p('Integratie en Inburgering Gent vzw (далі — «IN-Gent»)')] }] });
    expect(page.blocks[8]).toEqual({
      type: 'list',
      ordered: true,
      items: [
        { blocks: [p('Напишіть нам.'), p('Додайте копію посвідчення особи.')] },
        {
          blocks: [
            p('Зачекайте на відповідь:'),
            {
              type: 'list',
              ordered: false,
              items: [{ blocks: [p('протягом одного місяця;')] }, { blocks: [{ type: 'paragraph', runs: [{ text: 'або трьох місяців' }, { text: '\n' }, { text: 'у складних випадках.' }] }] }],
            },
          ],
        },
      ],
    });
  });

  it('reads an address line by line, with the e-mail address as a mailto link', () => {
    expect(page.blocks[9]).toEqual({
      type: 'address',
      lines: [
        [{ text: 'Integratie en Inburgering Gent', bold: true }],
        [{ text: 't.a.v. de functionaris voor gegevensbescherming (DPO)' }],
        [{ text: 'Kongostraat 42' }],
        [{ text: '9000 Gent' }],
        [{ text: 'gdpr@in-gent.be', href: 'mailto:gdpr@in-gent.be' }],
      ],
    });
  });

  it('decodes entities and keeps the history section', () => {
    expect(page.blocks[10]).toEqual(p('Fish & chips, L\'école, «guillemets», Русский: объём.'));
    expect(page.blocks.slice(11)).toEqual([
      { type: 'heading', level: 2, text: 'Історія' },
      { type: 'list', ordered: false, items: [{ blocks: [p('13 жовтня 2022 р.: текст джерела')] }, { blocks: [p('29 листопада 2026 р.: опубліковано на цьому порталі')] }] },
    ]);
  });

  it('drops in-page anchors and links without a base, and fails on a page without a statement', () => {
    const html = '<html lang="en"><article class="statement" data-statement="website" data-version=""><h1>T</h1><p>See <a href="#x">here</a> <a href="/en/">home</a> <a href="javascript:alert(1)">x</a></p></article></html>';
    const parsed = htmlToBlocks(html);
    expect(parsed.version).toBeNull();
    expect(parsed.blocks[1]).toEqual(p('See here home x'));
    expect(() => htmlToBlocks('<html lang="en"><main><h1>Not a statement</h1></main></html>')).toThrow(/article class="statement"/);
  });

  it('collapseRuns: merges equal styles, trims around breaks and at the edges', () => {
    expect(collapseRuns([{ text: '  a ' }, { text: ' b', bold: true }, { text: ' ', bold: true }, { text: '\n', br: true }, { text: '  c  ' }])).toEqual([
      { text: 'a ' },
      { text: 'b', bold: true },
      { text: '\n' },
      { text: 'c' },
    ]);
  });
});
