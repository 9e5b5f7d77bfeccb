/**
 * Registering a request that came by post, by e-mail or at the desk: the form, and the page that
 * shows the new reference and, once, the requester's secret status link.
 *
 * @example
 *   return renderPage(c, <RegisterPage lang={l} user={user} csrf={token} values={{}} errors={[]} today="2026-04-01" />);
 */
import { facts } from '../../../content/facts.ts';
import { formatDate, t, type UiKey } from '../../../content/i18n.ts';
import { LANGS } from '../../../content/schema.ts';
import { tw } from '../../../content/workspace-i18n.ts';
import { REGISTER_CHANNELS, RIGHTS, statementsOf, type RegisteredRequest } from '../../workspace/register-request.ts';
import type { WorkspaceLang } from '../dpo-env.ts';
import type { SignedInUser } from '../roles.ts';
import { ActionFrame, Choices, errorOf, Select, TextArea } from './action-form-parts.tsx';
import type { FormValues } from './action-pages.tsx';
import { Field, Layout, type FieldErrorText } from './layout.tsx';

const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

export function RegisterPage(p: { lang: WorkspaceLang; user: SignedInUser; csrf: string; values: FormValues; errors: FieldErrorText[] }) {
  const l = p.lang;
  const v = p.values;
  const err = (f: string) => errorOf(p.errors, f);
  const controller = facts.controllers[p.user.controllerId ?? '']?.name ?? '';
  return (
    <ActionFrame
      lang={l}
      user={p.user}
      title={tw(l, 'actions.register.title')}
      otherHref={`/dpo/register?lang=${l === 'nl' ? 'en' : 'nl'}`}
      action={`/dpo/register?lang=${l}`}
      csrf={p.csrf}
      errors={p.errors}
      submit={tw(l, 'actions.register.submit')}
      current="register"
    >
      <p>{tw(l, 'actions.register.intro', { controller })}</p>
      <Choices lang={l} id="channel" type="radio" legend={tw(l, 'actions.register.channel')} value={str(v.channel)} error={err('channel')} options={REGISTER_CHANNELS.map((c) => ({ value: c, label: tw(l, `actions.register.channel.${c}`) }))} />
      <Field lang={l} id="receivedDate" type="date" autocomplete="off" label={tw(l, 'actions.register.receivedDate')} hint={tw(l, 'actions.register.receivedDateHint')} value={str(v.receivedDate)} error={err('receivedDate')} />
      <Choices
        lang={l}
        id="statement"
        type="radio"
        legend={tw(l, 'actions.register.statement')}
        value={str(v.statement)}
        error={err('statement')}
        options={statementsOf(p.user.controllerId ?? '').map((s) => ({ value: s, label: t(l, `statement.${s}.title` as UiKey) }))}
      />
      <Choices lang={l} id="rights" type="checkbox" legend={tw(l, 'actions.register.rights')} value={v.rights} error={err('rights')} options={RIGHTS.map((r) => ({ value: r, label: t(l, `right.${r}.name` as UiKey) }))} />
      <h2 class="heading-m">{tw(l, 'actions.register.person')}</h2>
      <Field lang={l} id="firstName" type="text" autocomplete="off" spellcheck={false} label={tw(l, 'actions.register.firstName')} value={str(v.firstName)} error={err('firstName')} />
      <Field lang={l} id="lastName" type="text" autocomplete="off" spellcheck={false} label={tw(l, 'actions.register.lastName')} value={str(v.lastName)} error={err('lastName')} />
      <Field lang={l} id="email" type="email" autocomplete="off" spellcheck={false} label={tw(l, 'actions.register.email')} hint={tw(l, 'actions.register.emailHint')} value={str(v.email)} error={err('email')} />
      <h2 class="heading-m">{tw(l, 'actions.register.address')}</h2>
      <Field lang={l} id="street" type="text" autocomplete="off" label={tw(l, 'actions.register.street')} value={str(v.street)} />
      <Field lang={l} id="postcode" type="text" autocomplete="off" inputmode="numeric" label={tw(l, 'actions.register.postcode')} value={str(v.postcode)} error={err('postcode')} />
      <Field lang={l} id="city" type="text" autocomplete="off" label={tw(l, 'actions.register.city')} value={str(v.city)} />
      <Select lang={l} id="lang" label={tw(l, 'actions.register.lang')} placeholder="–" value={str(v.lang)} error={err('lang')} options={LANGS.map((x) => ({ value: x, label: t(l, `lang.${x}` as UiKey) }))} />
      <TextArea lang={l} id="explanation" label={tw(l, 'actions.register.explanation')} hint={tw(l, 'actions.register.explanationHint')} value={str(v.explanation)} error={err('explanation')} rows={4} />
    </ActionFrame>
  );
}

export function RegisteredPage(p: { lang: WorkspaceLang; user: SignedInUser; registered: RegisteredRequest }) {
  const l = p.lang;
  const r = p.registered;
  return (
    <Layout lang={l} title={tw(l, 'actions.register.done.title')} otherHref={`/dpo/requests/${r.reference}?lang=${l === 'nl' ? 'en' : 'nl'}`} user={p.user} current="register">
      <h1 class="heading">{tw(l, 'actions.register.done.title')}</h1>
      <dl class="summary">
        <div class="summary-row">
          <dt>{tw(l, 'actions.register.done.reference')}</dt>
          <dd id="reference">{r.reference}</dd>
        </div>
        <div class="summary-row">
          <dt>{tw(l, 'actions.register.done.deadline')}</dt>
          <dd>{formatDate(l, r.legalDeadline)}</dd>
        </div>
        <div class="summary-row">
          <dt>{tw(l, 'actions.register.done.statusUrl')}</dt>
          <dd>
            <code class="secret" id="status-url">
              {r.statusUrl}
            </code>
          </dd>
        </div>
      </dl>
      <p class="notice notice-warning">{tw(l, 'actions.register.done.statusHint')}</p>
      <p>{tw(l, r.confirmationSent ? 'actions.register.done.mailSent' : 'actions.register.done.noMail')}</p>
      <p>
        <a class="button" href={`/dpo/requests/${r.reference}?lang=${l}`}>
          {tw(l, 'actions.register.done.open')}
        </a>
      </p>
    </Layout>
  );
}
