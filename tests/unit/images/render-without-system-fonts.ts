/**
 * Run by watermark.test.ts in a child process whose fontconfig knows no fonts at all (as on a
 * bare CI machine or container), to show the watermark needs only the bundled Noto Sans.
 * Usage: node --import tsx render-without-system-fonts.ts <input.jpg> <output.jpg>
 * Prints JSON: how far Cyrillic look-alike letters and unknown code points (drawn as boxes) are
 * from the Latin letters, in mean alpha difference per pixel.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { defaultWatermarkStyle, prepareIdCopy, renderWatermarkTile } from '../../../api/images/index.ts';

const [input, output] = process.argv.slice(2) as [string, string];
const style = defaultWatermarkStyle();

async function alpha(text: string): Promise<Buffer> {
  const { png } = await renderWatermarkTile([text], 3000, 3000, style);
  return sharp(png).extractChannel(3).resize(400, 400, { fit: 'fill' }).raw().toBuffer();
}

function distance(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

const r = await prepareIdCopy(readFileSync(input), { lang: 'uk', controllerName: 'Integratie en Inburgering Gent', reference: 'PV-2025-7K3Q', date: '2025-03-14' });
if (!r.ok) throw new Error(r.refusal.detail);
writeFileSync(output, r.jpeg);
const latin = await alpha('ABCEHKMOPTX');
console.log(JSON.stringify({ cyrillic: distance(latin, await alpha('АВСЕНКМОРТХ')), boxes: distance(latin, await alpha('\uE000\uE001\uE002\uE003\uE004\uE005\uE006\uE007\uE008\uE009\uE00A')) }));
