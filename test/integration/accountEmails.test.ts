/**
 * Account emails through the outbox and a real SMTP server in the test process: the invitation
 * (in the language chosen for the person, else the inviter's) with a link that works and that
 * does not stay in the outbox row once sent; nothing for a person deactivated before the email
 * left, even when the SMTP server was down in between.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session, waitFor } from '../helpers/clients.ts';
import { freePort } from '../helpers/freePort.ts';
import { serverSuite } from '../helpers/serverSuite.ts';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../helpers/smtpSink.ts';

// No SMTP server listens at first: the first test starts it on this port.
const smtpPort = await freePort();
let smtp: SmtpSink | undefined;

const { server, call } = serverSuite({
  env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, NOTIFY_TICK_MS: '100', NOTIFY_BACKOFF_BASE_MS: '200' },
});

let secretariat: Session;
beforeAll(async () => {
  secretariat = await login(server.baseUrl, 'secretariat@example.org');
});
afterAll(() => smtp?.close());

const invite = (email: string, extra: Record<string, unknown> = {}) =>
  call<{ id: string; invitation: { url: string } }>(secretariat, 'POST', '/api/users', {
    email,
    name: 'Nadia Haddad',
    role: 'member',
    group: 'civil-society',
    ...extra,
  });

const mailTo = async (address: string): Promise<ReceivedMail> =>
  (await waitFor(() => smtp?.to(address)[0], { message: `the email to ${address}`, timeout: 15_000 }))!;

const outboxPayloads = (userId: string) =>
  server.app.store.db.all<{ status: string; payload: string | null }>(
    `SELECT status, payload FROM notification_outbox WHERE channel = 'account' AND user_id = ?`,
    [userId],
  );

const linkIn = (mail: ReceivedMail) => /https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];

describe('invitation emails', () => {
  it('does not send to a person deactivated before the email left (the SMTP server was down meanwhile)', async () => {
    const gone = await invite('deactivated.invitee@example.net');
    const kept = await invite('kept.invitee@example.net');
    expect([gone.status, kept.status]).toEqual([201, 201]);
    expect((await call(secretariat, 'POST', `/api/users/${gone.body.id}/deactivate`)).status).toBe(200);

    smtp = await startSmtpSink(smtpPort);
    await mailTo('kept.invitee@example.net');
    await waitFor(async () => (await outboxPayloads(gone.body.id)).every((row) => row.status === 'sent'), {
      message: 'the deactivated person’s row done',
    });
    expect(smtp.to('deactivated.invitee@example.net')).toEqual([]);
    expect(await outboxPayloads(gone.body.id)).toEqual([{ status: 'sent', payload: null }]);
  });

  it('sends the invitation in the chosen language with the link, which then leaves the outbox row', async () => {
    const invited = await invite('nadia@example.net', { language: 'fr' });
    expect(invited.status).toBe(201);
    const mail = await mailTo('nadia@example.net');
    expect(mail.subject).toBe('Vous êtes invité(e) sur le tableau Plenary');
    expect(mail.text).toContain('Bonjour Nadia Haddad,');
    expect(mail.headers.get('content-language')).toBe('fr');
    const link = linkIn(mail);
    expect(link).toBe(invited.body.invitation.url);
    await waitFor(async () => (await outboxPayloads(invited.body.id))[0]?.payload === null, { message: 'the link forgotten' });

    const token = link!.split('/').pop()!;
    const accepted = await call(null, 'POST', `/api/invitations/${token}/accept`, { password: 'a long enough password 1' });
    expect(accepted.status).toBe(200);
    const profile = await call<{ language: string }>(
      await login(server.baseUrl, 'nadia@example.net', 'a long enough password 1'),
      'GET',
      '/api/me/profile',
    );
    expect(profile.body.language).toBe('fr');
  });

  it('writes in the inviter’s language when none is chosen for the person', async () => {
    expect((await call(secretariat, 'PUT', '/api/me', { language: 'es' })).status).toBe(200);
    try {
      expect((await invite('omar@example.net')).status).toBe(201);
      const mail = await mailTo('omar@example.net');
      expect(mail.subject).toBe('Le invitan al tablero Plenary');
      expect(linkIn(mail)).toBeDefined();
    } finally {
      await call(secretariat, 'PUT', '/api/me', { language: 'en' });
    }
  });
});
