/** The ID-copy pipeline: check an upload, strip it, watermark it, re-encode it. */
export { buildWatermarkLines, type WatermarkInput } from './build-watermark-lines.ts';
export { defaultWatermarkStyle } from './default-watermark-style.ts';
export { detectImageType, type DetectedType } from './detect-image-type.ts';
export { findImageEnd, MAX_JPEG_SCANS } from './find-image-end.ts';
export { JPEG_OPTIMISE_CODING, JPEG_QUALITY, MAX_BYTES, MAX_PIXELS } from './limits.ts';
export { prepareIdCopy, type PrepareIdCopyOptions, type PreparedIdCopy } from './prepare-id-copy.ts';
export { renderWatermarkTile, type WatermarkTile } from './render-watermark-tile.ts';
export { renderWatermarkStamp, stampWatermark, watermarkFontPx, type WatermarkStamp, type WatermarkStyle } from './watermark-stamp.ts';
export type { ImageRefusal, ImageRefusalCode, ImageType } from './types.ts';
export { prepareDocumentImage, type PreparedDocumentImage } from './prepare-document-image.ts';
