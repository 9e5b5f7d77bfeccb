/**
 * Which actions a user may take on a request in its current state, in the order the request page
 * lists them. Placeholder until the actions are built: no action yet.
 *
 * @example availableActions(request, user) // [{ action: 'extend', href: '/dpo/requests/PR-…/extend' }]
 */
import type { SignedInUser } from '../dpo/roles.ts';
import type { RequestRow } from './request-scope.ts';

export type WorkspaceAction = 'identity' | 'information' | 'information-received' | 'extend' | 'transfer' | 'answer' | 'close';

export function availableActions(_request: RequestRow, _user: SignedInUser): { action: WorkspaceAction; href: string }[] {
  return [];
}
