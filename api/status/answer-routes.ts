/** Placeholder: the requester's answer documents (expiring download links) come here. */
import { Hono } from 'hono';
import type { StatusDeps } from './routes.ts';

export function answerRoutes(_d: StatusDeps) {
  return new Hono();
}
