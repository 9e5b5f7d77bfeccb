/**
 * /dev/mail: the local mailbox (data/mail/*.eml) as a page, for a developer without an SMTP
 * server. Never mounted in production.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function devRoutes(mailDir: string) {
  const app = new Hono();
  app.get('/mail', async (c) => {
    let names: string[] = [];
    try {
      names = readdirSync(mailDir).filter((n) => n.endsWith('.eml')).sort().reverse().slice(0, 100);
    } catch {
      // No mail yet.
    }
    // mailparser is a development dependency: loaded only here, never in production.
    const { simpleParser } = await import('mailparser');
    const items = await Promise.all(names.map(async (n) => ({ n, m: await simpleParser(readFileSync(join(mailDir, n))) })));
    const to = (m: (typeof items)[number]['m']) => (Array.isArray(m.to) ? m.to.map((a) => a.text).join(', ') : (m.to?.text ?? ''));
    const rows = items
      .map(({ n, m }) => `<li><details><summary>${esc(m.date?.toISOString() ?? '')} — ${esc(to(m))} — ${esc(m.subject ?? '')}</summary><pre>${esc(m.text ?? '')}</pre><p>${esc(n)}</p></details></li>`)
      .join('');
    return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local mailbox</title></head><body><main><h1>Local mailbox (${names.length})</h1><ol>${rows}</ol></main></body></html>`);
  });
  return app;
}
