/**
 * Frees a large buffer that nothing will read again now, instead of at V8's next full garbage
 * collection. A decoded 2-megapixel image is 6 MB that sharp allocates outside the JavaScript
 * heap and reports to V8; left to the collector, those megabytes pile up until V8 runs a full
 * (mark-compact) collection of the whole server heap, every six uploads or so, ~10 to 25 ms of
 * this thread each time plus the marking threads. Detaching the buffer (ArrayBuffer#transfer to
 * length 0) hands its memory back at once: sharp's own free runs and the report drops.
 *
 * Only a buffer that owns its whole ArrayBuffer is released: a view into a shared one (Node's
 * small-buffer pool) is left alone. Reading a released buffer afterwards finds it empty.
 *
 * @example
 *   const { data } = await sharp(upload).raw().toBuffer({ resolveWithObject: true });
 *   const jpeg = await sharp(data, { raw }).jpeg().toBuffer();
 *   releaseBuffer(data); // data.length === 0 from here on
 */
/** ES2024's ArrayBuffer (Node 22 and later), which the project's TypeScript library does not describe yet. */
type Detachable = ArrayBuffer & { readonly detached: boolean; transfer(length: number): ArrayBuffer };

export function releaseBuffer(view: Uint8Array | Uint16Array | Int32Array): void {
  const buffer = view.buffer as Detachable;
  if (!(buffer instanceof ArrayBuffer) || typeof buffer.transfer !== 'function' || buffer.detached) return;
  if (view.byteOffset !== 0 || view.byteLength !== buffer.byteLength) return;
  buffer.transfer(0);
}
