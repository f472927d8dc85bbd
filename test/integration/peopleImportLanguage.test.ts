/**
 * The language column of a people file, on SQLite and on PostgreSQL, with a real SMTP server: a
 * secretariat reading the board in Arabic imports a French delegate, and his invitation leaves in
 * French, his language is stored (the invitation page and later emails follow it); a row without
 * a language is invited in the importer's language, as the preview says, and keeps it: a French
 * secretariat's import without the column, and the person's later mention email is French; a
 * language that is none of the six is an error row with its line, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { login, type Session, waitFor } from '../helpers/clients.ts';
import { digestTimeAwayFromNow } from '../helpers/digestHour.ts';
import { freePort } from '../helpers/freePort.ts';
import { importPeople } from '../helpers/peopleImport.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../helpers/smtpSink.ts';

const HEADER = 'email,name,role,group,region,affiliation,language';
/** An SMTP server per backend, on a port chosen before the server that sends to it starts. */
const smtpPorts = new Map<string, number>();
for (const backend of BACKENDS) smtpPorts.set(backend, await freePort());

describe.each(BACKENDS)('a people file’s language column on %s', (backend) => {
  const smtpPort = smtpPorts.get(backend)!;
  let smtp: SmtpSink;
  const { server, call } = serverSuite({
    backend,
    database: 'peopleimportlanguage',
    env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, NOTIFY_TICK_MS: '100', NOTIFY_COALESCE_MS: '1000' },
  });
  let secretariat: Session;

  beforeAll(async () => {
    smtp = await startSmtpSink(smtpPort);
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
    expect((await call(secretariat, 'PUT', '/api/me', { language: 'ar' })).status).toBe(200);
  });
  afterAll(() => smtp?.close());

  const mailTo = async (address: string): Promise<ReceivedMail> =>
    (await waitFor(() => smtp.to(address)[0], { message: `the email to ${address}`, timeout: 15_000 }))!;

  it('invites each person in the row’s language and keeps it; a row without one in the importer’s', async () => {
    const csv = [
      HEADER,
      'jean@example.org,Jean Dupont,Membre,Société civile,,,fr',
      'olga@example.org,Ольга Иванова,member,,,,русский',
      'amina@example.org,Amina Diallo,member,,,,',
    ].join('\n');
    const preview = await importPeople(server.baseUrl, secretariat.cookie, csv, true);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.rows.map((row: any) => [row.outcome, row.language])).toEqual([
      ['new', 'fr'],
      ['new', 'ru'],
      ['new', 'ar'],
    ]);

    const imported = await importPeople(server.baseUrl, secretariat.cookie, csv);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const jean = await mailTo('jean@example.org');
    expect(jean.headers.get('content-language')).toBe('fr');
    expect(jean.text).toMatch(/^Bonjour Jean Dupont,/m);
    expect((await mailTo('olga@example.org')).headers.get('content-language')).toBe('ru');
    expect((await mailTo('amina@example.org')).headers.get('content-language')).toBe('ar');

    expect(await server.app.store.users.byEmail('jean@example.org')).toMatchObject({ language: 'fr' });
    expect(await server.app.store.users.byEmail('amina@example.org')).toMatchObject({ language: 'ar' });
    const token = (imported.body.rows[0].invitation.url as string).split('/').pop();
    const info = await call<{ language: string | null }>(null, 'GET', `/api/invitations/${token}`);
    expect(info.body.language).toBe('fr');
  });

  it('writes later emails to a person imported without a language in the importer’s', async () => {
    expect((await call(secretariat, 'PUT', '/api/me', { language: 'fr' })).status).toBe(200);
    try {
      const csv = ['email,name,role', 'lucien@example.org,Lucien Martin,member'].join('\n');
      const imported = await importPeople(server.baseUrl, secretariat.cookie, csv);
      expect(imported.status, JSON.stringify(imported.body)).toBe(200);
      expect(imported.body.rows[0]).toMatchObject({ outcome: 'new', language: 'fr' });
      expect((await mailTo('lucien@example.org')).headers.get('content-language')).toBe('fr');

      const token = (imported.body.rows[0].invitation.url as string).split('/').pop();
      const password = 'lucien’s own password 1';
      expect((await call(null, 'POST', `/api/invitations/${token}/accept`, { password })).status).toBe(200);
      const lucien = await login(server.baseUrl, 'lucien@example.org', password);
      const away = await call(lucien, 'PUT', '/api/me/notification-settings', { digestTime: digestTimeAwayFromNow() });
      expect(away.status).toBe(200);

      const thread = await call<{ id: string }>(secretariat, 'POST', '/api/threads', {
        doc: agendaDoc(DEMO_MEETING.id),
        body: `<@${lucien.user.id}> could you read this?`,
      });
      expect(thread.status).toBe(201);
      const mention = (await waitFor(() => smtp.to('lucien@example.org').find((mail) => mail.text.includes(thread.body.id)), {
        message: 'the mention email to lucien@example.org',
        timeout: 15_000,
      }))!;
      expect(mention.subject).toContain('vous a mentionné');
      expect(mention.html).toContain('<html lang="fr" dir="ltr">');
    } finally {
      await call(secretariat, 'PUT', '/api/me', { language: 'ar' });
    }
  });

  it('changes a known person’s language as an update the preview lists', async () => {
    const csv = [HEADER, 'jean@example.org,Jean Dupont,member,civil-society,,,Español'].join('\n');
    const preview = await importPeople(server.baseUrl, secretariat.cookie, csv, true);
    expect(preview.body.rows[0]).toMatchObject({ outcome: 'update', changes: [{ field: 'language', from: 'fr', to: 'es' }] });
    expect((await importPeople(server.baseUrl, secretariat.cookie, csv)).status).toBe(200);
    expect(await server.app.store.users.byEmail('jean@example.org')).toMatchObject({ language: 'es' });
  });

  it('refuses a language that is none of the six with its line, writing nobody', async () => {
    const csv = [HEADER, 'ok@example.org,Ok Person,member,,,,en', 'hans@example.org,Hans Weber,member,,,,Deutsch'].join('\n');
    const preview = await importPeople(server.baseUrl, secretariat.cookie, csv, true);
    expect(preview.body.rows[1]).toMatchObject({
      line: 3,
      outcome: 'error',
      errorCode: 'language-unknown',
      errorParams: { language: 'Deutsch' },
    });
    const imported = await importPeople(server.baseUrl, secretariat.cookie, csv);
    expect(imported.status).toBe(400);
    expect(await server.app.store.users.byEmail('ok@example.org')).toBeUndefined();
  });
});
