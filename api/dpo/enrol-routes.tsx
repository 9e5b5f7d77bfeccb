/** The one-time enrolment link: set the password and the authenticator app, see the recovery codes once. */
import { Hono, type Context } from 'hono';
import QRCode from 'qrcode';
import { t } from '../../content/i18n.ts';
import { checkAnonymousForm, issueFormToken } from './check-form-origin.ts';
import { completeEnrolment, type FieldError } from './complete-enrolment.ts';
import type { DpoEnv } from './dpo-env.ts';
import { EnrolPage, RecoveryCodesPage } from './pages/enrol-page.tsx';
import { MessagePage } from './pages/home-page.tsx';
import { renderPage } from './pages/layout.tsx';
import { startEnrolment } from './start-enrolment.ts';

function invalidLink(c: Context<DpoEnv>) {
  const l = c.var.lang;
  return renderPage(c, <MessagePage lang={l} title={t(l, 'dpo.enrol.title')} body={t(l, 'dpo.enrol.invalid')} otherHref={`?lang=${l === 'nl' ? 'en' : 'nl'}`} />, 404);
}

async function showForm(c: Context<DpoEnv>, token: string, errors: FieldError[]) {
  const { db, services } = c.var.deps;
  const e = await startEnrolment(db, services.cipher, { token, now: services.now() });
  if (!e) return invalidLink(c);
  const svg = await QRCode.toString(e.otpauthUri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  const qrDataUri = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  const page = <EnrolPage lang={c.var.lang} token={token} csrf={issueFormToken(c)} name={e.displayName} email={e.email} qrDataUri={qrDataUri} secret={e.secret} errors={errors} />;
  return renderPage(c, page, errors.length > 0 ? 422 : 200);
}

export function enrolRoutes(): Hono<DpoEnv> {
  const app = new Hono<DpoEnv>();
  app.get('/enrol/:token', (c) => showForm(c, c.req.param('token'), []));
  app.post('/enrol/:token', async (c) => {
    const l = c.var.lang;
    if (!(await checkAnonymousForm(c))) {
      return renderPage(c, <MessagePage lang={l} title={t(l, 'dpo.csrf.title')} body={t(l, 'dpo.csrf.body')} otherHref={`?lang=${l === 'nl' ? 'en' : 'nl'}`} />, 403);
    }
    const { db, services } = c.var.deps;
    const body = await c.req.parseBody();
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).slice(0, 1000) : '');
    const token = c.req.param('token');
    const r = await completeEnrolment(db, services.cipher, { token, password: field('password'), passwordAgain: field('passwordAgain'), code: field('code'), now: services.now() });
    if (r.ok) return renderPage(c, <RecoveryCodesPage lang={l} codes={r.recoveryCodes} />);
    if ('invalidLink' in r) return invalidLink(c);
    return showForm(c, token, r.errors);
  });
  return app;
}
