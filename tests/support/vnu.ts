/**
 * The Nu Html Checker (vnu-jar, on the machine's Java) over HTML documents held in memory: the
 * errors it finds, as "name:line message". The workspace pages are rendered on the server, so
 * their tests check what the app answered rather than files on disk.
 *
 * @example
 *   expect(vnuErrors({ home: await res.text() })).toEqual([]);
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './server.ts';

export const VNU_JAR = join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');

export function vnuErrors(pages: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'vnu-pages-'));
  try {
    const files = Object.entries(pages).map(([name, html]) => {
      const file = join(dir, `${name}.html`);
      writeFileSync(file, html);
      return file;
    });
    let report = '';
    try {
      execFileSync('java', ['-Xss2m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      // vnu exits 1 when it found errors; its JSON report is on standard error either way.
      report = (err as { stderr: string }).stderr;
    }
    const messages = report ? (JSON.parse(report) as { messages: { type: string; url: string; message: string; lastLine?: number }[] }).messages : [];
    return messages.filter((m) => m.type === 'error').map((m) => `${m.url.replace(/^.*\//, '')}:${m.lastLine ?? ''} ${m.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
