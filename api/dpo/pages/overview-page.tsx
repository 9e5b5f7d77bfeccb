/**
 * The overview page: today's open and overdue requests, the last 12 months' answers on time and
 * median answer time, received requests by right and by channel, and the CSV export (a link for
 * the last 12 months and a short GET form for another period; its errors come back here, 422).
 *
 * @example
 *   renderPage(c, <OverviewPage lang="nl" user={user} controllerName="IN-Gent" figures={f} period={{ from: '', to: '' }} errors={[]} />);
 */
import { t } from '../../../content/i18n.ts';
import { tw } from '../../../content/workspace-i18n.ts';
import { RIGHTS } from '../../workspace/list-requests.ts';
import type { OverviewFigures } from '../../workspace/overview-figures.ts';
import type { WorkspaceLang } from '../dpo-env.ts';
import type { SignedInUser } from '../roles.ts';
import { ErrorSummary, Field, Layout, type FieldErrorText } from './layout.tsx';

export interface OverviewPageProps {
  lang: WorkspaceLang;
  user: SignedInUser;
  controllerName: string;
  figures: OverviewFigures;
  /** The period typed in the export form (shown again after an error). */
  period: { from: string; to: string };
  errors: FieldErrorText[];
}

const CHANNELS = ['web', 'post', 'email', 'desk'] as const;

function number(lang: WorkspaceLang, n: number): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-BE' : 'en-GB', { maximumFractionDigits: 1 }).format(n);
}

function CountTable(p: { lang: WorkspaceLang; id: string; caption: string; head: string; rows: { label: string; count: number }[] }) {
  const l = p.lang;
  return (
    <div class="table-scroll" role="region" aria-labelledby={p.id} tabindex={0}>
      <table class="table">
        <caption id={p.id} class="table-caption">
          {p.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{p.head}</th>
            <th scope="col" class="num">
              {tw(l, 'overview.col.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td class="num">{number(l, r.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OverviewPage(p: OverviewPageProps) {
  const l = p.lang;
  const f = p.figures;
  const other: WorkspaceLang = l === 'nl' ? 'en' : 'nl';
  const errorFor = (field: string) => p.errors.find((e) => e.field === field)?.text;
  const rightLabel = (r: string) => ((RIGHTS as readonly string[]).includes(r) ? t(l, `right.${r as (typeof RIGHTS)[number]}.name`) : r);
  const channelLabel = (c: string) => ((CHANNELS as readonly string[]).includes(c) ? tw(l, `overview.channel.${c as (typeof CHANNELS)[number]}`) : c);
  return (
    <Layout lang={l} title={tw(l, 'overview.title')} otherHref={`/dpo/overview?lang=${other}`} user={p.user} current="overview" wide hasErrors={p.errors.length > 0}>
      <ErrorSummary lang={l} errors={p.errors} />
      <h1 class="heading">{tw(l, 'overview.title')}</h1>
      <p>{tw(l, 'overview.intro', { controller: p.controllerName, today: f.today })}</p>

      <h2 class="heading-m">{tw(l, 'overview.now.heading')}</h2>
      <dl class="figures">
        <div class="figure">
          <dt>{tw(l, 'overview.open')}</dt>
          <dd>{number(l, f.open)}</dd>
        </div>
        <div class={f.overdue > 0 ? 'figure figure-warning' : 'figure'}>
          <dt>{tw(l, 'overview.overdue')}</dt>
          <dd>{number(l, f.overdue)}</dd>
        </div>
      </dl>

      <h2 class="heading-m">{tw(l, 'overview.year.heading', { from: f.from, to: f.to })}</h2>
      <dl class="figures">
        <div class="figure">
          <dt>{tw(l, 'overview.onTime')}</dt>
          <dd>{f.onTimePercent === null ? tw(l, 'overview.onTimeNone') : tw(l, 'overview.onTimeValue', { onTime: number(l, f.onTime), answered: number(l, f.answered), percent: number(l, f.onTimePercent) })}</dd>
        </div>
        <div class="figure">
          <dt>{tw(l, 'overview.median')}</dt>
          <dd>{f.medianDays === null ? tw(l, 'overview.medianNone') : tw(l, 'overview.medianValue', { days: number(l, f.medianDays) })}</dd>
        </div>
        <div class="figure">
          <dt>{tw(l, 'overview.received')}</dt>
          <dd>{number(l, f.received)}</dd>
        </div>
      </dl>
      <p class="hint">{tw(l, 'overview.onTimeHint')}</p>
      {f.received === 0 ? (
        <p class="notice">{tw(l, 'overview.none')}</p>
      ) : (
        <>
          <CountTable lang={l} id="by-right" caption={tw(l, 'overview.byRight.caption')} head={tw(l, 'overview.col.right')} rows={f.byRight.map((r) => ({ label: rightLabel(r.right), count: r.count }))} />
          <CountTable lang={l} id="by-channel" caption={tw(l, 'overview.byChannel.caption')} head={tw(l, 'overview.col.channel')} rows={f.byChannel.map((r) => ({ label: channelLabel(r.channel), count: r.count }))} />
        </>
      )}

      <h2 class="heading-m" id="export">
        {tw(l, 'overview.export.heading')}
      </h2>
      <p>{tw(l, 'overview.export.intro')}</p>
      <p>
        <a href={`/dpo/overview.csv?lang=${l}&from=${f.from}&to=${f.to}`} download>
          {tw(l, 'overview.export.link')}
        </a>
      </p>
      <form class="period-form" method="get" action="/dpo/overview.csv" novalidate>
        <input type="hidden" name="lang" value={l} />
        <Field lang={l} id="from" label={tw(l, 'overview.export.from')} type="text" autocomplete="off" hint={tw(l, 'overview.export.dateHint')} error={errorFor('from')} value={p.period.from || f.from} spellcheck={false} />
        <Field lang={l} id="to" label={tw(l, 'overview.export.to')} type="text" autocomplete="off" hint={tw(l, 'overview.export.dateHint')} error={errorFor('to')} value={p.period.to || f.to} spellcheck={false} />
        <div class="form-group">
          <button class="button" type="submit">
            {tw(l, 'overview.export.submit')}
          </button>
        </div>
      </form>
    </Layout>
  );
}
