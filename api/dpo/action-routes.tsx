/**
 * The DPO's actions on a request, one page each (GET shows the form, POST does it), and the
 * registration of a request that came by post, e-mail or at the desk. Only DPOs and handlers act
 * (an auditor gets 403); a request of another controller is a 404 like a missing one; a form
 * error re-renders the form with an error summary (422); an action the request's state no
 * longer allows says why (409); success goes back to the request (303), or to the list after a
 * transfer, since the request is then no longer visible.
 *
 * @example
 *   app.route('/', actionRoutes()); // inside dpoRoutes, under /dpo
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ControllerId } from '../../content/schema.ts';
import { formatIsoDay, isoDay } from '../deadlines/calendar-day.ts';
import { extendDeadline } from '../deadlines/extend-deadline.ts';
import { getDeadlineRules } from '../deadlines/get-deadline-rules.ts';
import { explainTransferRefusal } from '../routing/explain-routing.ts';
import { requesterEmail, storedSuspensions, type ActionDeps, type ActionResult, type FieldError } from '../workspace/actions/action-support.ts';
import { checkIdentity } from '../workspace/actions/check-identity.ts';
import { closeRequest, parseCloseInput } from '../workspace/actions/close-request.ts';
import { extendRequestDeadline, parseExtendInput } from '../workspace/actions/extend-request-deadline.ts';
import { recordInformationReceived } from '../workspace/actions/record-information-received.ts';
import { parseInformationInput, requestInformation } from '../workspace/actions/request-information.ts';
import { parseAnswerInput, sendAnswer } from '../workspace/actions/send-answer.ts';
import { parseTransferInput, transferToController } from '../workspace/actions/transfer-to-controller.ts';
import { whyNot, type WorkspaceAction } from '../workspace/available-actions.ts';
import { parseRegisterInput, registerRequest } from '../workspace/register-request.ts';
import { findRequestFor, visibleTo, type RequestRow } from '../workspace/request-scope.ts';
import type { DpoEnv } from './dpo-env.ts';
import { ActionPage, ConflictPage, explainConflict, type ActionView, type FormValues } from './pages/action-pages.tsx';
import { errorTexts } from './pages/action-form-parts.tsx';
import type { FieldErrorText } from './pages/layout.tsx';
import { renderPage } from './pages/layout.tsx';
import { notFoundPage } from './pages/not-found.tsx';
import { RegisteredPage, RegisterPage } from './pages/register-page.tsx';
import { requireUser } from './require-user.tsx';

type C = Context<DpoEnv>;

const ACTORS = ['dpo', 'handler'] as const;

/** Five documents of 10 MB, their multipart framing and the form's text fields. */
export const ANSWER_BODY_LIMIT = 52 * 1024 * 1024;

function depsOf(c: C): ActionDeps {
  const { db, publicUrl, services } = c.var.deps;
  return { db, cipher: services.cipher, blobs: services.blobs, now: services.now(), publicUrl };
}

/** The form's text values, to fill the form in again after an error (files are never echoed). */
function formValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** The first deadline has passed: an extension is no longer possible, whatever the state says. */
function extensionTooLate(request: RequestRow, now: number): string | null {
  const receivedOn = isoDay(request.receivedDate);
  const r = extendDeadline({ receivedOn, suspensions: storedSuspensions(receivedOn, request.suspendedDays), previous: null, reason: '-', now }, getDeadlineRules(request.controllerId as ControllerId));
  return !r.ok && r.refusal.code === 'firstDeadlinePassed' ? formatIsoDay(r.refusal.firstDeadline) : null;
}

function viewOf(c: C, action: WorkspaceAction, request: RequestRow): ActionView {
  const view: ActionView = { hasEmail: requesterEmail(c.var.deps.services.cipher, request) !== null };
  if (action === 'extend') {
    const receivedOn = isoDay(request.receivedDate);
    const r = extendDeadline({ receivedOn, suspensions: storedSuspensions(receivedOn, request.suspendedDays), previous: null, reason: '-', now: c.var.deps.services.now() }, getDeadlineRules(request.controllerId as ControllerId));
    if (r.ok) view.extendedDeadline = formatIsoDay(r.extension.deadline);
  }
  return view;
}

function form(c: C, action: WorkspaceAction, request: RequestRow, values: FormValues, errors: FieldErrorText[]) {
  const page = <ActionPage action={action} lang={c.var.lang} user={c.var.user} csrf={c.var.csrfToken} request={request} values={values} errors={errors} view={viewOf(c, action, request)} />;
  return renderPage(c, page, errors.length > 0 ? 422 : 200);
}

function conflictPage(c: C, action: WorkspaceAction, request: RequestRow, text: string) {
  return renderPage(c, <ConflictPage lang={c.var.lang} user={c.var.user} request={request} action={action} text={text} />, 409);
}

/** Not allowed now (state, already done, too late): the reason, or null. */
function notNow(c: C, action: WorkspaceAction, request: RequestRow): string | null {
  const code = whyNot(action, request);
  if (code) return explainConflict(c.var.lang, code, request);
  if (action === 'extend') {
    const passed = extensionTooLate(request, c.var.deps.services.now());
    if (passed) return explainConflict(c.var.lang, 'firstDeadlinePassed', request, { deadline: passed });
  }
  return null;
}

type Outcome = ActionResult<unknown> | { ok: false; kind: 'refused'; errors: FieldErrorText[] };

/** Runs one action's POST: the result as a redirect, a form with errors, or the conflict page. */
type Runner = (c: C, request: RequestRow, body: Record<string, unknown>) => Promise<Outcome>;

const userScope = (c: C) => visibleTo(c.var.user);

const RUNNERS: Record<WorkspaceAction, Runner> = {
  identity: (c, r) => checkIdentity(depsOf(c), r, c.var.user.id, userScope(c)),
  information: async (c, r, body) => {
    const input = parseInformationInput(body);
    return input.ok ? requestInformation(depsOf(c), r, c.var.user.id, input.value, userScope(c)) : input;
  },
  'information-received': (c, r) => recordInformationReceived(depsOf(c), r, { kind: 'user', userId: c.var.user.id }, userScope(c)),
  extend: async (c, r, body) => {
    const input = parseExtendInput(body);
    return input.ok ? extendRequestDeadline(depsOf(c), r, c.var.user.id, input.value, userScope(c)) : input;
  },
  transfer: async (c, r, body) => {
    const input = parseTransferInput(body, r.controllerId);
    if (!input.ok) return input;
    const done = await transferToController(depsOf(c), r, c.var.user.id, input.value, userScope(c));
    if (!done.ok && done.kind === 'refused') return { ok: false, kind: 'refused', errors: [{ field: 'to', text: explainTransferRefusal(c.var.lang, done.refusal) }] };
    return done;
  },
  answer: async (c, r, body) => {
    const input = await parseAnswerInput(body);
    return input.ok ? sendAnswer(depsOf(c), r, c.var.user.id, input.value, userScope(c)) : input;
  },
  close: async (c, r, body) => {
    const input = parseCloseInput(body);
    return input.ok ? closeRequest(depsOf(c), r, c.var.user.id, input.value, userScope(c)) : input;
  },
};

const ACTIONS = Object.keys(RUNNERS) as WorkspaceAction[];

export function actionRoutes(): Hono<DpoEnv> {
  const app = new Hono<DpoEnv>();

  for (const action of ACTIONS) {
    const path = `/requests/:reference/${action}`;

    app.get(path, requireUser(ACTORS), async (c) => {
      const request = await findRequestFor(c.var.deps.db, c.var.user, c.req.param('reference') ?? '');
      if (!request) return notFoundPage(c);
      const why = notNow(c, action, request);
      if (why) return conflictPage(c, action, request, why);
      return form(c, action, request, {}, []);
    });

    // The answer alone takes documents: its own limit, checked before the body is parsed.
    if (action === 'answer') app.use(path, bodyLimit({ maxSize: ANSWER_BODY_LIMIT, onError: (c) => c.text('Payload Too Large', 413) }));
    app.post(path, requireUser(ACTORS), async (c) => {
      const request = await findRequestFor(c.var.deps.db, c.var.user, c.req.param('reference') ?? '');
      if (!request) return notFoundPage(c);
      const why = notNow(c, action, request);
      if (why) return conflictPage(c, action, request, why);
      const body = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
      const result = await RUNNERS[action](c, request, body);
      if (result.ok) {
        if (action === 'transfer') return c.redirect(`/dpo/requests?lang=${c.var.lang}&transferred=${request.reference}`, 303);
        return c.redirect(`/dpo/requests/${request.reference}?lang=${c.var.lang}`, 303);
      }
      if (result.kind === 'invalid') return form(c, action, request, formValues(body), errorTexts(c.var.lang, result.errors as FieldError[]));
      if (result.kind === 'refused') return form(c, action, request, formValues(body), result.errors);
      // Lost to a simultaneous action: read the request again to say what it is now.
      const now = (await findRequestFor(c.var.deps.db, c.var.user, request.reference)) ?? request;
      return conflictPage(c, action, now, explainConflict(c.var.lang, result.code, now, result.params));
    });
  }

  app.get('/register', requireUser(ACTORS), (c) => renderPage(c, <RegisterPage lang={c.var.lang} user={c.var.user} csrf={c.var.csrfToken} values={{}} errors={[]} />));

  app.post('/register', requireUser(ACTORS), async (c) => {
    const user = c.var.user;
    if (user.controllerId === null) return notFoundPage(c);
    const { db, publicUrl, services } = c.var.deps;
    const body = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
    const input = parseRegisterInput(body, user.controllerId, services.now());
    if (!input.ok) {
      const errors = input.kind === 'invalid' ? errorTexts(c.var.lang, input.errors) : [];
      return renderPage(c, <RegisterPage lang={c.var.lang} user={user} csrf={c.var.csrfToken} values={formValues(body)} errors={errors} />, 422);
    }
    const registered = await registerRequest({ db, cipher: services.cipher, sealKey: services.sealKey, now: services.now(), publicUrl }, { id: user.id, controllerId: user.controllerId }, input.value);
    return renderPage(c, <RegisteredPage lang={c.var.lang} user={user} registered={registered} />, 201);
  });

  return app;
}

