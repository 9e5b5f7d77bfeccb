/**
 * The request list of the workspace: one page of a user's own controller's requests, filtered and
 * sorted by the deadline in force (then the reference), with the total count. Only what the list
 * shows is read: no personal data (the encrypted `personal` column is never selected).
 *
 * Built for 100,000 requests: one state or the open ones without other filters use the index
 * (controller_id, state, due_date); every other combination uses requests_list (controller_id,
 * due_date, reference and every filtered column), so no count or page reads the table.
 *
 * @example
 *   const { rows, total } = await listRequests(db, user, { ...DEFAULT_LIST_FILTERS, right: 'access' });
 */
import { and, asc, count, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { requests } from '../../db/schema.ts';
import type { SignedInUser } from '../dpo/roles.ts';
import { RIGHTS, type Right } from '../intake/submission-schema.ts';
import { OPEN_STATES } from '../jobs/queue-deadline-reminders.ts';
import { visibleTo } from './request-scope.ts';

export const REQUEST_STATES = ['received', 'awaiting_information', 'in_progress', 'answered', 'closed', 'withdrawn'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const STATEMENTS = ['general', 'website', 'crt'] as const;
export type Statement = (typeof STATEMENTS)[number];
export { OPEN_STATES, RIGHTS, type Right };

export const PAGE_SIZE = 50;

export interface ListFilters {
  /** 'open' (received, awaiting information, in progress), one state, or 'all'. */
  state: 'open' | 'all' | RequestState;
  right: Right | null;
  statement: Statement | null;
  emailConfirmed: 'yes' | 'no' | 'any';
  /** 1-based. */
  page: number;
}

export const DEFAULT_LIST_FILTERS: ListFilters = { state: 'open', right: null, statement: null, emailConfirmed: 'any', page: 1 };

export interface ListedRequest {
  id: string;
  reference: string;
  statement: Statement;
  rights: string[];
  controllerId: string;
  receivedAt: Date;
  receivedDate: string;
  legalDeadline: string;
  extendedDeadline: string | null;
  internalTarget: string | null;
  state: RequestState;
  emailConfirmedAt: Date | null;
  emailConfirmTokenHash: string | null;
}

export interface RequestPage {
  rows: ListedRequest[];
  total: number;
  /** The page shown: the one asked for, or the last one when that is past the end. */
  page: number;
  pages: number;
}

/** The WHERE condition of the filters, always inside the user's scope. */
export function listCondition(user: Pick<SignedInUser, 'controllerId' | 'role'>, f: ListFilters): SQL {
  const parts: SQL[] = [visibleTo(user)];
  if (f.state === 'open') parts.push(inArray(requests.state, [...OPEN_STATES]));
  else if (f.state !== 'all') parts.push(eq(requests.state, f.state));
  // Rights are a closed list of plain words, so the quoted word can only match itself in the JSON.
  if (f.right) parts.push(sql`${requests.rights} LIKE ${`%"${f.right}"%`}`);
  if (f.statement) parts.push(eq(requests.statement, f.statement));
  if (f.emailConfirmed === 'yes') parts.push(isNotNull(requests.emailConfirmedAt));
  if (f.emailConfirmed === 'no') parts.push(isNull(requests.emailConfirmedAt));
  return and(...parts)!;
}

const COLUMNS = {
  id: requests.id,
  reference: requests.reference,
  statement: requests.statement,
  rights: requests.rights,
  controllerId: requests.controllerId,
  receivedAt: requests.receivedAt,
  receivedDate: requests.receivedDate,
  legalDeadline: requests.legalDeadline,
  extendedDeadline: requests.extendedDeadline,
  internalTarget: requests.internalTarget,
  state: requests.state,
  emailConfirmedAt: requests.emailConfirmedAt,
  emailConfirmTokenHash: requests.emailConfirmTokenHash,
};

const pageOf = (total: number, asked: number, pageSize: number) => {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return { pages, page: Math.min(Math.max(1, Math.floor(asked)), pages) };
};

export async function listRequests(db: Queryable, user: Pick<SignedInUser, 'controllerId' | 'role'>, f: ListFilters, pageSize = PAGE_SIZE): Promise<RequestPage> {
  const where = listCondition(user, f);
  const needsRows = f.right !== null || f.statement !== null || f.emailConfirmed !== 'any' || f.state === 'all';
  return needsRows ? listFiltered(db, where, f.page, pageSize) : listByIndex(db, where, f.page, pageSize);
}

/**
 * Without row filters everything but the tie-break is in the index (controller_id, state,
 * due_date): the count and the page's first and last deadline are read from the index alone, and
 * only the rows between those two deadlines are read from the table and sorted by reference.
 * (Sorting every open request by (due_date, reference) would read each one from the table.)
 * INDEXED BY: for several states the planner otherwise picks the legal-deadline index and reads
 * every row to compute due_date.
 */
async function listByIndex(db: Queryable, where: SQL, asked: number, pageSize: number): Promise<RequestPage> {
  const [counted] = await db.select({ n: count() }).from(requests).where(where);
  const total = counted?.n ?? 0;
  const { page, pages } = pageOf(total, asked, pageSize);
  const offset = (page - 1) * pageSize;
  const bounds = await db.all<{ due: string }>(sql`SELECT due_date AS due FROM requests INDEXED BY requests_controller_due WHERE ${where} ORDER BY due_date LIMIT ${pageSize} OFFSET ${offset}`);
  if (bounds.length === 0) return { rows: [], total, page, pages };
  const first = bounds[0]!.due;
  const last = bounds[bounds.length - 1]!.due;
  const [before] = await db.select({ n: count() }).from(requests).where(and(where, sql`${requests.dueDate} < ${first}`));
  const around = await db
    .select(COLUMNS)
    .from(requests)
    .where(and(where, sql`${requests.dueDate} BETWEEN ${first} AND ${last}`))
    .orderBy(asc(requests.dueDate), asc(requests.reference));
  const skip = offset - (before?.n ?? 0);
  return { rows: around.slice(skip, skip + pageSize), total, page, pages };
}

/**
 * A right, statement or confirmation filter, or all states: the index requests_list holds the
 * list's order (controller, due_date, reference) and every filtered column, so the count and the
 * page's row ids come from the index alone, and the page's scan stops once the page is full.
 */
async function listFiltered(db: Queryable, where: SQL, asked: number, pageSize: number): Promise<RequestPage> {
  const [counted] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM requests INDEXED BY requests_list WHERE ${where}`);
  const total = Number(counted?.n ?? 0);
  const { page, pages } = pageOf(total, asked, pageSize);
  if (total === 0) return { rows: [], total, page, pages };
  const found = await db.all<{ rid: number }>(
    sql`SELECT rowid AS rid FROM requests INDEXED BY requests_list WHERE ${where} ORDER BY due_date, reference LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  if (found.length === 0) return { rows: [], total, page, pages };
  const rows = await db
    .select(COLUMNS)
    .from(requests)
    .where(inArray(sql`rowid`, found.map((r) => Number(r.rid))))
    .orderBy(asc(requests.dueDate), asc(requests.reference));
  return { rows, total, page, pages };
}
