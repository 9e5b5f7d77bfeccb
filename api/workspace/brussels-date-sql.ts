/**
 * The Brussels calendar date (YYYY-MM-DD) of an epoch-milliseconds column, in SQL, so that an
 * aggregate over thousands of requests stays in the database. SQLite knows no time zones: the
 * expression adds the offset in force, from a CASE over the instants Brussels changed its offset
 * between `fromMs` and `toMs` (taken from Intl, as api/deadlines/to-brussels-day.ts does).
 * Outside that span the nearest offset is used: callers pick a span that covers their values.
 *
 * @example
 *   sql`SELECT ${brusselsDateSql(sql`answered_at`, from, to)} FROM requests`
 *   // 2026-03-31T23:30:00Z gives '2026-04-01'
 */
import { sql, type SQL } from 'drizzle-orm';
import { brusselsOffsetChanges, intlBrusselsOffset } from '../deadlines/to-brussels-day.ts';

export function brusselsDateSql(column: SQL, fromMs: number, toMs: number): SQL {
  const firstYear = new Date(fromMs).getUTCFullYear();
  const lastYear = new Date(toMs).getUTCFullYear();
  const changes: { at: number; offset: number }[] = [];
  for (let y = firstYear; y <= lastYear; y++) changes.push(...brusselsOffsetChanges(y));
  // Only whole numbers computed here go into the SQL text.
  const whole = (n: number) => sql.raw(String(Math.trunc(n)));
  let before = intlBrusselsOffset(Date.UTC(firstYear, 0, 1));
  const arms: SQL[] = [];
  for (const c of changes) {
    arms.push(sql` WHEN ${column} < ${whole(c.at)} THEN ${whole(before)}`);
    before = c.offset;
  }
  const offset = arms.length === 0 ? whole(before) : sql`CASE${sql.join(arms)} ELSE ${whole(before)} END`;
  return sql`date((${column} + ${offset}) / 1000, 'unixepoch')`;
}
