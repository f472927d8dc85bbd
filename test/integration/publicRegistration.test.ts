/**
 * Registration for the demo's public meeting, end to end through the API: register, take the
 * confirmation link from the email written to the mail folder, set a password, sign in, comment
 * on the proposal open for public comment. An address the board knows is answered like a new one,
 * and its person is told by email instead. Refusals: the honeypot, a form sent too fast, a mag
 * meeting, closed registration, 30 sign-ups a minute from one address.
 * The HTML form: after any refusal it comes back with what was typed (escaped), every wrong field
 * named beside it at once, and the rate limit's refusal as a page in the reader's language.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING, SEED_MEETING } from '../../server/src/demo/demoData.ts';
import { counted } from '../../server/src/i18n/serverText.ts';
import { GDC_PROPOSAL_ID } from '../../server/src/proposals/demoProposals.ts';
import { PUBLIC_TEXT } from '../../server/src/public/publicText.ts';
import { http, login, type Session, sleep, waitFor } from '../helpers/clients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';
import { parseMail } from '../helpers/smtpSink.ts';
import { expectValidHtml } from '../helpers/validHtml.ts';

const { server, call } = serverSuite();
const MEETING = DEMO_MEETING.id;
let secretariat: Session;
/** Handed out at the start, so that it is older than the 3 s a person needs by the time it is used. */
let formToken: string;

const person = (email: string) => ({
  name: 'Amara Okafor',
  email,
  group: 'civil-society',
  country: 'Nigeria',
  affiliation: 'Digital Rights Lagos',
  formToken,
});

/** The text of every email written so far (quoted-printable soft breaks undone). */
async function mails(): Promise<string[]> {
  const folder = path.join(server.dataDir, 'mail');
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  return Promise.all(
    names.map(async (name) => (await fs.readFile(path.join(folder, name), 'utf8')).replace(/=\r?\n/g, '').replace(/=3D/g, '=')),
  );
}

beforeAll(async () => {
  secretariat = await login(server.baseUrl, 'secretariat@example.org');
  const form = await call<{ formToken: string; minSeconds: number }>(null, 'GET', `/api/meetings/${MEETING}/registrations/form`);
  expect(form.status).toBe(200);
  formToken = form.body.formToken;
  await sleep(form.body.minSeconds * 1000 + 200);
});

describe('registration for a public meeting', () => {
  it('goes from the form to a comment on a proposal open for public comment', async () => {
    const email = 'amara@example.net';
    const registered = await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, person(email));
    expect(registered.status).toBe(202);
    // Not confirmed yet: no password, so no sign-in.
    expect((await call(null, 'POST', '/api/auth/login', { email, password: 'a long enough password 1' })).status).toBe(401);

    const mail = await waitFor(async () => (await mails()).find((text) => text.includes(`To: ${email}`)), {
      message: 'the confirmation email',
    });
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail ?? '')?.[1];
    expect(token).toBeDefined();
    const accepted = await call(null, 'POST', `/api/invitations/${token}/accept`, { password: 'a long enough password 1' });
    expect(accepted.status).toBe(200);

    const observer = await login(server.baseUrl, email, 'a long enough password 1');
    expect(observer.user.role).toBe('observer');
    const thread = await call(observer, 'POST', '/api/threads', {
      doc: `proposal:${GDC_PROPOSAL_ID}`,
      body: 'The Policy Network should report to the NRIs too.',
    });
    expect(thread.status).toBe(201);

    // The comment is on the public page, with the observer's name and not their email.
    const page = await (await fetch(`${server.baseUrl}/public/meetings/${MEETING}`)).text();
    expect(page).toContain('The Policy Network should report to the NRIs too.');
    expect(page).not.toContain(email);

    // The secretariat sees the registration, confirmed, in the list and the CSV.
    const list = await call<{ email: string; confirmed: boolean }[]>(
      secretariat,
      'GET',
      `/api/meetings/${MEETING}/registrations`,
    );
    expect(list.status).toBe(200);
    expect(list.body.find((row) => row.email === email)?.confirmed).toBe(true);
    const csv = await call<string>(secretariat, 'GET', `/api/meetings/${MEETING}/registrations.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('"Amara Okafor","amara@example.net","civil-society","Nigeria","Digital Rights Lagos"');
    expect(csv.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('name,email,group,country,affiliation,registered,confirmed');
    // In the reader's language, as the board's other CSVs: the columns, the group and yes/no in Spanish.
    const spanish = await call<string>(secretariat, 'GET', `/api/meetings/${MEETING}/registrations.csv?lang=es`);
    const lines = spanish.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      '"Nombre","Correo electrónico","Grupo de partes interesadas","País","Afiliación","Fecha de inscripción","Confirmada"',
    );
    expect(lines.find((line) => line.includes('amara@example.net'))).toMatch(
      /^"Amara Okafor","amara@example\.net","Sociedad civil","Nigeria","Digital Rights Lagos","\d{4}-\d\d-\d\dT[^"]+Z","sí"$/,
    );
    expect(spanish.body).not.toContain('civil-society');
    expect((await call(secretariat, 'GET', `/api/meetings/${MEETING}/registrations.csv?lang=de`)).status).toBe(400);
    // Nobody else does.
    expect((await call(observer, 'GET', `/api/meetings/${MEETING}/registrations`)).status).toBe(403);
    expect((await call(null, 'GET', `/api/meetings/${MEETING}/registrations`)).status).toBe(401);
  });

  it('answers an address it knows as it answers a new one, and tells that address’s person instead, once an hour', async () => {
    const register = (body: object, language = 'en') =>
      http(server.baseUrl, 'POST', `/api/meetings/${MEETING}/registrations`, { body, headers: { 'accept-language': language } });
    /** The plain text of the emails to `to` with that subject, decoded. */
    const accountExists = async (to: string, subject: string) => {
      const folder = path.join(server.dataDir, 'mail');
      const names = await fs.readdir(folder).catch(() => [] as string[]);
      const mails = await Promise.all(
        names.map(async (name) => parseMail(await fs.readFile(path.join(folder, name), 'utf8'), [])),
      );
      return mails.filter((mail) => mail.headers.get('to') === to && mail.subject === subject).map((mail) => mail.text);
    };
    // Amara registered in the test before; someone enters her address again, under another name.
    const again = await register({ ...person('AMARA@example.net'), name: 'Mallory' });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ status: 'pending', message: PUBLIC_TEXT.en.registration.pending });
    const told = await waitFor(async () => (await accountExists('amara@example.net', 'You already have a Plenary account'))[0], {
      timeout: 20_000,
      message: 'the email saying the address has an account',
    });
    // Under her own name, with the sign-in page's link and no credential; the typed name goes nowhere.
    expect(told).toContain('Hello Amara Okafor,');
    expect(told).not.toContain('Mallory');
    expect(told).toContain('Forgot password?');
    expect(told).not.toMatch(/\/invitations\/|\/password-reset\//);
    // A member of the board, in the language of the request (she never chose one): the same answer.
    const member = await register(person('mei@example.org'), 'fr');
    expect(member.status).toBe(202);
    expect(member.body).toEqual({ status: 'pending', message: PUBLIC_TEXT.fr.registration.pending });
    // Amara's address again within the hour: the same answer, and no second email.
    expect((await register(person('amara@example.net'))).status).toBe(202);
    const french = await waitFor(async () => (await accountExists('mei@example.org', 'Vous avez déjà un compte Plenary'))[0], {
      timeout: 20_000,
      message: 'the French email to the member',
    });
    expect(french).toContain('Mot de passe oublié ?');
    expect(await accountExists('amara@example.net', 'You already have a Plenary account')).toHaveLength(1);
    // Nothing about either changed: one registration for Amara, none for the member.
    const list = await call<{ email: string; name: string }[]>(secretariat, 'GET', `/api/meetings/${MEETING}/registrations`);
    expect(list.body.filter((row) => row.email === 'amara@example.net')).toEqual([
      expect.objectContaining({ name: 'Amara Okafor' }),
    ]);
    expect(list.body.some((row) => row.email === 'mei@example.org')).toBe(false);
  });

  it('refuses the honeypot, a form sent too fast, a mag meeting, and every wrong field at once', async () => {
    const bot = await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, {
      ...person('bot@example.net'),
      website: 'http://spam.example',
    });
    expect(bot.status).toBe(400);
    expect(bot.body.error.code).toBe('REGISTRATION_REFUSED');
    const fresh = await call<{ formToken: string }>(null, 'GET', `/api/meetings/${MEETING}/registrations/form`);
    const fast = await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, {
      ...person('fast@example.net'),
      formToken: fresh.body.formToken,
    });
    expect(fast.status).toBe(400);
    expect(fast.body.error.details).toEqual({ field: 'formToken' });
    const forged = await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, {
      ...person('forged@example.net'),
      formToken: '1.AAAA',
    });
    expect(forged.status).toBe(400);
    expect((await call(null, 'POST', `/api/meetings/${SEED_MEETING.id}/registrations`, person('mag@example.net'))).status).toBe(
      404,
    );
    expect((await call(null, 'GET', `/api/meetings/${SEED_MEETING.id}/registrations/form`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/public/meetings/${SEED_MEETING.id}/register`)).status).toBe(404);

    // Every wrong field at once, the first as `field`; a group left on “Choose…” is empty, as a blank name
    // is (it was a schema refusal of its own, naming the group alone as not valid).
    const api = await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, {
      ...person('not an email'),
      name: ' ',
      group: '',
      country: ' ',
    });
    expect(api.status).toBe(400);
    expect(api.body.error.details).toEqual({
      field: 'name',
      problems: [
        { field: 'name', reason: 'empty' },
        { field: 'email', reason: 'invalid' },
        { field: 'group', reason: 'empty' },
        { field: 'country', reason: 'empty' },
      ],
    });
  });

  it('is refused with 409 while the secretariat has closed it', async () => {
    const setting = () => call<{ open: boolean; archived: boolean }>(secretariat, 'GET', `/api/meetings/${MEETING}/registration`);
    expect((await setting()).body).toEqual({ open: true, archived: false });
    expect((await call(secretariat, 'PATCH', `/api/meetings/${MEETING}/registration`, { open: false })).status).toBe(200);
    expect((await setting()).body).toEqual({ open: false, archived: false });
    // Only the secretariat and the chair see it; a mag meeting has no registration.
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    expect((await call(kwame, 'GET', `/api/meetings/${MEETING}/registration`)).status).toBe(403);
    expect((await call(null, 'GET', `/api/meetings/${MEETING}/registration`)).status).toBe(401);
    expect((await call(secretariat, 'GET', `/api/meetings/${SEED_MEETING.id}/registration`)).status).toBe(404);
    const closed = await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, person('late@example.net'));
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('REGISTRATION_CLOSED');
    expect(await (await fetch(`${server.baseUrl}/public/meetings/${MEETING}/register`)).text()).toContain(
      'Registration for this meeting is closed.',
    );
    expect((await call(secretariat, 'PATCH', `/api/meetings/${MEETING}/registration`, { open: true })).status).toBe(200);
  });

  it('limits 30 sign-ups a minute from one address', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 30; index++) {
      statuses.push(
        (await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, person(`burst${index}@burst${index}.example`)))
          .status,
      );
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 202).length).toBeLessThanOrEqual(10);
    // The API's refusal stays JSON, whatever the HTML form says.
    const limited = await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, person('late@burst.example'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/json');
    expect(limited.body.error.code).toBe('RATE_LIMITED');
  });
});

describe('the HTML registration form', () => {
  const FORM = `/public/meetings/${MEETING}/register`;
  /** Posts the form as a browser does, without following the redirect. */
  const send = (fields: Record<string, string>, query = '', headers: Record<string, string> = {}) =>
    fetch(`${server.baseUrl}${FORM}${query}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl, ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  /** What a visitor typed, with markup and both kinds of quote to come back inert. */
  const typed = {
    name: '<script>alert("x")</script> O\'Brien',
    email: 'ana@@example',
    group: 'technical-community',
    country: 'Côte d’Ivoire "CI"',
    affiliation: 'Café <b>&</b> Co',
  };
  /** The value attribute of an input, as the page writes it. */
  const inputValue = (body: string, name: string) =>
    new RegExp(`<input id="reg-${name}" name="${name}"[^>]* value="([^"]*)"`).exec(body)?.[1];
  const expectKept = (body: string, values: Record<string, string>) => {
    for (const name of ['name', 'email', 'country', 'affiliation'])
      expect(inputValue(body, name), name).toBe(
        values[name]!.replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;')
          .replace(/"/g, '&quot;')
          .replace(/'/g, '&#39;'),
      );
    expect(body).toContain(`<option value="${values.group}" selected>`);
    expect(body).not.toContain('<script>alert');
  };
  const tokenOf = (body: string) => /name="formToken" value="([^"]+)"/.exec(body)?.[1];

  it('keeps what the visitor typed, escaped, after each kind of refusal, with a fresh form time and an empty honeypot', async () => {
    const fresh = tokenOf(await (await fetch(`${server.baseUrl}${FORM}`)).text())!;
    // Too fast: the form time is made afresh, the values stay.
    const tooFast = await send({ ...typed, email: 'ana@example.net', formToken: fresh });
    expect(tooFast.status).toBe(400);
    const tooFastPage = await tooFast.text();
    expectKept(tooFastPage, { ...typed, email: 'ana@example.net' });
    expect(tooFastPage).toContain(PUBLIC_TEXT.en.registration.errors.tooFast);
    expect(tokenOf(tooFastPage)).toBeDefined();
    expect(tokenOf(tooFastPage)).not.toBe(fresh);
    await expectValidHtml(tooFastPage);

    // The honeypot is never given back.
    const trapped = await send({ ...typed, website: 'http://spam.example', formToken });
    expect(trapped.status).toBe(400);
    const trappedPage = await trapped.text();
    expectKept(trappedPage, typed);
    expect(trappedPage).not.toContain('spam.example');
    expect(trappedPage).toContain('<input name="website" type="text" tabindex="-1" autocomplete="off">');

    // A bad email: said beside the field, the rest kept.
    const badEmail = await send({ ...typed, formToken });
    expect(badEmail.status).toBe(400);
    const badEmailPage = await badEmail.text();
    expectKept(badEmailPage, typed);
    expect(badEmailPage).toMatch(/<input id="reg-email"[^>]* aria-invalid="true" aria-describedby="reg-email-error">/);
    expect(badEmailPage).toContain(`<p class="field-error" id="reg-email-error">${PUBLIC_TEXT.en.registration.errors.email}</p>`);

    // An email already on the board: answered as a new one is (its person is told by email), so the
    // form tells nobody who is on the board.
    const known = await send({ ...typed, name: 'Kwame', email: 'kwame@example.org', formToken });
    const fresh2 = await send({ ...typed, name: 'Nadia', email: 'nadia@example.net', formToken });
    expect([known.status, known.headers.get('location')]).toEqual([fresh2.status, fresh2.headers.get('location')]);
    expect(known.status).toBe(303);
  });

  it('names every wrong field at once, each beside its field, in the reader’s language', async () => {
    const fr = PUBLIC_TEXT.fr.registration;
    const empty = await send({ name: ' ', email: '', country: '', affiliation: '', formToken }, '?lang=fr');
    expect(empty.status).toBe(400);
    const body = await empty.text();
    expect(body).toContain('<html lang="fr" dir="ltr">');
    expect(body).toMatch(/<div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="form-errors">/);
    expect(body).toContain(`<h2 id="form-errors">${fr.errors.summary}</h2>`);
    const said = { name: fr.errors.name, email: fr.errors.email, group: fr.errors.group, country: fr.errors.country };
    for (const [field, message] of Object.entries(said)) {
      // In the summary, a link to the field; beside the field, its sentence, tied to it.
      const label = fr[field as keyof typeof said];
      expect(body).toContain(`<li><a href="#reg-${field}">${label} : ${message}</a></li>`);
      expect(body).toMatch(new RegExp(`id="reg-${field}"[^>]* aria-invalid="true" aria-describedby="reg-${field}-error">`));
      expect(body).toContain(`<p class="field-error" id="reg-${field}-error">${message}</p>`);
    }
    expect(body).not.toMatch(/id="reg-affiliation"[^>]* aria-invalid/);
    await expectValidHtml(body);

    // The form's POST has no schema: the service checks the lengths the API's schema does.
    const long = await send({ ...typed, email: 'long@example.net', affiliation: 'x'.repeat(201), formToken }, '?lang=fr');
    expect(long.status).toBe(400);
    const longPage = await long.text();
    expect(longPage).toContain(
      `<p class="field-error" id="reg-affiliation-error">${fr.errors.tooLong.replace('{{max}}', '200')}</p>`,
    );
    expect(longPage).not.toContain('id="reg-name-error"');
  });

  it('marks the one optional field as the board does, in every language, and requires the others', async () => {
    // Country and the rest are required, and nothing said which: the board marks optional fields "(optional)".
    const affiliation = {
      en: 'Affiliation (optional)',
      fr: 'Affiliation (facultatif)',
      es: 'Afiliación (opcional)',
      ru: 'Организация (необязательно)',
      zh: '所属单位（可选）',
      ar: 'جهة الانتساب (اختياري)',
    };
    for (const [language, optional] of Object.entries(affiliation)) {
      const text = PUBLIC_TEXT[language as keyof typeof affiliation].registration;
      const form = await (await fetch(`${server.baseUrl}${FORM}?lang=${language}`)).text();
      const labels = Object.fromEntries(
        [...form.matchAll(/<label>([^<]*) <(?:input|select) id="reg-(\w+)"([^>]*)>/g)].map(([, label, field, attributes]) => [
          field,
          { label, required: / required[ >]/.test(`${attributes}>`) },
        ]),
      );
      expect(labels, language).toEqual({
        name: { label: text.name, required: true },
        email: { label: text.email, required: true },
        group: { label: text.group, required: true },
        country: { label: text.country, required: true },
        affiliation: { label: optional, required: false },
      });
    }
    await expectValidHtml(await (await fetch(`${server.baseUrl}${FORM}?lang=fr`)).text());
  });

  it('starts the stakeholder group on an empty “Choose…”, which the server refuses beside the field', async () => {
    const es = PUBLIC_TEXT.es.registration;
    const form = await (await fetch(`${server.baseUrl}${FORM}?lang=es`)).text();
    const select = /<select id="reg-group"[^>]*>(.*?)<\/select>/s.exec(form)?.[1] ?? '';
    // Nothing chosen for the registrant: before, "Government" was, and one who skipped it was recorded as government.
    expect(select.startsWith(`<option value="" selected>${es.choose}</option>`)).toBe(true);
    expect(select.match(/ selected/g)).toHaveLength(1);
    await expectValidHtml(form);
    const email = 'skipped.group@example.net';
    const skipped = await send({ ...typed, email, group: '', formToken }, '?lang=es');
    expect(skipped.status).toBe(400);
    const page = await skipped.text();
    expect(page).toMatch(/<select id="reg-group"[^>]* aria-invalid="true" aria-describedby="reg-group-error">/);
    expect(page).toContain(`<p class="field-error" id="reg-group-error">${es.errors.group}</p>`);
    expect(page).toContain(`<option value="" selected>${es.choose}</option>`);
    expect(page).not.toContain('id="reg-email-error"');
    await expectValidHtml(page);
    const list = await call<{ email: string }[]>(secretariat, 'GET', `/api/meetings/${MEETING}/registrations`);
    expect(list.body.some((row) => row.email === email)).toBe(false);
  });

  it('answers a form sent too often with a page in the reader’s language, its wait and Retry-After, the values kept', async () => {
    const fields = { ...typed, email: 'ana@example.net', formToken: 'not a form time' };
    let limited: Response | undefined;
    for (let index = 0; index < 15 && !limited; index++) {
      const response = await send(fields, '', { 'accept-language': 'fr-CH, fr;q=0.9, en;q=0.5' });
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(400);
    }
    expect(limited, 'a 429 within 15 forms').toBeDefined();
    expect(limited!.headers.get('content-type')).toContain('text/html');
    const wait = Number(limited!.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    const body = await limited!.text();
    expect(body).toContain('<html lang="fr" dir="ltr">');
    expect(body).toContain(`<p>${counted('fr', PUBLIC_TEXT.fr.registration.errors.retryIn, wait)}</p>`);
    expect(body).not.toContain('RATE_LIMITED');
    expectKept(body, fields);
    await expectValidHtml(body);
  });
});
