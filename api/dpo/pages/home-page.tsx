/** The signed-in start page: who you are, for which controller, in which role; sign-out buttons. */
import { t } from '../../../content/i18n.ts';
import type { WorkspaceLang } from '../dpo-env.ts';
import type { SignedInUser } from '../roles.ts';
import { CsrfField, Layout } from './layout.tsx';

export function HomePage(p: { lang: WorkspaceLang; user: SignedInUser; controllerName: string | null; csrf: string }) {
  const l = p.lang;
  return (
    <Layout lang={l} title={t(l, 'dpo.home.title')} otherHref={`/dpo/?lang=${l === 'nl' ? 'en' : 'nl'}`} user={p.user} current="account">
      <h1 class="heading">{t(l, 'dpo.home.title')}</h1>
      <p>{t(l, 'dpo.home.signedInAs', { name: p.user.displayName })}</p>
      <dl class="summary">
        <div class="summary-row">
          <dt>{t(l, 'dpo.home.controller')}</dt>
          <dd>{p.controllerName ?? t(l, 'dpo.home.allControllers')}</dd>
        </div>
        <div class="summary-row">
          <dt>{t(l, 'dpo.home.role')}</dt>
          <dd>{t(l, `dpo.role.${p.user.role}`)}</dd>
        </div>
      </dl>
      <div class="button-group">
        <form method="post" action={`/dpo/sign-out?lang=${l}`}>
          <CsrfField token={p.csrf} />
          <button class="button button-secondary" type="submit">
            {t(l, 'dpo.signOut')}
          </button>
        </form>
        <form method="post" action={`/dpo/sign-out-everywhere?lang=${l}`}>
          <CsrfField token={p.csrf} />
          <button class="button button-secondary" type="submit">
            {t(l, 'dpo.signOutEverywhere')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** A page with a heading and one paragraph: no access, a form that expired, a dead link. */
export function MessagePage(p: { lang: WorkspaceLang; title: string; body: string; otherHref: string }) {
  return (
    <Layout lang={p.lang} title={p.title} otherHref={p.otherHref}>
      <h1 class="heading">{p.title}</h1>
      <p>{p.body}</p>
    </Layout>
  );
}
