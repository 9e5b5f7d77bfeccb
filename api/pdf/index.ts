/**
 * Document layout to PDF: statements and request receipts. Callers build a block
 * list and call renderPdf with the fonts from loadNotoSans and fixedFontkit(fontkit).
 */
export { loadNotoSans, notoSansPaths, type FontFiles } from './fonts.ts';
export { fixedFontkit } from './fontkit-fixes.ts';
export { renderPdf, type Fontkit, type RenderDeps, type RenderOptions, type RenderedPdf } from './render-pdf.ts';
export { readLanguage } from './read-language.ts';
export { A4_THEME, type Theme } from './theme.ts';
export { readPngSize } from './read-png-size.ts';
export type { Block, DocumentMetadata, FieldBlock, FooterOptions, ImageBlock, ListItem, Run } from './types.ts';
