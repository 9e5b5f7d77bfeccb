// Opens the chosen photo as an ImageBitmap: upright (EXIF orientation applied), and no larger than
// needed, since a 50-megapixel phone photo would take 200 MB of memory as pixels.

/**
 * Decodes `file` upright and scales it down to at most `keepPixels` (aspect kept). The file itself
 * is not kept: only the bitmap, which the caller must close().
 *
 * @example
 *   const bitmap = await loadBitmap(input.files[0], 8_000_000);
 */
export async function loadBitmap(file: Blob, keepPixels: number): Promise<ImageBitmap> {
  const full = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const pixels = full.width * full.height;
  if (pixels <= keepPixels) return full;
  const scale = Math.sqrt(keepPixels / pixels);
  try {
    const small = await createImageBitmap(full, {
      resizeWidth: Math.max(1, Math.floor(full.width * scale)),
      resizeHeight: Math.max(1, Math.floor(full.height * scale)),
      resizeQuality: 'high',
    });
    full.close();
    return small;
  } catch {
    // A browser without resize options: keep the full size, which still works, only heavier.
    return full;
  }
}
