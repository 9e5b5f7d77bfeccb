/**
 * pdf-lib compresses every stream with `pako.deflate` (pako 1.0.11), and pako sets up a fresh
 * deflate state per call: ~280 KB of zeroed typed arrays (window, hash chains, pending buffer,
 * trees, output). A receipt deflates ten small streams (50 KB in all), so most of the time went
 * into that set-up, ~0.25 ms per call, and the arrays, counted as external memory, pushed the
 * garbage collector into full collections.
 *
 * installPooledDeflate() makes pako.deflate take those arrays from a pool, zero-filled exactly as
 * fresh ones are, and give them back when the call returns. pako's own code runs unchanged on
 * arrays that are indistinguishable from new ones, so the compressed bytes are the same. A call
 * runs synchronously from start to end, and the result is a fresh array (pako copies its output
 * chunks into one), so no pooled array is ever used by two calls or seen by a caller.
 *
 * @example
 *   installPooledDeflate(); // once; renderPdf does it
 */
import { createRequire } from 'node:module';

type TypedArrayCtor = Uint8ArrayConstructor | Uint16ArrayConstructor;

interface PakoCommon {
  Buf8: TypedArrayCtor;
  Buf16: TypedArrayCtor;
}

interface Pako {
  deflate: ((input: Uint8Array, options?: unknown) => Uint8Array) & { pooled?: true };
}

/** pako as pdf-lib loads it: the same module instance, so the same `deflate` property. */
function loadPako(): { pako: Pako; common: PakoCommon } | null {
  try {
    const fromPdfLib = createRequire(createRequire(import.meta.url).resolve('pdf-lib'));
    const pako = fromPdfLib('pako') as Pako;
    const common = fromPdfLib('pako/lib/utils/common') as PakoCommon;
    if (typeof pako.deflate !== 'function' || common.Buf8 !== Uint8Array || common.Buf16 !== Uint16Array) return null;
    return { pako, common };
  } catch {
    return null;
  }
}

export function installPooledDeflate(): void {
  const loaded = loadPako();
  if (!loaded || loaded.pako.deflate.pooled) return;
  const { pako, common } = loaded;
  const deflate = pako.deflate;
  const free = new Map<string, (Uint8Array | Uint16Array)[]>();
  let lent: { key: string; array: Uint8Array | Uint16Array }[] | null = null;

  const pooled = (Ctor: TypedArrayCtor, tag: string) =>
    // Called with `new` by pako: returning an object makes that object the result.
    function (this: unknown, size: number) {
      const key = `${tag}:${size}`;
      const array = free.get(key)?.pop();
      if (array) array.fill(0);
      const out = array ?? new Ctor(size);
      lent!.push({ key, array: out });
      return out;
    } as unknown as TypedArrayCtor;
  const Buf8 = pooled(Uint8Array, '8');
  const Buf16 = pooled(Uint16Array, '16');

  const pooledDeflate = function (input: Uint8Array, options?: unknown): Uint8Array {
    // Not re-entrant by nature (synchronous), but be safe if it ever is.
    if (lent) return deflate(input, options);
    lent = [];
    common.Buf8 = Buf8;
    common.Buf16 = Buf16;
    try {
      return deflate(input, options);
    } finally {
      common.Buf8 = Uint8Array;
      common.Buf16 = Uint16Array;
      for (const { key, array } of lent) {
        const list = free.get(key) ?? [];
        // A few of each size: one deflate needs one window, one pending buffer, ...
        if (list.length < 4) list.push(array);
        free.set(key, list);
      }
      lent = null;
    }
  } as Pako['deflate'];
  pooledDeflate.pooled = true;
  pako.deflate = pooledDeflate;
}
