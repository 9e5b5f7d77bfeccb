/**
 * The audit trail pages: a request's trail, and the trail of the user's controller with a filter
 * by user and by event type. Each row says when, what (the event type in words), who (the
 * actor's display name) and the payload in words; newest first, 50 per page.
 *
 * @example
 *   renderPage(c, <AuditPage lang="nl" user={user} page={page} title="…" selfPath="/dpo/audit" filter={…} />);
 */
import { facts } from '../../../content/facts.ts';
import { formatDate, t, type UiKey } from '../../../content/i18n.ts';
import type { ControllerId } from '../../../content/schema.ts';
import { tw, type WorkspaceKey } from '../../../content/workspace-i18n.ts';
import { AUDIT_EVENT_TYPES } from '../../audit/audit-event-types.ts';
import { controllerLabel } from '../../routing/explain-routing.ts';
import type { AuditPage as AuditPageData, AuditRow } from '../../workspace/list-audit-events.ts';
import type { WorkspaceLang } from '../dpo-env.ts';
import type { SignedInUser } from '../roles.ts';
import { ErrorSummary, Layout, type FieldErrorText } from './layout.tsx';
import { formatBrusselsDateTime } from './request-page.tsx';

function twOr(lang: WorkspaceLang, key: string, fallback: string, params: Record<string, string | number> = {}): string {
  try {
    return tw(lang, key as WorkspaceKey, params);
  } catch {
    return fallback;
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One payload value in words. */
function valueText(l: WorkspaceLang, key: string, value: unknown, names: Map<string, string>): string {
  if (value === null || value === undefined) return tw(l, 'audit.value.none');
  if (Array.isArray(value)) return String(value.length);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const v = String(value);
  if (key === 'targetUserId' || key === 'targetId') return names.get(v) ?? v;
  if (/controllerId$/i.test(key)) {
    const c = facts.controllers[v as ControllerId];
    return c ? controllerLabel(c) : v;
  }
  if (key === 'role') return t(l, `dpo.role.${v}` as UiKey);
  if (key === 'state') return t(l, `status.state.${v}` as UiKey);
  if (key === 'fileId') return v.slice(0, 8);
  if (ISO_DATE.test(v)) return formatDate(l, v);
  return twOr(l, `audit.value.${v}`, v);
}

/** The payload of an event in words, from the type's summary string; empty for an empty payload. */
export function summarisePayload(l: WorkspaceLang, row: Pick<AuditRow, 'type' | 'payload'>, names: Map<string, string>): string {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(row.payload)) params[k] = valueText(l, k, v, names);
  if (Object.keys(params).length === 0) return '';
  return twOr(l, `audit.summary.${row.type}`, Object.entries(params).map(([k, v]) => `${k}: ${v}`).join(', '), params);
}

export interface AuditFilter {
  users: { id: string; displayName: string }[];
  userId: string | null;
  type: string | null;
}

function pageHref(selfPath: string, l: WorkspaceLang, filter: AuditFilter | undefined, page: number): string {
  const q = new URLSearchParams({ lang: l });
  if (filter?.userId) q.set('user', filter.userId);
  if (filter?.type) q.set('type', filter.type);
  q.set('page', String(page));
  return `${selfPath}?${q.toString()}`;
}

function FilterForm(p: { lang: WorkspaceLang; filter: AuditFilter; errors: FieldErrorText[] }) {
  const l = p.lang;
  const error = (field: string) => p.errors.find((e) => e.field === field)?.text;
  return (
    <form method="get" action="/dpo/audit" class="audit-filter">
      <input type="hidden" name="lang" value={l} />
      <div class={error('user') ? 'form-group form-group-error' : 'form-group'}>
        <label class="label" for="user">
          {tw(l, 'audit.filter.user')}
        </label>
        {error('user') ? (
          <p id="user-error" class="error-message">
            {error('user')}
          </p>
        ) : null}
        <select class="input" id="user" name="user" aria-describedby={error('user') ? 'user-error' : undefined}>
          <option value="">{tw(l, 'audit.filter.allUsers')}</option>
          {p.filter.users.map((u) => (
            <option value={u.id} selected={u.id === p.filter.userId}>
              {u.displayName}
            </option>
          ))}
        </select>
      </div>
      <div class={error('type') ? 'form-group form-group-error' : 'form-group'}>
        <label class="label" for="type">
          {tw(l, 'audit.filter.type')}
        </label>
        {error('type') ? (
          <p id="type-error" class="error-message">
            {error('type')}
          </p>
        ) : null}
        <select class="input" id="type" name="type" aria-describedby={error('type') ? 'type-error' : undefined}>
          <option value="">{tw(l, 'audit.filter.allTypes')}</option>
          {AUDIT_EVENT_TYPES.map((type) => (
            <option value={type} selected={type === p.filter.type}>
              {twOr(l, `audit.type.${type}`, type)}
            </option>
          ))}
        </select>
      </div>
      <button class="button" type="submit">
        {tw(l, 'audit.filter.submit')}
      </button>
    </form>
  );
}

export function AuditPage(p: {
  lang: WorkspaceLang;
  user: SignedInUser;
  title: string;
  intro?: string;
  /** The path of this page, for the language switch and paging. */
  selfPath: string;
  backHref?: string;
  backText?: string;
  data: AuditPageData | null;
  filter?: AuditFilter;
  errors?: FieldErrorText[];
}) {
  const l = p.lang;
  const other: WorkspaceLang = l === 'nl' ? 'en' : 'nl';
  const errors = p.errors ?? [];
  const data = p.data;
  return (
    <Layout lang={l} title={p.title} otherHref={pageHref(p.selfPath, other, p.filter, data?.page ?? 1)} user={p.user} current="audit" wide hasErrors={errors.length > 0}>
      {p.backHref ? (
        <p>
          <a href={p.backHref}>{p.backText}</a>
        </p>
      ) : null}
      <ErrorSummary lang={l} errors={errors} />
      <h1 class="heading">{p.title}</h1>
      {p.intro ? <p>{p.intro}</p> : null}
      {p.filter ? <FilterForm lang={l} filter={p.filter} errors={errors} /> : null}
      {data ? (
        <>
          <p>{tw(l, 'audit.count', { total: data.total, page: data.page, pages: data.pages })}</p>
          {data.rows.length === 0 ? (
            <p>{tw(l, 'audit.empty')}</p>
          ) : (
            <div class="audit-table-scroll" role="region" aria-label={p.title} tabindex={0}>
              <table class="audit-table">
                <caption class="visually-hidden">{p.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tw(l, 'audit.column.at')}</th>
                    <th scope="col">{tw(l, 'audit.column.type')}</th>
                    <th scope="col">{tw(l, 'audit.column.actor')}</th>
                    <th scope="col">{tw(l, 'audit.column.request')}</th>
                    <th scope="col">{tw(l, 'audit.column.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((r) => (
                    <tr>
                      <td>{formatBrusselsDateTime(l, r.at)}</td>
                      <td>{twOr(l, `audit.type.${r.type}`, r.type)}</td>
                      <td>{r.actorName ?? (r.actorUserId ? r.actorUserId : tw(l, 'audit.actor.system'))}</td>
                      <td>{r.requestReference ? <a href={`/dpo/requests/${r.requestReference}?lang=${l}`}>{r.requestReference}</a> : ''}</td>
                      <td>{summarisePayload(l, r, data.names)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data.pages > 1 ? (
            <nav class="audit-pagination" aria-label={tw(l, 'audit.pagination')}>
              <ul class="audit-pagination-list">
                {data.page > 1 ? (
                  <li>
                    <a href={pageHref(p.selfPath, l, p.filter, data.page - 1)} rel="prev">
                      {tw(l, 'audit.previous')}
                    </a>
                  </li>
                ) : null}
                {data.page < data.pages ? (
                  <li>
                    <a href={pageHref(p.selfPath, l, p.filter, data.page + 1)} rel="next">
                      {tw(l, 'audit.next')}
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}
