/**
 * The request page: everything the requester filed, where the request went and why, its
 * deadlines, its timeline, its files, the ID copy (only until the identity is checked), the seal
 * check and the actions the user may take. Summary lists with headings, readable at 360 px; all
 * text goes through hono/jsx, which escapes it.
 *
 * @example
 *   return renderPage(c, <RequestPage lang="nl" user={user} view={view} />);
 */
import { facts } from '../../../content/facts.ts';
import { formatDate, t, type UiKey } from '../../../content/i18n.ts';
import type { ControllerId } from '../../../content/schema.ts';
import { tw, type WorkspaceKey } from '../../../content/workspace-i18n.ts';
import type { DaysLeft } from '../../deadlines/count-days-left.ts';
import { controllerLabel } from '../../routing/explain-routing.ts';
import type { WorkspaceAction } from '../../workspace/available-actions.ts';
import type { RequestSealCheck } from '../../workspace/check-request-seal.ts';
import type { EventActor, FileRow, RequestDetail, TimelineEvent } from '../../workspace/load-request-detail.ts';
import type { WorkspaceLang } from '../dpo-env.ts';
import type { SignedInUser } from '../roles.ts';
import { Layout } from './layout.tsx';

export interface RequestView {
  detail: RequestDetail;
  routingText: string;
  daysLeft: DaysLeft | null;
  seal: RequestSealCheck;
  actions: { action: WorkspaceAction; href: string }[];
  /** Null while the session's second factor is recent enough to show the ID copy; else where to confirm it. */
  confirmIdCopyHref: string | null;
}

const dateTimeFormats = new Map<WorkspaceLang, Intl.DateTimeFormat>();

/** An instant as a date and time in Brussels: "1 april 2026 om 01:30". */
export function formatBrusselsDateTime(lang: WorkspaceLang, at: Date): string {
  let f = dateTimeFormats.get(lang);
  if (!f) dateTimeFormats.set(lang, (f = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-BE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Brussels' })));
  return f.format(at);
}

/** A workspace string for a code that may be unknown (a new event type): the code itself then. */
function twOr(lang: WorkspaceLang, key: string, fallback: string, params: Record<string, string | number> = {}): string {
  try {
    return tw(lang, key as WorkspaceKey, params);
  } catch {
    return fallback;
  }
}

function controllerName(id: unknown): string {
  const c = typeof id === 'string' ? facts.controllers[id as ControllerId] : undefined;
  return c ? controllerLabel(c) : String(id);
}

/** A stored date (YYYY-MM-DD) in words; a registered request may have none ('' where the paper form did not ask). */
function dateOr(l: WorkspaceLang, iso: string | null | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDate(l, iso) : tw(l, 'request.notGiven');
}

function Row(p: { label: string; children: unknown }) {
  return (
    <div class="summary-row">
      <dt>{p.label}</dt>
      <dd>{p.children}</dd>
    </div>
  );
}

function daysLeftText(l: WorkspaceLang, d: DaysLeft | null): string {
  if (!d) return tw(l, 'request.daysLeft.none');
  if (d.dueToday) return tw(l, 'request.daysLeft.today');
  if (d.overdue) return tw(l, 'request.daysLeft.overdue', { calendar: d.calendarDaysOverdue, working: d.workingDaysOverdue });
  return tw(l, 'request.daysLeft.left', { calendar: d.calendarDaysLeft, working: d.workingDaysLeft });
}

function actorText(l: WorkspaceLang, a: EventActor): string {
  switch (a.kind) {
    case 'requester':
      return tw(l, 'request.actor.requester');
    case 'system':
      return tw(l, 'request.actor.system');
    case 'staff':
      return a.name;
    case 'other':
      return a.label;
  }
}

/** The few payload facts worth a line on the timeline, in words. */
function eventDetail(l: WorkspaceLang, e: TimelineEvent): string | null {
  const p = e.payload;
  const word = (area: string, v: unknown) => twOr(l, `request.${area}.${String(v)}`, String(v));
  switch (e.type) {
    case 'received':
      return p.channel ? tw(l, 'request.eventDetail.received', { channel: word('channel', p.channel) }) : null;
    case 'information_requested':
      return tw(l, 'request.eventDetail.informationRequested', { kind: word('infoKind', p.kind) });
    case 'information_received':
      return typeof p.legalDeadline === 'string' ? tw(l, 'request.eventDetail.informationReceived', { days: Number(p.suspendedDays ?? 0), date: formatDate(l, p.legalDeadline) }) : null;
    case 'deadline_extended':
      return typeof p.to === 'string' ? tw(l, 'request.eventDetail.deadlineExtended', { date: formatDate(l, p.to), reason: word('extensionReason', p.reason) }) : null;
    case 'transferred':
      return tw(l, 'request.eventDetail.transferred', { from: controllerName(p.from), to: controllerName(p.to) });
    case 'answered':
    case 'closed':
      return p.outcome ? tw(l, 'request.eventDetail.outcome', { outcome: word('outcome', p.outcome) }) : null;
    default:
      return null;
  }
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

function sealText(l: WorkspaceLang, seal: RequestSealCheck): string {
  if (seal.ok) return tw(l, seal.documentChecked ? 'request.seal.intact' : 'request.seal.intactAnonymised');
  const reason = seal.reason === 'file_changed' ? tw(l, 'request.seal.reason.file_changed', { role: twOr(l, `request.fileRole.${seal.role ?? ''}`, seal.role ?? '') }) : tw(l, `request.seal.reason.${seal.reason}`);
  return tw(l, 'request.seal.broken', { reason });
}

export function RequestPage(p: { lang: WorkspaceLang; user: SignedInUser; view: RequestView }) {
  const l = p.lang;
  const { detail, routingText, daysLeft, seal, actions } = p.view;
  const r = detail.request;
  const personal = detail.personal;
  const base = `/dpo/requests/${r.reference}`;
  const live = detail.files.filter((f) => f.deletedAt === null);
  const idCopy = live.find((f) => f.role === 'id_copy');
  const signatureImage = live.find((f) => f.role === 'signature');
  const listed = live.filter((f) => f.role !== 'id_copy');
  const title = tw(l, 'request.title', { reference: r.reference });
  const other = l === 'nl' ? 'en' : 'nl';
  const yesNo = (v: boolean) => tw(l, v ? 'request.yes' : 'request.no');
  const fileName = (f: FileRow) => twOr(l, `request.fileRole.${f.role}`, f.role);

  return (
    <Layout lang={l} title={title} otherHref={`${base}?lang=${other}`} user={p.user} current="requests">
      <p>
        <a href={`/dpo/requests?lang=${l}`}>{tw(l, 'request.backToList')}</a>
      </p>
      <h1 class="heading">{title}</h1>
      <div class="request-detail">
        <h2 class="heading-m">{tw(l, 'request.section.request')}</h2>
        <dl class="summary">
          <Row label={tw(l, 'request.field.statement')}>{t(l, `statement.${r.statement}.title` as UiKey)}</Row>
          <Row label={tw(l, 'request.field.rights')}>{r.rights.map((x) => t(l, `right.${x}.name` as UiKey)).join(', ')}</Row>
          <Row label={tw(l, 'request.field.channel')}>{twOr(l, `request.channel.${r.channel}`, r.channel)}</Row>
          <Row label={tw(l, 'request.field.receivedAt')}>{formatBrusselsDateTime(l, r.receivedAt)}</Row>
          <Row label={tw(l, 'request.field.requesterLang')}>{twOr(l, `request.lang.${r.lang}`, r.lang)}</Row>
          <Row label={tw(l, 'request.field.state')}>{t(l, `status.state.${r.state}` as UiKey)}</Row>
          {r.outcome ? <Row label={tw(l, 'request.field.outcome')}>{twOr(l, `request.outcome.${r.outcome}`, r.outcome)}</Row> : null}
        </dl>

        <h2 class="heading-m">{tw(l, 'request.section.deadlines')}</h2>
        <dl class="summary">
          <Row label={tw(l, 'request.field.legalDeadline')}>{formatDate(l, r.legalDeadline)}</Row>
          {r.extendedDeadline ? (
            <Row label={tw(l, 'request.field.extendedDeadline')}>
              {formatDate(l, r.extendedDeadline)}
              {r.extensionReason ? ` (${twOr(l, `request.extensionReason.${r.extensionReason}`, r.extensionReason)})` : ''}
            </Row>
          ) : null}
          {r.internalTarget ? <Row label={tw(l, 'request.field.internalTarget')}>{formatDate(l, r.internalTarget)}</Row> : null}
          {r.suspendedSince ? <Row label={tw(l, 'request.field.suspendedSince')}>{formatDate(l, r.suspendedSince)}</Row> : null}
          <Row label={tw(l, 'request.field.daysLeft')}>{daysLeftText(l, daysLeft)}</Row>
        </dl>

        <h2 class="heading-m">{tw(l, 'request.section.routing')}</h2>
        <dl class="summary">
          <Row label={tw(l, 'request.field.controller')}>{controllerName(r.controllerId)}</Row>
          <Row label={tw(l, 'request.field.routingReason')}>{routingText}</Row>
          <Row label={tw(l, 'request.field.contactPointInformed')}>{yesNo(r.contactPointInformed)}</Row>
        </dl>

        <h2 class="heading-m">{tw(l, 'request.section.requester')}</h2>
        {personal ? (
          <dl class="summary">
            <Row label={tw(l, 'request.field.name')}>{`${personal.firstName} ${personal.lastName}`}</Row>
            <Row label={tw(l, 'request.field.dateOfBirth')}>{dateOr(l, personal.dateOfBirth)}</Row>
            <Row label={tw(l, 'request.field.email')}>
              {personal.email
                ? `${personal.email} (${r.emailConfirmedAt ? tw(l, 'request.emailConfirmed', { date: formatBrusselsDateTime(l, r.emailConfirmedAt) }) : tw(l, 'request.emailNotConfirmed')})`
                : tw(l, 'request.notGiven')}
            </Row>
            <Row label={tw(l, 'request.field.phone')}>{personal.phone ?? tw(l, 'request.notGiven')}</Row>
            <Row label={tw(l, 'request.field.address')}>
              {[personal.address.street, [personal.address.postcode, personal.address.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || tw(l, 'request.notGiven')}
            </Row>
            <Row label={tw(l, 'request.field.actingAs')}>{twOr(l, `request.actingAs.${personal.actingAs}`, personal.actingAs)}</Row>
            {personal.representativeName ? <Row label={tw(l, 'request.field.representativeName')}>{personal.representativeName}</Row> : null}
          </dl>
        ) : (
          <p>{r.anonymisedAt ? tw(l, 'request.anonymised', { date: formatBrusselsDateTime(l, r.anonymisedAt) }) : tw(l, 'request.noPersonal')}</p>
        )}

        {personal ? (
          <>
            <h2 class="heading-m">{tw(l, 'request.section.asked')}</h2>
            <dl class="summary">
              {r.rights.map((x) => (
                <Row label={t(l, `right.${x}.name` as UiKey)}>{personal.explanations[x] ?? tw(l, 'request.noExplanation')}</Row>
              ))}
              {personal.rectification ? (
                <>
                  <Row label={tw(l, 'request.field.rectificationWrong')}>{personal.rectification.wrong}</Row>
                  <Row label={tw(l, 'request.field.rectificationRight')}>{personal.rectification.right}</Row>
                </>
              ) : null}
            </dl>

            <h2 class="heading-m">{tw(l, 'request.section.signature')}</h2>
            <dl class="summary">
              <Row label={tw(l, 'request.field.signatureMethod')}>{twOr(l, `request.signatureMethod.${personal.signature.method}`, personal.signature.method)}</Row>
              {personal.signature.method === 'typed' ? <Row label={tw(l, 'request.field.typedName')}>{personal.signature.name || tw(l, 'request.notGiven')}</Row> : null}
              <Row label={tw(l, 'request.field.signed')}>
                {personal.signedPlace || personal.signedDate ? tw(l, 'request.signedAt', { place: personal.signedPlace || tw(l, 'request.notGiven'), date: dateOr(l, personal.signedDate) }) : tw(l, 'request.notGiven')}
              </Row>
              <Row label={tw(l, 'request.field.declaration')}>{tw(l, r.channel === 'web' ? 'request.declarationGiven' : 'request.declarationNotApplicable')}</Row>
            </dl>
            {personal.signature.method === 'drawn' && signatureImage ? (
              <img class="request-signature" src={`${base}/files/${signatureImage.id}`} alt={tw(l, 'request.signatureAlt')} />
            ) : null}
          </>
        ) : null}

        <h2 class="heading-m">{tw(l, 'request.section.identity')}</h2>
        <p>
          {r.identityCheckedAt
            ? tw(l, 'request.identityChecked', { name: detail.identityCheckedByName ?? tw(l, 'request.actor.unknown'), date: formatBrusselsDateTime(l, r.identityCheckedAt) })
            : tw(l, 'request.identityNotChecked')}
        </p>
        {idCopy && p.view.confirmIdCopyHref ? (
          <div class="notice">
            <p>{tw(l, 'request.idCopy.confirm')}</p>
            <a class="button button-secondary" href={p.view.confirmIdCopyHref}>
              {tw(l, 'request.idCopy.confirmLink')}
            </a>
          </div>
        ) : idCopy ? (
          <figure class="request-id-copy">
            <img src={`${base}/id-copy?lang=${l}`} alt={tw(l, 'request.idCopy.alt')} />
            <figcaption>{tw(l, 'request.idCopy.notice')}</figcaption>
          </figure>
        ) : (
          <p>{tw(l, 'request.idCopy.gone')}</p>
        )}

        <h2 class="heading-m">{tw(l, 'request.section.files')}</h2>
        {listed.length > 0 ? (
          <ul class="request-files">
            {listed.map((f) => (
              <li>
                <a href={`${base}/files/${f.id}`} download>
                  {fileName(f)}
                </a>{' '}
                {tw(l, 'request.fileMeta', { size: sizeText(f.size), date: formatBrusselsDateTime(l, f.createdAt) })}
              </li>
            ))}
          </ul>
        ) : (
          <p>{tw(l, 'request.noFiles')}</p>
        )}

        <h2 class="heading-m">{tw(l, 'request.section.seal')}</h2>
        <p class={seal.ok ? 'notice' : 'notice seal-broken'}>{sealText(l, seal)}</p>

        <h2 class="heading-m">{tw(l, 'request.section.timeline')}</h2>
        <ol class="request-timeline">
          {detail.events.map((e) => {
            const extra = eventDetail(l, e);
            return (
              <li class="request-timeline-item">
                <p class="request-timeline-head">
                  <strong>{twOr(l, `request.event.${e.type}`, e.type)}</strong>
                </p>
                <p class="request-timeline-meta">{tw(l, 'request.eventMeta', { date: formatBrusselsDateTime(l, e.at), actor: actorText(l, e.actor) })}</p>
                {extra ? <p>{extra}</p> : null}
                {e.message ? (
                  <blockquote class="request-timeline-message">
                    <p class="visually-hidden">{tw(l, 'request.messageToRequester')}</p>
                    {e.message}
                  </blockquote>
                ) : null}
              </li>
            );
          })}
        </ol>

        {p.user.role === 'dpo' || p.user.role === 'handler' ? (
          <>
            <h2 class="heading-m">{tw(l, 'request.section.actions')}</h2>
            {actions.length > 0 ? (
              <ul class="request-actions">
                {actions.map((a) => (
                  <li>
                    <a class="button button-secondary" href={a.href}>
                      {twOr(l, `request.action.${a.action}`, a.action)}
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{tw(l, 'request.noActions')}</p>
            )}
          </>
        ) : null}

        {p.user.role === 'dpo' || p.user.role === 'auditor' ? (
          <p>
            <a href={`${base}/audit?lang=${l}`}>{tw(l, 'request.auditLink')}</a>
          </p>
        ) : null}
      </div>
    </Layout>
  );
}
