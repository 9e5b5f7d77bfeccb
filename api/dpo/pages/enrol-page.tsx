/** The enrolment pages: password and authenticator app, then the recovery codes (shown once). */
import { t } from '../../../content/i18n.ts';
import type { FieldError } from '../complete-enrolment.ts';
import type { WorkspaceLang } from '../dpo-env.ts';
import { CsrfField, ErrorSummary, Field, Layout } from './layout.tsx';

export function EnrolPage(p: { lang: WorkspaceLang; token: string; csrf: string; name: string; email: string; qrDataUri: string; secret: string; errors: FieldError[] }) {
  const l = p.lang;
  const errorOf = (field: FieldError['field']) => {
    const e = p.errors.find((x) => x.field === field);
    return e ? t(l, e.key) : undefined;
  };
  const path = `/dpo/enrol/${p.token}`;
  return (
    <Layout lang={l} title={t(l, 'dpo.enrol.title')} otherHref={`${path}?lang=${l === 'nl' ? 'en' : 'nl'}`} hasErrors={p.errors.length > 0}>
      <ErrorSummary lang={l} errors={p.errors.map((e) => ({ field: e.field, text: t(l, e.key) }))} />
      <h1 class="heading">{t(l, 'dpo.enrol.title')}</h1>
      <p>{t(l, 'dpo.enrol.intro', { name: p.name, email: p.email })}</p>
      <form method="post" action={`${path}?lang=${l}`} novalidate>
        <CsrfField token={p.csrf} />
        <input type="text" name="username" value={p.email} autocomplete="username" class="visually-hidden" tabindex={-1} aria-hidden="true" readonly />
        <Field lang={l} id="password" label={t(l, 'dpo.enrol.password')} hint={t(l, 'dpo.enrol.passwordHint')} type="password" autocomplete="new-password" error={errorOf('password')} />
        <Field lang={l} id="passwordAgain" label={t(l, 'dpo.enrol.passwordAgain')} type="password" autocomplete="new-password" error={errorOf('passwordAgain')} />
        <h2 class="heading-m">{t(l, 'dpo.enrol.totpHeading')}</h2>
        <p>{t(l, 'dpo.enrol.totpIntro')}</p>
        <img class="qr" src={p.qrDataUri} alt={t(l, 'dpo.enrol.qrAlt')} width="200" height="200" />
        <p>
          {t(l, 'dpo.enrol.secret')}: <code class="secret" id="totp-secret">{p.secret}</code>
        </p>
        <Field lang={l} id="code" label={t(l, 'dpo.enrol.code')} type="text" inputmode="numeric" autocomplete="one-time-code" error={errorOf('code')} spellcheck={false} />
        <button class="button" type="submit">
          {t(l, 'dpo.enrol.submit')}
        </button>
      </form>
    </Layout>
  );
}

export function RecoveryCodesPage(p: { lang: WorkspaceLang; codes: string[] }) {
  const l = p.lang;
  return (
    <Layout lang={l} title={t(l, 'dpo.recovery.title')} otherHref={`/dpo/sign-in?lang=${l === 'nl' ? 'en' : 'nl'}`}>
      <h1 class="heading">{t(l, 'dpo.recovery.title')}</h1>
      <p>{t(l, 'dpo.recovery.intro')}</p>
      <ul class="recovery-codes" id="recovery-codes">
        {p.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href={`/dpo/sign-in?lang=${l}`}>
          {t(l, 'dpo.recovery.continue')}
        </a>
      </p>
    </Layout>
  );
}
