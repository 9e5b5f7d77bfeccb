/**
 * The request list page: a search by reference, a filter form (GET, works without JavaScript), the
 * table of one page of requests and the page links. Every mark (overdue, due this week, target
 * passed, never confirmed) is written out in words; the colour only repeats it. At 360 px the
 * table scrolls sideways inside a labelled, focusable region.
 *
 * @example
 *   renderPage(c, <ListPage lang="en" user={user} controllerName="Atlas" filters={f} result={page} now={now} searched={null} />);
 */
import { t } from '../../../content/i18n.ts';
import { tw } from '../../../content/workspace-i18n.ts';
import { retentionFor } from '../../retention/retention-settings.ts';
import { deadlineMarks, type DeadlineMarks } from '../../workspace/deadline-marks.ts';
import { DEFAULT_LIST_FILTERS, REQUEST_STATES, RIGHTS, STATEMENTS, type ListedRequest, type ListFilters, type RequestPage } from '../../workspace/list-requests.ts';
import type { WorkspaceLang } from '../dpo-env.ts';
import type { SignedInUser } from '../roles.ts';
import { Layout } from './layout.tsx';

export interface ListPageProps {
  lang: WorkspaceLang;
  user: SignedInUser;
  controllerName: string;
  filters: ListFilters;
  result: RequestPage;
  now: number;
  /** What was typed in the search box when no request matched it; null otherwise. */
  searched: string | null;
  /** The reference of a request this user just transferred to another controller, to confirm it. */
  transferred?: string | null;
}

/** The list's address for these filters (defaults left out), in this language. */
export function listHref(lang: WorkspaceLang, f: ListFilters, page = f.page): string {
  const q = new URLSearchParams({ lang });
  if (f.state !== DEFAULT_LIST_FILTERS.state) q.set('state', f.state);
  if (f.right) q.set('right', f.right);
  if (f.statement) q.set('statement', f.statement);
  if (f.emailConfirmed !== 'any') q.set('confirmed', f.emailConfirmed);
  if (page > 1) q.set('page', String(page));
  return `/dpo/requests?${q.toString()}`;
}

function Select(p: { id: string; label: string; value: string; options: { value: string; text: string }[] }) {
  return (
    <div class="form-group filter-group">
      <label class="label" for={p.id}>
        {p.label}
      </label>
      <select class="select" id={p.id} name={p.id}>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

function Filters(p: { lang: WorkspaceLang; f: ListFilters }) {
  const l = p.lang;
  return (
    <form class="filters" method="get" action="/dpo/requests" aria-labelledby="filters-heading">
      <h2 id="filters-heading" class="heading-s">
        {tw(l, 'list.filters.heading')}
      </h2>
      <input type="hidden" name="lang" value={l} />
      <div class="filter-row">
        <Select
          id="state"
          label={tw(l, 'list.filter.state')}
          value={p.f.state}
          options={[{ value: 'open', text: tw(l, 'list.filter.state.open') }, ...REQUEST_STATES.map((s) => ({ value: s, text: tw(l, `list.state.${s}`) })), { value: 'all', text: tw(l, 'list.filter.state.all') }]}
        />
        <Select id="right" label={tw(l, 'list.filter.right')} value={p.f.right ?? ''} options={[{ value: '', text: tw(l, 'list.filter.right.any') }, ...RIGHTS.map((r) => ({ value: r, text: t(l, `right.${r}.name`) }))]} />
        <Select
          id="statement"
          label={tw(l, 'list.filter.statement')}
          value={p.f.statement ?? ''}
          options={[{ value: '', text: tw(l, 'list.filter.statement.any') }, ...STATEMENTS.map((s) => ({ value: s, text: tw(l, `list.statement.${s}`) }))]}
        />
        <Select
          id="confirmed"
          label={tw(l, 'list.filter.confirmed')}
          value={p.f.emailConfirmed}
          options={(['any', 'yes', 'no'] as const).map((v) => ({ value: v, text: tw(l, `list.filter.confirmed.${v}`) }))}
        />
      </div>
      <div class="button-group button-group-tight">
        <button class="button" type="submit">
          {tw(l, 'list.filter.submit')}
        </button>
        <a class="button button-secondary" href={`/dpo/requests?lang=${l}`}>
          {tw(l, 'list.filter.reset')}
        </a>
      </div>
    </form>
  );
}

function Search(p: { lang: WorkspaceLang; searched: string | null }) {
  const l = p.lang;
  return (
    <form class="search" method="get" action="/dpo/requests" role="search">
      <input type="hidden" name="lang" value={l} />
      <div class="form-group">
        <label class="label" for="q">
          {tw(l, 'list.search.label')}
        </label>
        <p id="q-hint" class="hint">
          {tw(l, 'list.search.hint')}
        </p>
        <div class="search-row">
          <input class="input input-search" id="q" name="q" type="search" autocomplete="off" spellcheck={false} value={p.searched ?? undefined} aria-describedby="q-hint" />
          <button class="button" type="submit">
            {tw(l, 'list.search.submit')}
          </button>
        </div>
      </div>
    </form>
  );
}

function DaysLeftCell(p: { lang: WorkspaceLang; m: DeadlineMarks }) {
  const l = p.lang;
  const d = p.m.daysLeft;
  if (!d) return <span class="muted">{tw(l, 'list.mark.notRunning')}</span>;
  if (d.overdue) {
    return (
      <>
        <strong class="tag tag-red">{d.calendarDaysOverdue === 1 ? tw(l, 'list.mark.overdueOne') : tw(l, 'list.mark.overdue', { days: d.calendarDaysOverdue })}</strong>{' '}
        <span class="nowrap">({tw(l, 'list.mark.overdueWorking', { working: d.workingDaysOverdue })})</span>
      </>
    );
  }
  return (
    <>
      {p.m.urgency === 'due_today' ? <strong class="tag tag-amber">{tw(l, 'list.mark.dueToday')}</strong> : null}
      {p.m.urgency === 'due_this_week' ? <strong class="tag tag-amber">{tw(l, 'list.mark.dueThisWeek')}</strong> : null}
      {p.m.urgency === 'due_today' || p.m.urgency === 'due_this_week' ? ' ' : null}
      <span>{tw(l, 'list.days.left', { days: d.calendarDaysLeft, working: d.workingDaysLeft })}</span>
    </>
  );
}

function Row(p: { lang: WorkspaceLang; r: ListedRequest; now: number }) {
  const l = p.lang;
  const r = p.r;
  const m = deadlineMarks(r, p.now);
  const confirmed = r.emailConfirmedAt !== null ? 'yes' : r.emailConfirmTokenHash === null ? 'notAsked' : 'no';
  return (
    <tr class={m.urgency === 'overdue' ? 'row-overdue' : undefined}>
      <th scope="row">
        <a class="nowrap" href={`/dpo/requests/${r.reference}?lang=${l}`}>
          {r.reference}
        </a>
      </th>
      <td>{tw(l, `list.statement.${r.statement}`)}</td>
      <td>{r.rights.map((x) => ((RIGHTS as readonly string[]).includes(x) ? t(l, `right.${x as (typeof RIGHTS)[number]}.name`) : x)).join(', ')}</td>
      <td class="nowrap">{r.receivedDate}</td>
      <td>
        <span class="nowrap">{m.dueDate}</span>
        {m.extended ? (
          <>
            {' '}
            <span class="tag tag-grey">{tw(l, 'list.deadline.extended')}</span>
          </>
        ) : null}
      </td>
      <td>
        <DaysLeftCell lang={l} m={m} />
      </td>
      <td>
        {r.internalTarget === null ? (
          <span class="muted">{tw(l, 'list.target.none')}</span>
        ) : (
          <>
            <span class="nowrap">{r.internalTarget}</span>
            {m.targetPassed ? (
              <>
                {' '}
                <strong class="tag tag-amber">{tw(l, 'list.target.passed')}</strong>
              </>
            ) : null}
          </>
        )}
      </td>
      <td>{tw(l, `list.state.${r.state}`)}</td>
      <td>
        {tw(l, `list.confirmed.${confirmed}`)}
        {m.unconfirmedFlag ? (
          <>
            {' '}
            <strong class="tag tag-grey">{tw(l, 'list.flag.unconfirmed', { days: retentionFor(r.controllerId).unconfirmedFlagDays })}</strong>
          </>
        ) : null}
      </td>
    </tr>
  );
}

function Pagination(p: { lang: WorkspaceLang; f: ListFilters; page: number; pages: number }) {
  const l = p.lang;
  if (p.pages <= 1) return null;
  // The first, the last and two either side of the current page; gaps shown as an ellipsis.
  const shown = [...new Set([1, p.page - 2, p.page - 1, p.page, p.page + 1, p.page + 2, p.pages])].filter((n) => n >= 1 && n <= p.pages).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={tw(l, 'list.pagination.label')}>
      <p class="pagination-status">{tw(l, 'list.pagination.status', { page: p.page, pages: p.pages })}</p>
      <ul class="pagination-list">
        {p.page > 1 ? (
          <li>
            <a href={listHref(l, p.f, p.page - 1)} rel="prev">
              {tw(l, 'list.pagination.previous')}
            </a>
          </li>
        ) : null}
        {shown.map((n, i) => (
          <>
            {i > 0 && n - shown[i - 1]! > 1 ? <li class="pagination-gap">…</li> : null}
            <li>
              <a href={listHref(l, p.f, n)} aria-current={n === p.page ? 'page' : undefined} aria-label={tw(l, 'list.pagination.page', { page: n })}>
                {n}
              </a>
            </li>
          </>
        ))}
        {p.page < p.pages ? (
          <li>
            <a href={listHref(l, p.f, p.page + 1)} rel="next">
              {tw(l, 'list.pagination.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function ListPage(p: ListPageProps) {
  const l = p.lang;
  const other: WorkspaceLang = l === 'nl' ? 'en' : 'nl';
  const { rows, total } = p.result;
  return (
    <Layout lang={l} title={tw(l, 'list.title')} otherHref={listHref(other, { ...p.filters, page: p.result.page })} user={p.user} current="requests" wide>
      <h1 class="heading">{tw(l, 'list.title')}</h1>
      {p.transferred ? (
        <div class="notice" role="status">
          <p>{tw(l, 'list.transferred', { reference: p.transferred })}</p>
        </div>
      ) : null}
      <Search lang={l} searched={p.searched} />
      {p.searched !== null ? (
        <div class="notice notice-warning" role="status">
          <p>{tw(l, 'list.search.notFound')}</p>
        </div>
      ) : null}
      <Filters lang={l} f={p.filters} />
      <p class="list-total">
        {total === 1 ? tw(l, 'list.totalOne') : tw(l, 'list.total', { count: total })}
      </p>
      {rows.length === 0 ? (
        <p class="notice">{tw(l, 'list.empty')}</p>
      ) : (
        <>
          {/* The heading stays outside the scrolling region, so a narrow screen shows it whole;
              the table keeps its caption for screen readers. */}
          <h2 id="list-caption" class="table-caption">
            {tw(l, 'list.caption', { controller: p.controllerName })}
          </h2>
          <div class="table-scroll" role="region" aria-labelledby="list-caption" aria-describedby="list-scroll-hint" tabindex={0}>
            <p id="list-scroll-hint" class="visually-hidden">{tw(l, 'list.scroll.label')}</p>
            <table class="table">
              <caption class="visually-hidden">{tw(l, 'list.caption', { controller: p.controllerName })}</caption>
              <thead>
                <tr>
                  <th scope="col">{tw(l, 'list.col.reference')}</th>
                  <th scope="col">{tw(l, 'list.col.statement')}</th>
                  <th scope="col">{tw(l, 'list.col.rights')}</th>
                  <th scope="col">{tw(l, 'list.col.received')}</th>
                  <th scope="col">{tw(l, 'list.col.deadline')}</th>
                  <th scope="col">{tw(l, 'list.col.daysLeft')}</th>
                  <th scope="col">{tw(l, 'list.col.target')}</th>
                  <th scope="col">{tw(l, 'list.col.state')}</th>
                  <th scope="col">{tw(l, 'list.col.confirmed')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <Row lang={l} r={r} now={p.now} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Pagination lang={l} f={p.filters} page={p.result.page} pages={p.result.pages} />
    </Layout>
  );
}
