/** Placeholder: filled in by the workspace work on this area. */
import { Hono } from 'hono';
import type { DpoEnv } from './dpo-env.ts';

export function overviewRoutes(): Hono<DpoEnv> {
  return new Hono<DpoEnv>();
}
