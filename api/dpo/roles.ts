/** The workspace roles: dpo, handler and auditor belong to one controller; admin manages accounts across controllers. */
export const ROLES = ['dpo', 'handler', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface SignedInUser {
  id: string;
  controllerId: string | null;
  role: Role;
  displayName: string;
}
