/**
 * The safe-copy watermark as raw pixels: the text block rendered once (Pango, bundled font),
 * given its halo and opacity, rotated, and then blended straight into the decoded image at every
 * point of a lattice, so no PNG is encoded or decoded and no large buffer is blurred or composited
 * by libvips. The lattice is the one the tile used (renderWatermarkTile): copies of the text
 * continue each other along the text direction, with parallel lines at most 2.4 block heights
 * apart.
 *
 * @example
 *   const stamp = await renderWatermarkStamp(lines, width, height, defaultWatermarkStyle());
 *   stampWatermark(stamp, rgb, width, height, 3); // rgb: the raw sRGB pixels, changed in place
 */
import sharp from 'sharp';
import { releaseBuffer } from './release-buffer.ts';

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
  /** Text colour, and the halo that keeps it legible on dark areas such as the photo: #rrggbb. */
  colour: string;
  halo: string;
}

export interface WatermarkStamp {
  /**
   * One rotated copy of the text block, width x height, as runs of pixels with some alpha: row r
   * has the runs runRow[r] to runRow[r + 1] (one past), run j covers the columns runs[2j] to
   * runs[2j + 1] (one past) with its premultiplied RGBA, the opacity included, in `data` from
   * pixel runPixel[j] on. Everything else is transparent.
   */
  data: Uint8Array;
  runs: Int32Array;
  runRow: Int32Array;
  runPixel: Int32Array;
  width: number;
  height: number;
  /** The lattice: a copy every (cellW, -cellH) along the text, `rows` parallel lines per cell. */
  cellW: number;
  cellH: number;
  rows: number;
}

/** The pixel size of the text for an image of this size. */
export function watermarkFontPx(imageWidth: number, imageHeight: number, style: WatermarkStyle): number {
  return Math.max(10, Math.round((Math.min(imageWidth, imageHeight) * style.fontPerMille) / 1000));
}

/**
 * The text block for an image of the given size: the text in the colour over a blurred halo, at
 * the watermark's opacity, rotated by the style's angle, with the lattice it is repeated on.
 */
export async function renderWatermarkStamp(lines: readonly string[], imageWidth: number, imageHeight: number, style: WatermarkStyle): Promise<WatermarkStamp> {
  const fontPx = watermarkFontPx(imageWidth, imageHeight, style);
  // The coverage of the text, one channel: the fill's alpha. Blurred, it is the halo's.
  const text = await sharp({
    text: {
      text: lines.map(escapeMarkup).join('\n'),
      fontfile: style.fontFile,
      font: `${style.fontName} 12`,
      // Pango sizes are points: 12 pt at 6 x fontPx dpi is fontPx pixels.
      dpi: fontPx * 6,
      align: 'left',
    },
  })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pad = Math.ceil(fontPx / 4);
  const w = text.info.width + 2 * pad;
  const h = text.info.height + 2 * pad;
  const fill = Buffer.alloc(w * h);
  for (let y = 0; y < text.info.height; y++) {
    const from = y * text.info.width * text.info.channels;
    if (text.info.channels === 1) text.data.copy(fill, (y + pad) * w + pad, from, from + text.info.width);
    else for (let x = 0; x < text.info.width; x++) fill[(y + pad) * w + pad + x] = text.data[from + x * text.info.channels]!;
  }
  const blurred = await sharp(fill, { raw: { width: w, height: h, channels: 1 } })
    .blur(Math.max(0.8, fontPx / 12))
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (blurred.info.channels !== 1 || blurred.info.width !== w || blurred.info.height !== h) throw new Error('The watermark halo came back in an unexpected shape.');
  const halo = blurred.data;

  const radians = (Math.abs(style.angle) * Math.PI) / 180;
  const period = w + 2 * fontPx; // along the text: one text and a gap of two text heights
  const cellW = Math.max(1, Math.round(period * Math.cos(radians)));
  const cellH = Math.max(1, Math.round(period * Math.sin(radians)));
  // Lines through (k * cellW / rows, 0) are parallel, cellW * sin(angle) / rows apart: at most
  // 2.4 text blocks, dense enough that no area the size of a card field is left unmarked.
  const rows = Math.max(1, Math.ceil((cellW * Math.sin(radians)) / (h * 2.4)));
  const rotated = rotate(fill, halo, w, h, style);
  // Freed now rather than at the next full collection (release-buffer.ts says why).
  for (const done of [text.data, fill, halo]) releaseBuffer(done);
  return { ...rotated, cellW, cellH, rows };
}

/** #rrggbb or #rgb. */
function parseColour(colour: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim())?.[1];
  if (!hex) throw new RangeError(`The watermark colours must be #rrggbb or #rgb; got "${colour}".`);
  const full = hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex;
  return [parseInt(full.slice(0, 2), 16), parseInt(full.slice(2, 4), 16), parseInt(full.slice(4, 6), 16)];
}

/**
 * Scratch memory for rotate(), kept between calls: it runs start to end without yielding, and
 * allocating (and collecting) megabytes per upload adds to the garbage collector's work: a fresh
 * multi-megabyte array is memory outside the heap that V8 answers with a full collection every
 * few uploads. Up to RETAIN_BYTES each is kept: the source of a block up to ~12-megapixel images;
 * the pixels buffer starts at most that large and grows (with memory of its own) in the rare
 * case that the block's visible pixels need more (they are ~7 % of the estimate).
 */
const RETAIN_BYTES = 8 * 1024 * 1024;
const scratch = (() => {
  let source = new Uint16Array(0);
  let pixels = new Uint8Array(0);
  return {
    /** Zeroed. */
    source(n: number): Uint16Array {
      if (n * 2 > RETAIN_BYTES) return new Uint16Array(n);
      if (source.length < n) source = new Uint16Array(n);
      else source.fill(0, 0, n);
      return source.subarray(0, n);
    },
    /** min(n, RETAIN_BYTES) bytes or more, not zeroed: only what is written is read. */
    pixels(n: number): Uint8Array {
      const size = Math.min(n, RETAIN_BYTES);
      if (pixels.length < size) pixels = new Uint8Array(size);
      return pixels.subarray(0, size);
    },
  };
})();

/**
 * Rotates the block by the style's angle (clockwise in image coordinates, as sharp's rotate),
 * sampling fill and halo bilinearly, and composes fill over halo at the style's opacity.
 */
function rotate(fill: Uint8Array, halo: Uint8Array, w: number, h: number, style: WatermarkStyle): Pick<WatermarkStamp, 'data' | 'runs' | 'runRow' | 'runPixel' | 'width' | 'height'> {
  const [cr, cg, cb] = parseColour(style.colour);
  const [hr, hg, hb] = parseColour(style.halo);
  const opacity = Math.min(1, Math.max(0, style.opacity));
  const rad = (style.angle * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const width = Math.ceil(w * Math.abs(cos) + h * Math.abs(sin));
  const height = Math.ceil(w * Math.abs(sin) + h * Math.abs(cos));
  // Fill (high byte) and halo (low byte) of each source pixel, with a border of one transparent
  // pixel so every bilinear tap is inside. The halo is the blurred text at 2.5 times its alpha,
  // as strong as the text where the text is thick.
  const pw = w + 2;
  const src = scratch.source(pw * (h + 2));
  for (let y = 0; y < h; y++) {
    for (let x = 0, i = y * w, o = (y + 1) * pw + 1; x < w; x++, i++, o++) src[o] = (fill[i]! << 8) | Math.min(255, Math.round(halo[i]! * 2.5));
  }

  // Pixels of the rotated block, row by row, as runs of non-transparent ones.
  const rowPixels = new Uint8Array(width * 4);
  // At most every pixel of the rotated rectangle: about w * h, plus its slanted edges.
  let data = scratch.pixels((w + 2) * (h + 2) * 4 + width * 16);
  let used = 0;
  const runs: number[] = [];
  const runPixel: number[] = [];
  const runRow = new Int32Array(height + 1);
  const k = opacity / 255;
  const u0 = 0.5 - width / 2;
  for (let dy = 0; dy < height; dy++) {
    const v = dy + 0.5 - height / 2;
    // The inverse rotation, in the bordered source's pixel coordinates: linear in dx along a row.
    const sx0 = u0 * cos + v * sin + w / 2 + 0.5;
    const sy0 = -u0 * sin + v * cos + h / 2 + 0.5;
    // Only the columns whose source point lies inside the bordered source: a rotated rectangle.
    const [xa, xb] = columnsWithin(sx0, cos, w + 1, width);
    const [ya, yb] = columnsWithin(sy0, -sin, h + 1, width);
    const from = Math.max(xa, ya);
    const to = Math.min(xb, yb);
    let runStart = -1;
    for (let dx = from; dx <= to; dx++) {
      let alpha = 0;
      if (dx < to) {
        const sx = sx0 + dx * cos;
        const sy = sy0 - dx * sin;
        if (sx >= 0 && sy >= 0 && sx < w + 1 && sy < h + 1) {
          const x0 = Math.floor(sx);
          const y0 = Math.floor(sy);
          const i = y0 * pw + x0;
          const p00 = src[i]!;
          const p10 = src[i + 1]!;
          const p01 = src[i + pw]!;
          const p11 = src[i + pw + 1]!;
          if ((p00 | p10 | p01 | p11) !== 0) {
            const fx = sx - x0;
            const fy = sy - y0;
            const w00 = (1 - fx) * (1 - fy);
            const w10 = fx * (1 - fy);
            const w01 = (1 - fx) * fy;
            const w11 = fx * fy;
            const a = ((p00 >> 8) * w00 + (p10 >> 8) * w10 + (p01 >> 8) * w01 + (p11 >> 8) * w11) / 255;
            const b = (p00 & 255) * w00 + (p10 & 255) * w10 + (p01 & 255) * w01 + (p11 & 255) * w11;
            // Fill over halo, premultiplied, at the opacity (a in 0-1, the halo's share in 0-255).
            const under = b * (1 - a);
            const fa = a * opacity;
            const ha = under * k;
            alpha = ((fa + ha) * 255 + 0.5) | 0;
            if (alpha > 0) {
              const o = dx * 4;
              rowPixels[o] = fa * cr + ha * hr + 0.5;
              rowPixels[o + 1] = fa * cg + ha * hg + 0.5;
              rowPixels[o + 2] = fa * cb + ha * hb + 0.5;
              rowPixels[o + 3] = alpha;
            }
          }
        }
      }
      if (alpha > 0 && runStart < 0) runStart = dx;
      if (alpha === 0 && runStart >= 0) {
        runs.push(runStart, dx);
        runPixel.push(used / 4);
        const bytes = (dx - runStart) * 4;
        if (used + bytes > data.length) {
          const grown = new Uint8Array(Math.max(data.length * 2, used + bytes));
          grown.set(data.subarray(0, used));
          data = grown;
        }
        data.set(rowPixels.subarray(runStart * 4, dx * 4), used);
        used += bytes;
        runStart = -1;
      }
    }
    runRow[dy + 1] = runs.length / 2;
  }
  return { data: data.slice(0, used), runs: Int32Array.from(runs), runRow, runPixel: Int32Array.from(runPixel), width, height };
}

/** The range [from, to) of dx in [0, n) where 0 <= start + dx * step < limit (one column of slack each side). */
function columnsWithin(start: number, step: number, limit: number, n: number): [number, number] {
  if (Math.abs(step) < 1e-12) return start >= 0 && start < limit ? [0, n] : [0, 0];
  const a = (0 - start) / step;
  const b = (limit - start) / step;
  const from = Math.max(0, Math.floor(Math.min(a, b)) - 1);
  const to = Math.min(n, Math.ceil(Math.max(a, b)) + 1);
  return from < to ? [from, to] : [0, 0];
}

/**
 * Blends the stamp, on its lattice, over raw pixels in place. With 3 channels the pixels are
 * opaque sRGB (the image); with 4 they are premultiplied RGBA (a tile being built).
 */
export function stampWatermark(stamp: WatermarkStamp, pixels: Uint8Array, width: number, height: number, channels: 3 | 4): void {
  const { cellW, cellH, rows, width: rw, height: rh } = stamp;
  for (let k = 0; k < rows; k++) {
    for (let p = -Math.ceil(rw / cellW) - 1; p * cellW <= width + rw; p++) {
      for (let q = -Math.ceil(rh / cellH) - 1; q * cellH <= height + rh; q++) {
        const left = Math.round(p * cellW + (k * cellW) / rows - rw / 2);
        const top = q * cellH - Math.round(rh / 2);
        if (left + rw <= 0 || top + rh <= 0 || left >= width || top >= height) continue;
        blendAt(stamp, pixels, width, height, channels, left, top);
      }
    }
  }
}

/** DIV[(255 - a) << 8 | v] = v * (255 - a) / 255, rounded: what is left of a pixel value under alpha a. */
const DIV = new Uint8Array(256 * 256);
for (let inv = 0; inv < 256; inv++) {
  for (let v = 0; v < 256; v++) {
    const t = v * inv + 128;
    DIV[(inv << 8) | v] = (t + (t >> 8)) >> 8;
  }
}

function blendAt(stamp: WatermarkStamp, px: Uint8Array, width: number, height: number, channels: 3 | 4, left: number, top: number): void {
  const { data, runs, runRow, runPixel, height: rh } = stamp;
  const y0 = Math.max(0, top);
  const y1 = Math.min(height, top + rh);
  for (let y = y0; y < y1; y++) {
    const r = y - top;
    for (let j = runRow[r]!, end = runRow[r + 1]!; j < end; j++) {
      const start = left + runs[2 * j]!;
      const x0 = Math.max(0, start);
      const x1 = Math.min(width, left + runs[2 * j + 1]!);
      let s = (runPixel[j]! + x0 - start) * 4;
      let d = (y * width + x0) * channels;
      // dst * (255 - a) / 255 plus the premultiplied colour (at most a): never above 255.
      if (channels === 3) {
        for (let x = x0; x < x1; x++, s += 4, d += 3) {
          const row = (255 - data[s + 3]!) << 8;
          px[d] = DIV[row | px[d]!]! + data[s]!;
          px[d + 1] = DIV[row | px[d + 1]!]! + data[s + 1]!;
          px[d + 2] = DIV[row | px[d + 2]!]! + data[s + 2]!;
        }
      } else {
        for (let x = x0; x < x1; x++, s += 4, d += 4) {
          const row = (255 - data[s + 3]!) << 8;
          px[d] = DIV[row | px[d]!]! + data[s]!;
          px[d + 1] = DIV[row | px[d + 1]!]! + data[s + 1]!;
          px[d + 2] = DIV[row | px[d + 2]!]! + data[s + 2]!;
          px[d + 3] = DIV[row | px[d + 3]!]! + data[s + 3]!;
        }
      }
    }
  }
}

/** The text is Pango markup: a controller name or reference with & or < must stay text. */
function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
