/**
 * The pages of the actions on one request, one thing per page (GOV.UK style): a short form, its
 * errors, and the page that says why an action is not possible now.
 *
 * @example
 *   return renderPage(c, <ActionPage action="extend" lang={l} user={user} csrf={token} request={r} values={{}} errors={[]} view={view} />);
 */
import { facts } from '../../../content/facts.ts';
import { formatDate, t, type UiKey } from '../../../content/i18n.ts';
import { CONTROLLER_IDS } from '../../../content/schema.ts';
import { tw, type WorkspaceKey } from '../../../content/workspace-i18n.ts';
import { explainExtensionRefusal } from '../../deadlines/explain-extension-refusal.ts';
import { isoDay } from '../../deadlines/calendar-day.ts';
import type { ConflictCode } from '../../workspace/actions/action-support.ts';
import { TRANSFER_REASONS } from '../../workspace/actions/transfer-to-controller.ts';
import type { WorkspaceAction } from '../../workspace/available-actions.ts';
import type { RequestRow } from '../../workspace/request-scope.ts';
import type { WorkspaceLang } from '../dpo-env.ts';
import type { SignedInUser } from '../roles.ts';
import { ActionFrame, Choices, errorOf, Select, TextArea } from './action-form-parts.tsx';
import { Layout, type FieldErrorText } from './layout.tsx';

export type FormValues = Record<string, string | string[] | undefined>;

/** What a page shows besides the request: whether an e-mail will go, and computed dates. */
export interface ActionView {
  hasEmail: boolean;
  /** For the extend page: the deadline if extended now. */
  extendedDeadline?: string;
}

export interface ActionPageProps {
  action: WorkspaceAction;
  lang: WorkspaceLang;
  user: SignedInUser;
  csrf: string;
  request: RequestRow;
  values: FormValues;
  errors: FieldErrorText[];
  view: ActionView;
}

const TITLE: Record<WorkspaceAction, WorkspaceKey> = {
  identity: 'actions.identity.title',
  information: 'actions.information.title',
  'information-received': 'actions.received.title',
  extend: 'actions.extend.title',
  transfer: 'actions.transfer.title',
  answer: 'actions.answer.title',
  close: 'actions.close.title',
};

const SUBMIT: Record<WorkspaceAction, WorkspaceKey> = {
  identity: 'actions.identity.submit',
  information: 'actions.information.submit',
  'information-received': 'actions.received.submit',
  extend: 'actions.extend.submit',
  transfer: 'actions.transfer.submit',
  answer: 'actions.answer.submit',
  close: 'actions.close.submit',
};

const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

function MailNotice(p: { lang: WorkspaceLang; request: RequestRow; view: ActionView }) {
  const l = p.lang;
  return <p class={p.view.hasEmail ? 'notice' : 'notice notice-warning'}>{p.view.hasEmail ? tw(l, 'actions.mailNotice', { language: tw(l, `request.lang.${p.request.lang}` as WorkspaceKey) }) : tw(l, 'actions.noEmail')}</p>;
}

function OutcomeChoice(p: { lang: WorkspaceLang; value: string | undefined; error: string | undefined }) {
  const l = p.lang;
  return (
    <Choices
      lang={l}
      id="outcome"
      type="radio"
      legend={tw(l, 'actions.outcome')}
      value={p.value}
      error={p.error}
      options={(['granted', 'partly_granted', 'refused'] as const).map((o) => ({ value: o, label: tw(l, `actions.outcome.${o}`) }))}
    />
  );
}

function Fields(p: ActionPageProps) {
  const l = p.lang;
  const r = p.request;
  const v = p.values;
  const err = (f: string) => errorOf(p.errors, f);
  const language = tw(l, `request.lang.${r.lang}` as WorkspaceKey);
  switch (p.action) {
    case 'identity':
      return <p>{tw(l, 'actions.identity.intro')}</p>;
    case 'information':
      return (
        <>
          <Choices
            lang={l}
            id="kind"
            type="radio"
            legend={tw(l, 'actions.information.kind')}
            value={str(v.kind)}
            error={err('kind')}
            options={[
              { value: 'identity', label: tw(l, 'actions.information.kind.identity'), hint: tw(l, 'actions.information.kind.identityHint') },
              { value: 'clarification', label: tw(l, 'actions.information.kind.clarification') },
            ]}
          />
          <TextArea lang={l} id="message" label={tw(l, 'actions.information.message')} hint={tw(l, 'actions.messageHint', { language })} value={str(v.message)} error={err('message')} />
        </>
      );
    case 'information-received':
      return (
        <>
          <p>{tw(l, 'actions.received.intro')}</p>
          {r.suspendedSince ? <p>{tw(l, 'actions.received.suspended', { date: formatDate(l, r.suspendedSince) })}</p> : null}
        </>
      );
    case 'extend':
      return (
        <>
          <p>{tw(l, 'actions.extend.intro', { deadline: formatDate(l, r.legalDeadline), extended: p.view.extendedDeadline ? formatDate(l, p.view.extendedDeadline) : '–' })}</p>
          <Choices
            lang={l}
            id="reason"
            type="radio"
            legend={tw(l, 'actions.extend.reason')}
            value={str(v.reason)}
            error={err('reason')}
            options={(['complexity', 'number_of_requests'] as const).map((o) => ({ value: o, label: tw(l, `actions.extend.reason.${o}`) }))}
          />
          <TextArea lang={l} id="message" label={tw(l, 'actions.extend.message')} hint={tw(l, 'actions.messageHint', { language })} value={str(v.message)} error={err('message')} />
        </>
      );
    case 'transfer':
      return (
        <>
          <p>{tw(l, 'actions.transfer.intro', { received: formatDate(l, r.receivedDate), deadline: formatDate(l, r.extendedDeadline ?? r.legalDeadline) })}</p>
          <Select
            lang={l}
            id="to"
            label={tw(l, 'actions.transfer.to')}
            placeholder={tw(l, 'actions.transfer.to.choose')}
            value={str(v.to)}
            error={err('to')}
            options={CONTROLLER_IDS.filter((id) => id !== r.controllerId).map((id) => ({ value: id, label: facts.controllers[id]!.name }))}
          />
          <Choices lang={l} id="reason" type="radio" legend={tw(l, 'actions.transfer.reason')} value={str(v.reason)} error={err('reason')} options={TRANSFER_REASONS.map((o) => ({ value: o, label: tw(l, `actions.transfer.reason.${o}`) }))} />
          <TextArea lang={l} id="note" label={tw(l, 'actions.transfer.note')} hint={tw(l, 'actions.messageHint', { language })} value={str(v.note)} error={err('note')} rows={3} />
        </>
      );
    case 'answer':
      return (
        <>
          <TextArea lang={l} id="message" label={tw(l, 'actions.answer.message')} hint={tw(l, 'actions.answer.messageHint', { language })} value={str(v.message)} error={err('message')} rows={10} />
          <OutcomeChoice lang={l} value={str(v.outcome)} error={err('outcome')} />
          <TextArea lang={l} id="reasons" label={tw(l, 'actions.reasons')} hint={tw(l, 'actions.reasonsHint', { language })} value={str(v.reasons)} error={err('reasons')} rows={4} />
          <div class={err('documents') ? 'form-group form-group-error' : 'form-group'}>
            <label class="label" for="documents">
              {tw(l, 'actions.answer.documents')}
            </label>
            <p id="documents-hint" class="hint">
              {tw(l, 'actions.answer.documentsHint')}
            </p>
            {err('documents') ? (
              <p id="documents-error" class="error-message">
                <span class="visually-hidden">{t(l, 'dpo.errorPrefix')} </span>
                {err('documents')}
              </p>
            ) : null}
            <input
              class="file-input"
              id="documents"
              name="documents"
              type="file"
              multiple
              accept=".pdf,.jpg,.jpeg,.png,.csv,.json,.txt,application/pdf,image/jpeg,image/png,text/csv,application/json,text/plain"
              aria-describedby={err('documents') ? 'documents-hint documents-error' : 'documents-hint'}
            />
          </div>
        </>
      );
    case 'close':
      return (
        <>
          <OutcomeChoice lang={l} value={str(v.outcome)} error={err('outcome')} />
          <TextArea lang={l} id="message" label={tw(l, 'actions.reasons')} hint={tw(l, 'actions.reasonsHint', { language })} value={str(v.message)} error={err('message')} rows={5} />
        </>
      );
  }
}

export function ActionPage(p: ActionPageProps) {
  const l = p.lang;
  const ref = p.request.reference;
  const path = `/dpo/requests/${ref}/${p.action}`;
  return (
    <ActionFrame
      lang={l}
      user={p.user}
      title={tw(l, TITLE[p.action])}
      caption={tw(l, 'actions.caption', { reference: ref })}
      backHref={`/dpo/requests/${ref}?lang=${l}`}
      otherHref={`${path}?lang=${l === 'nl' ? 'en' : 'nl'}`}
      action={`${path}?lang=${l}`}
      csrf={p.csrf}
      errors={p.errors}
      submit={tw(l, SUBMIT[p.action])}
      multipart={p.action === 'answer'}
    >
      <Fields {...p} />
      <MailNotice lang={l} request={p.request} view={p.view} />
    </ActionFrame>
  );
}

/** Why the action cannot be taken now, in words. */
export function explainConflict(l: WorkspaceLang, code: ConflictCode, request: RequestRow, params: Record<string, string> = {}): string {
  switch (code) {
    case 'state':
      return tw(l, 'actions.conflict.state', { state: t(l, `status.state.${request.state}` as UiKey) });
    case 'identityChecked':
      return tw(l, 'actions.conflict.identityChecked');
    case 'alreadyExtended':
      return explainExtensionRefusal(l, { code: 'alreadyExtended' });
    case 'firstDeadlinePassed':
      return explainExtensionRefusal(l, { code: 'firstDeadlinePassed', firstDeadline: isoDay(params.deadline ?? request.legalDeadline) });
  }
}

export function ConflictPage(p: { lang: WorkspaceLang; user: SignedInUser; request: RequestRow; action: WorkspaceAction; text: string }) {
  const l = p.lang;
  const ref = p.request.reference;
  return (
    <Layout lang={l} title={tw(l, 'actions.conflict.title')} otherHref={`/dpo/requests/${ref}/${p.action}?lang=${l === 'nl' ? 'en' : 'nl'}`} user={p.user} current="requests">
      <p class="caption">{tw(l, 'actions.caption', { reference: ref })}</p>
      <h1 class="heading">{tw(l, 'actions.conflict.title')}</h1>
      <p>{p.text}</p>
      <p>
        <a href={`/dpo/requests/${ref}?lang=${l}`}>{tw(l, 'actions.back')}</a>
      </p>
    </Layout>
  );
}
