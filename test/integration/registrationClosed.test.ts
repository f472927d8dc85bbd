/**
 * A public meeting whose registration the secretariat has closed (not archived) answers a form sent
 * anyway (from a tab opened while it was open) with the page that says registration is closed, in the
 * reader's language and without the form to send again, and stores nothing; whatever the form held
 * (a form time too fresh, a wrong field), since nothing in it can be fixed to get through.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_TEXT } from '../../server/src/public/publicText.ts';
import { login, type Session, sleep } from '../helpers/clients.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';
import { expectValidHtml } from '../helpers/validHtml.ts';

const FRENCH = { 'accept-language': 'fr-FR,fr;q=0.9' };
/** The sentence a closed registration says, as the page writes it (the apostrophe escaped). */
const closedSentence = (language: keyof typeof PUBLIC_TEXT) =>
  String(PUBLIC_TEXT[language].registration.closed).replace(/'/g, '&#39;');

describe.each(BACKENDS)('registration closed by the secretariat on %s', (backend) => {
  const { server, call } = serverSuite({ backend, database: 'registration_closed' });
  let secretariat: Session;
  let meetingId: string;
  let formToken: string;

  const send = (fields: Record<string, string>) =>
    fetch(`${server.baseUrl}/public/meetings/${meetingId}/register`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl, ...FRENCH },
      body: new URLSearchParams(fields).toString(),
    });
  const typed = {
    name: 'Amélie Durand',
    email: 'amelie@example.net',
    group: 'civil-society',
    country: 'France',
    affiliation: '',
  };

  beforeAll(async () => {
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
    meetingId = await createMeeting(server.baseUrl, { title: 'Consultation publique close', visibility: 'public' });
    // A form handed out while registration was open, sent after the secretariat closed it.
    const form = await call<{ formToken: string; minSeconds: number }>(
      null,
      'GET',
      `/api/meetings/${meetingId}/registrations/form`,
    );
    formToken = form.body.formToken;
    await sleep(form.body.minSeconds * 1000 + 200);
    expect((await call(secretariat, 'PATCH', `/api/meetings/${meetingId}/registration`, { open: false })).status).toBe(200);
  });

  it('answers the form’s POST with the closed page in the reader’s language, without the form, and stores nothing', async () => {
    const sent = await send({ ...typed, formToken });
    expect(sent.status).toBe(409);
    expect(sent.headers.get('content-type')).toContain('text/html');
    const refusal = await sent.text();
    expect(refusal).toContain('lang="fr"');
    expect(refusal).toContain(closedSentence('fr'));
    expect(refusal).not.toContain('<form');
    expect(refusal).not.toContain('Amélie');
    await expectValidHtml(refusal);

    // A form that would be refused for itself while open says the same: nothing in it to fix.
    const fresh = (await call<{ formToken: string }>(null, 'GET', `/api/meetings/${meetingId}/registrations/form`)).body
      .formToken;
    const wrong = await send({ ...typed, email: 'not an email', formToken: fresh });
    expect(wrong.status).toBe(409);
    const wrongPage = await wrong.text();
    expect(wrongPage).toContain(closedSentence('fr'));
    expect(wrongPage).not.toContain('<form');

    const stored = await call<unknown[]>(secretariat, 'GET', `/api/meetings/${meetingId}/registrations`);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual([]);
  });
});
