/**
 * Starts the portal: configuration, database (migrations and controllers), the built site, the
 * keys and the encrypted file store (sweeping files of requests that never committed), the
 * scheduled jobs (mail, reminders, retention) and the HTTP server. `npm start` runs this after
 * making sure the site is built.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { getRequestListener } from '@hono/node-server';
import sharp from 'sharp';
import { openDatabase } from '../db/client.ts';
import { createApp } from './app.ts';
import { loadConfigOrExit } from './config.ts';
import { queueDeadlineReminders } from './jobs/queue-deadline-reminders.ts';
import { startScheduler } from './jobs/start-scheduler.ts';
import { sweepOrphanFiles } from './jobs/sweep-orphan-files.ts';
import { createLogger } from './logger.ts';
import { deliverDueMail } from './mail/deliver-due-mail.ts';
import { runRetention } from './retention/run-retention.ts';
import { createServices } from './services.ts';
import { serveStaticFast } from './site/serve-static-fast.ts';
import { loadStaticSite } from './site/static-site.ts';
import { VERSION } from './version.ts';

// How much V8 lets the old generation grow before it starts the next full collection. Left to
// itself, for this server's small heap (~35 MB live) it allowed ~16 MB, no more than the young
// generation, and began a full (incremental) collection every ~6 submissions: its marking
// threads then took ~8 ms of CPU per submission. Growing by 75 % a step: ~4 ms, and ~20 MB more
// peak memory (tests/bench/REPORT.md). V8 reads the flag at every collection, so setting it
// here, before the load, is enough; NODE_OPTIONS does not accept it.
setFlagsFromString('--heap-growing-percent=75');

const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);
const db = await openDatabase({ url: config.databaseUrl, authToken: config.databaseAuthToken });
let site;
try {
  site = loadStaticSite(config.siteDir);
} catch {
  console.error(`The built site was not found in ${config.siteDir}: run \`npm run build\` (npm start does this for you).`);
  process.exit(1);
}
const services = await createServices(config);
if (services.master.source === 'created') logger.warn({ event: 'master_key_created' }, 'a new master key was created under DATA_DIR/keys: back it up, or set MASTER_KEY');
// Decoded images must not linger in libvips' cache: they are ID copies.
sharp.cache(false);
await sweepOrphanFiles(db, services.blobs, logger);
const app = createApp({ config, db, site, logger, services });
const instanceId = randomUUID();
const stopJobs = config.jobs
  ? startScheduler({
      db,
      holder: instanceId,
      logger,
      jobs: [
        { name: 'mail', everyMs: 2_000, run: (now) => deliverDueMail({ db, transport: services.mail, cipher: services.cipher, from: config.mailFrom, now, workerId: instanceId }) },
        { name: 'reminders', everyMs: 10 * 60_000, run: (now) => queueDeadlineReminders({ db, cipher: services.cipher, now, workspaceUrl: config.publicUrl }) },
        { name: 'retention', everyMs: 60 * 60_000, run: (now) => runRetention({ db, blobs: services.blobs, now }) },
        // Files of a sibling instance that crashed mid-submission: it may never start again.
        { name: 'sweep', everyMs: 30 * 60_000, run: () => sweepOrphanFiles(db, services.blobs, logger) },
      ],
    })
  : async () => undefined;

const honoListener = getRequestListener(app.fetch);
const hsts = config.hsts;
// Slow clients cannot hold connections for minutes: headers must arrive within 10 s and a whole
// request within 2 minutes (a 10 MB ID copy over a slow mobile link); checked every 2 s.
const server = createServer({ headersTimeout: 10_000, requestTimeout: 120_000, connectionsCheckingInterval: 2_000 }, (req, res) => {
  if (!serveStaticFast(req, res, site, hsts)) void honoListener(req, res);
});
server.listen(config.port, config.host, () => {
  const info = server.address() as { address: string; port: number };
  logger.info({ version: VERSION, address: info.address, port: info.port, files: site.files.size }, 'portal listening');
  // Tests and scripts read this line to learn the port when PORT=0.
  if (config.env !== 'production') console.log(`Privacy portal on http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}/`);
});

function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down');
  server.close(() => {
    void stopJobs().finally(() => {
      db.$client.close();
      process.exit(0);
    });
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
