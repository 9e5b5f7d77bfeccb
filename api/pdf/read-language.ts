/**
 * Reads the catalog /Lang back: pdf-lib can set it but has no getter. Used by tests and checks.
 */
import { PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';

/**
 * The document language, or undefined when the catalog has none.
 *
 * @example readLanguage(await PDFDocument.load(bytes)) // 'uk'
 */
export function readLanguage(doc: PDFDocument): string | undefined {
  const lang = doc.catalog.lookup(PDFName.of('Lang'));
  if (lang instanceof PDFString || lang instanceof PDFHexString) return lang.decodeText();
  return undefined;
}
