import { notoSansPaths } from '../pdf/fonts.ts';
import type { WatermarkStyle } from './render-watermark-tile.ts';

/**
 * The look of the safe-copy watermark: bold Noto Sans (bundled, with Cyrillic), dark red at half
 * opacity over a soft white halo, rising at 30 degrees. Dark red stands out on the pastel
 * background of ID cards without hiding the printed text; the halo keeps it legible on the photo.
 *
 * @example
 *   await prepareIdCopy(bytes, { ...fields, style: { ...defaultWatermarkStyle(), opacity: 0.6 } });
 */
export function defaultWatermarkStyle(): WatermarkStyle {
  return {
    fontFile: notoSansPaths().bold,
    fontName: 'Noto Sans Bold',
    fontPerMille: 36,
    angle: -30,
    opacity: 0.5,
    colour: '#a0102a',
    halo: '#ffffff',
  };
}
