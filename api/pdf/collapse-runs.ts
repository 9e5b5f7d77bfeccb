/**
 * White space as a browser renders it, for text read out of HTML: runs of spaces and newlines
 * become one space, none at the edges of a block or around a line break.
 */
import type { Run } from './types.ts';

/**
 * A run as collected; `br` marks a <br>, which must survive whitespace collapsing, and `inPage`
 * text inside an in-page link (href="#…").
 */
export type RawRun = Run & { br?: true; inPage?: true };

// Browser white space (not U+00A0, which is content).
const WHITESPACE = /[ \t\n\r\f]+/g;

/**
 * Collapses white space like a browser and merges neighbouring runs of the same style.
 *
 * @example
 *   collapseRuns([{ text: '  Kongostraat ' }, { text: '\n', br: true }, { text: ' 42 ' }]);
 *   // [{ text: 'Kongostraat' }, { text: '\n' }, { text: '42' }]
 */
export function collapseRuns(raw: readonly RawRun[]): Run[] {
  const out: Run[] = [];
  let afterSpace = true;
  const trimEnd = () => {
    const last = out.at(-1);
    if (last && last.text !== '\n') last.text = last.text.replace(/ $/, '');
  };
  for (const run of raw) {
    if (run.br) {
      trimEnd();
      out.push({ text: '\n' });
      afterSpace = true;
      continue;
    }
    let text = run.text.replace(WHITESPACE, ' ');
    if (afterSpace) text = text.replace(/^ /, '');
    if (text === '') continue;
    afterSpace = text.endsWith(' ');
    const { br: _br, inPage: _inPage, ...style } = { ...run, text };
    const last = out.at(-1);
    if (last && last.text !== '\n' && last.bold === style.bold && last.italic === style.italic && last.href === style.href) last.text += text;
    else out.push(style);
  }
  trimEnd();
  return out.filter((r) => r.text !== '');
}
