/**
 * `npm run -s dpo -- add-user --controller atlas --role dpo --email x@y.be --name "…"`; see USAGE
 * in run-dpo-cli.ts. Reads the configuration like the server (DATA_DIR, DATABASE_URL, PUBLIC_URL).
 */
import { openDatabase } from '../../db/client.ts';
import { loadConfigOrExit } from '../config.ts';
import { runDpoCli } from './run-dpo-cli.ts';

const config = loadConfigOrExit();
const db = await openDatabase({ url: config.databaseUrl, authToken: config.databaseAuthToken });
try {
  const result = await runDpoCli(process.argv.slice(2), { db, publicUrl: config.publicUrl, now: Date.now() });
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
} finally {
  db.$client.close();
}
