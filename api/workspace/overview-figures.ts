/**
 * The overview of a user's own controller: open requests and overdue ones now; over the last
 * 12 months, how many answers went out on time (answer date in Brussels on or before the deadline
 * in force) and the median calendar days from receipt to answer; and the requests received in
 * those months by right and by channel. A request closed without an answer (withdrawn, or
 * closed with no outcome) is not an answer and is not counted.
 *
 * @example
 *   const f = await overviewFigures(db, user, Date.parse('2026-04-01T08:00:00Z'));
 *   // { open: 12, overdue: 1, answered: 40, onTime: 38, onTimePercent: 95, medianDays: 21, byRight: [...], ... }
 */
import { and, count, inArray, isNotNull, or, sql, sum } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { requests } from '../../db/schema.ts';
import { addMonths } from '../deadlines/add-months.ts';
import { addDays, DAY_MS, formatIsoDay, type DayNumber } from '../deadlines/calendar-day.ts';
import { brusselsDayOf } from '../deadlines/to-brussels-day.ts';
import type { SignedInUser } from '../dpo/roles.ts';
import { brusselsDateSql } from './brussels-date-sql.ts';
import { OPEN_STATES, REQUEST_STATES } from './list-requests.ts';
import { visibleTo } from './request-scope.ts';

export interface OverviewFigures {
  today: string;
  /** The last 12 months, both ends included. */
  from: string;
  to: string;
  open: number;
  overdue: number;
  answered: number;
  onTime: number;
  /** Null when nothing was answered in the period. */
  onTimePercent: number | null;
  medianDays: number | null;
  received: number;
  byRight: { right: string; count: number }[];
  byChannel: { channel: string; count: number }[];
}

/** The 12 months up to and including `today`: from the day after the same date a year before. */
export function lastTwelveMonths(today: DayNumber): { from: DayNumber; to: DayNumber } {
  return { from: addDays(addMonths(today, -12), 1), to: today };
}

/**
 * The median of values given as (value, how many times): the middle one, or the mean of the
 * middle two for an even count; null for none.
 *
 * @example weightedMedian([{ days: 10, n: 1 }, { days: 20, n: 2 }, { days: 40, n: 1 }]) // 20
 */
export function weightedMedian(counts: { days: number; n: number }[]): number | null {
  const s = [...counts].filter((c) => c.n > 0).sort((a, b) => a.days - b.days);
  const total = s.reduce((t, c) => t + c.n, 0);
  if (total === 0) return null;
  const at = (k: number) => {
    let seen = 0;
    for (const c of s) if ((seen += c.n) > k) return c.days;
    return s[s.length - 1]!.days;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/** A request counts as answered when it has an answer date, or was closed with an outcome. */
export const answeredCondition = () => and(inArray(requests.state, ['answered', 'closed']), or(isNotNull(requests.answeredAt), isNotNull(requests.outcome)));

export async function overviewFigures(db: Queryable, user: Pick<SignedInUser, 'controllerId' | 'role'>, now: number): Promise<OverviewFigures> {
  const todayDay = brusselsDayOf(now);
  const today = formatIsoDay(todayDay);
  const period = lastTwelveMonths(todayDay);
  const from = formatIsoDay(period.from);
  const scope = visibleTo(user);

  const [current] = await db
    .select({ open: count(), overdue: sum(sql`${requests.dueDate} < ${today}`) })
    .from(requests)
    .where(and(scope, inArray(requests.state, [...OPEN_STATES])));

  // Aggregated in SQL (one row per number of days and on-time or not), so 100,000 requests never
  // travel to JavaScript; the answer instant becomes a Brussels date in SQL too.
  const answerDate = brusselsDateSql(sql`coalesce(${requests.answeredAt}, ${requests.closedAt})`, (period.from - 1) * DAY_MS, now + DAY_MS);
  const answers = await db.all<{ days: number; onTime: number; n: number }>(sql`
    SELECT CAST(julianday(a.day) - julianday(a.received) AS INTEGER) AS "days", a.day <= a.due AS "onTime", count(*) AS "n"
    FROM (SELECT ${answerDate} AS day, ${requests.receivedDate} AS received, ${requests.dueDate} AS due FROM ${requests}
          WHERE ${and(scope, answeredCondition(), sql`coalesce(${requests.answeredAt}, ${requests.closedAt}) >= ${(period.from - 1) * DAY_MS}`)}) AS a
    WHERE a.day BETWEEN ${from} AND ${today}
    GROUP BY 1, 2`);
  let answered = 0;
  let onTime = 0;
  const days: { days: number; n: number }[] = [];
  for (const a of answers) {
    const n = Number(a.n);
    answered += n;
    if (Number(a.onTime) === 1) onTime += n;
    days.push({ days: Number(a.days), n });
  }

  // A deadline always follows its receipt, so due_date >= from (with every state named, for the
  // index (controller_id, state, due_date)) narrows the rows read without changing the result.
  const received = await db.all<{ channel: string; rights: string; n: number }>(sql`
    SELECT ${requests.channel} AS "channel", ${requests.rights} AS "rights", count(*) AS "n" FROM ${requests}
    WHERE ${and(scope, inArray(requests.state, [...REQUEST_STATES]), sql`${requests.dueDate} >= ${from}`, sql`${requests.receivedDate} BETWEEN ${from} AND ${today}`)}
    GROUP BY 1, 2`);
  const byRight = new Map<string, number>();
  const byChannel = new Map<string, number>();
  let receivedCount = 0;
  for (const r of received) {
    const n = Number(r.n);
    receivedCount += n;
    byChannel.set(r.channel, (byChannel.get(r.channel) ?? 0) + n);
    for (const right of JSON.parse(r.rights) as string[]) byRight.set(right, (byRight.get(right) ?? 0) + n);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  return {
    today,
    from,
    to: today,
    open: current?.open ?? 0,
    overdue: Number(current?.overdue ?? 0),
    answered,
    onTime,
    onTimePercent: answered === 0 ? null : Math.round((onTime / answered) * 1000) / 10,
    medianDays: weightedMedian(days),
    received: receivedCount,
    byRight: sorted(byRight).map(([right, n]) => ({ right, count: n })),
    byChannel: sorted(byChannel).map(([channel, n]) => ({ channel, count: n })),
  };
}
