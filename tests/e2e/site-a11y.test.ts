// Real Chromium (Debian's, via playwright-core) and axe-core on every page in every language:
// zero WCAG 2.1 AA violations, no request to another origin, no CSP violation, search works.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { launchBrowser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { allPages } from '../support/site-pages.ts';


let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});



describe('every page in real Chromium', () => {
  it('has no WCAG 2.1 AA violation, no foreign request and no CSP violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const foreign: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
    });
    const report: string[] = [];
    for (const p of allPages()) {
      const res = await page.goto(server.url + p.path, { waitUntil: 'load' });
      expect(res?.status(), p.path).toBe(200);
      for (const v of await axeViolations(page)) report.push(`${p.path}: ${v}`);
    }
    await context.close();
    expect(report, report.join('\n')).toEqual([]);
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('keeps statement pages usable at 320 px wide without horizontal scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    for (const p of allPages().filter((x) => x.kind === 'statement')) {
      await page.goto(server.url + p.path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, p.path).toBeLessThanOrEqual(0);
    }
    await page.close();
  });

  it('finds statements with the search page in each language, under the strict CSP', async () => {
    const page = await browser.newPage();
    const terms: Record<string, string> = { nl: 'Oekraïne', en: 'Ukraine', fr: 'Ukraine', uk: 'України', ru: 'Украины' };
    for (const [lang, term] of Object.entries(terms)) {
      await page.goto(`${server.url}/${lang}/search/`);
      await page.fill('#search-input', term);
      await page.click('button[type=submit]');
      await page.waitForSelector('#search-results li a', { timeout: 10_000 });
      const hrefs = await page.$$eval('#search-results li a', (as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs.length, lang).toBeGreaterThan(0);
      // Results come from the page's own language only.
      for (const h of hrefs) expect(h, lang).toMatch(new RegExp(`^/${lang}/`));
    }
    await page.close();
  });
});
