/**
 * Comment threads over HTTP and the live projection: permissions per role on every route,
 * validation, mentions, moderation with its log, live delivery, and a member with a raw Yjs
 * client who tries to forge the projection and rewrite another member's comment.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc, liveDoc, proposalDoc } from '../../shared/documentNames.ts';
import type { CommentDto, ModerationEntry, ThreadDto } from '../../shared/schemas/comments.ts';
import type { ProposalDto } from '../../shared/schemas/proposals.ts';
import { login, type Session, sleep, synced, waitFor } from '../helpers/clients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const MEETING = DEMO_MEETING.id;
const AGENDA = agendaDoc(MEETING);
const LIVE = liveDoc(MEETING);
const PUBLIC = proposalDoc('pn-gdc-implementation'); // open for public comment; Kwame, Mei, Rahul write it
const CLOSED = proposalDoc('bpf-cybersecurity'); // not open for public comment; Laura and Olena write it
const ANCHOR = {
  from: Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(new Y.Doc().getText('t'), 0))).toString(
    'base64',
  ),
  to: '',
  quote: 'x',
};
ANCHOR.to = ANCHOR.from;

const { server, peer, call } = serverSuite();
const as: Record<string, Session> = {};

async function startThread(who: Session, doc: string, body = 'A first comment'): Promise<ThreadDto> {
  const result = await call<ThreadDto>(who, 'POST', '/api/threads', { doc, body });
  expect(result.status).toBe(201);
  return result.body;
}

const threadsOf = async (doc: string) =>
  (await call<ThreadDto[]>(as.kwame!, 'GET', `/api/threads?doc=${encodeURIComponent(doc)}`)).body;

beforeAll(async () => {
  const logins = {
    secretariat: 'secretariat@example.org',
    chair: 'chair@example.org',
    kwame: 'kwame@example.org',
    mei: 'mei@example.org',
    laura: 'laura@example.org',
    olena: 'olena@example.org',
    ana: 'ana@example.org',
    tomas: 'tomas@example.org',
  };
  for (const [key, email] of Object.entries(logins)) as[key] = await login(server.baseUrl, email);
});

describe('reading threads', () => {
  it('gives everyone signed in the threads of a document, and nobody else', async () => {
    for (const who of ['secretariat', 'chair', 'kwame', 'tomas']) {
      const result = await call<ThreadDto[]>(as[who]!, 'GET', `/api/threads?doc=${encodeURIComponent(PUBLIC)}`);
      expect(result.status, who).toBe(200);
      expect(result.body.length).toBeGreaterThanOrEqual(2);
    }
    const [first] = await threadsOf(PUBLIC);
    expect(first).toMatchObject({
      doc: PUBLIC,
      meetingId: MEETING,
      resolved: false,
      anchor: { from: expect.any(String), to: expect.any(String), quote: 'balanced between stakeholder groups and regions' },
    });
    expect(first!.comments[0]).toMatchObject({
      authorName: 'Laura Fischer',
      authorGroup: 'private-sector',
      body: expect.stringContaining('*balance*'),
    });
    expect(first!.comments[1]!.mentions).toEqual([{ id: as.mei!.user.id, name: 'Mei Lin' }]);
    expect((await threadsOf(AGENDA)).map((thread) => thread.anchor?.quote)).toContain('Selection of IGF MAG Working Groups');
    expect((await call(null, 'GET', `/api/threads?doc=${encodeURIComponent(PUBLIC)}`)).status).toBe(401);
    expect((await call(as.kwame!, 'GET', `/api/threads?doc=${encodeURIComponent(proposalDoc('nothing'))}`)).status).toBe(404);
    expect((await call(as.kwame!, 'GET', `/api/threads?doc=${encodeURIComponent(LIVE)}`)).status).toBe(400);
    expect((await call(as.kwame!, 'GET', '/api/threads?doc=secrets:1')).status).toBe(400);
  });
});

describe('permissions per role', () => {
  it('starts threads on the agenda for secretariat, chair and members; not for observers or strangers', async () => {
    for (const who of ['secretariat', 'chair', 'kwame']) {
      const result = await call<ThreadDto>(as[who]!, 'POST', '/api/threads', {
        doc: AGENDA,
        body: `From ${who}`,
        anchor: ANCHOR,
      });
      expect(result.status, who).toBe(201);
      expect(result.body.comments).toEqual([expect.objectContaining({ authorId: as[who]!.user.id, body: `From ${who}` })]);
      expect(result.body.anchor).toEqual(ANCHOR);
    }
    const observer = await call(as.tomas!, 'POST', '/api/threads', { doc: AGENDA, body: 'Observer' });
    expect(observer.status).toBe(403);
    expect(observer.body.error.code).toBe('FORBIDDEN');
    expect((await call(null, 'POST', '/api/threads', { doc: AGENDA, body: 'Stranger' })).status).toBe(401);
    expect((await threadsOf(AGENDA)).flatMap((t) => t.comments.map((c) => c.body))).not.toContain('Observer');
  });

  it('lets an observer comment on a proposal open for public comment, and refuses with 403 on a closed one', async () => {
    const open = await call<ThreadDto>(as.tomas!, 'POST', '/api/threads', { doc: PUBLIC, body: 'Public input' });
    expect(open.status).toBe(201);
    const closed = await call(as.tomas!, 'POST', '/api/threads', { doc: CLOSED, body: 'Not allowed' });
    expect(closed.status).toBe(403);
    expect(closed.body.error.message).toMatch(/not open for public comment/);
    const memberThread = await startThread(as.laura!, CLOSED);
    expect((await call(as.tomas!, 'POST', `/api/threads/${memberThread.id}/comments`, { body: 'Reply' })).status).toBe(403);
    expect((await call(as.tomas!, 'POST', `/api/threads/${open.body.id}/comments`, { body: 'Follow-up' })).status).toBe(201);

    // Closing the proposal to the public closes its threads to observers too.
    expect((await call(as.kwame!, 'PATCH', '/api/proposals/pn-gdc-implementation', { publicComment: false })).status).toBe(200);
    expect((await call(as.tomas!, 'POST', `/api/threads/${open.body.id}/comments`, { body: 'Too late' })).status).toBe(403);
    expect((await call(as.tomas!, 'PATCH', `/api/comments/${open.body.comments[0]!.id}`, { body: 'Edited late' })).status).toBe(
      403,
    );
    expect((await call(as.kwame!, 'PATCH', '/api/proposals/pn-gdc-implementation', { publicComment: true })).status).toBe(200);
    expect((await call(as.tomas!, 'POST', `/api/threads/${open.body.id}/comments`, { body: 'Open again' })).status).toBe(201);
  });

  it('replies for whoever may comment there', async () => {
    const thread = await startThread(as.kwame!, AGENDA);
    for (const who of ['secretariat', 'chair', 'mei']) {
      const result = await call<CommentDto>(as[who]!, 'POST', `/api/threads/${thread.id}/comments`, { body: `Reply by ${who}` });
      expect(result.status, who).toBe(201);
      expect(result.body).toMatchObject({ threadId: thread.id, authorId: as[who]!.user.id, body: `Reply by ${who}` });
    }
    expect((await call(as.tomas!, 'POST', `/api/threads/${thread.id}/comments`, { body: 'x' })).status).toBe(403);
    expect((await call(null, 'POST', `/api/threads/${thread.id}/comments`, { body: 'x' })).status).toBe(401);
    expect((await call(as.mei!, 'POST', '/api/threads/no-such-thread/comments', { body: 'x' })).status).toBe(404);
  });

  it('lets only the author edit a comment; the server stamps author and time', async () => {
    const thread = await startThread(as.mei!, PUBLIC, 'Original');
    const commentId = thread.comments[0]!.id;
    for (const who of ['kwame', 'secretariat', 'chair', 'tomas']) {
      expect((await call(as[who]!, 'PATCH', `/api/comments/${commentId}`, { body: `Rewritten by ${who}` })).status, who).toBe(
        403,
      );
    }
    expect((await call(null, 'PATCH', `/api/comments/${commentId}`, { body: 'x' })).status).toBe(401);
    const before = Date.now();
    const edited = await call<CommentDto>(as.mei!, 'PATCH', `/api/comments/${commentId}`, {
      body: 'Edited',
      authorId: as.kwame!.user.id,
      createdAt: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: 'Edited', authorId: as.mei!.user.id, createdAt: thread.comments[0]!.createdAt });
    expect(edited.body.editedAt).toBeGreaterThanOrEqual(before);
    expect((await call(as.mei!, 'PATCH', '/api/comments/no-such-comment', { body: 'x' })).status).toBe(404);
  });

  it('lets the author delete, a moderator hide with a reason, and nobody else either', async () => {
    const thread = await startThread(as.kwame!, PUBLIC, 'First');
    const reply = (await call<CommentDto>(as.laura!, 'POST', `/api/threads/${thread.id}/comments`, { body: 'Rude words' })).body;
    for (const who of ['kwame', 'mei', 'tomas']) {
      expect((await call(as[who]!, 'DELETE', `/api/comments/${reply.id}`)).status, who).toBe(403);
    }
    expect((await call(null, 'DELETE', `/api/comments/${reply.id}`)).status).toBe(401);
    const hidden = await call(as.chair!, 'DELETE', `/api/comments/${reply.id}`, { reason: 'Personal attack' });
    expect(hidden.status).toBe(204);
    expect((await call(as.secretariat!, 'DELETE', `/api/comments/${reply.id}`, { reason: 'again' })).status).toBe(409);
    expect((await call(as.laura!, 'PATCH', `/api/comments/${reply.id}`, { body: 'Sneaky edit' })).status).toBe(409);

    // The hidden body is withheld from everyone, its author and the moderators included.
    for (const who of ['laura', 'chair', 'tomas']) {
      const threads = (await call<ThreadDto[]>(as[who]!, 'GET', `/api/threads?doc=${encodeURIComponent(PUBLIC)}`)).body;
      const shown = threads.find((t) => t.id === thread.id)!.comments.find((c) => c.id === reply.id)!;
      expect(shown).toMatchObject({ hidden: true, body: '', moderation: { byName: 'Carlos Mendes', reason: 'Personal attack' } });
      expect(JSON.stringify(threads)).not.toContain('Rude words');
    }
    const log = await call<ModerationEntry[]>(as.tomas!, 'GET', `/api/meetings/${MEETING}/moderation-log`);
    expect(log.status).toBe(200);
    expect(log.body[0]).toMatchObject({
      commentId: reply.id,
      authorName: 'Laura Fischer',
      byName: 'Carlos Mendes',
      reason: 'Personal attack',
      doc: PUBLIC,
    });
    expect(JSON.stringify(log.body)).not.toContain('Rude words');
    expect((await call(null, 'GET', `/api/meetings/${MEETING}/moderation-log`)).status).toBe(401);

    // The author deletes their own: it leaves the thread; a thread without comments leaves the document.
    expect((await call(as.kwame!, 'DELETE', `/api/comments/${thread.comments[0]!.id}`)).status).toBe(204);
    expect((await threadsOf(PUBLIC)).find((t) => t.id === thread.id)!.comments.map((c) => c.id)).toEqual([reply.id]);
    const lonely = await startThread(as.mei!, PUBLIC, 'Alone');
    expect((await call(as.mei!, 'DELETE', `/api/comments/${lonely.comments[0]!.id}`)).status).toBe(204);
    expect((await threadsOf(PUBLIC)).some((t) => t.id === lonely.id)).toBe(false);
    expect((await call(as.mei!, 'DELETE', `/api/comments/${lonely.comments[0]!.id}`)).status).toBe(404);

    const audit = await server.app.store.audit.list({ subject: `comment:${reply.id}` });
    expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([
      ['comment.create', as.laura!.user.id],
      ['comment.hide', as.chair!.user.id],
    ]);
  });

  it('resolves and reopens for the thread’s author, the document’s authors and moderators', async () => {
    const thread = await startThread(as.ana!, PUBLIC); // Ana is not an author of the proposal
    for (const who of ['laura', 'tomas']) {
      expect((await call(as[who]!, 'POST', `/api/threads/${thread.id}/resolve`)).status, who).toBe(403);
    }
    expect((await call(null, 'POST', `/api/threads/${thread.id}/resolve`)).status).toBe(401);
    for (const who of ['ana', 'kwame', 'mei', 'chair', 'secretariat']) {
      const resolved = await call<ThreadDto>(as[who]!, 'POST', `/api/threads/${thread.id}/resolve`);
      expect(resolved.status, who).toBe(200);
      expect(resolved.body).toMatchObject({ resolved: true, resolvedBy: expect.any(String) });
      const reopened = await call<ThreadDto>(as[who]!, 'POST', `/api/threads/${thread.id}/reopen`);
      expect(reopened.status, who).toBe(200);
      expect(reopened.body.resolved).toBe(false);
    }
    // On the agenda every participant may resolve; observers may not.
    const agendaThread = await startThread(as.kwame!, AGENDA);
    expect((await call(as.laura!, 'POST', `/api/threads/${agendaThread.id}/resolve`)).status).toBe(200);
    expect((await call(as.tomas!, 'POST', `/api/threads/${agendaThread.id}/reopen`)).status).toBe(403);
    expect((await call(as.laura!, 'POST', '/api/threads/no-such-thread/resolve')).status).toBe(404);
  });
});

describe('validation and limits', () => {
  it('refuses bad input with a clear 400 and stores nothing', async () => {
    const before = (await threadsOf(AGENDA)).length;
    const bad: unknown[] = [
      { doc: AGENDA, body: 'x'.repeat(5001) },
      { doc: AGENDA, body: 'NUL \u0000 inside' },
      { doc: AGENDA, body: 'lone \ud800 surrogate' },
      { doc: AGENDA },
      { doc: AGENDA, body: { text: 'an object' } },
      { doc: 'agenda:', body: 'x' },
      { doc: LIVE, body: 'x' },
      { doc: AGENDA, body: 'x', anchor: { from: 'not base64!', to: 'AA==', quote: 'x' } },
      { doc: AGENDA, body: 'x', anchor: { from: 'AAAA', to: 'AAAA', quote: 'x'.repeat(1001) } },
      { doc: AGENDA, body: 'x', anchor: { from: '////', to: '////', quote: 'x' } },
    ];
    for (const body of bad) {
      const result = await call(as.kwame!, 'POST', '/api/threads', body);
      expect(result.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(result.body.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.any(String) });
    }
    expect((await call(as.kwame!, 'POST', '/api/threads', { doc: proposalDoc('missing'), body: 'x' })).status).toBe(404);
    expect((await threadsOf(AGENDA)).length).toBe(before);
    // Exactly at the limit is fine.
    expect((await call(as.kwame!, 'POST', '/api/threads', { doc: AGENDA, body: '€'.repeat(5000) })).status).toBe(201);
  });

  it('keeps mentions as references to people, with their names for display', async () => {
    const body = `Over to <@${as.mei!.user.id}> and <@${as.chair!.user.id}>; <@not-a-user> is nobody.`;
    const thread = await startThread(as.kwame!, AGENDA, body);
    expect(thread.comments[0]!.body).toBe(body);
    expect(thread.comments[0]!.mentions).toEqual(
      expect.arrayContaining([
        { id: as.mei!.user.id, name: 'Mei Lin' },
        { id: as.chair!.user.id, name: 'Carlos Mendes' },
      ]),
    );
    expect(thread.comments[0]!.mentions).toHaveLength(2);
  });
});

describe('live delivery and forgery', () => {
  it('projects new comments, edits and hides into live:{meetingId} for every client, without a reload', async () => {
    const watcher = peer(as.tomas!, LIVE);
    await synced(watcher);
    const threads = watcher.doc.getMap<ThreadDto>('threads');
    expect(
      [...threads.values()].some((thread) => thread.anchor?.quote === 'balanced between stakeholder groups and regions'),
    ).toBe(true);

    const thread = await startThread(as.kwame!, PUBLIC, 'Seen live?');
    await waitFor(() => threads.get(thread.id)?.comments[0]?.body === 'Seen live?', {
      message: 'the new thread in the live document',
    });
    const reply = (await call<CommentDto>(as.mei!, 'POST', `/api/threads/${thread.id}/comments`, { body: 'Yes' })).body;
    await waitFor(() => threads.get(thread.id)?.comments.length === 2, { message: 'the reply' });
    await call(as.mei!, 'PATCH', `/api/comments/${reply.id}`, { body: 'Yes, live' });
    await waitFor(() => threads.get(thread.id)?.comments[1]?.body === 'Yes, live', { message: 'the edit' });
    await call(as.secretariat!, 'DELETE', `/api/comments/${reply.id}`, { reason: 'Off topic' });
    await waitFor(() => threads.get(thread.id)?.comments[1]?.hidden === true, { message: 'the hide' });
    expect(threads.get(thread.id)!.comments[1]!.body).toBe('');
    expect(JSON.stringify(threads.toJSON())).not.toContain('Yes, live');
    await call(as.kwame!, 'POST', `/api/threads/${thread.id}/resolve`);
    await waitFor(() => threads.get(thread.id)?.resolved === true, { message: 'the resolve' });
    // What the projection holds is exactly what the API returns.
    const fromApi = (await threadsOf(PUBLIC)).find((t) => t.id === thread.id);
    expect(threads.get(thread.id)).toEqual(fromApi);
    // The proposal's comment count follows.
    const proposals = watcher.doc.getMap<ProposalDto>('proposals');
    const count = (await call<ProposalDto>(as.kwame!, 'GET', '/api/proposals/pn-gdc-implementation')).body.commentCount;
    await waitFor(() => proposals.get('pn-gdc-implementation')?.commentCount === count, { message: 'the comment count' });
  });

  it('ignores a member who writes live:{meetingId} with a raw Yjs client: the store and the others see nothing', async () => {
    // Laura may write the agenda; she tries the live document, and Kwame's comment in it.
    const victim = await startThread(as.kwame!, AGENDA, 'Kwame’s own words');
    const attacker = peer(as.laura!, LIVE);
    const bystander = peer(as.mei!, LIVE);
    await Promise.all([synced(attacker), synced(bystander)]);
    expect(attacker.scope).toBe('readonly');
    const attackerThreads = attacker.doc.getMap<ThreadDto>('threads');
    await waitFor(() => attackerThreads.has(victim.id), { message: 'the victim thread in the attacker’s copy' });
    const storeBefore = JSON.stringify(await threadsOf(AGENDA));
    const bystanderBefore = JSON.stringify(bystander.doc.getMap('threads').toJSON());

    const forged = structuredClone(attackerThreads.get(victim.id)!);
    forged.comments[0]!.body = 'Kwame agrees with everything Laura says';
    attacker.doc.transact(() => {
      attackerThreads.set(victim.id, forged);
      attackerThreads.set('forged-thread', { ...forged, id: 'forged-thread' });
      attacker.doc.getMap('polls').set('forged-poll', { status: 'open', ballots: 1000, tally: {} });
      attacker.doc.getMap<ProposalDto>('proposals').delete('pn-gdc-implementation');
    });
    await sleep(800);

    expect(JSON.stringify(await threadsOf(AGENDA))).toBe(storeBefore);
    expect(JSON.stringify(bystander.doc.getMap('threads').toJSON())).toBe(bystanderBefore);
    expect(bystander.doc.getMap('polls').has('forged-poll')).toBe(false);
    expect(bystander.doc.getMap('proposals').has('pn-gdc-implementation')).toBe(true);
    const late = peer(as.ana!, LIVE);
    await synced(late);
    expect(late.doc.getMap<ThreadDto>('threads').get(victim.id)!.comments[0]!.body).toBe('Kwame’s own words');
    expect(late.doc.getMap('threads').has('forged-thread')).toBe(false);

    // Nor can she do it over HTTP.
    expect((await call(as.laura!, 'PATCH', `/api/comments/${victim.comments[0]!.id}`, { body: 'forged' })).status).toBe(403);
    expect((await call(as.laura!, 'DELETE', `/api/comments/${victim.comments[0]!.id}`)).status).toBe(403);
    expect(JSON.stringify(await threadsOf(AGENDA))).toBe(storeBefore);
  });
});
