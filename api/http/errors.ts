/**
 * The one error type of the API. A handler throws `new AppError('code', status)`; the single
 * onError turns it into `{ error: { code, message?, issues? } }`. Anything else is a 500 with no
 * detail for the client, and the stack goes to the log only.
 */
import type { ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';

export interface Issue {
  path: string;
  code: string;
  message?: string;
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: string,
    readonly status: ContentfulStatusCode = 400,
    readonly issues: Issue[] = [],
    message?: string,
  ) {
    super(message ?? code);
  }
}

export function errorHandler(logger: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof AppError) {
      return c.json({ error: { code: err.code, message: err.message === err.code ? undefined : err.message, issues: err.issues.length ? err.issues : undefined } }, err.status);
    }
    logger.error({ err, path: c.req.path, method: c.req.method }, 'unhandled error');
    return c.json({ error: { code: 'internal' } }, 500);
  };
}
