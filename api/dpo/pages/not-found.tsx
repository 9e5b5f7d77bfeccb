/**
 * The answer for a request the user may not see or that does not exist: the same 404 either
 * way, so a user of another controller learns nothing, not even that the reference exists.
 */
import type { Context } from 'hono';
import { tw } from '../../../content/workspace-i18n.ts';
import type { DpoEnv } from '../dpo-env.ts';
import { Layout, renderPage } from './layout.tsx';

export function notFoundPage(c: Context<DpoEnv>): Promise<Response> {
  const l = c.var.lang;
  const other = l === 'nl' ? 'en' : 'nl';
  return renderPage(
    c,
    <Layout lang={l} title={tw(l, 'common.notFound.title')} otherHref={`${c.req.path}?lang=${other}`} user={c.var.user}>
      <h1 class="heading">{tw(l, 'common.notFound.title')}</h1>
      <p>{tw(l, 'common.notFound.body')}</p>
    </Layout>,
    404,
  );
}
