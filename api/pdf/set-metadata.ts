/**
 * Writes the document information dictionary and the catalog language. The language matters
 * beyond search: screen readers pick their voice from /Lang.
 */
import type { PDFDocument } from 'pdf-lib';
import type { DocumentMetadata } from './types.ts';

// BCP 47 in the shape we publish: a language subtag, then optional script/region/variant subtags.
const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/**
 * Sets title (shown in the viewer's title bar instead of the file name), language, dates and
 * the optional fields. Throws on a language that is not a BCP 47 tag.
 *
 * @example
 *   setMetadata(doc, { title: 'Privacyverklaring', language: 'nl', creationDate: clock.now() });
 */
export function setMetadata(doc: PDFDocument, meta: DocumentMetadata): void {
  if (!LANGUAGE_TAG.test(meta.language)) {
    throw new Error(`PDF language "${meta.language}" is not a BCP 47 tag such as nl, en-GB or uk`);
  }
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setLanguage(meta.language);
  if (meta.subject !== undefined) doc.setSubject(meta.subject);
  if (meta.author !== undefined) doc.setAuthor(meta.author);
  if (meta.keywords !== undefined) doc.setKeywords(meta.keywords);
  if (meta.creator !== undefined) doc.setCreator(meta.creator);
  if (meta.producer !== undefined) doc.setProducer(meta.producer);
  doc.setCreationDate(meta.creationDate);
  doc.setModificationDate(meta.modificationDate ?? meta.creationDate);
}
