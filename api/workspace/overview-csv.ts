/**
 * The overview export: one CSV row per request of the user's controller received in a period
 * (both ends included), RFC 4180 (comma, CRLF, fields quoted when they hold a quote, comma or line
 * break), UTF-8, with a header row. Nothing personal beyond the reference: codes and dates only,
 * the same in both workspace languages so spreadsheets and scripts can rely on them.
 *
 * @example
 *   const { csv, count } = await overviewCsv(db, user, '2025-04-02', '2026-04-01', Date.now());
 *   // csv starts 'reference,statement,rights,channel,received_date,legal_deadline,extended,…\r\n'
 */
import { and, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { requests } from '../../db/schema.ts';
import { DAY_MS } from '../deadlines/calendar-day.ts';
import type { SignedInUser } from '../dpo/roles.ts';
import { brusselsDateSql } from './brussels-date-sql.ts';
import { REQUEST_STATES } from './list-requests.ts';
import { answeredCondition } from './overview-figures.ts';
import { visibleTo } from './request-scope.ts';

export const CSV_COLUMNS = ['reference', 'statement', 'rights', 'channel', 'received_date', 'legal_deadline', 'extended', 'extended_deadline', 'state', 'outcome', 'answered_date', 'days_to_answer', 'on_time'] as const;

/** One field as RFC 4180 wants it; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(fields: (string | number | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export async function overviewCsv(db: Queryable, user: Pick<SignedInUser, 'controllerId' | 'role'>, from: string, to: string, now: number): Promise<{ csv: string; count: number }> {
  // Only an answer counts: a withdrawn request, or one closed without an outcome, has none.
  const answerDate = brusselsDateSql(sql`coalesce(${requests.answeredAt}, ${requests.closedAt})`, Date.parse(`${from}T00:00:00Z`) - DAY_MS, now + DAY_MS);
  const rows = await db.all<Record<(typeof CSV_COLUMNS)[number], string | number | null>>(sql`
    SELECT r.reference, r.statement, r.rights, r.channel, r.received_date, r.legal_deadline,
      CASE WHEN r.extended_deadline IS NULL THEN 'no' ELSE 'yes' END AS extended, r.extended_deadline, r.state, r.outcome,
      r.answered_date, CAST(julianday(r.answered_date) - julianday(r.received_date) AS INTEGER) AS days_to_answer,
      CASE WHEN r.answered_date IS NULL THEN NULL WHEN r.answered_date <= r.due_date THEN 'yes' ELSE 'no' END AS on_time
    FROM (SELECT ${requests.reference} AS reference, ${requests.statement} AS statement, ${requests.rights} AS rights, ${requests.channel} AS channel,
            ${requests.receivedDate} AS received_date, ${requests.legalDeadline} AS legal_deadline, ${requests.extendedDeadline} AS extended_deadline,
            ${requests.dueDate} AS due_date, ${requests.state} AS state, ${requests.outcome} AS outcome,
            CASE WHEN ${answeredCondition()} THEN ${answerDate} END AS answered_date
          FROM ${requests}
          WHERE ${and(visibleTo(user), inArray(requests.state, [...REQUEST_STATES]), sql`${requests.dueDate} >= ${from}`, sql`${requests.receivedDate} BETWEEN ${from} AND ${to}`)}) AS r
    ORDER BY r.received_date, r.reference`);
  const lines = [csvLine([...CSV_COLUMNS])];
  for (const r of rows) {
    lines.push(csvLine(CSV_COLUMNS.map((c) => (c === 'rights' ? (JSON.parse(String(r.rights)) as string[]).join('+') : r[c]!))));
  }
  return { csv: lines.join(''), count: rows.length };
}
