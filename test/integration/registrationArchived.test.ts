/**
 * An archived public meeting takes no more registrations, and says so: its public page offers no
 * form and says registration is closed because the meeting is archived, in the reader's language;
 * the form's page says the same; the form's POST answers that page (HTML, never the API's JSON);
 * and the secretariat's registration state reads closed and archived, not open.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_TEXT } from '../../server/src/public/publicText.ts';
import { login, type Session } from '../helpers/clients.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';
import { expectValidHtml } from '../helpers/validHtml.ts';

const FRENCH = { 'accept-language': 'fr-FR,fr;q=0.9' };
/** Who registers, by the public form and by the API alike: both must meet the same refusal. */
const REGISTRANT = {
  name: 'Amélie Durand',
  email: 'amelie@example.net',
  group: 'civil-society',
  country: 'France',
  affiliation: '',
};
/** The sentence an archived meeting's registration says, as the page writes it (the apostrophe escaped). */
const archivedSentence = (language: keyof typeof PUBLIC_TEXT) =>
  String(PUBLIC_TEXT[language].registration.archived).replace(/'/g, '&#39;');

describe.each(BACKENDS)('registration of an archived public meeting on %s', (backend) => {
  const { server, call } = serverSuite({ backend, database: 'registration_archived' });
  let secretariat: Session;
  let meetingId: string;
  let formToken: string;

  beforeAll(async () => {
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
    meetingId = await createMeeting(server.baseUrl, { title: 'Consultation publique archivée', visibility: 'public' });
    // A form handed out while the meeting was still open, sent after it was archived.
    formToken = (await call<{ formToken: string }>(null, 'GET', `/api/meetings/${meetingId}/registrations/form`)).body.formToken;
    expect((await call(secretariat, 'POST', `/api/meetings/${meetingId}/archive`)).status).toBe(200);
  });

  it('offers no form on the public page and says, in the reader’s language, that registration is closed', async () => {
    const response = await fetch(`${server.baseUrl}/public/meetings/${meetingId}`, { headers: FRENCH });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).not.toContain(`/public/meetings/${meetingId}/register`);
    expect(page).not.toContain(PUBLIC_TEXT.fr.registration.link.replace(/'/g, '&#39;'));
    expect(page).toContain(archivedSentence('fr'));
    await expectValidHtml(page);
  });

  it('shows no form at the form’s address, and answers the form’s POST with that page in HTML', async () => {
    const form = await fetch(`${server.baseUrl}/public/meetings/${meetingId}/register`, { headers: FRENCH });
    expect(form.status).toBe(200);
    const formPage = await form.text();
    expect(formPage).not.toContain('<form');
    expect(formPage).toContain(archivedSentence('fr'));
    await expectValidHtml(formPage);

    const sent = await fetch(`${server.baseUrl}/public/meetings/${meetingId}/register`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl, ...FRENCH },
      body: new URLSearchParams({ ...REGISTRANT, formToken }).toString(),
    });
    expect(sent.status).toBe(409);
    expect(sent.headers.get('content-type')).toContain('text/html');
    const refusal = await sent.text();
    expect(refusal).toContain('lang="fr"');
    expect(refusal).toContain(archivedSentence('fr'));
    expect(refusal).not.toContain('<form');
    await expectValidHtml(refusal);
  });

  it('reads as closed and archived for the secretariat, and the API still refuses with its JSON', async () => {
    const settings = await call(secretariat, 'GET', `/api/meetings/${meetingId}/registration`);
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({ open: false, archived: true });
    const reopened = await call(secretariat, 'PATCH', `/api/meetings/${meetingId}/registration`, { open: true });
    expect(reopened.status).toBe(409);
    expect(reopened.body.error.code).toBe('MEETING_ARCHIVED');
    const registered = await call(null, 'POST', `/api/meetings/${meetingId}/registrations`, { ...REGISTRANT, formToken });
    expect(registered.status).toBe(409);
    expect(registered.headers.get('content-type')).toContain('application/json');
    expect(registered.body.error.code).toBe('MEETING_ARCHIVED');
  });
});
