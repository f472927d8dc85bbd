/**
 * Every string of the Big List of Naughty Strings with something visible in it can be posted as a
 * comment and reads back exactly as written, through the API and the live projection, on SQLite
 * and on PostgreSQL; each one with nothing visible (white space of any script, zero-width
 * characters) is refused with a 400 naming the body, and stores nothing; and the per-person rate
 * limit answers 429 clearly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc, liveDoc, proposalDoc } from '../../shared/documentNames.ts';
import { COMMENT_LIMITS, type CommentDto, type ThreadDto } from '../../shared/schemas/comments.ts';
import { hasVisibleText } from '../../shared/visibleText.ts';
import { http, type Session, synced, waitFor } from '../helpers/clients.ts';
import { BLNS as ALL_STRINGS, signedInPeople } from '../helpers/commentHelpers.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

const DOC = proposalDoc('pn-gdc-implementation');
/** The strings a comment may be; the others (nothing visible) are refused. */
const BLNS = ALL_STRINGS.filter(hasVisibleText);
const BLANK = ALL_STRINGS.filter((text) => !hasVisibleText(text));

describe.each(BACKENDS)('naughty strings on %s', (backend) => {
  const { server, peer } = serverSuite({ backend, database: 'commentsblns' });
  let people: Session[];

  const call = <T = any>(who: Session, method: string, path: string, body?: unknown) =>
    http<T>(server.baseUrl, method, path, { cookie: who.cookie, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    // Enough people that nobody reaches the per-person rate limit.
    people = await signedInPeople(server, Math.ceil(BLNS.length / 25) + 1);
  });

  // About 500 comments, each one transaction with its audit row, mentions and notifications: on
  // PostgreSQL on a loaded two-core machine this takes longer than the default 30 s.
  it('posts every string and reads each back exactly, from the API and from the live document', {
    timeout: 120_000,
  }, async () => {
    const watcher = peer(people[0]!, liveDoc(DEMO_MEETING.id));
    await synced(watcher);

    const [first, ...rest] = BLNS;
    const started = await call<ThreadDto>(people[0]!, 'POST', '/api/threads', { doc: DOC, body: first });
    expect(started.status).toBe(201);
    const threadId = started.body.id;
    for (const [index, body] of rest.entries()) {
      const result = await call<CommentDto>(people[Math.floor((index + 1) / 25)]!, 'POST', `/api/threads/${threadId}/comments`, {
        body,
      });
      expect(result.status, JSON.stringify(body)).toBe(201);
      expect(result.body.body).toBe(body);
    }

    // Nothing visible: refused, naming the body.
    expect(BLANK.length).toBeGreaterThan(3);
    for (const body of BLANK) {
      const refused = await call(people.at(-1)!, 'POST', `/api/threads/${threadId}/comments`, { body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.details?.field, JSON.stringify(body)).toBe('body');
    }

    const threads = await call<ThreadDto[]>(people[0]!, 'GET', `/api/threads?doc=${encodeURIComponent(DOC)}`);
    const thread = threads.body.find((candidate) => candidate.id === threadId)!;
    expect(thread.comments.map((comment) => comment.body)).toEqual(BLNS);

    const live = watcher.doc.getMap<ThreadDto>('threads');
    await waitFor(() => live.get(threadId)?.comments.length === BLNS.length, { message: 'every comment in the live document' });
    expect(live.get(threadId)!.comments.map((comment) => comment.body)).toEqual(BLNS);
  });

  it('edits to naughty strings, and keeps naughty quotes, exactly', async () => {
    const editor = people.at(-1)!;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the sample is chosen for its control characters
    const sample = BLNS.filter((text) => /[<>&"'\\\u0000-\u001f\u202e\u200b]|script|\$\{|%s|\{\{/.test(text)).slice(0, 25);
    const thread = await call<ThreadDto>(editor, 'POST', '/api/threads', {
      doc: agendaDoc(DEMO_MEETING.id),
      body: 'to be edited',
      anchor: { from: 'AAAA', to: 'AAAA', quote: sample[0] },
    });
    expect(thread.body.anchor!.quote).toBe(sample[0]);
    const commentId = thread.body.comments[0]!.id;
    for (const body of sample) {
      const result = await call<CommentDto>(editor, 'PATCH', `/api/comments/${commentId}`, { body });
      expect(result.status).toBe(200);
      expect(result.body.body).toBe(body);
    }
    const read = await call<ThreadDto[]>(editor, 'GET', `/api/threads?doc=${encodeURIComponent(agendaDoc(DEMO_MEETING.id))}`);
    expect(read.body.find((candidate) => candidate.id === thread.body.id)!.comments[0]!.body).toBe(sample.at(-1));
  });
});

describe('the rate limit', () => {
  const { server } = serverSuite();

  it('answers 429 with a clear error to one person posting too fast, and not to the others', async () => {
    const [hasty, calm] = await signedInPeople(server, 2);
    const post = (who: Session, body: string) =>
      http(server.baseUrl, 'POST', '/api/threads', { cookie: who.cookie, body: { doc: agendaDoc(DEMO_MEETING.id), body } });
    for (let i = 0; i < COMMENT_LIMITS.perMinute; i++) expect((await post(hasty!, `comment ${i}`)).status).toBe(201);
    const refused = await post(hasty!, 'one too many');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/too many|try again/i) });
    expect((await post(calm!, 'still fine')).status).toBe(201);
    const bodies = (
      await http<ThreadDto[]>(server.baseUrl, 'GET', `/api/threads?doc=${encodeURIComponent(agendaDoc(DEMO_MEETING.id))}`, {
        cookie: calm!.cookie,
      })
    ).body.flatMap((thread) => thread.comments.map((comment) => comment.body));
    expect(bodies).not.toContain('one too many');
  });
});
