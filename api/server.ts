/**
 * Starts the portal: configuration, database (migrations and controllers), the built site, the
 * HTTP server. `npm start` runs this after making sure the site is built.
 */
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { openDatabase } from '../db/client.ts';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { serveStaticFast } from './site/serve-static-fast.ts';
import { loadStaticSite } from './site/static-site.ts';
import { VERSION } from './version.ts';

let config;
try {
  config = loadConfig(process.env);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(78); // EX_CONFIG
  }
  throw e;
}
const logger = createLogger(config.logLevel);
const db = await openDatabase({ url: config.databaseUrl, authToken: config.databaseAuthToken });
let site;
try {
  site = loadStaticSite(config.siteDir);
} catch {
  console.error(`The built site was not found in ${config.siteDir}: run \`npm run build\` (npm start does this for you).`);
  process.exit(1);
}
const app = createApp({ config, db, site, logger });

const honoListener = getRequestListener(app.fetch);
const hsts = config.hsts;
const server = createServer((req, res) => {
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
    db.$client.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
