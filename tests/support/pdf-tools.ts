/**
 * Real PDF tools for tests: poppler's pdftotext, pdfinfo and pdftoppm (Debian poppler-utils),
 * run on a temporary file, plus the shared render dependencies (fonts read once per test file).
 */
import fontkit from '@pdf-lib/fontkit';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedFontkit } from '../../api/pdf/fontkit-fixes.ts';
import { loadNotoSans } from '../../api/pdf/fonts.ts';
import type { RenderDeps } from '../../api/pdf/render-pdf.ts';
import type { Block } from '../../api/pdf/types.ts';

let dir: string | undefined;

/** Writes bytes to a temporary .pdf file (or passes a path through) for the poppler tools. */
function asFile(pdf: Uint8Array | string): string {
  if (typeof pdf === 'string') return pdf;
  dir ??= mkdtempSync(join(tmpdir(), 'pdf-test-'));
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** The text poppler extracts, in reading order; optionally of a page range only. */
export function pdftotext(pdf: Uint8Array | string, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...range, asFile(pdf), '-'], { encoding: 'utf8' });
}

/** The page count pdfinfo reports. */
export function pdfinfoPages(pdf: Uint8Array | string): number {
  const info = execFileSync('pdfinfo', [asFile(pdf)], { encoding: 'utf8' });
  const match = /^Pages:\s+(\d+)$/m.exec(info);
  if (!match) throw new Error(`pdfinfo printed no page count:\n${info}`);
  return Number(match[1]);
}

/** Page 1 rendered by poppler as a greyscale PGM image. */
export function renderFirstPage(pdf: Uint8Array | string, dpi = 40): Buffer {
  return execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', asFile(pdf)]);
}

let deps: Promise<RenderDeps> | undefined;

/** fontkit (with the subset fix) and the Noto Sans files, loaded once. */
export function renderDeps(): Promise<RenderDeps> {
  deps ??= loadNotoSans().then((fonts) => ({ fontkit: fixedFontkit(fontkit), fonts }));
  return deps;
}

// Extraction joins cut words without a space and may drop a hyphen at a line end: compare
// without white space and hyphens.
const squeeze = (s: string) => s.replace(/[\s\u00A0\-]+/g, '');

/**
 * The words of `source` that the extracted `pdfText` does not contain, in order of appearance
 * (empty when every word came through). A lost glyph mapping shows up here as a mangled word.
 */
export function missingWords(source: string, pdfText: string): string[] {
  const haystack = squeeze(pdfText);
  const missing: string[] = [];
  let from = 0;
  for (const word of source.split(/[\s\u00A0]+/).map(squeeze).filter(Boolean)) {
    const at = haystack.indexOf(word, from);
    if (at >= 0) from = at + word.length;
    else if (!haystack.includes(word)) missing.push(word);
  }
  return missing;
}

/** All text of a block list, in reading order, one block a line. */
export function blocksText(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      if (b.type === 'heading') return b.text;
      if (b.type === 'paragraph') return b.runs.map((r) => r.text).join('');
      if (b.type === 'address') return b.lines.map((l) => l.map((r) => r.text).join('')).join('\n');
      if (b.type === 'field') return `${b.label}\n${b.runs.map((r) => r.text).join('')}`;
      if (b.type === 'image') return '';
      return b.items.map((i) => blocksText(i.blocks)).join('\n');
    })
    .join('\n');
}
