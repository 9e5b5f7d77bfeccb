/**
 * `npm run -s deadline -- 2025-01-31` -> 2025-02-28. See USAGE in run-deadline-cli.ts.
 * Output is written in one piece: per-line writes to a pipe would dominate the run time for
 * 100,000 lines.
 */
import { runDeadlineCli, USAGE } from './run-deadline-cli.ts';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    // Waiting silently for typed input looks like a hang: explain instead.
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const result = await runDeadlineCli(process.argv.slice(2), readStdin);
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
