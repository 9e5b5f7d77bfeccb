/**
 * The pages of the OpenID Connect sign-in: a heading, one paragraph and a link onwards (sign in
 * again, or on to the workspace). Used for "no account", "did not work", "provider down" and
 * "signed in".
 *
 * @example
 *   renderPage(c, <OidcMessagePage lang="en" title="…" body="…" link={{ href: '/dpo/sign-in?lang=en', text: 'Sign in again' }} />, 403);
 */
import type { WorkspaceLang } from '../dpo-env.ts';
import { Layout } from '../pages/layout.tsx';

export function OidcMessagePage(p: { lang: WorkspaceLang; title: string; body: string; link: { href: string; text: string }; otherHref: string }) {
  return (
    <Layout lang={p.lang} title={p.title} otherHref={p.otherHref}>
      <h1 class="heading">{p.title}</h1>
      <p>{p.body}</p>
      <p>
        <a class="button" href={p.link.href}>
          {p.link.text}
        </a>
      </p>
    </Layout>
  );
}
