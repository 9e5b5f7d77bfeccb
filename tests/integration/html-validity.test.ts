// The Nu Html Checker (vnu-jar, on the machine's Java) over every built HTML page: zero errors.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/server.ts';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const full = join(dir, n);
    return statSync(full).isDirectory() ? htmlFiles(full) : n.endsWith('.html') ? [full] : [];
  });
}

describe('Nu Html Checker', () => {
  it('finds no error in any built page', () => {
    const files = htmlFiles(join(ROOT, 'dist'));
    expect(files.length).toBeGreaterThanOrEqual(36);
    const jar = join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');
    const java = spawnSync('java', ['-version']);
    expect(java.status, 'Java is needed for the Nu Html Checker').toBe(0);
    let out = '';
    try {
      execFileSync('java', ['-Xss2m', '-jar', jar, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      out = (e as { stderr: string }).stderr;
    }
    const messages = out ? (JSON.parse(out) as { messages: { type: string; url: string; message: string; lastLine?: number }[] }).messages : [];
    const errors = messages.filter((m) => m.type === 'error').map((m) => `${m.url.replace(/^file:.*\/dist/, '')}:${m.lastLine ?? ''} ${m.message}`);
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
