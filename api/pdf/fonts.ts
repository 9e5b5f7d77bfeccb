/**
 * The embedded font: Noto Sans (SIL Open Font License), which covers Latin with every Dutch and
 * French accent, and Cyrillic for Ukrainian (і ї є ґ) and Russian. The files are read once per
 * process and shared by every document.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FontFace } from './types.ts';

export type FontFiles = Record<FontFace, Uint8Array>;

const FILES: Record<FontFace, string> = {
  regular: '400Regular/NotoSans_400Regular.ttf',
  bold: '700Bold/NotoSans_700Bold.ttf',
  italic: '400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/NotoSans_700Bold_Italic.ttf',
};

let resolved: Record<FontFace, string> | undefined;

/** Absolute paths of the four Noto Sans faces in node_modules (resolved once: the watermark asks on every upload). */
export function notoSansPaths(): Record<FontFace, string> {
  if (!resolved) {
    const require = createRequire(import.meta.url);
    const entries = Object.entries(FILES).map(([face, file]) => [face, require.resolve(`@expo-google-fonts/noto-sans/${file}`)]);
    resolved = Object.fromEntries(entries) as Record<FontFace, string>;
  }
  return { ...resolved };
}

/**
 * Reads the four Noto Sans faces.
 *
 * @example
 *   const fonts = await loadNotoSans();
 *   await renderPdf(blocks, options, { fontkit, fonts });
 */
export async function loadNotoSans(read: (path: string) => Promise<Uint8Array> = readFile): Promise<FontFiles> {
  const paths = notoSansPaths();
  const [regular, bold, italic, boldItalic] = await Promise.all([paths.regular, paths.bold, paths.italic, paths.boldItalic].map((p) => read(p)));
  return { regular: regular!, bold: bold!, italic: italic!, boldItalic: boldItalic! };
}
