/**
 * pdf-lib compresses every stream with `pako.deflate` (pako 1.0.11): zlib's deflate, ported to
 * JavaScript. After the fonts (share-font-programs.ts), compressing a receipt's page contents was
 * the largest single cost left in making one (~1 ms of ~6). installNativeDeflate() makes the
 * `pako.deflate` that pdf-lib loaded call Node's own zlib (node:zlib deflateSync, native code)
 * with the same parameters (level 6 unless pdf-lib asks otherwise, 32 kB window, zlib format):
 * the same kind of stream. A receipt took 5.9-6.3 ms of CPU with pako and 5.4-5.5 ms with this.
 *
 * The bytes are not pako's: Node's zlib (Chromium's) chooses matches its own way, and may choose
 * differently on processors with other instruction sets. So a PDF is the same bytes for the same
 * input on one machine, as the tests check, but not necessarily on another; nothing compares
 * PDFs across machines (a receipt's hash is taken from the file stored at intake).
 *
 * @example
 *   installNativeDeflate(); // once; renderPdf does it
 */
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

interface Pako {
  deflate: ((input: Uint8Array, options?: { level?: number }) => Uint8Array) & { native?: true };
}

/** pako as pdf-lib loads it: the same module instance, so the same `deflate` property. */
function loadPako(): Pako | null {
  try {
    const fromPdfLib = createRequire(createRequire(import.meta.url).resolve('pdf-lib'));
    const pako = fromPdfLib('pako') as Pako;
    return typeof pako.deflate === 'function' ? pako : null;
  } catch {
    return null;
  }
}

export function installNativeDeflate(): void {
  const pako = loadPako();
  if (!pako || pako.deflate.native) return;
  const native = ((input: Uint8Array, options?: { level?: number }) => deflateSync(input, { level: options?.level ?? 6 })) as Pako['deflate'];
  native.native = true;
  pako.deflate = native;
}
