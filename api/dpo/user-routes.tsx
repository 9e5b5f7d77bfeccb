/**
 * Account management in the workspace, for DPOs (the accounts of their own controller) and
 * administrators (every account); other roles get 403. GET /dpo/users lists the accounts;
 * GET/POST /dpo/users/new adds one and shows its one-time enrolment link once; GET
 * /dpo/users/:id/disable asks first, and POST /dpo/users/:id/disable, /dpo/users/:id/enable and
 * /dpo/users/:id/reset-mfa act on one account in the user's scope (out of scope → the same 404
 * as a nonexistent account). The same domain functions as the `dpo` CLI
 * do the work, with the signed-in user as the actor in the audit trail.
 *
 * @example
 *   app.route('/', userRoutes()); // inside dpoRoutes
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CONTROLLER_IDS, type ControllerId } from '../../content/schema.ts';
import { tw, type WorkspaceKey } from '../../content/workspace-i18n.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { AppError } from '../http/errors.ts';
import { addUser } from './add-user.ts';
import { disableUser } from './disable-user.ts';
import { enableUser } from './enable-user.ts';
import type { DpoEnv } from './dpo-env.ts';
import { listUsers } from './list-users.ts';
import { renderPage, type FieldErrorText } from './pages/layout.tsx';
import { DisableAccountPage, EnrolmentLinkPage, NewUserPage, UserMessagePage, UsersPage, type NewUserValues } from './pages/user-pages.tsx';
import { requireUser } from './require-user.tsx';
import { resetMfa } from './reset-mfa.ts';
import type { Role } from './roles.ts';
import { rolesGrantableBy } from './user-scope.ts';

const MANAGERS = ['dpo', 'admin'] as const;
const OIDC_SUBJECT = /^[\x21-\x7e]{1,255}$/;
const email = z.email();

type Parsed = { ok: true; value: { email: string; displayName: string; role: Role; controllerId: ControllerId | null; oidcSubject?: string } } | { ok: false; errors: { field: string; code: string }[] };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The add form, checked field by field for the actor: each failure its own message. */
function parseNewUser(values: NewUserValues, actor: DpoEnv['Variables']['user'], oidc: boolean): Parsed {
  const errors: { field: string; code: string }[] = [];
  const address = str(values.email).trim();
  if (!address) errors.push({ field: 'email', code: 'emailMissing' });
  else if (address.length > 254 || !email.safeParse(address).success) errors.push({ field: 'email', code: 'emailInvalid' });
  const displayName = str(values.displayName).trim();
  if (!displayName) errors.push({ field: 'displayName', code: 'nameMissing' });
  else if (displayName.length > 200) errors.push({ field: 'displayName', code: 'nameTooLong' });
  const role = rolesGrantableBy(actor).find((r) => r === values.role);
  if (!role) errors.push({ field: 'role', code: 'roleMissing' });
  let controllerId: ControllerId | null = null;
  if (actor.role === 'admin') {
    const chosen = CONTROLLER_IDS.find((id) => id === values.controllerId) ?? null;
    if (values.controllerId && !chosen) errors.push({ field: 'controllerId', code: 'controllerMissing' });
    else if (role === 'admin' && chosen) errors.push({ field: 'controllerId', code: 'controllerForAdmin' });
    else if (role && role !== 'admin' && !chosen) errors.push({ field: 'controllerId', code: 'controllerMissing' });
    controllerId = chosen;
  } else {
    controllerId = actor.controllerId as ControllerId;
  }
  const subject = str(values.oidcSubject).trim();
  if (subject && !oidc) errors.push({ field: 'oidcSubject', code: 'oidcOff' });
  else if (subject && !OIDC_SUBJECT.test(subject)) errors.push({ field: 'oidcSubject', code: 'oidcInvalid' });
  if (errors.length > 0 || !role) return { ok: false, errors };
  return { ok: true, value: { email: address, displayName, role, controllerId, ...(subject ? { oidcSubject: subject } : {}) } };
}

function errorTexts(l: DpoEnv['Variables']['lang'], errors: { field: string; code: string }[]): FieldErrorText[] {
  return errors.map((e) => ({ field: e.field, text: tw(l, `users.error.${e.code}` as WorkspaceKey) }));
}

function formValues(body: Record<string, unknown>): NewUserValues {
  return { email: str(body['email']), displayName: str(body['displayName']), role: str(body['role']), controllerId: str(body['controllerId']), oidcSubject: str(body['oidcSubject']) };
}

function messagePage(c: Context<DpoEnv>, status: 404 | 409, title: WorkspaceKey, body: WorkspaceKey): Promise<Response> {
  const l = c.var.lang;
  return renderPage(c, <UserMessagePage lang={l} user={c.var.user} title={tw(l, title)} body={tw(l, body)} />, status);
}

/** The answers a disable, enable or reset can fail with, as pages; anything else is rethrown. */
function refusal(c: Context<DpoEnv>, e: unknown, action: 'disable' | 'enable' | 'reset'): Promise<Response> {
  if (!(e instanceof AppError)) throw e;
  switch (e.code) {
    case 'unknown_user':
      return messagePage(c, 404, 'users.notFound.title', 'users.notFound.body');
    case 'own_account':
      return messagePage(c, 409, 'users.conflict.title', action === 'disable' ? 'users.conflict.ownDisable' : 'users.conflict.ownReset');
    case 'user_disabled':
      return messagePage(c, 409, 'users.conflict.title', 'users.conflict.disabled');
    case 'user_not_disabled':
      return messagePage(c, 409, 'users.conflict.title', 'users.conflict.notDisabled');
    case 'oidc_account':
      return messagePage(c, 409, 'users.conflict.title', 'users.conflict.oidc');
    default:
      throw e;
  }
}

/** The accounts the user manages: a DPO their controller's, an administrator all. */
function accountsOf(c: Context<DpoEnv>) {
  const user = c.var.user;
  const { db, services } = c.var.deps;
  return listUsers(db, services.now(), user.role === 'admin' ? {} : { controllerId: user.controllerId ?? '' });
}

/** One account in the user's scope, by id; null when it does not exist or is out of scope. */
async function accountInScope(c: Context<DpoEnv>, id: string) {
  return (await accountsOf(c)).find((u) => u.id === id) ?? null;
}

export function userRoutes(): Hono<DpoEnv> {
  const app = new Hono<DpoEnv>();

  app.get('/users', requireUser(MANAGERS), async (c) => {
    const rows = await accountsOf(c);
    const { db, services } = c.var.deps;
    await db.transaction(async (tx) => {
      await appendAuditEvent(tx, { type: 'users_listed', actorUserId: c.var.user.id, controllerId: c.var.user.controllerId, requestId: null, payload: { count: rows.length } }, services.now());
    });
    return renderPage(c, <UsersPage lang={c.var.lang} user={c.var.user} csrf={c.var.csrfToken} rows={rows} />);
  });

  const form = (c: Context<DpoEnv>, values: NewUserValues, errors: FieldErrorText[]) =>
    renderPage(
      c,
      <NewUserPage lang={c.var.lang} user={c.var.user} csrf={c.var.csrfToken} roles={rolesGrantableBy(c.var.user)} oidc={Boolean(c.var.deps.oidc)} values={values} errors={errors} />,
      errors.length > 0 ? 422 : 200,
    );

  app.get('/users/new', requireUser(MANAGERS), (c) => form(c, {}, []));

  app.post('/users/new', requireUser(MANAGERS), async (c) => {
    const l = c.var.lang;
    const user = c.var.user;
    const { db, publicUrl, services } = c.var.deps;
    const values = formValues((await c.req.parseBody()) as Record<string, unknown>);
    const parsed = parseNewUser(values, user, Boolean(c.var.deps.oidc));
    if (!parsed.ok) return form(c, values, errorTexts(l, parsed.errors));
    try {
      const added = await addUser(db, { ...parsed.value, publicUrl, now: services.now(), actor: user });
      return renderPage(c, <EnrolmentLinkPage lang={l} user={user} kind="added" name={parsed.value.displayName} email={parsed.value.email.toLowerCase()} link={added.link} expiresAt={added.expiresAt} />);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      if (e.code === 'email_taken') return form(c, values, errorTexts(l, [{ field: 'email', code: 'emailTaken' }]));
      if (e.code === 'oidc_subject_taken') return form(c, values, errorTexts(l, [{ field: 'oidcSubject', code: 'oidcTaken' }]));
      // What the form checks already; the domain's own check is the backstop.
      if (e.code === 'not_allowed') return form(c, values, errorTexts(l, [{ field: 'role', code: 'roleMissing' }]));
      if (e.code === 'invalid_user') return form(c, values, errorTexts(l, [{ field: 'email', code: 'emailInvalid' }]));
      throw e;
    }
  });

  app.get('/users/:id/disable', requireUser(MANAGERS), async (c) => {
    const target = await accountInScope(c, c.req.param('id'));
    if (!target) return messagePage(c, 404, 'users.notFound.title', 'users.notFound.body');
    if (target.id === c.var.user.id) return messagePage(c, 409, 'users.conflict.title', 'users.conflict.ownDisable');
    if (target.state === 'disabled') return messagePage(c, 409, 'users.conflict.title', 'users.conflict.disabled');
    return renderPage(c, <DisableAccountPage lang={c.var.lang} user={c.var.user} csrf={c.var.csrfToken} target={target} />);
  });

  app.post('/users/:id/disable', requireUser(MANAGERS), async (c) => {
    const { db, services } = c.var.deps;
    try {
      await disableUser(db, { userId: c.req.param('id'), actor: c.var.user, now: services.now() });
    } catch (e) {
      return refusal(c, e, 'disable');
    }
    const rows = await accountsOf(c);
    const name = rows.find((u) => u.id === c.req.param('id'))?.displayName ?? '';
    return renderPage(c, <UsersPage lang={c.var.lang} user={c.var.user} csrf={c.var.csrfToken} rows={rows} notice={tw(c.var.lang, 'users.disabled.notice', { name })} />);
  });

  /** An action on one account in the user's scope that ends on the page with its new enrolment link. */
  const withNewLink = (path: 'enable' | 'reset-mfa', kind: 'enabled' | 'reset', act: typeof enableUser) =>
    app.post(`/users/:id/${path}`, requireUser(MANAGERS), async (c) => {
      const { db, publicUrl, services } = c.var.deps;
      const target = await accountInScope(c, c.req.param('id'));
      if (!target) return messagePage(c, 404, 'users.notFound.title', 'users.notFound.body');
      try {
        const { link, expiresAt } = await act(db, { userId: target.id, actor: c.var.user, publicUrl, now: services.now() });
        return renderPage(c, <EnrolmentLinkPage lang={c.var.lang} user={c.var.user} kind={kind} name={target.displayName} email={target.email} link={link} expiresAt={expiresAt} />);
      } catch (e) {
        return refusal(c, e, kind === 'enabled' ? 'enable' : 'reset');
      }
    });
  withNewLink('enable', 'enabled', enableUser);
  withNewLink('reset-mfa', 'reset', resetMfa);

  return app;
}
