/**
 * The outbox's promises: a notification written with its change is emailed even when the
 * process is killed (kill -9) before delivery, and only once; two instances sharing one
 * PostgreSQL outbox deliver every notification exactly once; a dead SMTP server does not slow
 * the request that caused the notification.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { http, login, type Session, sleep, waitFor } from '../helpers/clients.ts';
import { freePort } from '../helpers/freePort.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/services.ts';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../helpers/smtpSink.ts';
import { type ServerProcess, startServer, startServerProcess, type TestServer, tempDir } from '../helpers/testServer.ts';

const MEETING = DEMO_MEETING.id;
const MEMBERS = ['kwame', 'mei', 'laura', 'rahul', 'sofia', 'olena', 'youssef', 'ana'];
const processes: ServerProcess[] = [];
const servers: TestServer[] = [];
const sinks: SmtpSink[] = [];
const databases: TestDatabase[] = [];

afterEach(async () => {
  for (const child of processes.splice(0)) child.child.kill('SIGKILL');
  for (const server of servers.splice(0)) await server.close().catch(() => undefined);
  for (const sink of sinks.splice(0)) await sink.close();
});
afterAll(async () => {
  for (const database of databases) await database.drop().catch(() => undefined);
});

const notificationIds = (mail: ReceivedMail) => (mail.headers.get('x-plenary-notifications') ?? '').split(/\s+/).filter(Boolean);

async function mention(baseUrl: string, author: Session, target: Session, words: string): Promise<string> {
  const result = await http<{ id: string }>(baseUrl, 'POST', '/api/threads', {
    cookie: author.cookie,
    body: { doc: agendaDoc(MEETING), body: `<@${target.user.id}> ${words}` },
  });
  expect(result.status).toBe(201);
  return result.body.id;
}

/**
 * A server process whose SMTP server is at `smtpPort` (down, or not answering), with kwame and mei
 * signed in; `env` starts the same server again on the same data.
 */
async function serverWithMail(smtpPort: number, label: string, extra: Record<string, string> = {}) {
  const env = {
    DATA_DIR: tempDir(label),
    PORT: String(await freePort()),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    NOTIFY_TICK_MS: '100',
    NOTIFY_COALESCE_MS: '0',
    LOG_LEVEL: 'warn',
    ...extra,
  };
  const first = await startServerProcess(env);
  processes.push(first);
  const kwame = await login(first.baseUrl, 'kwame@example.org');
  const mei = await login(first.baseUrl, 'mei@example.org');
  return { env, first, kwame, mei };
}

describe('kill -9 between the change and the delivery', () => {
  it('sends the email after the restart, once; the request did not wait for the dead SMTP server', {
    timeout: 90_000,
  }, async () => {
    const smtpPort = await freePort(); // nothing listens there yet: SMTP is down
    const { env, first, kwame, mei } = await serverWithMail(smtpPort, 'outbox-kill', { NOTIFY_BACKOFF_BASE_MS: '200' });
    const started = performance.now();
    const threadId = await mention(first.baseUrl, kwame, mei, 'the budget line, please');
    expect(performance.now() - started).toBeLessThan(2000);
    await sleep(500); // the worker tries and fails at least once
    first.child.kill('SIGKILL');
    await first.exited;

    const sink = await startSmtpSink(smtpPort);
    sinks.push(sink);
    const second = await startServerProcess(env);
    processes.push(second);
    const mail = (await waitFor(() => sink.to('mei@example.org').find((m) => m.text.includes(threadId)), {
      timeout: 20_000,
      message: 'the mention email after restart',
    }))!;
    expect(mail.subject).toContain('mentioned you');
    await sleep(2000);
    expect(sink.to('mei@example.org').filter((m) => m.text.includes(threadId))).toHaveLength(1);
  });
});

describe('kill -9 in the middle of sending, on the embedded store', () => {
  it('the restarted process sends the email at once, not after the dead process’s two-minute lease', {
    timeout: 90_000,
  }, async () => {
    // An SMTP server that takes the connection and never greets: the email stays claimed ('sending').
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const smtpPort = (silent.address() as net.AddressInfo).port;
    const { env, first, kwame, mei } = await serverWithMail(smtpPort, 'outbox-midsend');
    const threadId = await mention(first.baseUrl, kwame, mei, 'the host country agreement');
    await waitFor(() => held.length > 0, { timeout: 20_000, message: 'the SMTP connection of the first process' });
    first.child.kill('SIGKILL');
    await first.exited;
    for (const socket of held) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));

    const sink = await startSmtpSink(smtpPort);
    sinks.push(sink);
    const second = await startServerProcess(env);
    processes.push(second);
    await waitFor(() => sink.to('mei@example.org').some((m) => m.text.includes(threadId)), {
      timeout: 20_000,
      message: 'the mention email from the restarted process',
    });
    await sleep(1000);
    expect(sink.to('mei@example.org').filter((m) => m.text.includes(threadId))).toHaveLength(1);
  });
});

describe('two instances, one PostgreSQL outbox', () => {
  it('delivers every notification exactly once', { timeout: 120_000 }, async () => {
    const database = await createTestDatabase('notifyoutbox');
    databases.push(database);
    const sink = await startSmtpSink();
    sinks.push(sink);
    const env = {
      DATABASE_URL: database.url,
      SMTP_URL: sink.url,
      NOTIFY_TICK_MS: '30',
      NOTIFY_COALESCE_MS: '0',
      NOTIFY_BACKOFF_BASE_MS: '200',
    };
    const a = await startServer({ env });
    servers.push(a);
    const b = await startServer({ env, seed: false });
    servers.push(b);
    const instances = [a, b];
    const people = new Map<string, Session>();
    for (const name of [...MEMBERS, 'secretariat']) people.set(name, await login(a.baseUrl, `${name}@example.org`));

    const writes: Promise<unknown>[] = [];
    for (let index = 0; index < 40; index++) {
      const instance = instances[index % 2]!;
      const author = people.get(MEMBERS[index % MEMBERS.length]!)!;
      const target = people.get(MEMBERS[(index + 1 + (index % 3)) % MEMBERS.length]!)!;
      writes.push(mention(instance.baseUrl, author, target, `point ${index}`));
      writes.push(
        http(instance.baseUrl, 'POST', `/api/meetings/${MEETING}/actions`, {
          cookie: people.get('secretariat')!.cookie,
          body: { text: `Action ${index}`, owner: { kind: 'person', label: '', userId: target.user.id } },
        }).then((result) => expect(result.status).toBe(201)),
      );
      if (index % 8 === 7) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);

    const expected = (
      await a.app.store.db.all<{ id: string }>("SELECT id FROM notifications WHERE email_mode = 'immediate'", [])
    ).map((row) => row.id);
    expect(expected.length).toBe(80);
    const delivered = () => sink.mails.flatMap(notificationIds);
    await waitFor(() => expected.every((id) => delivered().includes(id)), {
      timeout: 60_000,
      message: 'every notification emailed',
    });
    await sleep(1500);
    const counts = new Map<string, number>();
    for (const id of delivered()) counts.set(id, (counts.get(id) ?? 0) + 1);
    const twice = [...counts].filter(([, count]) => count > 1);
    expect(twice).toEqual([]);
    for (const id of expected) expect(counts.get(id)).toBe(1);
    const outbox = await a.app.store.db.all<{ claimed_by: string }>(
      "SELECT DISTINCT claimed_by FROM notification_outbox WHERE channel = 'email' AND status = 'sent'",
      [],
    );
    // Both instances took part in sending.
    expect(outbox.length).toBe(2);
  });
});

describe('without SMTP_URL', () => {
  it('writes each email to DATA_DIR/mail/*.eml, so that a fresh start shows what it would send', {
    timeout: 60_000,
  }, async () => {
    const server = await startServer({ env: { NOTIFY_TICK_MS: '100', NOTIFY_COALESCE_MS: '0' } });
    servers.push(server);
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const mei = await login(server.baseUrl, 'mei@example.org');
    const threadId = await mention(server.baseUrl, kwame, mei, 'the draft agenda');
    const folder = path.join(server.dataDir, 'mail');
    const file = await waitFor(
      () =>
        (fs.existsSync(folder) ? fs.readdirSync(folder) : []).find((name) =>
          fs.readFileSync(path.join(folder, name), 'utf8').includes(threadId),
        ),
      { timeout: 15_000, message: 'an .eml file' },
    );
    const raw = fs.readFileSync(path.join(folder, file!), 'utf8');
    expect(raw).toMatch(/^To: mei@example\.org$/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(file).toMatch(/\.eml$/);
  });
});
