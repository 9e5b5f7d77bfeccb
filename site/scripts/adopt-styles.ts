// The widgets bring their own small stylesheets as constructed style sheets: the page's CSP
// (style-src 'self') forbids <style> elements and style attributes, but not style sheets built
// by an allowed script. A widget stays self-contained: the page only loads the script.
const adopted = new Set<string>();

/**
 * Adds `css` to the document once per `key` (mounting a widget twice adds nothing).
 * Browsers without constructed style sheets (before Safari 16.4) show the widget unstyled but usable.
 *
 * @example
 *   adoptStyles('signature-pad', '.sp canvas { width: 100%; }');
 */
export function adoptStyles(key: string, css: string): void {
  if (adopted.has(key) || !('adoptedStyleSheets' in Document.prototype)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  adopted.add(key);
}
