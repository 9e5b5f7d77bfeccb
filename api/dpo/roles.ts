/** The workspace roles: dpo, handler and auditor belong to one controller; admin manages accounts across controllers. */
export const ROLES = ['dpo', 'handler', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** The roles that read requests (an administrator manages accounts and sees no request). */
export const READERS = ['dpo', 'handler', 'auditor'] as const satisfies readonly Role[];

export interface SignedInUser {
  id: string;
  controllerId: string | null;
  role: Role;
  displayName: string;
}
