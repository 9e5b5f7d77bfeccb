/**
 * Reads a built statement page (dist/{lang}/{slug}/index.html) back into layout blocks, so the
 * PDF says exactly what the page says: same words, same facts, same order. The page contract
 * (see the site's statement layout): <html lang>, one <article class="statement"
 * data-statement data-version> with an h1, optional p.translation-notice and p.meta, a nav.toc,
 * a div.prose, a section.history and a p.pdf-link. Everything outside the article, the table
 * of contents, the PDF link itself, hidden text and "Back to top" style in-page links are left out.
 */
import { Parser } from 'htmlparser2';
import { collapseRuns, type RawRun } from './collapse-runs.ts';
import type { Block, ListBlock, Run } from './types.ts';

export interface StatementPage {
  /** The <html lang> of the page. */
  lang: string;
  /** data-statement of the article: general, website, crt. */
  statement: string;
  /** data-version of the article: the source's version date, or null when it has none. */
  version: string | null;
  /** The text of the h1. */
  title: string;
  blocks: Block[];
}

interface Capture {
  kind: 'heading' | 'paragraph' | 'address';
  runs: RawRun[];
  into: Block[];
  level?: 1 | 2 | 3;
  note?: boolean;
}

interface Open {
  name: string;
  skip: boolean;
  onClose?: () => void;
}

const SKIPPED_TAGS = new Set(['nav', 'script', 'style', 'template', 'noscript', 'svg', 'button', 'form', 'iframe', 'img']);
const SKIPPED_CLASSES = ['pdf-link', 'toc', 'sr-only', 'visually-hidden'];
// Elements that end a line of text in a browser; the text around them becomes separate paragraphs.
const BOUNDARIES = new Set(['div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'table', 'tr', 'hr', 'pre']);
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const classes = (attribs: Record<string, string>) => (attribs.class ?? '').split(/\s+/).filter(Boolean);

function resolveHref(href: string | undefined, baseUrl: string | undefined): string | undefined {
  if (!href || href.startsWith('#')) return undefined; // in-page anchors mean nothing on paper
  try {
    const url = baseUrl ? new URL(href, baseUrl) : new URL(href);
    return LINK_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parses a statement page into its title, identifiers and blocks. Throws when the page has no
 * statement article or no h1, so a changed page template fails the PDF build instead of
 * producing an empty PDF.
 *
 * @example
 *   const page = htmlToBlocks(readFileSync('dist/nl/in-gent/index.html', 'utf8'), { baseUrl: 'https://privacy.example.be/nl/in-gent/' });
 *   page.title; // 'Privacyverklaring IN-Gent'
 */
export function htmlToBlocks(html: string, options: { baseUrl?: string } = {}): StatementPage {
  const page: StatementPage = { lang: '', statement: '', version: null, title: '', blocks: [] };
  const stack: Open[] = [];
  const containers: Block[][] = [page.blocks];
  const lists: ListBlock[] = [];
  const style = { bold: 0, italic: 0, inPage: 0, href: [] as (string | undefined)[] };
  let inArticle = false;
  let capture: Capture | null = null;

  const finish = () => {
    if (!capture) return;
    const c = capture;
    capture = null;
    // A paragraph that is only an in-page link ("Back to top") is navigation, meaningless on paper.
    if (c.kind === 'paragraph' && c.runs.every((r) => r.inPage || r.text.trim() === '')) return;
    const runs = collapseRuns(c.runs);
    if (runs.length === 0) return;
    if (c.kind === 'heading') {
      const text = runs.map((r) => r.text).join('').replace(/\n/g, ' ');
      if (c.level === 1 && !page.title) page.title = text;
      c.into.push({ type: 'heading', level: c.level ?? 2, text });
    } else if (c.kind === 'address') {
      const lines: Run[][] = [[]];
      for (const r of runs) {
        if (r.text === '\n') lines.push([]);
        else lines.at(-1)!.push(r);
      }
      c.into.push({ type: 'address', lines });
    } else {
      c.into.push({ type: 'paragraph', runs, ...(c.note ? { variant: 'note' as const } : {}) });
    }
  };
  const begin = (kind: Capture['kind'], extra: Partial<Capture> = {}) => {
    finish();
    capture = { kind, runs: [], into: containers.at(-1)!, ...extra };
  };
  const skipping = () => !inArticle || stack.some((o) => o.skip);

  const parser = new Parser({
    onopentag(name, attribs) {
      const cls = classes(attribs);
      if (name === 'html' && attribs.lang) page.lang = attribs.lang;
      if (name === 'article' && cls.includes('statement')) {
        inArticle = true;
        page.statement = attribs['data-statement'] ?? '';
        page.version = attribs['data-version'] || null;
        stack.push({ name, skip: false, onClose: () => ((inArticle = false), finish()) });
        return;
      }
      const skip = SKIPPED_TAGS.has(name) || cls.some((c) => SKIPPED_CLASSES.includes(c)) || attribs['aria-hidden'] === 'true' || 'hidden' in attribs;
      const open: Open = { name, skip };
      stack.push(open);
      if (skipping()) return;

      if (/^h[1-6]$/.test(name)) {
        begin('heading', { level: Math.min(3, Number(name[1])) as 1 | 2 | 3 });
        open.onClose = finish;
      } else if (name === 'p') {
        begin('paragraph', { note: cls.includes('translation-notice') || cls.includes('meta') });
        open.onClose = finish;
      } else if (name === 'address') {
        begin('address');
        open.onClose = finish;
      } else if (name === 'ul' || name === 'ol') {
        finish();
        const start = Number(attribs.start);
        const list: ListBlock = { type: 'list', ordered: name === 'ol', items: [], ...(Number.isInteger(start) ? { start } : {}) };
        containers.at(-1)!.push(list);
        lists.push(list);
        open.onClose = () => (finish(), lists.pop());
      } else if (name === 'li' && lists.length > 0) {
        finish();
        const item = { blocks: [] as Block[] };
        lists.at(-1)!.items.push(item);
        containers.push(item.blocks);
        open.onClose = () => (finish(), containers.pop());
      } else if (name === 'br') {
        capture?.runs.push({ text: '\n', br: true });
      } else if (name === 'strong' || name === 'b') {
        style.bold++;
        open.onClose = () => style.bold--;
      } else if (name === 'em' || name === 'i' || name === 'cite') {
        style.italic++;
        open.onClose = () => style.italic--;
      } else if (name === 'a') {
        const inPage = attribs.href?.startsWith('#') ? 1 : 0;
        style.href.push(resolveHref(attribs.href, options.baseUrl));
        style.inPage += inPage;
        open.onClose = () => ((style.inPage -= inPage), style.href.pop());
      } else if (name === 'td' || name === 'th') {
        capture?.runs.push({ text: ' ' });
      } else if (BOUNDARIES.has(name)) {
        finish();
        open.onClose = finish;
      }
    },
    ontext(text) {
      if (skipping()) return;
      if (!capture) {
        if (text.trim() === '') return;
        begin('paragraph'); // loose text in a <li> or <div> reads as a paragraph
      }
      const href = style.href.findLast((h) => h !== undefined);
      capture!.runs.push({
        text,
        ...(style.bold ? { bold: true } : {}),
        ...(style.italic ? { italic: true } : {}),
        ...(href ? { href } : {}),
        ...(style.inPage ? { inPage: true as const } : {}),
      });
    },
    onclosetag(name) {
      // Pop to the matching element: htmlparser2 reports implied closes, so this stays balanced.
      const at = stack.findLastIndex((o) => o.name === name);
      if (at < 0) return;
      for (const open of stack.splice(at).reverse()) open.onClose?.();
    },
  });
  parser.end(html);

  if (!page.title) throw new Error('The page has no <article class="statement"> with an <h1>: the statement page template changed?');
  return page;
}
