/**
 * The real application against a real SQLite file with the real migrations, real encrypted file
 * store and real keys, all in a temporary folder; an injected clock. For tests that call the
 * Hono app with app.request() where HTTP framing is not the point.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../../api/app.ts';
import { loadConfig, type Config } from '../../api/config.ts';
import { createServices, type Services } from '../../api/services.ts';
import { StaticSite } from '../../api/site/static-site.ts';
import { openDatabase, type Db } from '../../db/client.ts';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  db: Db;
  services: Services;
  config: Config;
  dataDir: string;
  clock: { now: number };
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}, start = Date.parse('2026-03-31T23:30:00Z')): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-app-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PUBLIC_URL: 'https://privacy.test', ...env });
  const db = await openDatabase({ url: config.databaseUrl });
  const clock = { now: start };
  const services = await createServices(config, () => clock.now);
  const app = createApp({ config, db, site: new StaticSite(new Map()), logger: pino({ level: 'silent' }), services });
  return {
    app,
    db,
    services,
    config,
    dataDir,
    clock,
    async close() {
      db.$client.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
