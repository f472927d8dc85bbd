/**
 * The commands on comment threads. Each one checks who is asking, writes in one SQL transaction
 * with its audit-log entry, and after the commit projects the thread into `live:{meetingId}` (map
 * `threads`), so that every client sees it without a reload. Author and time come from the
 * server, never from the request.
 *
 * New comments (a thread or a reply) that arrive together share one transaction (group commit,
 * storage/transactionBatcher.ts, as ballots do): a burst of comments with mentions during a
 * meeting pays one commit, its people's emails are queued once each at its end, the threads are
 * read back in one query, and the server goes back sooner to the edits it relays. Each comment is
 * checked before and written on its own, in a savepoint: one that fails rolls back alone.
 */

import { isValidAnchor } from '../../../shared/commentAnchors.ts';
import { mentionedIds } from '../../../shared/commentText.ts';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import { isModerator } from '../../../shared/roles.ts';
import type { Anchor, CommentDto, ModerationEntry, ThreadDto } from '../../../shared/schemas/comments.ts';
import { storableText } from '../../../shared/storableText.ts';
import { AppError, badRequest, forbidden, notFound } from '../http/appError.ts';
import type { LiveProjection } from '../live/liveProjection.ts';
import { requireMeeting } from '../meetings/requireMeeting.ts';
import type { Notifier } from '../notifications/notify.ts';
import type { ProposalStore } from '../proposals/proposalStore.ts';
import type { SqlExecutor } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import { TransactionBatcher } from '../storage/transactionBatcher.ts';
import type { User } from '../users/userStore.ts';
import { type CommentPolicy, commentPolicy } from './commentPolicy.ts';
import type { CommentStore } from './commentStore.ts';
import { ThreadReads } from './threadReads.ts';

/** The map of `live:{meetingId}` that holds threads, keyed by thread id. */
export const THREADS_MAP = 'threads';
/** The map of `live:{meetingId}` that holds proposals, keyed by proposal id. */
export const PROPOSALS_MAP = 'proposals';

export interface CommentServiceOptions {
  store: Store;
  comments: CommentStore;
  proposals: ProposalStore;
  live: LiveProjection;
  notify: Notifier;
}

/** The most new comments one transaction takes. */
export const COMMENTS_PER_BATCH = 8;
/** On SQLite, a batch takes no further comment once it has run this long (ms). */
export const COMMENT_BATCH_MS = 2;

/** A comment written in a batch; `thread` is filled at the batch's end, when its threads are read back. */
interface Posted {
  meetingId: string;
  doc: string;
  threadId: string;
  commentId: string;
  /** Whose immediate email the comment owes (queued once per person at the end of the batch). */
  emailTo: string[];
  thread?: ThreadDto | undefined;
}

function checkText(text: string, what: string): void {
  if (!storableText(text)) {
    throw badRequest(`The ${what} contains a character that cannot be stored (a NUL character or a lone UTF-16 surrogate).`);
  }
}

export class CommentService {
  private readonly options: CommentServiceOptions;
  private readonly posts: TransactionBatcher<Posted>;
  /** The live projection's reads of threads, gathered per turn. */
  private readonly liveReads: ThreadReads;

  constructor(options: CommentServiceOptions) {
    this.options = options;
    this.liveReads = new ThreadReads(options.comments);
    this.posts = new TransactionBatcher<Posted>(options.store.db, {
      // A batch runs in one event-loop turn on SQLite (about half a millisecond a comment): a few
      // at a time, and no more than fit in COMMENT_BATCH_MS, so that the edits the server relays
      // wait for one short batch, not for a burst (batches of 8 held the loop 5-15 ms in S16).
      // On PostgreSQL the statements are round trips, and the loop is free meanwhile.
      maxJobs: COMMENTS_PER_BATCH,
      // A comment is checked before its job runs: a job that throws is rare.
      savepointsOnFailure: true,
      ...(options.store.db.dialect === 'sqlite' ? { maxBatchMs: COMMENT_BATCH_MS } : {}),
      beforeCommit: (tx, posted) => this.batchEnd(tx, posted),
      // After the commit: every thread into the live document (coalesced there per map).
      afterCommit: async (posted) => {
        for (const post of posted) this.project(post.meetingId, post.threadId, post.doc);
      },
    });
  }

  private async policy(user: User, doc: string): Promise<CommentPolicy> {
    if (parseDocumentName(doc)?.kind === 'live')
      throw badRequest('Comments go on an agenda or a proposal, not on the live document.');
    const policy = await commentPolicy(this.options.store, this.options.proposals, user, doc);
    if (!policy) throw notFound('The document');
    return policy;
  }

  private static refuseComment(user: User, doc: string): AppError {
    if (user.role === 'observer' && parseDocumentName(doc)?.kind === 'proposal') {
      return forbidden('This proposal is not open for public comment: observers may comment only where it is.');
    }
    return forbidden('Observers may not comment here.');
  }

  /** An edit of a hidden comment, refused before the transaction or by its UPDATE alike. */
  private static refuseHiddenEdit(): AppError {
    return new AppError('CONFLICT', 'A moderator hid this comment; it can no longer be edited.');
  }

  async threads(user: User, doc: string): Promise<ThreadDto[]> {
    await this.policy(user, doc);
    return this.options.comments.threadsOfDoc(doc);
  }

  async createThread(user: User, input: { doc: string; body: string; anchor?: Anchor | undefined }): Promise<ThreadDto> {
    const policy = await this.policy(user, input.doc);
    if (!policy.canComment) throw CommentService.refuseComment(user, input.doc);
    checkText(input.body, 'comment');
    if (input.anchor) {
      checkText(input.anchor.quote, 'quote');
      if (!isValidAnchor(input.anchor)) throw badRequest('The anchor’s from and to must be base64 of Yjs relative positions.');
    }
    const { store, comments } = this.options;
    const posted = await this.posts.run(async (tx) => {
      const created = await comments.createThread(
        { meetingId: policy.meetingId, doc: input.doc, anchor: input.anchor ?? null, authorId: user.id, body: input.body },
        tx,
      );
      const { mentions, emailTo } = await this.notifyComment(tx, user, created.threadId, created.commentId, input.body, {
        doc: input.doc,
        meetingId: policy.meetingId,
        newThread: true,
      });
      await store.audit.record(
        {
          actorId: user.id,
          action: 'thread.create',
          subject: `thread:${created.threadId}`,
          detail: { doc: input.doc, commentId: created.commentId, anchored: Boolean(input.anchor), mentions },
        },
        tx,
      );
      return { meetingId: policy.meetingId, doc: input.doc, ...created, emailTo };
    });
    return (posted.thread ?? (await comments.thread(posted.threadId)))!;
  }

  async reply(user: User, threadId: string, body: string): Promise<CommentDto> {
    const { store, comments } = this.options;
    const thread = await comments.threadInfo(threadId);
    if (!thread) throw notFound('The thread');
    const policy = await this.policy(user, thread.doc);
    if (!policy.canComment) throw CommentService.refuseComment(user, thread.doc);
    checkText(body, 'comment');
    const posted = await this.posts.run(async (tx) => {
      const commentId = await comments.addComment(threadId, user.id, body, tx);
      const { mentions, emailTo } = await this.notifyComment(tx, user, threadId, commentId, body, {
        doc: thread.doc,
        meetingId: thread.meetingId,
        newThread: false,
      });
      await store.audit.record(
        {
          actorId: user.id,
          action: 'comment.create',
          subject: `comment:${commentId}`,
          detail: { threadId, doc: thread.doc, mentions },
        },
        tx,
      );
      return { meetingId: thread.meetingId, doc: thread.doc, threadId, commentId, emailTo };
    });
    const found = posted.thread?.comments.find((comment) => comment.id === posted.commentId);
    return found ?? this.comment(threadId, posted.commentId);
  }

  /**
   * A new comment's mentions and notifications, written through its batch's transaction; its
   * emails are the batch's. What the request already knows (the thread's document and meeting,
   * the author's name) is not read again.
   */
  private async notifyComment(
    tx: SqlExecutor,
    user: User,
    threadId: string,
    commentId: string,
    body: string,
    thread: { doc: string; meetingId: string; newThread: boolean },
  ): Promise<{ mentions: string[]; emailTo: string[] }> {
    const mentions = await this.options.comments.setMentions(commentId, mentionedIds(body), tx, true);
    const { emailTo } = await this.options.notify.emitDeferringEmails(tx, {
      type: 'comment',
      actorId: user.id,
      threadId,
      commentId,
      mentions,
      known: { ...thread, actorName: user.name },
    });
    return { mentions, emailTo };
  }

  /**
   * The end of a batch of new comments, inside its transaction: the emails they owe, queued once
   * per person in sorted order, and their threads read back in one query for the answers.
   */
  private async batchEnd(tx: SqlExecutor, posted: Posted[]): Promise<void> {
    await this.options.notify.queueEmails(
      tx,
      posted.flatMap((post) => post.emailTo),
    );
    const ids = [...new Set(posted.map((post) => post.threadId))];
    const threads = new Map((await this.options.comments.threadsById(ids, tx)).map((thread) => [thread.id, thread]));
    for (const post of posted) post.thread = threads.get(post.threadId);
  }

  async edit(user: User, commentId: string, body: string): Promise<CommentDto> {
    const { store, comments } = this.options;
    const comment = await comments.commentInfo(commentId);
    if (!comment || comment.deleted) throw notFound('The comment');
    if (comment.authorId !== user.id) throw forbidden('Only its author may edit a comment.');
    if (comment.hidden) throw CommentService.refuseHiddenEdit();
    const policy = await this.policy(user, comment.doc);
    if (!policy.canComment) throw CommentService.refuseComment(user, comment.doc);
    checkText(body, 'comment');
    await store.db.transaction(async (tx) => {
      const edit = await comments.editComment(commentId, body, tx);
      // Hidden or deleted since the checks above: the UPDATE wrote nothing, and the answer is the same refusal.
      if (edit === 'hidden') throw CommentService.refuseHiddenEdit();
      if (edit === 'deleted') throw notFound('The comment');
      // Saved with the text it has (a second click, two tabs): answered, nothing written or recorded.
      if (edit === 'unchanged') return;
      const mentions = await comments.setMentions(commentId, mentionedIds(body), tx);
      await this.options.notify.emit(tx, {
        type: 'comment',
        actorId: user.id,
        threadId: comment.threadId,
        commentId,
        mentions,
        edited: true,
      });
      await store.audit.record(
        {
          actorId: user.id,
          action: 'comment.edit',
          subject: `comment:${commentId}`,
          detail: { threadId: comment.threadId, mentions },
        },
        tx,
      );
    });
    this.project(comment.meetingId, comment.threadId, comment.doc);
    return this.comment(comment.threadId, commentId);
  }

  /** The author deletes their comment; a moderator hides someone else's, with a reason. */
  async remove(user: User, commentId: string, reason: string | undefined): Promise<void> {
    const { store, comments } = this.options;
    const comment = await comments.commentInfo(commentId);
    if (!comment || comment.deleted) throw notFound('The comment');
    if (comment.authorId === user.id) {
      await store.db.transaction(async (tx) => {
        await comments.deleteComment(commentId, tx);
        await store.audit.record(
          { actorId: user.id, action: 'comment.delete', subject: `comment:${commentId}`, detail: { threadId: comment.threadId } },
          tx,
        );
      });
    } else if (isModerator(user.role)) {
      if (comment.hidden) throw new AppError('CONFLICT', 'This comment is already hidden.');
      const why = (reason ?? '').trim();
      checkText(why, 'reason');
      await store.db.transaction(async (tx) => {
        await comments.hideComment(comment, user.id, why, tx);
        await store.audit.record(
          {
            actorId: user.id,
            action: 'comment.hide',
            subject: `comment:${commentId}`,
            detail: { threadId: comment.threadId, authorId: comment.authorId, reason: why },
          },
          tx,
        );
      });
    } else {
      throw forbidden('Only its author may delete a comment; only the secretariat or the chair may hide one.');
    }
    this.project(comment.meetingId, comment.threadId, comment.doc);
  }

  async setResolved(user: User, threadId: string, resolved: boolean): Promise<ThreadDto> {
    const { store, comments } = this.options;
    const thread = await comments.threadInfo(threadId);
    if (!thread) throw notFound('The thread');
    const policy = await this.policy(user, thread.doc);
    const mayResolve = policy.canResolveAny || (thread.createdBy === user.id && policy.canComment);
    if (!mayResolve) throw forbidden('Only the thread’s author, the document’s authors or a moderator may resolve or reopen it.');
    if (thread.resolved !== resolved) {
      await store.db.transaction(async (tx) => {
        await comments.setResolved(threadId, resolved, user.id, tx);
        await store.audit.record(
          {
            actorId: user.id,
            action: resolved ? 'thread.resolve' : 'thread.reopen',
            subject: `thread:${threadId}`,
            detail: { doc: thread.doc },
          },
          tx,
        );
      });
      this.project(thread.meetingId, threadId, thread.doc);
    }
    const dto = await comments.thread(threadId);
    if (!dto) throw notFound('The thread');
    return dto;
  }

  async moderationLog(meetingId: string): Promise<ModerationEntry[]> {
    await requireMeeting(this.options.store.meetings, meetingId);
    return this.options.comments.moderationLog(meetingId);
  }

  private async comment(threadId: string, commentId: string): Promise<CommentDto> {
    const found = (await this.options.comments.thread(threadId))?.comments.find((comment) => comment.id === commentId);
    if (!found) throw notFound('The comment');
    return found;
  }

  /** After a commit: the thread (and its proposal's comment count) into the live document. */
  private project(meetingId: string, threadId: string, doc: string): void {
    const { live, proposals } = this.options;
    live.project(meetingId, THREADS_MAP, threadId, () => this.liveReads.thread(threadId));
    const ref = parseDocumentName(doc);
    if (ref?.kind === 'proposal') live.project(meetingId, PROPOSALS_MAP, ref.id, () => proposals.byId(ref.id));
  }
}
