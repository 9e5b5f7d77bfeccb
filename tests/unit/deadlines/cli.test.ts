import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDeadlineCli } from '../../../api/deadlines/run-deadline-cli.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsxCli = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

/** Runs the real command in a child process, as `npm run -s deadline -- ...` does. */
function deadline(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [tsxCli, 'api/deadlines/cli.ts', ...args], { cwd: root, input: input ?? '', encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

describe('deadline command (child process)', () => {
  it('prints the deadline of a date given as an argument', () => {
    expect(deadline(['2025-01-31'])).toEqual({ stdout: '2025-02-28\n', stderr: '', code: 0 });
  });

  it('answers several arguments in order, with --extended and --controller', () => {
    expect(deadline(['2025-01-31', '2025-03-05', '2025-12-01']).stdout).toBe('2025-02-28\n2025-04-07\n2026-01-02\n');
    expect(deadline(['--extended', '2025-01-31']).stdout).toBe('2025-04-30\n');
    expect(deadline(['--controller', 'ingent', '2025-06-11']).stdout).toBe('2025-07-11\n');
  });

  it('reads one date per line from standard input when there are no date arguments', () => {
    expect(deadline([], '2025-01-31\r\n2026-03-31\n2024-01-31\n')).toEqual({ stdout: '2025-02-28\n2026-04-30\n2024-02-29\n', stderr: '', code: 0 });
  });

  it('answers the good lines in order, names each bad line on standard error, and exits 2', () => {
    const r = deadline([], '2025-01-31\n2025-02-30\nhello\n2025-03-05\n\n1969-12-31\n2025-12-01\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('2025-02-28\n2025-04-07\n2026-01-02\n');
    expect(r.stderr).toContain('line 2: "2025-02-30" is not a date that exists');
    expect(r.stderr).toContain('line 3: "hello" is not a date');
    expect(r.stderr).toContain('line 5: "" is not a date');
    expect(r.stderr).toContain('line 6: "1969-12-31" is outside the years 1970-2100');
    expect(r.stderr.trim().split('\n')).toHaveLength(4);
  });

  it('names a bad argument by its number', () => {
    const r = deadline(['--extended', '2025-01-31', '31/01/2025']);
    expect(r).toMatchObject({ code: 2, stdout: '2025-04-30\n' });
    expect(r.stderr).toContain('argument 3: "31/01/2025" is not a date');
  });

  it('refuses an unknown controller or option before answering anything', () => {
    const r = deadline(['--controller', 'gent', '2025-01-31']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toContain('argument 2: unknown controller "gent"');
    expect(deadline(['--fast', '2025-01-31'])).toMatchObject({ code: 2, stdout: '' });
  });

  it('explains itself with --help', () => {
    const r = deadline(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--extended');
    expect(r.stdout).toContain('prints nothing');
  });
});

describe('deadline command (in-process)', () => {
  const run = (args: string[], input = '') => runDeadlineCli(args, async () => input);

  it('handles 100,000 lines, with the output lines matching the good input lines', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => (i === 500 ? 'bad' : '2025-01-31'));
    const r = await run([], lines.join('\n'));
    expect(r.exitCode).toBe(2);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(99_999);
    expect(r.stderr).toBe('deadline: line 501: "bad" is not a date: write it as YYYY-MM-DD\n');
  });

  it('prints nothing and exits 0 for empty input', async () => {
    expect(await run([], '')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('accepts --controller=ID and -- before dates', async () => {
    expect((await run(['--controller=atlas', '--', '2025-01-31'])).stdout).toBe('2025-02-28\n');
  });
});
