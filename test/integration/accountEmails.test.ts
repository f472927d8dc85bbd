/**
 * Account emails through the outbox and a real SMTP server in the test process: the invitation
 * (in the language chosen for the person, else the inviter's) with a link that works and that
 * does not stay in the outbox row once sent; nothing for a person deactivated before the email
 * left, even when the SMTP server was down in between. Password reset: the same answer for any
 * address, a one-time link in the person's (else the asking browser's) language, every session
 * ended, a used or expired link refused with RESET_LINK_GONE, requests per address limited. A
 * public registration's confirmation, in the language the registrant's browser asked in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { PasswordResetStore } from '../../server/src/users/invitationStore.ts';
import { DEMO_PASSWORD, login, type Session, sleep, waitFor } from '../helpers/clients.ts';
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
    // The greeting's line, then a sentence that starts with its capital.
    expect(mail.text).toMatch(/^Bonjour Nadia Haddad,\r?\nVous avez été invité\(e\) sur le tableau Plenary\./m);
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
      expect(mail.text).toMatch(/^Hola, Nadia Haddad:\r?\nLe han invitado al tablero Plenary\./m);
      expect(linkIn(mail)).toBeDefined();
    } finally {
      await call(secretariat, 'PUT', '/api/me', { language: 'en' });
    }
  });
});

const resetLinkIn = (mail: ReceivedMail) => /https?:\/\/\S+\/password-reset\/([A-Za-z0-9_-]+)/.exec(mail.text);
const askReset = (email: string, language?: string) =>
  call<unknown>(null, 'POST', '/api/auth/password-reset', { email, ...(language ? { language } : {}) });

describe('password reset', () => {
  it('answers the same for any address, and emails a one-time link that ends every session', async () => {
    const email = 'tomas@example.org';
    const before = await login(server.baseUrl, email);
    const unknown = await askReset('nobody.here@example.net', 'ru');
    const known = await askReset(email, 'ru');
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);

    const mail = await mailTo(email);
    expect(mail.subject).toBe('Выберите новый пароль Plenary');
    const token = resetLinkIn(mail)?.[1];
    expect(token).toBeDefined();
    const person = await server.app.store.users.byEmail(email);
    await waitFor(async () => (await outboxPayloads(person!.id)).every((row) => row.payload === null), {
      message: 'the link forgotten',
    });

    const reset = await call<{ sessionsEnded: number }>(null, 'POST', `/api/auth/password-reset/${token}`, {
      password: 'a brand new password 2',
    });
    expect(reset.status).toBe(200);
    expect(reset.body.sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await call(before, 'GET', '/api/me')).status).toBe(401);
    expect((await call(null, 'POST', '/api/auth/login', { email, password: DEMO_PASSWORD })).status).toBe(401);
    await login(server.baseUrl, email, 'a brand new password 2');

    const again = await call<{ error: { code: string } }>(null, 'POST', `/api/auth/password-reset/${token}`, {
      password: 'yet another password 3',
    });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('RESET_LINK_GONE');
    expect(smtp!.to('nobody.here@example.net')).toEqual([]);
  });

  it('refuses an expired link and sends nothing to a deactivated person', async () => {
    const ana = await server.app.store.users.byEmail('ana@example.org');
    const { token } = await new PasswordResetStore(server.app.store.db).create(
      ana!.id,
      null,
      server.app.store.db,
      Date.now() - 2 * 60 * 60 * 1000,
    );
    const expired = await call<{ error: { code: string } }>(null, 'POST', `/api/auth/password-reset/${token}`, {
      password: 'a brand new password 2',
    });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('RESET_LINK_GONE');
    await login(server.baseUrl, 'ana@example.org');

    const sofia = await server.app.store.users.byEmail('sofia@example.org');
    expect((await call(secretariat, 'POST', `/api/users/${sofia!.id}/deactivate`)).status).toBe(200);
    expect((await askReset('sofia@example.org')).status).toBe(202);
    expect(await outboxPayloads(sofia!.id)).toEqual([]);
  });

  it('limits the requests about one address, whoever asks', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await askReset('youssef@example.org')).status);
    expect(statuses).toEqual([202, 202, 429]);
    const youssef = await server.app.store.users.byEmail('youssef@example.org');
    expect(await outboxPayloads(youssef!.id)).toHaveLength(2);
  });
});

describe('registration confirmation', () => {
  it('is queued in the outbox and written in the language of the registration request', async () => {
    const form = await call<{ formToken: string; minSeconds: number }>(
      null,
      'GET',
      `/api/meetings/${DEMO_MEETING.id}/registrations/form`,
    );
    await sleep(form.body.minSeconds * 1000 + 200);
    const response = await fetch(`${server.baseUrl}/api/meetings/${DEMO_MEETING.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' },
      body: JSON.stringify({
        name: '李娜',
        email: 'li.na@example.net',
        group: 'technical-community',
        country: 'China',
        affiliation: 'Tsinghua University',
        formToken: form.body.formToken,
      }),
    });
    expect(response.status).toBe(202);
    const mail = await mailTo('li.na@example.net');
    expect(mail.subject).toBe(`请确认您的报名：${DEMO_MEETING.title}`);
    expect(mail.text).toMatch(/\/invitations\/[A-Za-z0-9_-]+/);
    const person = await server.app.store.users.byEmail('li.na@example.net');
    await waitFor(async () => (await outboxPayloads(person!.id))[0]?.payload === null, { message: 'the link forgotten' });
  });
});
