/**
 * The texts of the reminders sent to a controller's DPO mailbox, in Dutch with English below
 * (the workspace's two languages). They carry references, dates and links only: never a name,
 * an address or anything else about the requester.
 */
import type { MailMessage } from '../mail/types.ts';

export interface DueItem {
  reference: string;
  deadline: string;
  workingDaysLeft: number;
}

export interface OverdueItem {
  reference: string;
  deadline: string;
  calendarDaysOverdue: number;
}

export function dueReminderMail(to: string, item: DueItem, workspaceUrl: string): MailMessage {
  const link = `${workspaceUrl}/dpo/requests/${item.reference}`;
  return {
    to: [to],
    subject: `Herinnering: verzoek ${item.reference} moet beantwoord zijn op ${item.deadline} / Reminder: request ${item.reference} due ${item.deadline}`,
    text: [
      `Het verzoek ${item.reference} moet uiterlijk op ${item.deadline} beantwoord zijn: nog ${item.workingDaysLeft} werkdag(en).`,
      `Open het in de werkruimte: ${link}`,
      '',
      `Request ${item.reference} must be answered by ${item.deadline}: ${item.workingDaysLeft} working day(s) left.`,
      `Open it in the workspace: ${link}`,
    ].join('\n'),
  };
}

export function overdueDigestMail(to: string, today: string, items: OverdueItem[], workspaceUrl: string): MailMessage {
  const lines = items.map((i) => `- ${i.reference}: termijn/deadline ${i.deadline}, ${i.calendarDaysOverdue} dag(en)/day(s) te laat/overdue`);
  return {
    to: [to],
    subject: `Te late verzoeken op ${today}: ${items.length} / Overdue requests on ${today}: ${items.length}`,
    text: [
      `Deze verzoeken zijn niet beantwoord binnen de wettelijke termijn (${today}):`,
      `These requests were not answered within the legal deadline (${today}):`,
      '',
      ...lines,
      '',
      `Werkruimte / workspace: ${workspaceUrl}/dpo/`,
    ].join('\n'),
  };
}
