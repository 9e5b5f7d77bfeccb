/** The largest upload accepted, checked before anything is parsed: 10 MB (MiB, as browsers count). */
export const MAX_BYTES = 10 * 1024 * 1024;

/**
 * The most pixels accepted, read from the header before decoding: 40 megapixels is more than any
 * phone camera, and bounds the memory a decompression bomb can make the server allocate
 * (40 M x 4 bytes = 160 MB at most).
 */
export const MAX_PIXELS = 40_000_000;

/** JPEG quality of the stored copy: text on an ID card stays sharp, the file stays small. */
export const JPEG_QUALITY = 85;

/**
 * Huffman tables of the stored copy: the standard ones, not optimised per image. Optimising needs
 * a second pass over the whole image, ~5 ms of the ~11 ms a 2-megapixel encode takes, for a file
 * ~5 % smaller; the pixels are the same either way.
 */
export const JPEG_OPTIMISE_CODING = false;
