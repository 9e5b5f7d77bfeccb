/**
 * The sign-in pages: e-mail and password, then the code (TOTP or recovery code); with OpenID
 * Connect configured, the sign-in page also offers "Sign in with <provider>".
 */
import { t } from '../../../content/i18n.ts';
import { tw } from '../../../content/workspace-i18n.ts';
import { providerName } from '../oidc/discover-provider.ts';
import type { WorkspaceLang } from '../dpo-env.ts';
import { CsrfField, ErrorSummary, Field, Layout } from './layout.tsx';

export function SignInPage(p: { lang: WorkspaceLang; csrf: string; email?: string; failed?: boolean; notice?: string | undefined; oidc?: { issuer: string } | undefined }) {
  const l = p.lang;
  const error = p.failed ? t(l, 'dpo.signIn.failed') : undefined;
  return (
    <Layout lang={l} title={t(l, 'dpo.signIn.title')} otherHref={`/dpo/sign-in?lang=${l === 'nl' ? 'en' : 'nl'}`} hasErrors={p.failed ?? false}>
      <ErrorSummary lang={l} errors={error ? [{ field: 'email', text: error }] : []} />
      {p.notice ? <p class="notice" role="status">{p.notice}</p> : null}
      <h1 class="heading">{t(l, 'dpo.signIn.title')}</h1>
      <form method="post" action={`/dpo/sign-in?lang=${l}`} novalidate>
        <CsrfField token={p.csrf} />
        <Field lang={l} id="email" label={t(l, 'dpo.signIn.email')} type="email" autocomplete="username" value={p.email} error={error} spellcheck={false} />
        <Field lang={l} id="password" label={t(l, 'dpo.signIn.password')} type="password" autocomplete="current-password" />
        <button class="button" type="submit">
          {t(l, 'dpo.signIn.submit')}
        </button>
      </form>
      {p.oidc ? <OidcAlternative lang={l} provider={providerName(p.oidc.issuer)} /> : null}
    </Layout>
  );
}

export function CodePage(p: { lang: WorkspaceLang; csrf: string; failed?: boolean }) {
  const l = p.lang;
  const error = p.failed ? t(l, 'dpo.code.failed') : undefined;
  return (
    <Layout lang={l} title={t(l, 'dpo.code.title')} otherHref={`/dpo/sign-in/code?lang=${l === 'nl' ? 'en' : 'nl'}`} hasErrors={p.failed ?? false}>
      <ErrorSummary lang={l} errors={error ? [{ field: 'code', text: error }] : []} />
      <h1 class="heading">{t(l, 'dpo.code.title')}</h1>
      <form method="post" action={`/dpo/sign-in/code?lang=${l}`} novalidate>
        <CsrfField token={p.csrf} />
        <Field lang={l} id="code" label={t(l, 'dpo.code.label')} hint={t(l, 'dpo.code.hint')} type="text" autocomplete="one-time-code" error={error} spellcheck={false} />
        <button class="button" type="submit">
          {t(l, 'dpo.code.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** A link, not a form: the start answers with a redirect to the provider, which CSP form-action would block. */
function OidcAlternative(p: { lang: WorkspaceLang; provider: string }) {
  return (
    <section aria-labelledby="oidc-title">
      <h2 id="oidc-title" class="heading-m">
        {tw(p.lang, 'oidc.alternative.title')}
      </h2>
      <p>{tw(p.lang, 'oidc.alternative.body', { provider: p.provider })}</p>
      <a class="button button-secondary" href={`/dpo/oidc/start?lang=${p.lang}`}>
        {tw(p.lang, 'oidc.signInWith', { provider: p.provider })}
      </a>
    </section>
  );
}
