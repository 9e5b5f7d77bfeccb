/** The signed-in start page. The request list and its actions come in later pages. */
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { controllers } from '../../db/schema.ts';
import type { DpoEnv } from './dpo-env.ts';
import { HomePage } from './pages/home-page.tsx';
import { renderPage } from './pages/layout.tsx';
import { requireUser } from './require-user.tsx';

export function homeRoutes(): Hono<DpoEnv> {
  const app = new Hono<DpoEnv>();
  app.get('/', requireUser(), async (c) => {
    const user = c.var.user;
    const [controller] = user.controllerId ? await c.var.deps.db.select({ name: controllers.name }).from(controllers).where(eq(controllers.id, user.controllerId)) : [];
    return renderPage(c, <HomePage lang={c.var.lang} user={user} controllerName={controller?.name ?? null} csrf={c.var.csrfToken} />);
  });
  return app;
}
