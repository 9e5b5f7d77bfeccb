// `npm run db:migrate`: applies the migrations (start-up does this too) and reports the result.
import { loadConfigOrExit } from '../api/config.ts';
import { openDatabase } from './client.ts';

const config = loadConfigOrExit();
const db = await openDatabase({ url: config.databaseUrl, authToken: config.databaseAuthToken });
const rows = await db.$client.execute('SELECT count(*) AS n FROM controllers');
console.log(`database ${config.databaseUrl.replace(/\/\/.*@/, '//***@')}: migrated, ${String(rows.rows[0]?.n)} controllers`);
db.$client.close();
