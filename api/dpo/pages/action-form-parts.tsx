/**
 * Form parts the action and register pages share, GOV.UK style: radios and checkboxes in a
 * fieldset with a legend, a textarea, a select, each with its hint and its error wired with
 * aria-describedby; and the frame of one action page (caption, heading, error summary, form).
 *
 * @example
 *   <Radios lang={l} id="kind" legend="What do you need?" options={[{ value: 'identity', label: '…' }]} value={v.kind} error={err('kind')} />
 */
import type { Child } from 'hono/jsx';
import { tw, type WorkspaceKey } from '../../../content/workspace-i18n.ts';
import type { WorkspaceLang } from '../dpo-env.ts';
import type { SignedInUser } from '../roles.ts';
import { CsrfField, describedBy, ErrorSummary, FieldHead, HintAndError, Layout, type FieldErrorText, type WorkspaceSection } from './layout.tsx';

export interface Option {
  value: string;
  label: string;
  hint?: string | undefined;
}

/** Radios (one choice) or checkboxes (several), grouped under a legend. The first input carries the id the error summary links to. */
export function Choices(p: { lang: WorkspaceLang; id: string; legend: string; type: 'radio' | 'checkbox'; options: Option[]; value?: string | string[] | undefined; hint?: string | undefined; error?: string | undefined }) {
  const chosen = Array.isArray(p.value) ? p.value : p.value ? [p.value] : [];
  return (
    <div class={p.error ? 'form-group form-group-error' : 'form-group'}>
      <fieldset class="fieldset" aria-describedby={describedBy(p.id, p.hint, p.error)}>
        <legend class="label">{p.legend}</legend>
        <HintAndError lang={p.lang} id={p.id} hint={p.hint} error={p.error} />
        {p.options.map((o, i) => {
          const id = i === 0 ? p.id : `${p.id}-${o.value}`;
          return (
            <div class="choice">
              <input class="choice-input" id={id} name={p.id} type={p.type} value={o.value} checked={chosen.includes(o.value)} aria-describedby={o.hint ? `${id}-hint` : undefined} />
              <label class="choice-label" for={id}>
                {o.label}
              </label>
              {o.hint ? (
                <p id={`${id}-hint`} class="hint choice-hint">
                  {o.hint}
                </p>
              ) : null}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function TextArea(p: { lang: WorkspaceLang; id: string; label: string; value?: string | undefined; hint?: string | undefined; error?: string | undefined; rows?: number; maxlength?: number }) {
  return (
    <div class={p.error ? 'form-group form-group-error' : 'form-group'}>
      <FieldHead lang={p.lang} id={p.id} label={p.label} hint={p.hint} error={p.error} />
      <textarea class={p.error ? 'textarea input-error' : 'textarea'} id={p.id} name={p.id} rows={p.rows ?? 6} maxlength={p.maxlength} aria-describedby={describedBy(p.id, p.hint, p.error)} aria-invalid={p.error ? 'true' : undefined}>
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

export function Select(p: { lang: WorkspaceLang; id: string; label: string; options: Option[]; placeholder: string; value?: string | undefined; error?: string | undefined }) {
  return (
    <div class={p.error ? 'form-group form-group-error' : 'form-group'}>
      <FieldHead lang={p.lang} id={p.id} label={p.label} error={p.error} />
      <select class="select" id={p.id} name={p.id} aria-describedby={describedBy(p.id, undefined, p.error)} aria-invalid={p.error ? 'true' : undefined}>
        <option value="">{p.placeholder}</option>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Form errors in words: `actions.error.<code>`. */
export function errorTexts(lang: WorkspaceLang, errors: readonly { field: string; code: string }[]): FieldErrorText[] {
  return errors.map((e) => ({ field: e.field, text: tw(lang, `actions.error.${e.code}` as WorkspaceKey) }));
}

/** The error text of one field, for the field itself. */
export const errorOf = (errors: readonly FieldErrorText[], field: string): string | undefined => errors.find((e) => e.field === field)?.text;

/** One action page: back link, caption with the reference, heading, error summary, the form and its button. */
export function ActionFrame(p: {
  lang: WorkspaceLang;
  user: SignedInUser;
  title: string;
  caption?: string | undefined;
  backHref?: string | undefined;
  otherHref: string;
  action: string;
  csrf: string;
  errors: FieldErrorText[];
  submit: string;
  multipart?: boolean;
  current?: WorkspaceSection;
  warning?: boolean;
  children: Child;
}) {
  const l = p.lang;
  return (
    <Layout lang={l} title={p.title} otherHref={p.otherHref} user={p.user} current={p.current ?? 'requests'} hasErrors={p.errors.length > 0}>
      {p.backHref ? (
        <p>
          <a class="back-link" href={p.backHref}>
            {tw(l, 'actions.back')}
          </a>
        </p>
      ) : null}
      <ErrorSummary lang={l} errors={p.errors} />
      {p.caption ? <p class="caption">{p.caption}</p> : null}
      <h1 class="heading">{p.title}</h1>
      <form method="post" action={p.action} enctype={p.multipart ? 'multipart/form-data' : undefined} novalidate>
        <CsrfField token={p.csrf} />
        {p.children}
        <div class="button-group">
          <button class={p.warning ? 'button button-warning' : 'button'} type="submit">
            {p.submit}
          </button>
        </div>
      </form>
    </Layout>
  );
}
