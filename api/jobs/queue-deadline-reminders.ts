/**
 * The reminder job: for every open request, a reminder to the handling controller's DPO mailbox
 * when 7 and when 2 working days are left, and once a day per controller a list of overdue
 * requests. Each goes through the outbox with a dedupe key (request, deadline, kind; or
 * controller and day), so it is queued once however often the job runs, on however many
 * instances, across restarts. A reminder missed while the server was down goes out at the next
 * run, as long as it still means something.
 *
 * @example
 *   await queueDeadlineReminders({ db, cipher, now: Date.now(), workspaceUrl: 'https://privacy.example.be' });
 */
import { inArray } from 'drizzle-orm';
import { facts } from '../../content/facts.ts';
import type { Db } from '../../db/client.ts';
import { requests } from '../../db/schema.ts';
import { formatIsoDay, isoDay } from '../deadlines/calendar-day.ts';
import { countDaysLeft } from '../deadlines/count-days-left.ts';
import { closingCalendarFor } from '../deadlines/create-closing-calendar.ts';
import { brusselsDayOf } from '../deadlines/to-brussels-day.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import type { Cipher } from '../mail/types.ts';
import { dueReminderMail, overdueDigestMail, type OverdueItem } from './reminder-mail.ts';

export const OPEN_STATES = ['received', 'awaiting_information', 'in_progress'] as const;

export interface ReminderDeps {
  db: Db;
  cipher: Cipher;
  now: number;
  workspaceUrl: string;
}

export async function queueDeadlineReminders(d: ReminderDeps): Promise<{ reminders: number; digests: number }> {
  const today = brusselsDayOf(d.now);
  const open = await d.db
    .select({ id: requests.id, reference: requests.reference, controllerId: requests.controllerId, legalDeadline: requests.legalDeadline, extendedDeadline: requests.extendedDeadline })
    .from(requests)
    .where(inArray(requests.state, [...OPEN_STATES]));

  let reminders = 0;
  let digests = 0;
  const overdue = new Map<string, OverdueItem[]>();
  await d.db.transaction(async (tx) => {
    for (const r of open) {
      const controller = facts.controllers[r.controllerId];
      if (!controller) continue;
      const deadlineIso = r.extendedDeadline ?? r.legalDeadline;
      const left = countDaysLeft(today, isoDay(deadlineIso), closingCalendarFor(controller.settings));
      if (left.overdue) {
        const list = overdue.get(controller.id) ?? [];
        list.push({ reference: r.reference, deadline: deadlineIso, calendarDaysOverdue: left.calendarDaysOverdue });
        overdue.set(controller.id, list);
        continue;
      }
      const kind = left.workingDaysLeft <= 2 ? 2 : left.workingDaysLeft <= 7 ? 7 : null;
      if (kind === null) continue;
      const queued = await enqueueMail(
        tx,
        {
          kind: `reminder-${kind}`,
          dedupeKey: `reminder:${kind}:${r.id}:${deadlineIso}`,
          message: dueReminderMail(controller.dpoEmail, { reference: r.reference, deadline: deadlineIso, workingDaysLeft: left.workingDaysLeft }, d.workspaceUrl),
        },
        { cipher: d.cipher, now: d.now },
      );
      if (queued) reminders++;
    }
    for (const [controllerId, items] of overdue) {
      const day = formatIsoDay(today);
      items.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.reference.localeCompare(b.reference));
      const queued = await enqueueMail(
        tx,
        {
          kind: 'overdue-digest',
          dedupeKey: `overdue:${controllerId}:${day}`,
          message: overdueDigestMail(facts.controllers[controllerId]!.dpoEmail, day, items, d.workspaceUrl),
        },
        { cipher: d.cipher, now: d.now },
      );
      if (queued) digests++;
    }
  });
  return { reminders, digests };
}
