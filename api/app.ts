/**
 * The whole HTTP application: security headers, the JSON API under /api, and the built site.
 * Dependencies come in as arguments so tests build the same app against a temporary database.
 *
 * @example
 *   const app = createApp({ config, db, site, logger });
 *   const res = await app.request('/api/health');
 */
import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import type { Config } from './config.ts';
import { healthRoutes } from './health/routes.ts';
import { AppError, errorHandler } from './http/errors.ts';
import { securityHeadersMiddleware } from './http/security-headers.ts';
import { join } from 'node:path';
import { devRoutes } from './dev/routes.ts';
import { dpoRoutes } from './dpo/routes.ts';
import { answerRoutes } from './status/answer-routes.ts';
import { intakeRoutes } from './intake/routes.ts';
import { openApiRoutes } from './openapi/routes.ts';
import type { Services } from './services.ts';
import { siteRoutes } from './site/routes.ts';
import type { StaticSite } from './site/static-site.ts';
import { statusRoutes } from './status/routes.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  site: StaticSite;
  logger: Logger;
  services: Services;
}

export function createApp({ config, db, site, logger, services }: AppDeps) {
  const api = new Hono();
  api.route('/', healthRoutes(db));
  api.route('/', openApiRoutes());
  api.route('/', intakeRoutes({ db, logger, publicUrl: config.publicUrl, ...services, limits: { submissionsPerHour: config.submissionsPerHour } }));
  api.route('/', statusRoutes({ db, ...services }));
  api.route('/', answerRoutes({ db, ...services }));
  api.all('*', () => {
    throw new AppError('not_found', 404);
  });

  const app = new Hono();
  app.use('*', securityHeadersMiddleware(config.hsts));
  // Read by clientOf (api/http/rate-limit.ts) to find the client's address behind a load balancer.
  app.use('*', async (c, next) => {
    c.set('trustProxyHops', config.trustProxyHops);
    await next();
  });
  app.route('/api', api);
  app.get('/dpo', (c) => c.redirect('/dpo/', 301));
  app.route('/dpo/', dpoRoutes({ db, publicUrl: config.publicUrl, services, oidc: config.oidc }));
  if (config.env !== 'production') app.route('/dev', devRoutes(join(config.dataDir, 'mail')));
  app.route('/', siteRoutes(site));
  app.onError(errorHandler(logger));
  return app;
}
