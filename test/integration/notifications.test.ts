/**
 * Notifications end to end through a real SMTP server in the test process: the inbox, immediate
 * emails (mention, assignment) with their one-click unsubscribe headers, the daily digest and its
 * "and N more", a burst coalesced into one email, privacy rules, and webhooks signed as Standard
 * Webhooks, retried after failures.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommentStore } from '../../server/src/comments/commentStore.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { localDateTime } from '../../server/src/notifications/timeZones.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { login, type Session, sleep, waitFor } from '../helpers/clients.ts';
import { digestTimeAwayFromNow } from '../helpers/digestHour.ts';
import { closePoll, createPoll, openPoll, vote } from '../helpers/pollClients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../helpers/smtpSink.ts';

const MEETING = DEMO_MEETING.id;
const AGENDA = agendaDoc(MEETING);

let smtp: SmtpSink;
const smtpReady = startSmtpSink().then((sink) => (smtp = sink));
// The server is told the SMTP port before it starts: take the sink's port now.
const smtpPort = await smtpReady.then((sink) => sink.port);

const { server, call } = serverSuite({
  env: {
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    NOTIFY_TICK_MS: '100',
    NOTIFY_COALESCE_MS: '3000',
    NOTIFY_BACKOFF_BASE_MS: '300',
    WEBHOOKS_ALLOW_LOOPBACK_HTTP: '1',
  },
});

const people: Record<string, Session> = {};
beforeAll(async () => {
  for (const name of [
    'secretariat',
    'chair',
    'kwame',
    'mei',
    'laura',
    'rahul',
    'sofia',
    'olena',
    'youssef',
    'ana',
    'tomas',
    'cochair',
  ]) {
    people[name] = await login(server.baseUrl, `${name}@example.org`);
    // Nobody's digest falls due while the tests run (the default hour is 08:00 UTC); the digest test asks for its own.
    const away = await call(people[name]!, 'PUT', '/api/me/notification-settings', { digestTime: digestTimeAwayFromNow() });
    expect(away.status).toBe(200);
  }
});
afterAll(() => smtp.close());

const mention = (who: string) => `<@${people[who]!.user.id}>`;
const mailsTo = (who: string) => smtp.to(`${who}@example.org`);
const inbox = async (who: string) =>
  (
    await call<{ unread: number; items: { id: string; kind: string; link: string; text: string; read: boolean }[] }>(
      people[who]!,
      'GET',
      '/api/notifications',
    )
  ).body;
const unsubscribeUrl = (mail: ReceivedMail) => /^<([^>]+)>$/.exec(mail.headers.get('list-unsubscribe') ?? '')?.[1] ?? '';

async function startThread(who: string, body: string): Promise<string> {
  const result = await call<{ id: string }>(people[who]!, 'POST', '/api/threads', { doc: AGENDA, body });
  expect(result.status).toBe(201);
  return result.body.id;
}

describe('inbox and immediate emails', () => {
  it('tells a mentioned person in the inbox and by email, with the link to the thread and one-click unsubscribe headers', async () => {
    const threadId = await startThread('kwame', `Could ${mention('mei')} look at the timeline? ${mention('kwame')} (me)`);
    const items = (await inbox('mei')).items.filter((item) => item.link.includes(threadId));
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'mention',
        read: false,
        link: `/meetings/${MEETING}?thread=${threadId}`,
        text: expect.stringContaining('Kwame Asante'),
      }),
    ]);
    // Never about one's own action, even when one mentions oneself.
    expect((await inbox('kwame')).items.some((item) => item.link.includes(threadId))).toBe(false);
    // Never the comment's words: a moderator may hide them later.
    expect(items[0]!.text).not.toContain('timeline');

    const mail = (await waitFor(() => mailsTo('mei').find((m) => m.text.includes(threadId)), {
      timeout: 15_000,
      message: 'mention email',
    }))!;
    expect(mail.to).toEqual(['mei@example.org']);
    expect(mail.subject).toContain('Kwame Asante mentioned you');
    expect(mail.text).toContain(`${server.baseUrl}/meetings/${MEETING}?thread=${threadId}`);
    expect(mail.html).toContain(`href="${server.baseUrl}/meetings/${MEETING}?thread=${threadId.replace(/&/g, '&amp;')}"`);
    expect(unsubscribeUrl(mail)).toMatch(new RegExp(`^${server.baseUrl}/api/unsubscribe/[A-Za-z0-9_.-]+$`));
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mailsTo('kwame').some((m) => m.text.includes(threadId))).toBe(false);
  });

  it('tells a person newly mentioned by an edit, once; those mentioned before are not told again', async () => {
    const created = await call<{ id: string; comments: { id: string }[] }>(people.ana!, 'POST', '/api/threads', {
      doc: AGENDA,
      body: `${mention('olena')} first`,
    });
    const commentId = created.body.comments[0]!.id;
    const about = async (who: string) =>
      (await inbox(who)).items.filter((item) => item.link.endsWith(created.body.id) && item.kind === 'mention');
    expect(await about('olena')).toHaveLength(1);
    const edited = await call(people.ana!, 'PATCH', `/api/comments/${commentId}`, {
      body: `${mention('olena')} and ${mention('youssef')}`,
    });
    expect(edited.status).toBe(200);
    await call(people.ana!, 'PATCH', `/api/comments/${commentId}`, { body: `${mention('olena')}, ${mention('youssef')} again` });
    expect(await about('olena')).toHaveLength(1);
    expect(await about('youssef')).toHaveLength(1);
  });

  it('marks one read, then all read', async () => {
    await startThread('laura', `${mention('sofia')} and ${mention('sofia')}: a question`);
    await startThread('laura', `${mention('sofia')}: another`);
    const before = await inbox('sofia');
    expect(before.unread).toBeGreaterThanOrEqual(2);
    const one = await call<{ unread: number }>(people.sofia!, 'POST', '/api/notifications/read', { ids: [before.items[0]!.id] });
    expect(one.body.unread).toBe(before.unread - 1);
    // Someone else's ids change nothing.
    await call(people.laura!, 'POST', '/api/notifications/read', { ids: [before.items[1]!.id] });
    expect((await inbox('sofia')).unread).toBe(before.unread - 1);
    const all = await call<{ unread: number }>(people.sofia!, 'POST', '/api/notifications/read', {});
    expect(all.body.unread).toBe(0);
    expect((await inbox('sofia')).items.every((item) => item.read)).toBe(true);
    expect((await call(null, 'GET', '/api/notifications')).status).toBe(401);
  });

  it('the unsubscribe link asks first on GET, turns that kind off on a one-click POST without signing in, and is refused when forged', async () => {
    const mail = (await waitFor(() => mailsTo('mei')[0], { timeout: 15_000 }))!;
    const url = unsubscribeUrl(mail);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    expect((await call(people.mei!, 'GET', '/api/me/notification-settings')).body.email.mention).toBe('immediate');

    const oneClick = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.json()).toEqual({ unsubscribed: ['mention'] });
    const settings = (await call(people.mei!, 'GET', '/api/me/notification-settings')).body;
    expect(settings.email.mention).toBe('off');
    expect(settings.email['action.assigned']).toBe('immediate');

    // Still in the inbox, no longer by email.
    const threadId = await startThread('laura', `${mention('mei')} after unsubscribing`);
    expect((await inbox('mei')).items.some((item) => item.link.includes(threadId))).toBe(true);
    await sleep(4500);
    expect(mailsTo('mei').some((m) => m.text.includes(threadId))).toBe(false);

    // The MAC's first character carries six whole bits: changing it always changes the MAC.
    const [payload, mac] = url.slice(url.lastIndexOf('/') + 1).split('.') as [string, string];
    const forged = `${server.baseUrl}/api/unsubscribe/${payload}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    expect((await fetch(forged, { method: 'POST' })).status).toBe(404);
    // A link cut short (as an email client may wrap it) gets the page saying so, not JSON.
    const cut = await fetch(`${server.baseUrl}/api/unsubscribe/${payload.slice(0, 5)}`);
    expect(cut.status).toBe(404);
    expect(cut.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await cut.text()).toContain('This unsubscribe link is not valid.');
  });

  it('emails the person an action is assigned to, with the link to the action', async () => {
    const created = await call<{ id: string }>(people.secretariat!, 'POST', `/api/meetings/${MEETING}/actions`, {
      text: 'Circulate the draft programme outline',
      owner: { kind: 'person', label: '', userId: people.laura!.user.id },
    });
    expect(created.status).toBe(201);
    const link = `/meetings/${MEETING}?tab=actions&action=${created.body.id}`;
    expect((await inbox('laura')).items).toContainEqual(expect.objectContaining({ kind: 'action.assigned', link }));
    const mail = (await waitFor(
      () => mailsTo('laura').find((m) => !m.subject.includes('digest') && m.text.includes(created.body.id)),
      {
        timeout: 15_000,
      },
    ))!;
    expect(mail.subject).toContain('assigned an action to you');
    expect(mail.text).toContain(server.baseUrl + link);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });

  it('coalesces a burst of 500 mentions within a minute into one email per recipient', async () => {
    const threadId = await startThread('olena', 'A thread for a burst');
    // 500 replies, each mentioning the same two people, written as the comment service writes them.
    const comments = new CommentStore(server.app.store.db);
    const mentioned = [people.ana!.user.id, people.youssef!.user.id];
    const before = { ana: mailsTo('ana').length, youssef: mailsTo('youssef').length };
    const started = Date.now();
    for (let index = 0; index < 500; index++) {
      await server.app.store.db.transaction(async (tx) => {
        const commentId = await comments.addComment(
          threadId,
          people.olena!.user.id,
          `<@${mentioned[0]}> <@${mentioned[1]}> ${index}`,
          tx,
        );
        const mentions = await comments.setMentions(commentId, mentioned, tx);
        await server.app.notify.emit(tx, { type: 'comment', actorId: people.olena!.user.id, threadId, commentId, mentions });
      });
    }
    expect(Date.now() - started).toBeLessThan(60_000);
    const ana = (await waitFor(
      () =>
        mailsTo('ana')
          .slice(before.ana)
          .find((m) => m.subject.includes('500')),
      { timeout: 20_000 },
    ))!;
    await sleep(4000);
    expect(mailsTo('ana').length - before.ana).toBe(1);
    expect(mailsTo('youssef').length - before.youssef).toBe(1);
    expect(ana.text).toContain('…and 300 more');
  });
});

describe('languages', () => {
  it('mails a French reader in French (subject, text, HTML, unsubscribe page) and shows the inbox in the language asked', async () => {
    expect((await call(people.cochair!, 'PUT', '/api/me', { language: 'fr' })).status).toBe(200);
    const threadId = await startThread('kwame', `${mention('cochair')} pouvez-vous relire ?`);
    const mail = (await waitFor(() => mailsTo('cochair').find((m) => m.text.includes(threadId)), {
      timeout: 15_000,
      message: 'French mention email',
    }))!;
    const meeting = (await call<{ title: string }>(people.kwame!, 'GET', `/api/meetings/${MEETING}`)).body.title;
    expect(mail.subject).toBe(`[Plenary] Kwame Asante vous a mentionné dans un commentaire sur « ${meeting} »`);
    expect(mail.text).toContain('Ne plus recevoir de courriels sur les mentions :');
    expect(mail.text).toContain('Choisir ce que vous recevez :');
    expect(mail.html).toContain('<html lang="fr" dir="ltr">');
    expect(mail.html).toContain('>Ouvrir</a>');

    // The unsubscribe page speaks the person's language, whatever the browser that opens the link says.
    const page = await fetch(unsubscribeUrl(mail), { headers: { 'accept-language': 'en' } });
    const html = await page.text();
    expect(html).toContain('<html lang="fr" dir="ltr">');
    expect(html).toContain('Ne plus recevoir de courriels sur les mentions ?');
    expect(html).toContain('>Se désabonner</button>');

    const item = (list: Awaited<ReturnType<typeof inbox>>) => list.items.find((entry) => entry.link.includes(threadId))!;
    expect(item(await inbox('cochair')).text).toBe(`Kwame Asante vous a mentionné dans un commentaire sur « ${meeting} »`);
    const spanish = await call<Awaited<ReturnType<typeof inbox>>>(people.cochair!, 'GET', '/api/notifications?lang=es');
    expect(item(spanish.body).text).toBe(`Kwame Asante le mencionó en un comentario sobre «${meeting}»`);
  });
});

describe('proposals', () => {
  it('tells a proposal’s authors of its status change and of a comment on it, but not the one who acted, nor others', async () => {
    const list = await call<{ id: string; title: string; doc: string; authors: { id: string }[] }[]>(
      people.kwame!,
      'GET',
      `/api/meetings/${MEETING}/proposals`,
    );
    const proposal = list.body.find((candidate) => candidate.authors.some((author) => author.id === people.kwame!.user.id))!;
    expect(proposal).toBeDefined();
    const authorIds = proposal.authors.map((author) => author.id);
    const link = `/meetings/${MEETING}/proposals/${proposal.id}`;

    const changed = await call(people.chair!, 'PATCH', `/api/proposals/${proposal.id}`, { status: 'on hold' });
    expect(changed.status).toBe(200);
    const told = (await inbox('kwame')).items.find((item) => item.kind === 'proposal.status' && item.link === link);
    expect(told?.text).toContain('on hold');
    expect((await inbox('chair')).items.some((item) => item.link === link)).toBe(false);
    const outsider = Object.keys(people).find((name) => name !== 'chair' && !authorIds.includes(people[name]!.user.id))!;
    expect((await inbox(outsider)).items.some((item) => item.link === link)).toBe(false);

    const commenter = Object.keys(people).find(
      (name) => ['mei', 'laura', 'sofia', 'ana'].includes(name) && !authorIds.includes(people[name]!.user.id),
    )!;
    const thread = await call<{ id: string }>(people[commenter]!, 'POST', '/api/threads', {
      doc: proposal.doc,
      body: 'Is the scope final?',
    });
    expect(thread.status).toBe(201);
    expect((await inbox('kwame')).items).toContainEqual(
      expect.objectContaining({ kind: 'proposal.comment', link: `${link}?thread=${thread.body.id}` }),
    );
  });
});

describe('actions falling due', () => {
  it('tells the owner once when an action is due within 3 days and once when it is overdue', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const create = async (text: string, offset: number) => {
      const result = await call<{ id: string }>(people.secretariat!, 'POST', `/api/meetings/${MEETING}/actions`, {
        text,
        owner: { kind: 'person', label: '', userId: people.youssef!.user.id },
        due: { label: `by ${day(offset)}`, start: day(offset), end: day(offset) },
      });
      expect(result.status).toBe(201);
      return result.body.id;
    };
    const soon = await create('Send the regional report', 2);
    const late = await create('Send the annual report', -2);
    const later = await create('Send the final report', 10);
    const kinds = async (actionId: string) =>
      (await inbox('youssef')).items
        .filter((item) => item.link.endsWith(`action=${actionId}`))
        .map((item) => item.kind)
        .sort();
    await waitFor(async () => (await kinds(soon)).includes('action.due') && (await kinds(late)).includes('action.overdue'), {
      timeout: 10_000,
      message: 'due and overdue notifications',
    });
    await sleep(2500); // several more checks: still once each
    expect(await kinds(soon)).toEqual(['action.assigned', 'action.due']);
    expect(await kinds(late)).toEqual(['action.assigned', 'action.overdue']);
    expect(await kinds(later)).toEqual(['action.assigned']);
  });
});

describe('digest', () => {
  it('sends one digest at the chosen time in the person’s time zone, with links, at most 200 items then how many more', async () => {
    const zone = 'Asia/Kolkata';
    const later = localDateTime(Date.now() + 12 * 3600_000, zone).time;
    const put = await call(people.rahul!, 'PUT', '/api/me/notification-settings', {
      email: { 'action.assigned': 'digest' },
      digestTime: later,
      timeZone: zone,
    });
    expect(put.status).toBe(200);
    const action = await call<{ id: string }>(people.secretariat!, 'POST', `/api/meetings/${MEETING}/actions`, {
      text: 'Draft the call for workshop proposals',
      owner: { kind: 'person', label: '', userId: people.rahul!.user.id },
    });
    expect(action.status).toBe(201);
    const threadId = await startThread('rahul', 'On the workshop tracks');
    await call(people.kwame!, 'POST', `/api/threads/${threadId}/comments`, { body: 'Agreed, and the DCs too' });
    for (let index = 0; index < 203; index++) {
      await server.app.store.db.transaction((tx) =>
        server.app.notify.emit(tx, {
          type: 'action.assigned',
          actorId: people.secretariat!.user.id,
          actionId: action.body.id,
          userId: people.rahul!.user.id,
        }),
      );
    }
    await sleep(1500);
    expect(mailsTo('rahul')).toEqual([]);

    // The hour comes: the digest goes, once.
    const now = localDateTime(Date.now(), zone).time;
    expect((await call(people.rahul!, 'PUT', '/api/me/notification-settings', { digestTime: now })).status).toBe(200);
    const digest = (await waitFor(() => mailsTo('rahul')[0], { timeout: 15_000, message: 'digest' }))!;
    expect(digest.subject).toMatch(/daily digest: 20[0-9] notifications/);
    expect(digest.text).toContain(`${server.baseUrl}/meetings/${MEETING}?thread=${threadId}`);
    expect(digest.text).toContain(`${server.baseUrl}/meetings/${MEETING}?tab=actions&action=${action.body.id}`);
    const listed = digest.text.split('\n').filter((line) => line.startsWith('- ')).length;
    expect(listed).toBe(200);
    expect(digest.text).toMatch(/…and [0-9]+ more/);
    expect(unsubscribeUrl(digest)).toContain('/api/unsubscribe/');
    expect(digest.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    await sleep(2000);
    expect(mailsTo('rahul')).toHaveLength(1);

    // Its one-click link turns the digest kinds off.
    const oneClick = await fetch(unsubscribeUrl(digest), {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(200);
    const settings = (await call(people.rahul!, 'GET', '/api/me/notification-settings')).body;
    expect(settings.email['action.assigned']).toBe('off');
    expect(settings.email.reply).toBe('off');
    expect(settings.email.mention).toBe('immediate');
  });

  it('refuses an unknown time zone or kind, naming the field', async () => {
    const zone = await call(people.kwame!, 'PUT', '/api/me/notification-settings', { timeZone: 'Mars/Olympus' });
    expect(zone.status).toBe(400);
    expect(zone.body.error.code).toBe('UNKNOWN_TIME_ZONE');
    const kind = await call(people.kwame!, 'PUT', '/api/me/notification-settings', { email: { gossip: 'off' } });
    expect(kind.status).toBe(400);
    expect(kind.body.error.code).toBe('UNKNOWN_NOTIFICATION_KIND');
  });
});

describe('webhooks', () => {
  interface Hit {
    headers: http.IncomingHttpHeaders;
    body: string;
  }
  const hits: Hit[] = [];
  let failuresLeft = 2;
  const receiver = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      hits.push({ headers: request.headers, body });
      const failing = JSON.parse(body).type === 'poll.opened' && failuresLeft-- > 0;
      response.writeHead(failing ? 500 : 204).end();
    });
  });
  let receiverUrl = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  const verify = (secret: string, hit: Hit) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const signed = `${hit.headers['webhook-id']}.${hit.headers['webhook-timestamp']}.${hit.body}`;
    return hit.headers['webhook-signature'] === `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
  };

  it('only the secretariat registers endpoints, https only', async () => {
    expect(
      (await call(people.chair!, 'POST', '/api/webhooks', { url: 'https://example.org/hook', kinds: ['poll.opened'] })).status,
    ).toBe(403);
    const plain = await call(people.secretariat!, 'POST', '/api/webhooks', {
      url: 'http://example.org/hook',
      kinds: ['poll.opened'],
    });
    expect(plain.status).toBe(400);
    expect(plain.body.error.code).toBe('WEBHOOK_URL_REFUSED');
    for (const url of [
      'https://127.0.0.1/hook',
      'https://10.1.2.3/hook',
      'https://[::1]/hook',
      'https://localhost/hook',
      'https://169.254.169.254/latest',
      // A trailing dot is the same name to a resolver; URL lower-cases and reads an IPv4 address in any spelling.
      'https://localhost./hook',
      'https://LOCALHOST./hook',
      'https://localhost../hook',
      'https://foo.localhost./hook',
      'https://127.0.0.1./hook',
      'https://0x7f.1/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://ⓛocalhost/hook',
      // IPv6 addresses carrying a private IPv4 one: IPv4-compatible, NAT64, 6to4, Teredo.
      'https://[::127.0.0.1]/hook',
      'https://[64:ff9b::7f00:1]/hook',
      'https://[64:ff9b::a9fe:a9fe]/latest',
      'https://[2002:7f00:1::]/hook',
      'https://[2001:0:7f00:1::]/hook',
    ]) {
      const refused = await call(people.secretariat!, 'POST', '/api/webhooks', { url, kinds: ['poll.opened'] });
      expect(refused.status, url).toBe(400);
      expect(refused.body.error?.code, url).toBe('WEBHOOK_URL_REFUSED');
      expect(refused.body.error?.details, url).toEqual({ field: 'url' });
    }
  });

  it('signs every delivery, retries after two 500s with the same message id, logs the attempts, and never says who voted what', async () => {
    const created = await call<{ id: string; secret: string }>(people.secretariat!, 'POST', '/api/webhooks', {
      url: receiverUrl,
      kinds: ['poll.opened', 'poll.closed'],
      description: 'IGF website',
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const listed = await call(people.secretariat!, 'GET', '/api/webhooks');
    expect(listed.body).toContainEqual(expect.objectContaining({ id: created.body.id, url: receiverUrl }));
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);

    const poll = await createPoll(server.baseUrl, people.secretariat!, MEETING, {
      question: 'Should the MAG hold an intersessional retreat?',
      kind: 'single',
      options: [{ label: 'Yes' }, { label: 'No' }],
      audience: 'members',
      secret: true,
    });
    await openPoll(server.baseUrl, people.secretariat!, poll.id);
    // Voters are told in their inbox (the one who opened it is not).
    expect((await inbox('kwame')).items).toContainEqual(
      expect.objectContaining({ kind: 'poll.opened', link: `/meetings/${MEETING}?tab=polls&poll=${poll.id}` }),
    );
    expect((await inbox('secretariat')).items.some((item) => item.link.includes(poll.id))).toBe(false);
    expect((await inbox('tomas')).items.some((item) => item.link.includes(poll.id))).toBe(false); // observers do not vote here

    const opened = (await waitFor(
      () => {
        const got = hits.filter((hit) => JSON.parse(hit.body).type === 'poll.opened');
        return got.length >= 3 ? got : undefined;
      },
      { timeout: 20_000, message: 'three attempts' },
    ))!;
    expect(new Set(opened.map((hit) => hit.headers['webhook-id'])).size).toBe(1);
    for (const hit of opened) expect(verify(created.body.secret, hit)).toBe(true);
    expect(verify(`whsec_${Buffer.from('wrong').toString('base64')}`, opened[0]!)).toBe(false);
    const gaps = opened
      .slice(1)
      .map((hit, index) => Number(hit.headers['webhook-timestamp']) - Number(opened[index]!.headers['webhook-timestamp']));
    expect(gaps.every((gap) => gap >= 0)).toBe(true);

    for (const who of ['kwame', 'mei', 'laura']) await vote(server.baseUrl, people[who]!, poll.id, [poll.options[0]!.id]);
    await closePoll(server.baseUrl, people.secretariat!, poll.id);
    const closed = (await waitFor(() => hits.find((hit) => JSON.parse(hit.body).type === 'poll.closed'), { timeout: 10_000 }))!;
    expect(verify(created.body.secret, closed)).toBe(true);
    const payload = JSON.parse(closed.body);
    expect(payload.data).toEqual(
      expect.objectContaining({ title: 'Should the MAG hold an intersessional retreat?', results: 'Yes 3, No 0' }),
    );
    for (const who of ['kwame', 'mei', 'laura']) {
      expect(closed.body).not.toContain(people[who]!.user.id);
      expect(closed.body).not.toContain(people[who]!.user.name);
    }
    expect((await inbox('kwame')).items).toContainEqual(
      expect.objectContaining({ kind: 'poll.closed', text: expect.stringContaining('Yes 3, No 0') }),
    );

    const log = await call<
      { ok: boolean; responseStatus: number | null; attempt: number; messageStatus: string; kind: string }[]
    >(people.secretariat!, 'GET', `/api/webhooks/${created.body.id}/deliveries`);
    const openedLog = log.body.filter((entry) => entry.kind === 'poll.opened').reverse();
    expect(openedLog.map((entry) => [entry.attempt, entry.ok, entry.responseStatus])).toEqual([
      [1, false, 500],
      [2, false, 500],
      [3, true, 204],
    ]);
    expect(openedLog.every((entry) => entry.messageStatus === 'sent')).toBe(true);
    expect((await call(people.chair!, 'GET', `/api/webhooks/${created.body.id}/deliveries`)).status).toBe(403);

    expect((await call(people.secretariat!, 'DELETE', `/api/webhooks/${created.body.id}`)).status).toBe(204);
    expect(
      (await call(people.secretariat!, 'GET', '/api/webhooks')).body.some((hook: { id: string }) => hook.id === created.body.id),
    ).toBe(false);
  });

  it('refuses at delivery a name that resolves to the server’s own network, without connecting to it', async () => {
    const created = await call<{ id: string }>(people.secretariat!, 'POST', '/api/webhooks', {
      url: receiverUrl,
      kinds: ['poll.opened'],
    });
    expect(created.status).toBe(201);
    // A name that passed the check when it was registered and now resolves to a private address
    // (DNS rebinding, or a record changed since): `localhost` stands in for it, written to the store,
    // with a port where the server's own machine listens and counts who connects.
    let connections = 0;
    const local = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    const rebound = `https://localhost:${(local.address() as AddressInfo).port}/hooks`;
    await server.app.store.db.run('UPDATE webhook_endpoints SET url = ? WHERE id = ?', [rebound, created.body.id]);
    const poll = await createPoll(server.baseUrl, people.secretariat!, MEETING, {
      question: 'Should the retreat be online?',
      kind: 'single',
      options: [{ label: 'Yes' }, { label: 'No' }],
      audience: 'members',
    });
    await openPoll(server.baseUrl, people.secretariat!, poll.id);
    const log = (await waitFor(
      async () => {
        const got = await call<{ ok: boolean; error: string | null }[]>(
          people.secretariat!,
          'GET',
          `/api/webhooks/${created.body.id}/deliveries`,
        );
        return got.body.length > 0 ? got.body : undefined;
      },
      { timeout: 10_000, message: 'a delivery attempt' },
    ))!;
    expect(log[0]).toEqual(expect.objectContaining({ ok: false, error: expect.stringContaining("server's own network") }));
    await sleep(500);
    expect(connections).toBe(0);
    await new Promise<void>((resolve) => local.close(() => resolve()));
    expect((await call(people.secretariat!, 'DELETE', `/api/webhooks/${created.body.id}`)).status).toBe(204);
  });

  it('appears in the OpenAPI document', async () => {
    const spec = (await call(null, 'GET', '/api/openapi.json')).body;
    for (const path of [
      '/api/notifications',
      '/api/notifications/read',
      '/api/me/notification-settings',
      '/api/webhooks',
      '/api/webhooks/{id}/deliveries',
      '/api/unsubscribe/{token}',
    ]) {
      expect(spec.paths[path], path).toBeDefined();
    }
  });
});
