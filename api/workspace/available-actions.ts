/**
 * Which actions a user may take on a request in its current state, in the order the request page
 * lists them. DPOs and handlers act; auditors read and administrators see no requests, so they
 * get none. The same rules decide, when an action is posted, whether it is still allowed
 * (`whyNot`): the page links and the checks cannot drift apart.
 *
 * @example availableActions(request, user) // [{ action: 'extend', href: '/dpo/requests/PR-…/extend' }]
 */
import type { SignedInUser } from '../dpo/roles.ts';
import type { ConflictCode } from './actions/action-support.ts';
import type { RequestRow } from './request-scope.ts';

export type WorkspaceAction = 'identity' | 'information' | 'information-received' | 'extend' | 'transfer' | 'answer' | 'close';

type State = RequestRow['state'];

/** The states each action may start from. */
export const ACTION_STATES: Record<WorkspaceAction, readonly State[]> = {
  identity: ['received', 'in_progress'],
  information: ['received', 'in_progress'],
  'information-received': ['awaiting_information'],
  extend: ['received', 'awaiting_information', 'in_progress'],
  transfer: ['received', 'awaiting_information', 'in_progress'],
  answer: ['received', 'in_progress'],
  close: ['received', 'awaiting_information', 'in_progress', 'answered'],
};

const ORDER: WorkspaceAction[] = ['identity', 'information', 'information-received', 'extend', 'transfer', 'answer', 'close'];

/**
 * Why the action cannot be taken on the request as it is now, or null when it can. (Whether the
 * first deadline has passed needs the clock: extendDeadline checks that when the form is sent.)
 */
export function whyNot(action: WorkspaceAction, request: Pick<RequestRow, 'state' | 'identityCheckedAt' | 'extendedDeadline'>): ConflictCode | null {
  if (action === 'identity' && request.identityCheckedAt !== null) return 'identityChecked';
  if (action === 'extend' && request.extendedDeadline !== null) return 'alreadyExtended';
  return ACTION_STATES[action].includes(request.state) ? null : 'state';
}

export function availableActions(request: RequestRow, user: SignedInUser): { action: WorkspaceAction; href: string }[] {
  if (user.role !== 'dpo' && user.role !== 'handler') return [];
  if (user.controllerId === null || user.controllerId !== request.controllerId) return [];
  return ORDER.filter((a) => whyNot(a, request) === null).map((action) => ({ action, href: `/dpo/requests/${request.reference}/${action}` }));
}
