/**
 * The input of the document layout: a flat, typed list of blocks. It says what the text is
 * (a heading, a paragraph, a list, an address), never where it goes; the layout decides that,
 * so statements and request receipts share one look.
 */

/** A stretch of text in one style. A "\n" inside `text` is a forced line break. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** An absolute URL (https:, mailto:): the text becomes a clickable link. */
  href?: string;
}

export interface HeadingBlock {
  type: 'heading';
  /** 1 is the document title; 2 and 3 are sections and subsections. */
  level: 1 | 2 | 3;
  text: string;
}

export interface ParagraphBlock {
  type: 'paragraph';
  runs: Run[];
  /** A note is set smaller and greyer: meta lines, translation notices. */
  variant?: 'body' | 'note';
}

export interface ListItem {
  /** Paragraphs, nested lists or addresses; the marker goes beside the first line. */
  blocks: Block[];
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  /** The number of the first item of an ordered list (default 1). */
  start?: number;
  items: ListItem[];
}

/** Lines that must break where the source breaks them: a postal address, a signature block. */
export interface AddressBlock {
  type: 'address';
  lines: Run[][];
}

/**
 * A PNG picture (a drawn signature), scaled to fit `maxWidth` x `maxHeight` points and the text
 * column, keeping its aspect ratio; it is set at the start of the column and never split.
 */
export interface ImageBlock {
  type: 'image';
  /** The PNG file bytes; transparency is kept. The same bytes twice are embedded once. */
  png: Uint8Array;
  maxWidth: number;
  maxHeight: number;
}

/**
 * A label and its value side by side, as on a form or a receipt: the label small and muted in a
 * narrow left column, the value in the body text beside it. The rows stay on one page together.
 */
export interface FieldBlock {
  type: 'field';
  label: string;
  /** The value; a "\n" inside a run is a forced line break. */
  runs: Run[];
  /**
   * 'large' sets the value bigger and bold: a reference or check code that is read out. 'small'
   * sets it smaller, for long codes that should stay on one line (a SHA-256 in hexadecimal).
   */
  variant?: 'body' | 'large' | 'small';
}

export type Block = HeadingBlock | ParagraphBlock | ListBlock | AddressBlock | ImageBlock | FieldBlock;

/** The four faces of the font family; a run picks one from its bold and italic flags. */
export type FontFace = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** Width in points of `text` set in `face` at `size` points. Injected so layout is testable without a PDF. */
export type MeasureText = (text: string, face: FontFace, size: number) => number;

export interface DocumentMetadata {
  title: string;
  /** A BCP 47 language tag (nl, en-GB, uk): written to the catalog /Lang for screen readers. */
  language: string;
  subject?: string;
  author?: string;
  creator?: string;
  producer?: string;
  keywords?: string[];
  creationDate: Date;
  modificationDate?: Date;
}

/** What the caller puts in every page footer. */
export interface FooterOptions {
  /** The page counter, e.g. (n, m) => `Page ${n} of ${m}`. */
  pageLabel: (page: number, pages: number) => string;
  /** An optional second footer text, e.g. the source URL; shortened with "…" if it does not fit. */
  line?: string;
}
