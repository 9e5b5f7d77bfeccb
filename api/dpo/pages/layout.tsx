/**
 * The workspace page frame: language, title, the workspace stylesheet (no inline style or
 * script, the CSP forbids both), a link to the other language, and GOV.UK-style error parts.
 *
 * @example
 *   return renderPage(c, <Layout lang="nl" title="Aanmelden" otherHref="?lang=en">…</Layout>);
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { t, type UiKey } from '../../../content/i18n.ts';
import { tw } from '../../../content/workspace-i18n.ts';
import type { WorkspaceLang } from '../dpo-env.ts';
import type { SignedInUser } from '../roles.ts';

export interface FieldErrorText {
  field: string;
  text: string;
}

/** The sections of the signed-in workspace, in the order of the navigation bar. */
export type WorkspaceSection = 'requests' | 'register' | 'overview' | 'audit' | 'users' | 'account';

/**
 * The navigation of a signed-in user: only the sections their role may open. Handlers and DPOs
 * work on requests; auditors read them and the audit trail; DPOs manage their controller's
 * accounts, administrators the accounts of every controller (and nothing else).
 */
export function WorkspaceNav(p: { lang: WorkspaceLang; user: SignedInUser; current?: WorkspaceSection | undefined }) {
  const l = p.lang;
  const items: { section: WorkspaceSection; href: string; label: string }[] = [];
  if (p.user.role !== 'admin') {
    items.push({ section: 'requests', href: `/dpo/requests?lang=${l}`, label: tw(l, 'common.nav.requests') });
    if (p.user.role !== 'auditor') items.push({ section: 'register', href: `/dpo/register?lang=${l}`, label: tw(l, 'common.nav.register') });
    items.push({ section: 'overview', href: `/dpo/overview?lang=${l}`, label: tw(l, 'common.nav.overview') });
    if (p.user.role !== 'handler') items.push({ section: 'audit', href: `/dpo/audit?lang=${l}`, label: tw(l, 'common.nav.audit') });
  }
  if (p.user.role === 'dpo' || p.user.role === 'admin') items.push({ section: 'users', href: `/dpo/users?lang=${l}`, label: tw(l, 'users.nav') });
  items.push({ section: 'account', href: `/dpo/?lang=${l}`, label: tw(l, 'common.nav.account') });
  return (
    <nav class="nav" aria-label={tw(l, 'common.nav.label')}>
      <ul class="nav-list">
        {items.map((i) => (
          <li>
            <a class="nav-link" href={i.href} aria-current={i.section === p.current ? 'page' : undefined}>
              {i.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Layout(p: {
  lang: WorkspaceLang;
  title: string;
  otherHref: string;
  hasErrors?: boolean;
  /** The signed-in user: shows the workspace navigation. */
  user?: SignedInUser | undefined;
  current?: WorkspaceSection | undefined;
  /** Full width for tables (the request list, the overview, the audit trail). */
  wide?: boolean;
  children: Child;
}) {
  const other: WorkspaceLang = p.lang === 'nl' ? 'en' : 'nl';
  return (
    <html lang={p.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${p.hasErrors ? `${t(p.lang, 'dpo.errorPrefix')} ` : ''}${p.title} – ${t(p.lang, 'dpo.title')}`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/dpo/assets/workspace.css" />
      </head>
      <body>
        <header class="header">
          <p class="brand">{t(p.lang, 'dpo.title')}</p>
          <a class="lang-switch" href={p.otherHref} lang={other} hreflang={other}>
            {t(p.lang, 'dpo.otherLanguage')}
          </a>
        </header>
        {p.user ? <WorkspaceNav lang={p.lang} user={p.user} current={p.current} /> : null}
        <main id="main" class={p.wide ? 'main main-wide' : 'main'}>
          {p.children}
        </main>
      </body>
    </html>
  );
}

export function ErrorSummary(p: { lang: WorkspaceLang; errors: FieldErrorText[] }) {
  if (p.errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" class="error-summary-title">
        {t(p.lang, 'dpo.errorSummary')}
      </h2>
      <ul class="error-summary-list">
        {p.errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>{e.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The error of one field, with "Error:" for screen readers; nothing when there is none. */
export function ErrorText(p: { lang: WorkspaceLang; id: string; error?: string | undefined }) {
  if (!p.error) return null;
  return (
    <p id={`${p.id}-error`} class="error-message">
      <span class="visually-hidden">{t(p.lang, 'dpo.errorPrefix')} </span>
      {p.error}
    </p>
  );
}

/** The aria-describedby of a field: its hint and its error, when it has them. */
export const describedBy = (id: string, hint?: string, error?: string) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** A field's hint and error, under its label or legend; the ids describedBy() names. */
export function HintAndError(p: { lang: WorkspaceLang; id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {p.hint ? (
        <p id={`${p.id}-hint`} class="hint">
          {p.hint}
        </p>
      ) : null}
      <ErrorText lang={p.lang} id={p.id} error={p.error} />
    </>
  );
}

/** A field's label, hint and error, in GOV.UK order; the control follows. */
export function FieldHead(p: { lang: WorkspaceLang; id: string; label: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      <label class="label" for={p.id}>
        {p.label}
      </label>
      <HintAndError lang={p.lang} id={p.id} hint={p.hint} error={p.error} />
    </>
  );
}

/** A labelled input with its hint and error, wired with aria-describedby as GOV.UK does. */
export function Field(p: {
  lang: WorkspaceLang;
  id: string;
  label: string;
  type: string;
  autocomplete: string;
  hint?: string | undefined;
  error?: string | undefined;
  value?: string | undefined;
  inputmode?: 'numeric' | 'text' | 'email' | undefined;
  spellcheck?: boolean;
}) {
  return (
    <div class={p.error ? 'form-group form-group-error' : 'form-group'}>
      <FieldHead lang={p.lang} id={p.id} label={p.label} hint={p.hint} error={p.error} />
      <input
        class={p.error ? 'input input-error' : 'input'}
        id={p.id}
        name={p.id}
        type={p.type}
        autocomplete={p.autocomplete}
        value={p.value}
        inputmode={p.inputmode}
        spellcheck={p.spellcheck === false ? false : undefined}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </div>
  );
}

export function CsrfField(p: { token: string }) {
  return <input type="hidden" name="_csrf" value={p.token} />;
}

/** Sends a page with its doctype, no caching (recovery codes, tokens), and a status. */
export async function renderPage(c: Context, page: unknown, status: ContentfulStatusCode = 200): Promise<Response> {
  c.header('cache-control', 'no-store');
  return c.html(`<!DOCTYPE html>${String(await (page as Promise<string> | string))}`, status);
}

export function tx(lang: WorkspaceLang, key: UiKey, params?: Record<string, string>): string {
  return t(lang, key, params);
}
