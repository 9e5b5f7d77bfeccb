/**
 * The account pages of the workspace: the accounts a DPO (their controller's) or an administrator
 * (all) manages, with a disable and a reset button per account; the form to add one; the page that
 * shows a new enrolment link once; and the 404 and 409 answers of these pages.
 *
 * @example
 *   renderPage(c, <UsersPage lang="nl" user={user} csrf={token} rows={await listUsers(db, now, { controllerId })} now={now} />);
 */
import { facts } from '../../../content/facts.ts';
import { t } from '../../../content/i18n.ts';
import { CONTROLLER_IDS, type ControllerId } from '../../../content/schema.ts';
import { tw, type WorkspaceKey } from '../../../content/workspace-i18n.ts';
import { controllerLabel } from '../../routing/explain-routing.ts';
import type { WorkspaceLang } from '../dpo-env.ts';
import type { UserListing } from '../list-users.ts';
import type { Role, SignedInUser } from '../roles.ts';
import { Choices, Select } from './action-form-parts.tsx';
import { CsrfField, ErrorSummary, Field, Layout, type FieldErrorText } from './layout.tsx';
import { formatBrusselsDateTime } from './request-page.tsx';

const other = (l: WorkspaceLang): WorkspaceLang => (l === 'nl' ? 'en' : 'nl');

export function controllerName(id: string | null): string | null {
  const c = id ? facts.controllers[id as ControllerId] : undefined;
  return c ? controllerLabel(c) : id;
}

const STATE: Record<UserListing['state'], { key: WorkspaceKey; tag: string }> = {
  active: { key: 'users.state.active', tag: '' },
  'enrolment pending': { key: 'users.state.pending', tag: 'tag tag-amber' },
  locked: { key: 'users.state.locked', tag: 'tag tag-red' },
  disabled: { key: 'users.state.disabled', tag: 'tag tag-grey' },
};

function UserRow(p: { lang: WorkspaceLang; u: UserListing; me: SignedInUser; csrf: string; showController: boolean }) {
  const { lang: l, u } = p;
  const self = u.id === p.me.id;
  const state = STATE[u.state];
  const canReset = !self && u.state !== 'disabled' && !u.oidc;
  return (
    <tr>
      <th scope="row">
        {u.displayName}
        {self ? ` ${tw(l, 'users.you')}` : ''}
      </th>
      <td class="users-email">{u.email}</td>
      <td>{t(l, `dpo.role.${u.role}`)}</td>
      {p.showController ? <td>{controllerName(u.controllerId) ?? tw(l, 'users.noController')}</td> : null}
      <td>
        {state.tag ? <strong class={state.tag}>{tw(l, state.key)}</strong> : tw(l, state.key)}
        {u.oidc ? <p class="users-note muted">{tw(l, 'users.oidc')}</p> : null}
      </td>
      <td>{u.lastSignInAt ? formatBrusselsDateTime(l, u.lastSignInAt) : tw(l, 'users.never')}</td>
      <td>
        <div class="users-actions">
          {!self && u.state !== 'disabled' ? (
            // A page that asks first: disabling ends the person's sessions at once.
            <a class="button button-warning users-button" href={`/dpo/users/${u.id}/disable?lang=${l}`}>
              {tw(l, 'users.disable')}
              <span class="visually-hidden"> {u.displayName}</span>
            </a>
          ) : null}
          {!self && u.state === 'disabled' ? (
            <form method="post" action={`/dpo/users/${u.id}/enable?lang=${l}`}>
              <CsrfField token={p.csrf} />
              <button class="button button-secondary users-button" type="submit">
                {tw(l, 'users.enable')}
                <span class="visually-hidden"> {u.displayName}</span>
              </button>
            </form>
          ) : null}
          {canReset ? (
            <form method="post" action={`/dpo/users/${u.id}/reset-mfa?lang=${l}`}>
              <CsrfField token={p.csrf} />
              <button class="button button-secondary users-button" type="submit">
                {tw(l, 'users.reset')}
                <span class="visually-hidden"> {u.displayName}</span>
              </button>
            </form>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

export function UsersPage(p: { lang: WorkspaceLang; user: SignedInUser; csrf: string; rows: UserListing[]; notice?: string | undefined }) {
  const l = p.lang;
  const admin = p.user.role === 'admin';
  const title = tw(l, 'users.title');
  return (
    <Layout lang={l} title={title} otherHref={`/dpo/users?lang=${other(l)}`} user={p.user} current="users" wide>
      {p.notice ? (
        <div class="notice users-notice" role="status">
          <p>{p.notice}</p>
        </div>
      ) : null}
      <h1 class="heading">{title}</h1>
      <p>{admin ? tw(l, 'users.intro.admin') : tw(l, 'users.intro.dpo', { controller: controllerName(p.user.controllerId) ?? '' })}</p>
      <p>
        <a class="button" href={`/dpo/users/new?lang=${l}`}>
          {tw(l, 'users.add')}
        </a>
      </p>
      {p.rows.length === 0 ? (
        <p class="notice">{tw(l, 'users.empty')}</p>
      ) : (
        <>
          <h2 id="users-caption" class="table-caption">
            {title}
          </h2>
          <div class="table-scroll" role="region" aria-labelledby="users-caption" tabindex={0}>
            <table class="table users-table">
              <caption class="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{tw(l, 'users.col.name')}</th>
                  <th scope="col">{tw(l, 'users.col.email')}</th>
                  <th scope="col">{tw(l, 'users.col.role')}</th>
                  {admin ? <th scope="col">{tw(l, 'users.col.controller')}</th> : null}
                  <th scope="col">{tw(l, 'users.col.state')}</th>
                  <th scope="col">{tw(l, 'users.col.lastSignIn')}</th>
                  <th scope="col">{tw(l, 'users.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((u) => (
                  <UserRow lang={l} u={u} me={p.user} csrf={p.csrf} showController={admin} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
}

export interface NewUserValues {
  email?: string | undefined;
  displayName?: string | undefined;
  role?: string | undefined;
  controllerId?: string | undefined;
  oidcSubject?: string | undefined;
}

export function NewUserPage(p: { lang: WorkspaceLang; user: SignedInUser; csrf: string; roles: readonly Role[]; oidc: boolean; values: NewUserValues; errors: FieldErrorText[] }) {
  const l = p.lang;
  const v = p.values;
  const err = (field: string) => p.errors.find((e) => e.field === field)?.text;
  const title = tw(l, 'users.new.title');
  return (
    <Layout lang={l} title={title} otherHref={`/dpo/users/new?lang=${other(l)}`} user={p.user} current="users" hasErrors={p.errors.length > 0}>
      <p>
        <a class="back-link" href={`/dpo/users?lang=${l}`}>
          {tw(l, 'users.back')}
        </a>
      </p>
      <ErrorSummary lang={l} errors={p.errors} />
      <h1 class="heading">{title}</h1>
      <form method="post" action={`/dpo/users/new?lang=${l}`} novalidate>
        <CsrfField token={p.csrf} />
        <Field lang={l} id="email" label={tw(l, 'users.new.email')} type="email" autocomplete="off" inputmode="email" spellcheck={false} value={v.email} error={err('email')} />
        <Field lang={l} id="displayName" label={tw(l, 'users.new.name')} hint={tw(l, 'users.new.nameHint')} type="text" autocomplete="off" spellcheck={false} value={v.displayName} error={err('displayName')} />
        <Choices
          lang={l}
          id="role"
          type="radio"
          legend={tw(l, 'users.new.role')}
          options={p.roles.map((r) => ({ value: r, label: t(l, `dpo.role.${r}`), hint: tw(l, `users.new.roleHint.${r}`) }))}
          value={v.role}
          error={err('role')}
        />
        {p.user.role === 'admin' ? (
          <Select
            lang={l}
            id="controllerId"
            label={tw(l, 'users.new.controller')}
            placeholder={tw(l, 'users.noController')}
            options={CONTROLLER_IDS.map((id) => ({ value: id, label: controllerName(id) ?? id }))}
            value={v.controllerId}
            error={err('controllerId')}
          />
        ) : (
          <p>{tw(l, 'users.new.forController', { controller: controllerName(p.user.controllerId) ?? '' })}</p>
        )}
        {p.oidc ? <Field lang={l} id="oidcSubject" label={tw(l, 'users.new.oidc')} hint={tw(l, 'users.new.oidcHint')} type="text" autocomplete="off" spellcheck={false} value={v.oidcSubject} error={err('oidcSubject')} /> : null}
        <div class="button-group">
          <button class="button" type="submit">
            {tw(l, 'users.new.submit')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/**
 * A new account, or a reset one: who, and the one-time enrolment link with how to pass it on.
 * The link is only ever in this answer (the database keeps its hash), so the page is not cached.
 */
const LINK_TEXTS = {
  added: { title: 'users.link.addedTitle', body: 'users.link.added', oidc: 'users.link.oidc' },
  reset: { title: 'users.link.resetTitle', body: 'users.link.reset', oidc: 'users.link.oidc' },
  enabled: { title: 'users.link.enabledTitle', body: 'users.link.enabled', oidc: 'users.link.enabledOidc' },
} as const satisfies Record<string, Record<'title' | 'body' | 'oidc', WorkspaceKey>>;

export function EnrolmentLinkPage(p: { lang: WorkspaceLang; user: SignedInUser; kind: keyof typeof LINK_TEXTS; name: string; email: string; link: string | null; expiresAt: Date | null }) {
  const l = p.lang;
  const texts = LINK_TEXTS[p.kind];
  const title = tw(l, texts.title);
  const who = { name: p.name, email: p.email };
  return (
    <Layout lang={l} title={title} otherHref={`/dpo/users?lang=${other(l)}`} user={p.user} current="users">
      <h1 class="heading">{title}</h1>
      {p.link && p.expiresAt ? (
        <>
          <p>{tw(l, texts.body, who)}</p>
          <h2 class="heading-s">{tw(l, 'users.link.label', { until: formatBrusselsDateTime(l, p.expiresAt) })}</h2>
          <p class="users-link">
            <code id="enrolment-link" class="secret">
              {p.link}
            </code>
          </p>
          <div class="notice notice-warning">
            <p>{tw(l, 'users.link.safe')}</p>
          </div>
        </>
      ) : (
        <p>{tw(l, texts.oidc, who)}</p>
      )}
      <p>
        <a href={`/dpo/users?lang=${l}`}>{tw(l, 'users.back')}</a>
      </p>
    </Layout>
  );
}

/** Asks before disabling an account: whose, what it does, that it can be undone; the button posts. */
export function DisableAccountPage(p: { lang: WorkspaceLang; user: SignedInUser; csrf: string; target: UserListing }) {
  const l = p.lang;
  const title = tw(l, 'users.disableConfirm.title');
  return (
    <Layout lang={l} title={title} otherHref={`/dpo/users/${p.target.id}/disable?lang=${other(l)}`} user={p.user} current="users">
      <h1 class="heading">{title}</h1>
      <p>{tw(l, 'users.disableConfirm.body', { name: p.target.displayName, email: p.target.email })}</p>
      <p>{tw(l, 'users.disableConfirm.later')}</p>
      <form method="post" action={`/dpo/users/${p.target.id}/disable?lang=${l}`}>
        <CsrfField token={p.csrf} />
        <button class="button button-warning" type="submit">
          {tw(l, 'users.disableConfirm.submit')}
        </button>
      </form>
      <p>
        <a href={`/dpo/users?lang=${l}`}>{tw(l, 'users.disableConfirm.cancel')}</a>
      </p>
    </Layout>
  );
}

/** The 404 (an account that does not exist or is out of scope, said the same way) and 409 answers. */
export function UserMessagePage(p: { lang: WorkspaceLang; user: SignedInUser; title: string; body: string }) {
  const l = p.lang;
  return (
    <Layout lang={l} title={p.title} otherHref={`/dpo/users?lang=${other(l)}`} user={p.user} current="users">
      <h1 class="heading">{p.title}</h1>
      <p>{p.body}</p>
      <p>
        <a href={`/dpo/users?lang=${l}`}>{tw(l, 'users.back')}</a>
      </p>
    </Layout>
  );
}
