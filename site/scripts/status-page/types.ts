/** The status as GET /api/requests/status answers it (api/status/describe-status.ts). */
export interface Status {
  reference: string;
  state: string;
  stateText: string;
  statement: string;
  rights: string[];
  controller: { id: string; name: string };
  routingReason: string;
  receivedAt: string;
  legalDeadline: string;
  extendedDeadline: string | null;
  /** The deadline in force (absent from an older server: then the legal one). */
  deadline?: string;
  internalTarget: string | null;
  emailConfirmed: boolean;
  timeline: { type: string; at: string; text: string; message?: string }[];
  awaiting?: { text: string; message: string | null; how: string } | null;
  complaint?: {
    text: string;
    court: string;
    bodies: { id: string; name: string; shortName: string; post: string | null; email: string | null; form: string | null; onlyThroughForm: boolean }[];
  } | null;
  answers?: { id: string; name: string; type: string; size: number; createdAt: string; url: string | null; expiresAt: string | null }[];
}
