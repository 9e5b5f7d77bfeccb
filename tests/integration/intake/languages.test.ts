// A complete request in each of the five languages, end to end: the 201 answer, the row with its
// controller and deadlines, personal data only encrypted, the outbox, and the e-mails as a real
// SMTP server receives them (the requester's in their language, the DPO notices without any
// personal data, HTML escaped).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { facts } from '../../../content/facts.ts';
import { formatDate, t as tr } from '../../../content/i18n.ts';
import type { ControllerId, Lang } from '../../../content/schema.ts';
import { outbox } from '../../../db/schema.ts';
import { parseReference } from '../../../api/requests/reference.ts';
import { startTestSmtp, type TestSmtp } from '../../support/smtp.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { counts, deliver, fileRequest, filesOf, personalOf, recipients, requestRow, TODAY } from './support.ts';

interface Case {
  lang: Lang;
  statement: 'crt' | 'general';
  postcode: string;
  controller: ControllerId;
  reason: string;
  informed: boolean;
  internalTarget: string | null;
  person: { firstName: string; lastName: string; email: string; phone: string; street: string; city: string; explanation: string };
}

const cases: Case[] = [
  {
    lang: 'nl', statement: 'crt', postcode: '9000', controller: 'ingent', reason: 'postcodeInArea', informed: true, internalTarget: '2026-04-29',
    person: { firstName: 'Zoë', lastName: 'Vandermeulebroecke', email: 'zoe.vdm@example.org', phone: '+32 470 11 22 33', street: 'Kortrijksesteenweg 501', city: 'Sint-Denijs-Westrem', explanation: 'Ik wil weten welke gegevens u over mij bijhoudt in de registratietool.' },
  },
  {
    lang: 'en', statement: 'crt', postcode: '2000', controller: 'atlas', reason: 'postcodeInArea', informed: true, internalTarget: null,
    person: { firstName: 'Amara', lastName: 'Okonkwo-Reilly', email: 'amara.okr@example.net', phone: '+32 471 44 55 66', street: 'Meir 99', city: 'Antwerpen-Centrum', explanation: 'Please send me a copy of every record about my integration course.' },
  },
  {
    lang: 'fr', statement: 'crt', postcode: '1000', controller: 'huis', reason: 'postcodeInArea', informed: true, internalTarget: null,
    person: { firstName: 'Hélène', lastName: "D'Alembert-Quist", email: 'helene.dq@example.be', phone: '+32 2 555 01 02', street: 'Rue Haute 12', city: 'Bruxelles-Marolles', explanation: "Je voudrais savoir quelles données vous traitez à mon sujet & pourquoi <toujours>." },
  },
  {
    lang: 'uk', statement: 'crt', postcode: '3000', controller: 'agii', reason: 'postcodeOutsideAreas', informed: false, internalTarget: null,
    person: { firstName: 'Олена', lastName: 'Коваленко-Шевчук', email: 'olena.ksh@example.org', phone: '+32 472 77 88 99', street: 'Bondgenotenlaan 3', city: 'Leuven-Centrum', explanation: 'Прошу надати копію всіх моїх персональних даних.' },
  },
  {
    lang: 'ru', statement: 'general', postcode: '9000', controller: 'ingent', reason: 'statementOwner', informed: false, internalTarget: '2026-04-29',
    person: { firstName: 'Дмитрий', lastName: 'Волконский', email: 'dmitry.vlk@example.com', phone: '+32 473 10 20 30', street: 'Sleepstraat 8', city: 'Gent-Muide', explanation: 'Прошу удалить мои данные после окончания курса.' },
  },
];

const contactPoint = Object.values(facts.controllers).find((c) => c.contactPoint)!;

function fieldsOf(c: Case) {
  const p = c.person;
  return {
    statement: c.statement,
    lang: c.lang,
    postcode: c.postcode,
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    phone: p.phone,
    street: p.street,
    city: p.city,
    'explanation.access': p.explanation,
    signatureName: `${p.firstName} ${p.lastName}`,
    signedPlace: p.city,
  };
}

const decodeEntities = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');

/** The HTML part says exactly what the text part says, every character escaped, links only as <a>. */
function expectEscapedHtml(m: ParsedMail, lang: string): void {
  const html = m.html;
  expect(typeof html).toBe('string');
  const doc = /^<!doctype html><html lang="([a-z]{2})"><head><meta charset="utf-8"><title>([^<>]*)<\/title><\/head><body>([\s\S]*)<\/body><\/html>\s*$/.exec(html as string);
  expect(doc, 'the HTML part is one document').not.toBeNull();
  // In the language of its words (the DPO notices are in Dutch), with the subject as its title.
  expect(doc![1]).toBe(lang);
  expect(decodeEntities(doc![2]!)).toBe(m.subject);
  const body = doc![3]!;
  const paragraphs = [...body.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((p) => p[1]!);
  const rest = body.replace(/<p>[\s\S]*?<\/p>/g, '').trim();
  expect(rest, 'nothing outside the paragraphs').toBe('');
  const texts = paragraphs.map((p) => {
    const inner = p.replace(/<a href="([^"<>]*)">([^<>]*)<\/a>/g, (_, href: string, label: string) => {
      expect(href).toBe(label);
      expect(href).toMatch(/^https:\/\//);
      return label;
    });
    // After the links, no markup at all and no raw quote or apostrophe: all escaped.
    expect(inner).not.toMatch(/[<>"']/);
    return decodeEntities(inner);
  });
  expect(texts).toEqual((m.text ?? '').trim().split('\n\n'));
}

function allText(m: ParsedMail): string {
  return `${m.subject ?? ''}\n${m.text ?? ''}\n${typeof m.html === 'string' ? m.html : ''}\n${decodeEntities(typeof m.html === 'string' ? m.html : '')}`;
}

describe('a full request in each language', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  beforeEach(async () => {
    t = await createTestApp();
    smtp = await startTestSmtp();
  });
  afterEach(async () => {
    await smtp.down();
    await t.close();
  });

  it.each(cases)('$lang: $statement, postcode $postcode -> $controller (contact point informed: $informed)', async (c) => {
    const p = c.person;
    const created = await fileRequest(t, fieldsOf(c));

    // The answer.
    expect(parseReference(created.reference)).toEqual({ ok: true, reference: created.reference });
    expect(created.controller).toEqual({ id: c.controller, name: facts.controllers[c.controller]!.name });
    expect(created.routingReason.code).toBe(c.reason);
    expect(created.contactPointInformed).toBe(c.informed);
    expect(created.receivedAt).toBe('2026-03-31T23:30:00.000Z');
    // Received on 1 April (Brussels): one month is 1 May, Labour Day, then a weekend: Monday 4 May.
    expect(created.legalDeadline).toBe('2026-05-04');
    expect(created.internalTarget).toBe(c.internalTarget);
    expect(created.statusUrl).toBe(`https://privacy.test/${c.lang}/status/#${created.statusToken}`);
    expect(created.nationalRegisterNumbersMasked).toBe(0);

    // The row.
    const row = await requestRow(t, created.reference);
    expect(row).toMatchObject({
      statement: c.statement,
      rights: ['access', 'erasure'],
      lang: c.lang,
      channel: 'web',
      controllerId: c.controller,
      contactPointInformed: c.informed,
      receivedDate: TODAY,
      legalDeadline: '2026-05-04',
      internalTarget: c.internalTarget,
      state: 'received',
      emailConfirmedAt: null,
    });
    expect(row.receivedAt.toISOString()).toBe('2026-03-31T23:30:00.000Z');
    expect((await filesOf(t, row.id)).map((f) => f.role).sort()).toEqual(['id_copy', 'receipt']);

    // Personal data: only encrypted, in the row and anywhere in the database files.
    const raw = Buffer.from(row.personal!);
    for (const secret of [p.email, p.firstName, p.lastName, p.phone, p.street, p.explanation]) {
      expect(raw.includes(Buffer.from(secret)), `personal column holds "${secret}" in clear`).toBe(false);
    }
    const personal = personalOf(t, row);
    expect(personal).toMatchObject({
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      phone: p.phone,
      address: { street: p.street, postcode: c.postcode, city: p.city },
      explanations: { access: p.explanation },
      actingAs: 'self',
      signature: { method: 'typed', name: `${p.firstName} ${p.lastName}` },
    });
    const dbFiles = ['portal.db', 'portal.db-wal'].map((f) => join(t.dataDir, f)).filter((f) => existsSync(f));
    for (const file of dbFiles) {
      const bytes = readFileSync(file);
      for (const secret of [p.email, p.lastName, p.street, p.explanation]) {
        expect(bytes.includes(Buffer.from(secret)), `${file} holds "${secret}" in clear`).toBe(false);
      }
    }

    // The outbox.
    const queued = await t.db.select().from(outbox).all();
    const kinds = queued.map((q) => q.kind).sort();
    expect(kinds).toEqual(c.informed ? ['confirmation', 'contact-point-notice', 'dpo-notice'] : ['confirmation', 'dpo-notice']);
    for (const q of queued) {
      expect(q.status).toBe('pending');
      expect(Buffer.from(q.message).includes(Buffer.from(p.email)), 'queued mail is encrypted').toBe(false);
    }
    expect((await counts(t)).events).toBe(1);

    // Delivery to the real SMTP server.
    expect(await deliver(t, smtp)).toEqual({ sent: queued.length, failed: 0 });
    const mails = await smtp.waitFor(queued.length);
    expect(mails).toHaveLength(queued.length);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(queued.length);
    // The requester's e-mail in their language, the DPO notices in Dutch.
    for (const m of mails) expectEscapedHtml(m, recipients(m).includes(p.email) ? c.lang : 'nl');

    const toRequester = mails.filter((m) => recipients(m).includes(p.email));
    expect(toRequester).toHaveLength(1);
    const mine = toRequester[0]!;
    expect(mine.subject).toBe(tr(c.lang, 'mail.confirm.subject', { reference: created.reference }));
    expect(mine.subject).toContain(created.reference);
    expect(mine.text).toContain(formatDate(c.lang, '2026-05-04'));
    expect(mine.text).toContain(tr(c.lang, 'mail.confirm.deadline', { deadline: formatDate(c.lang, '2026-05-04') }));
    expect(mine.text).toContain(created.statusUrl);
    expect(mine.text).toMatch(/https:\/\/privacy\.test\/api\/requests\/confirm-email\?token=[A-Za-z0-9_-]{43}/);
    if (c.internalTarget) expect(mine.text).toContain(formatDate(c.lang, c.internalTarget));
    if (c.lang === 'fr') expect(mine.html).toContain('&#39;');

    const dpoMails = mails.filter((m) => m !== mine);
    const expectedDpo = [facts.controllers[c.controller]!.dpoEmail, ...(c.informed ? [contactPoint.dpoEmail] : [])].sort();
    expect(dpoMails.flatMap(recipients).sort()).toEqual(expectedDpo);
    for (const m of dpoMails) {
      expect(m.subject).toContain(created.reference);
      expect(m.text).toContain(created.reference);
      expect(m.text).toContain(formatDate('nl', '2026-05-04'));
      const everything = allText(m);
      for (const secret of [p.firstName, p.lastName, p.email, p.phone, p.street, p.city, p.explanation, '1985-07-30', created.statusToken]) {
        expect(everything, `DPO mail to ${recipients(m).join()} contains "${secret}"`).not.toContain(secret);
      }
    }
    if (c.informed) {
      const cp = dpoMails.find((m) => recipients(m).includes(contactPoint.dpoEmail))!;
      expect(cp.text).toContain(tr('nl', 'mail.dpo.contactPoint', { controller: facts.controllers[c.controller]!.shortName }));
    }

    // Everything went; a second pass sends nothing.
    expect(await deliver(t, smtp)).toEqual({ sent: 0, failed: 0 });
    expect((await t.db.select().from(outbox).all()).every((q) => q.status === 'sent')).toBe(true);
  });
});
