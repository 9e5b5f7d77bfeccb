/**
 * The `dpo` admin command without the process around it: arguments in, output and exit code out,
 * against an open database, so tests run it in-process and cli.ts only wires up the streams.
 *
 * @example
 *   await runDpoCli(['add-user', '--controller', 'atlas', '--role', 'dpo', '--email', 'x@y.be', '--name', 'X'], { db, publicUrl, now: Date.now() })
 *   // { stdout: 'Enrolment link for x@y.be (valid until …):\nhttps://…/dpo/enrol/…\n', stderr: '', exitCode: 0 }
 */
import { parseArgs } from 'node:util';
import type { Db } from '../../db/client.ts';
import { AppError } from '../http/errors.ts';
import { addUser } from './add-user.ts';
import { disableUser } from './disable-user.ts';
import { enableUser } from './enable-user.ts';
import { listUsers } from './list-users.ts';
import { resetMfa } from './reset-mfa.ts';
import { ROLES, type Role } from './roles.ts';

export const USAGE = `Usage: npm run -s dpo -- COMMAND [OPTIONS]

Manages the DPO workspace accounts.

  add-user --role ROLE --email EMAIL --name NAME [--controller ID] [--oidc-subject SUB]
                       creates an account and prints its one-time enrolment link (72 hours).
                       ROLE is ${ROLES.join(', ')}; every role but admin needs --controller.
                       With --oidc-subject (the person's "sub" at the OpenID provider of
                       OIDC_ISSUER) the account signs in there only: no link, no password.
  list                 the accounts: e-mail, name, role, controller, state, last sign-in.
  disable --email EMAIL
                       the account can no longer sign in; its sessions end now.
  enable --email EMAIL  a disabled account again, starting afresh: clears its password,
                       authenticator and recovery codes and prints a new link (none for an
                       OpenID Connect account, which can sign in at once).
  reset-mfa --email EMAIL
                       clears password, authenticator and recovery codes; prints a new link.
  --help               this text.`;

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: 0 | 1 | 2;
}

export async function runDpoCli(args: readonly string[], deps: { db: Db; publicUrl: string; now: number }): Promise<CliResult> {
  const [command, ...rest] = args;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...rest], options: { controller: { type: 'string' }, role: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, 'oidc-subject': { type: 'string' }, help: { type: 'boolean' } }, strict: true }).values;
  } catch (e) {
    return { stdout: '', stderr: `dpo: ${(e as Error).message}\nRun with --help for usage.\n`, exitCode: 2 };
  }
  if (!command || command === '--help' || command === '-h' || values['help']) return { stdout: `${USAGE}\n`, stderr: '', exitCode: command ? 0 : 2 };
  const need = (name: string): string => {
    const v = values[name];
    if (typeof v !== 'string' || v === '') throw new AppError('usage', 400, [], `${command} needs --${name}`);
    return v;
  };
  try {
    switch (command) {
      case 'add-user': {
        const role = need('role');
        if (!(ROLES as readonly string[]).includes(role)) throw new AppError('usage', 400, [], `--role must be one of ${ROLES.join(', ')}`);
        const controller = values['controller'];
        const subject = values['oidc-subject'];
        const r = await addUser(deps.db, {
          email: need('email'),
          displayName: need('name'),
          role: role as Role,
          controllerId: (typeof controller === 'string' ? controller : null) as never,
          ...(typeof subject === 'string' ? { oidcSubject: subject } : {}),
          publicUrl: deps.publicUrl,
          now: deps.now,
        });
        if (!r.link || !r.expiresAt) return { stdout: `Added ${need('email').toLowerCase()}; it signs in with OpenID Connect only (subject ${String(subject)}).\n`, stderr: '', exitCode: 0 };
        return { stdout: `Enrolment link for ${need('email').toLowerCase()} (valid until ${r.expiresAt.toISOString()}):\n${r.link}\n`, stderr: '', exitCode: 0 };
      }
      case 'list': {
        const rows = await listUsers(deps.db, deps.now);
        const lines = rows.map((u) => [u.email, u.displayName, u.role, u.controllerId ?? '-', u.state, u.lastSignInAt?.toISOString() ?? 'never'].join('\t'));
        return { stdout: ['email\tname\trole\tcontroller\tstate\tlast sign-in', ...lines].join('\n') + '\n', stderr: '', exitCode: 0 };
      }
      case 'disable':
        await disableUser(deps.db, { email: need('email'), now: deps.now });
        return { stdout: `Disabled ${need('email').toLowerCase()}; its sessions have ended.\n`, stderr: '', exitCode: 0 };
      case 'enable': {
        const r = await enableUser(deps.db, { email: need('email'), publicUrl: deps.publicUrl, now: deps.now });
        if (!r.link || !r.expiresAt) return { stdout: `Enabled ${need('email').toLowerCase()} again; it signs in with OpenID Connect.\n`, stderr: '', exitCode: 0 };
        return { stdout: `Enabled ${need('email').toLowerCase()} again. New enrolment link (valid until ${r.expiresAt.toISOString()}):\n${r.link}\n`, stderr: '', exitCode: 0 };
      }
      case 'reset-mfa': {
        const r = await resetMfa(deps.db, { email: need('email'), publicUrl: deps.publicUrl, now: deps.now });
        return { stdout: `New enrolment link for ${need('email').toLowerCase()} (valid until ${r.expiresAt.toISOString()}):\n${r.link}\n`, stderr: '', exitCode: 0 };
      }
      default:
        return { stdout: '', stderr: `dpo: unknown command "${command}"\nRun with --help for usage.\n`, exitCode: 2 };
    }
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const details = e.issues.map((i) => `  ${i.path}: ${i.message ?? i.code}`).join('\n');
    return { stdout: '', stderr: `dpo: ${e.message === e.code ? e.code : e.message}${details ? `\n${details}` : ''}\n`, exitCode: e.code === 'usage' ? 2 : 1 };
  }
}
