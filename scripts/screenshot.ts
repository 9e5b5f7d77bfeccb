// A developer's tool: screenshots of pages for a person to look at.
// Usage: tsx scripts/screenshot.ts OUT_DIR WIDTH URL [URL ...]
import { launchBrowser } from '../tests/support/browser.ts';

const [out = '.', width = '1280', ...urls] = process.argv.slice(2);
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
for (const [i, url] of urls.entries()) {
  await page.goto(url, { waitUntil: 'networkidle' });
  const file = `${out}/shot-${i}-${width}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file, url);
}
await browser.close();
