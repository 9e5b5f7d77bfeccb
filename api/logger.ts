/**
 * The structured logger (pino, JSON lines). Requests are logged by method, route pattern, status
 * and duration only: no query strings, no bodies, no tokens, no personal data.
 */
import pino from 'pino';

export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'privacy-portal' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.token', '*.email', '*.password'], censor: '[redacted]' },
  });
}
