import sharp, { type OverlayOptions } from 'sharp';

export interface WatermarkStyle {
  /** The TTF to render with: bundled, so the result does not depend on the machine's fonts. */
  fontFile: string;
  /** Pango font description matching the file, without size. */
  fontName: string;
  /** Text height in pixels per 1000 pixels of the image's shorter side. */
  fontPerMille: number;
  /** Degrees, negative = rising to the right. */
  angle: number;
  /** Opacity of the whole watermark, 0-1: legible, but the card stays readable beneath. */
  opacity: number;
  /** Text colour, and the halo that keeps it legible on dark areas such as the photo. */
  colour: string;
  halo: string;
}

export interface WatermarkTile {
  /** RGBA PNG, periodic: laid edge to edge it forms continuous diagonal lines of text. */
  png: Buffer;
  width: number;
  height: number;
}

const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 };

/**
 * A watermark tile for an image of the given size, to composite with `tile: true`. The text block
 * is rendered with sharp's text input (Pango), rotated, and placed on a lattice whose translation
 * (W, -H) follows the text direction (H/W = tan angle), so copies of the text continue each other
 * across tile edges; `rows` parallel lines per tile keep at most 2.4 block heights between lines.
 * Copies that cross a tile edge are drawn from the neighbouring cells too, so the tile is seamless.
 *
 * @example
 *   const tile = await renderWatermarkTile(['KOPIE · IN-Gent', 'privacyverzoek · PV-1 · 1 maart 2025'], 1011, 638, style);
 *   sharp(card).composite([{ input: tile.png, tile: true }])
 */
export async function renderWatermarkTile(lines: readonly string[], imageWidth: number, imageHeight: number, style: WatermarkStyle): Promise<WatermarkTile> {
  const fontPx = Math.max(10, Math.round((Math.min(imageWidth, imageHeight) * style.fontPerMille) / 1000));
  const block = await renderTextBlock(lines, fontPx, style);
  const rotated = await sharp(block.png).rotate(style.angle, { background: TRANSPARENT }).png().toBuffer({ resolveWithObject: true });
  const rw = rotated.info.width;
  const rh = rotated.info.height;

  const radians = (Math.abs(style.angle) * Math.PI) / 180;
  const period = block.width + 2 * fontPx; // along the text: one text and a gap of two text heights
  const cellW = Math.max(1, Math.round(period * Math.cos(radians)));
  const cellH = Math.max(1, Math.round(period * Math.sin(radians)));
  // Lines through (k * cellW / rows, 0) are parallel, cellW * sin(angle) / rows apart: at most
  // 2.4 text blocks, dense enough that no area the size of a card field is left unmarked.
  const rows = Math.max(1, Math.ceil((cellW * Math.sin(radians)) / (block.height * 2.4)));
  // Sharp composites only overlays no larger than the base: the tile spans whole cells around one copy.
  const tileW = cellW * Math.ceil(rw / cellW);
  const tileH = cellH * Math.ceil(rh / cellH);

  const overlays: OverlayOptions[] = [];
  for (let k = 0; k < rows; k++) {
    for (let p = -Math.ceil(rw / cellW) - 1; p * cellW <= tileW + rw; p++) {
      for (let q = -Math.ceil(rh / cellH) - 1; q * cellH <= tileH + rh; q++) {
        const left = Math.round(p * cellW + (k * cellW) / rows - rw / 2);
        const top = q * cellH - Math.round(rh / 2);
        if (left + rw <= 0 || top + rh <= 0 || left >= tileW || top >= tileH) continue;
        overlays.push({ input: rotated.data, left, top });
      }
    }
  }
  const tile = await sharp({ create: { width: tileW, height: tileH, channels: 4, background: TRANSPARENT } })
    .composite(overlays)
    .png({ compressionLevel: 1 })
    .toBuffer();
  // Smaller than one tile: a crop of it covers the image just as well.
  const width = Math.min(tileW, imageWidth);
  const height = Math.min(tileH, imageHeight);
  const png = width === tileW && height === tileH ? tile : await sharp(tile).extract({ left: 0, top: 0, width, height }).png({ compressionLevel: 1 }).toBuffer();
  return { png, width, height };
}

/** The text in the colour, over a blurred halo, at the watermark's opacity, with room for the halo. */
async function renderTextBlock(lines: readonly string[], fontPx: number, style: WatermarkStyle): Promise<{ png: Buffer; width: number; height: number }> {
  const text = (colour: string) =>
    sharp({
      text: {
        text: `<span foreground="${colour}">${lines.map(escapeMarkup).join('\n')}</span>`,
        fontfile: style.fontFile,
        font: `${style.fontName} 12`,
        // Pango sizes are points: 12 pt at 6 x fontPx dpi is fontPx pixels.
        dpi: fontPx * 6,
        rgba: true,
        align: 'left',
      },
    });
  const pad = Math.ceil(fontPx / 4);
  const extend = { top: pad, bottom: pad, left: pad, right: pad, background: TRANSPARENT };
  // One step per buffer: sharp orders the operations of a pipeline itself (blur before extend,
  // linear before composite), and here the order matters.
  const fill = await sharp(await text(style.colour).png().toBuffer()).extend(extend).png().toBuffer({ resolveWithObject: true });
  const haloText = await sharp(await text(style.halo).png().toBuffer()).extend(extend).png().toBuffer();
  const halo = await sharp(await sharp(haloText).blur(Math.max(0.8, fontPx / 12)).png().toBuffer()).linear([1, 1, 1, 2.5], [0, 0, 0, 0]).png().toBuffer();
  const stacked = await sharp(halo).composite([{ input: fill.data }]).png().toBuffer();
  const png = await sharp(stacked).linear([1, 1, 1, style.opacity], [0, 0, 0, 0]).png().toBuffer();
  return { png, width: fill.info.width, height: fill.info.height };
}

/** The text is Pango markup: a controller name or reference with & or < must stay text. */
function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
