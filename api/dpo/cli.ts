/**
 * `npm run -s dpo -- add-user --controller atlas --role dpo --email x@y.be --name "…"`; see USAGE
 * in run-dpo-cli.ts. Reads the configuration like the server (DATA_DIR, DATABASE_URL, PUBLIC_URL).
 */
import { openDatabase } from '../../db/client.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { runDpoCli } from './run-dpo-cli.ts';

let config;
try {
  config = loadConfig(process.env);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(78);
  }
  throw e;
}
const db = await openDatabase({ url: config.databaseUrl, authToken: config.databaseAuthToken });
try {
  const result = await runDpoCli(process.argv.slice(2), { db, publicUrl: config.publicUrl, now: Date.now() });
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
} finally {
  db.$client.close();
}
