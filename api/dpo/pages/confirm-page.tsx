/**
 * "Confirm it is you": asked before an ID copy is shown when the session's second factor is
 * older than RECENT_FACTOR_MS. A code from the authenticator app (or a recovery code) renews it
 * and returns to the page the user came from; an account that signs in through OpenID Connect
 * has no code here, so it signs out and in again at the provider.
 */
import { t } from '../../../content/i18n.ts';
import { tw } from '../../../content/workspace-i18n.ts';
import type { WorkspaceLang } from '../dpo-env.ts';
import type { SignedInUser } from '../roles.ts';
import { CsrfField, ErrorSummary, Field, Layout } from './layout.tsx';

export function ConfirmPage(p: { lang: WorkspaceLang; user: SignedInUser; csrf: string; next: string; oidc: boolean; failed?: boolean }) {
  const l = p.lang;
  const title = tw(l, 'request.confirm.title');
  const error = p.failed ? t(l, 'dpo.code.failed') : undefined;
  const other = l === 'nl' ? 'en' : 'nl';
  return (
    <Layout lang={l} title={title} otherHref={`/dpo/confirm?lang=${other}&next=${encodeURIComponent(p.next)}`} user={p.user} hasErrors={p.failed ?? false}>
      <ErrorSummary lang={l} errors={error ? [{ field: 'code', text: error }] : []} />
      <h1 class="heading">{title}</h1>
      <p>{tw(l, 'request.confirm.why')}</p>
      {p.oidc ? (
        <>
          <p>{tw(l, 'request.confirm.oidc')}</p>
          <form method="post" action={`/dpo/sign-out?lang=${l}`}>
            <CsrfField token={p.csrf} />
            <button class="button" type="submit">
              {t(l, 'dpo.signOut')}
            </button>
          </form>
        </>
      ) : (
        <form method="post" action={`/dpo/confirm?lang=${l}`} novalidate>
          <CsrfField token={p.csrf} />
          <input type="hidden" name="next" value={p.next} />
          <Field lang={l} id="code" label={t(l, 'dpo.code.label')} hint={t(l, 'dpo.code.hint')} type="text" autocomplete="one-time-code" error={error} spellcheck={false} />
          <button class="button" type="submit">
            {tw(l, 'request.confirm.submit')}
          </button>
        </form>
      )}
      <p>
        <a href={p.next}>{tw(l, 'request.confirm.back')}</a>
      </p>
    </Layout>
  );
}
