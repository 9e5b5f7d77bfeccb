/**
 * Starts the real portal (`tsx api/server.ts`) on a free port with its own temporary data
 * folder and database file, for tests that need HTTP as a browser sees it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TSX_CLI = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

export interface RunningServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed so far (its log lines at LOG_LEVEL). */
  output(): string;
  /** Stops the server (SIGTERM) and removes its data folder unless it was given one. */
  stop(): Promise<void>;
  /** Kills the server at once (SIGKILL), as a crash or a power cut would; the data folder stays. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** An existing data folder (a restart, or a second instance): it is kept when the server stops. */
  dataDir?: string;
}

export async function startServer(env: Record<string, string> = {}, o: StartOptions = {}): Promise<RunningServer> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'portal-test-'));
  // Node itself runs the server, with tsx as its loader (not the tsx CLI, which would run the
  // server in a child process of its own): a signal sent to `process` reaches the server.
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    // The same memory settings as `npm start` (package.json): an 8 MB young generation, a 1024 MB
    // cap on the old generation (lower caps make V8 collect in full every few uploads) and two
    // malloc arenas keep the server's memory low under the intake load.
    env: { ...process.env, NODE_OPTIONS: '--max-semi-space-size=8 --max-old-space-size=1024', MALLOC_ARENA_MAX: '2', NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Everything the server prints is kept: fault tests read the log afterwards.
  const keep = (d: Buffer) => {
    output += d.toString();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${output}`)), 30_000);
    const onData = () => {
      const m = /Privacy portal on (http:\/\/\S+?)\/?\s/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
