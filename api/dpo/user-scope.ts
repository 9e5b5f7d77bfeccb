/**
 * Who may manage which accounts: an administrator every account, a DPO the accounts of their own
 * controller (never an administrator, who has none), anyone else no account. The workspace's
 * account pages and the domain functions they call (add, disable, reset) share this one rule.
 *
 * @example
 *   canManage({ role: 'dpo', controllerId: 'atlas' }, { controllerId: 'ingent' }); // false
 *   rolesGrantableBy({ role: 'dpo', controllerId: 'atlas' }); // ['dpo', 'handler', 'auditor']
 */
import { ROLES, type Role, type SignedInUser } from './roles.ts';

type Actor = Pick<SignedInUser, 'role' | 'controllerId'>;

export function canManage(actor: Actor, target: { controllerId: string | null }): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'dpo' && actor.controllerId !== null && target.controllerId === actor.controllerId;
}

/** The roles an actor may give a new account (a DPO: the controller roles; an administrator: all). */
export function rolesGrantableBy(actor: Actor): readonly Role[] {
  if (actor.role === 'admin') return ROLES;
  if (actor.role === 'dpo') return ROLES.filter((r) => r !== 'admin');
  return [];
}
