/**
 * A burst of comments with mentions beside a meeting, on SQLite and on PostgreSQL: comments that
 * arrive together are written in a few transactions (group commit), each still with its
 * notification and its audit entry, and each mentioned person's email queued once; a comment that
 * fails inside a batch leaves nothing behind; the outbox worker sends the burst's emails one per
 * event-loop turn, each exactly once.
 */
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMENTS_PER_BATCH, CommentService } from '../../server/src/comments/commentService.ts';
import { CommentStore } from '../../server/src/comments/commentStore.ts';
import type { LiveProjection } from '../../server/src/live/liveProjection.ts';
import type { Mailer, OutgoingEmail } from '../../server/src/notifications/mailer.ts';
import { defaultSettings, NotificationStore } from '../../server/src/notifications/notificationStore.ts';
import { Notifier } from '../../server/src/notifications/notify.ts';
import { OutboxStore } from '../../server/src/notifications/outboxStore.ts';
import { OutboxWorker } from '../../server/src/notifications/outboxWorker.ts';
import { QuietTurns } from '../../server/src/notifications/quietTurns.ts';
import { ProposalStore } from '../../server/src/proposals/proposalStore.ts';
import type { Store } from '../../server/src/storage/store.ts';
import { TransactionBatcher } from '../../server/src/storage/transactionBatcher.ts';
import type { User } from '../../server/src/users/userStore.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { createUser } from '../helpers/clients.ts';
import { digestTimeAwayFromNow } from '../helpers/digestHour.ts';
import { backends } from '../helpers/storeBackends.ts';

const MEETING = 'mention-burst';
const DOC = agendaDoc(MEETING);
/** Resolves once `done()` holds (checked every few milliseconds), or after 10 s, so that a test never hangs here. */
async function untilHanded(done: () => boolean): Promise<void> {
  const giveUpAt = Date.now() + 10_000;
  while (!done() && Date.now() < giveUpAt) await new Promise((resolve) => setTimeout(resolve, 2));
}

const silent = { info() {}, warn() {}, error() {}, debug() {} } as unknown as FastifyBaseLogger;

describe.each(backends('commentbatches'))('a burst of comments on $name', (backend) => {
  let store: Store;
  let comments: CommentStore;
  let service: CommentService;
  let authors: User[];
  let members: User[];
  /** The threads the live projection was asked to recompute, one entry per request. */
  const projected: string[] = [];

  beforeAll(async () => {
    store = await backend.open();
    comments = new CommentStore(store.db);
    // Emails due at once, so that the worker below finds the burst's emails.
    const notify = new Notifier({ dialect: store.db.dialect, coalesceMs: 0, origin: 'http://127.0.0.1' });
    const live = { project: (_meetingId: string, map: string, key: string) => projected.push(`${map}:${key}`) };
    service = new CommentService({
      store,
      comments,
      proposals: new ProposalStore(store.db),
      live: live as unknown as LiveProjection,
      notify,
    });
    await store.meetings.create({
      id: MEETING,
      title: 'Mentions',
      startsOn: '2026-12-04',
      startTime: '10:00',
      timezone: 'UTC',
      form: 'plenary',
      description: '',
    });
    authors = [];
    members = [];
    for (let i = 0; i < 4; i++) authors.push(await createUser(store, { name: `Burst Author ${i}`, role: 'member' }));
    for (let i = 0; i < 20; i++) members.push(await createUser(store, { name: `Burst Member ${i}`, role: 'member' }));
  }, 60_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await store?.close();
    await backend.dispose();
  });

  const mentionsOf = (user: User) =>
    store.db.all<{ link: string }>("SELECT link FROM notifications WHERE user_id = ? AND kind = 'mention'", [user.id]);
  const pendingEmailsOf = (user: User) =>
    store.db.all<{ id: number }>(
      "SELECT id FROM notification_outbox WHERE user_id = ? AND channel = 'email' AND status = 'pending'",
      [user.id],
    );

  it('writes comments arriving together in few transactions, each with its mention, audit entry and one email per person', async () => {
    const burst = members.slice(0, 12);
    // On PostgreSQL each comment's checks are answered over several turns, so the comments reach the
    // batcher a few at a time, and how many share a batch depended on the machine's load (8
    // transactions now and then under load). The first batch's transaction waits here until all
    // twelve have been handed to the batcher: the others then queue behind it, as comments do
    // while a batch commits, and the count no longer depends on timing.
    const handed = vi.spyOn(TransactionBatcher.prototype, 'run');
    const transaction = store.db.transaction.bind(store.db);
    let gate: Promise<void> | undefined;
    const transactions = vi.spyOn(store.db, 'transaction').mockImplementation(async (work) => {
      gate ??= untilHanded(() => handed.mock.calls.length >= burst.length);
      await gate;
      return transaction(work);
    });
    // A frozen clock: on SQLite a batch also ends once it has run COMMENT_BATCH_MS (transactionBatcher.test.ts
    // checks that), which a slow machine reaches after any number of comments.
    const clock = vi.spyOn(performance, 'now').mockReturnValue(0);
    projected.length = 0;
    let threads: Awaited<ReturnType<CommentService['createThread']>>[];
    try {
      threads = await Promise.all(
        burst.map((member, i) =>
          service.createThread(authors[i % authors.length]!, { doc: DOC, body: `<@${member.id}> paragraph ${i + 1}, please` }),
        ),
      );
      // Twelve comments at once, where there were twelve transactions: on SQLite (checks answered
      // in the same turn) two, of eight and four; on PostgreSQL the first batch takes the comments
      // whose checks were answered by then, and the rest (held behind it above) at most eight a batch.
      if (backend.name === 'sqlite') expect(transactions).toHaveBeenCalledTimes(Math.ceil(burst.length / COMMENTS_PER_BATCH));
      else expect(transactions.mock.calls.length).toBeLessThanOrEqual(1 + Math.ceil((burst.length - 1) / COMMENTS_PER_BATCH));
    } finally {
      transactions.mockRestore();
      handed.mockRestore();
      clock.mockRestore();
    }
    for (const [i, thread] of threads.entries()) {
      expect(thread.comments).toEqual([
        expect.objectContaining({
          authorId: authors[i % authors.length]!.id,
          body: `<@${burst[i]!.id}> paragraph ${i + 1}, please`,
          mentions: [{ id: burst[i]!.id, name: burst[i]!.name }],
        }),
      ]);
      expect(await comments.thread(thread.id)).toEqual(thread);
      expect(await mentionsOf(burst[i]!)).toEqual([{ link: `/meetings/${MEETING}?thread=${thread.id}` }]);
      expect(await pendingEmailsOf(burst[i]!)).toHaveLength(1);
      const audit = await store.audit.list({ subject: `thread:${thread.id}` }, 10);
      expect(audit).toEqual([expect.objectContaining({ action: 'thread.create', actorId: authors[i % authors.length]!.id })]);
    }
    expect(projected.sort()).toEqual(threads.map((thread) => `threads:${thread.id}`).sort());
  });

  it('queues one email for a person mentioned several times in a batch, and answers each reply with its comment', async () => {
    const target = members[12]!;
    const [thread] = await Promise.all([service.createThread(authors[0]!, { doc: DOC, body: 'A thread to reply in' })]);
    const replies = await Promise.all(
      authors.map((author, i) => service.reply(author, thread!.id, `<@${target.id}> reply ${i + 1}`)),
    );
    for (const [i, reply] of replies.entries()) {
      expect(reply).toMatchObject({ threadId: thread!.id, authorId: authors[i]!.id, body: `<@${target.id}> reply ${i + 1}` });
    }
    expect(await mentionsOf(target)).toHaveLength(authors.length);
    expect(await pendingEmailsOf(target)).toHaveLength(1);
  });

  it("tells a thread's earlier writer of a reply, with the replier's name and the meeting's title, and nobody of a new thread", async () => {
    // A comment's notification takes the thread, the meeting and the author's name from the request, not the store.
    const [starter, replier] = members.slice(16, 18) as [User, User];
    const replyNotices = (user: User) =>
      store.db.all<{ link: string; params: string; actor_id: string }>(
        "SELECT link, params, actor_id FROM notifications WHERE user_id = ? AND kind = 'reply'",
        [user.id],
      );
    const thread = await service.createThread(starter, { doc: DOC, body: 'A thread of its own' });
    expect(await replyNotices(starter)).toEqual([]);
    await service.reply(replier, thread.id, 'An answer');
    const notices = await replyNotices(starter);
    expect(notices).toEqual([
      { link: `/meetings/${MEETING}?thread=${thread.id}`, params: expect.any(String), actor_id: replier.id },
    ]);
    expect(JSON.parse(notices[0]!.params)).toMatchObject({ title: 'Mentions', actor: replier.name });
    expect(await replyNotices(replier)).toEqual([]);
  });

  it('leaves nothing of a comment that fails inside its batch, and writes the others', async () => {
    const [ok1, doomed, ok2] = members.slice(13, 16) as [User, User, User];
    const setMentions = comments.setMentions.bind(comments);
    const failing = vi.spyOn(comments, 'setMentions').mockImplementation(async (commentId, userIds, tx) => {
      if (userIds.includes(doomed.id)) throw new Error('the disk hiccupped');
      return setMentions(commentId, userIds, tx);
    });
    let outcomes: PromiseSettledResult<Awaited<ReturnType<CommentService['createThread']>>>[];
    try {
      outcomes = await Promise.allSettled(
        [ok1, doomed, ok2].map((member) =>
          service.createThread(authors[1]!, { doc: DOC, body: `<@${member.id}> the doomed batch` }),
        ),
      );
    } finally {
      failing.mockRestore();
    }
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('the disk hiccupped'));
    const bodies = (await comments.threadsOfDoc(DOC)).map((thread) => thread.comments[0]!.body);
    // In either order: on PostgreSQL the three requests' reads before their batch finish in any order.
    expect(bodies.filter((body) => body.endsWith('the doomed batch')).sort()).toEqual(
      [`<@${ok1.id}> the doomed batch`, `<@${ok2.id}> the doomed batch`].sort(),
    );
    expect(await mentionsOf(doomed)).toEqual([]);
    expect(await pendingEmailsOf(doomed)).toEqual([]);
    for (const member of [ok1, ok2]) expect(await pendingEmailsOf(member)).toHaveLength(1);
  });

  it('sends the burst’s emails one per event-loop turn, each exactly once', async () => {
    const sent: { to: string; turn: number }[] = [];
    let turn = 0;
    let ticking = true;
    const count = () => {
      turn += 1;
      if (ticking) setImmediate(count);
    };
    setImmediate(count);
    const mailer: Mailer = {
      async send(email: OutgoingEmail) {
        sent.push({ to: email.to, turn });
      },
      close() {},
    };
    const worker = new OutboxWorker({
      store,
      outbox: new OutboxStore(store.db),
      mailer,
      notify: new Notifier({ dialect: store.db.dialect, coalesceMs: 0, origin: 'http://127.0.0.1' }),
      config: {
        smtpUrl: undefined,
        mailFrom: 'plenary@example.org',
        tickMs: 1000,
        coalesceMs: 0,
        backoffBaseMs: 1000,
        webhooksAllowLoopbackHttp: false,
      },
      origin: 'http://127.0.0.1',
      log: silent,
      unsubscribeKey: Buffer.alloc(32, 7),
      // The turn counter above keeps the loop busy, so the emails would each wait the default second for a quiet loop.
      turns: new QuietTurns({ maxWaitMs: 20 }),
    });
    // Only the immediate emails are counted here: nobody's daily digest falls due (08:00 UTC by default) while the worker ticks.
    const settings = new NotificationStore(store.db);
    for (const user of [...authors, ...members]) {
      await settings.saveSettings(user.id, { ...defaultSettings(), digestTime: digestTimeAwayFromNow() });
    }
    try {
      await worker.tick();
      await worker.tick();
    } finally {
      ticking = false;
    }
    // Everyone who was emailed above: the burst (12), the reply target, and the two kept of the failing batch.
    const expected = [...members.slice(0, 13), members[13]!, members[15]!].map((member) => member.email).sort();
    expect(sent.map((mail) => mail.to).sort()).toEqual(expected);
    // Started one per turn: no two emails were composed and encoded in the same turn.
    expect(new Set(sent.map((mail) => mail.turn)).size).toBe(sent.length);
    const unsent = await store.db.all("SELECT id FROM notification_outbox WHERE channel = 'email' AND status <> 'sent'");
    expect(unsent).toEqual([]);
  });
});
