/**
 * Comment threads on documents, their comments, the people comments mention, and the
 * moderation log. One row per thing; the server stamps every author and time.
 *
 * A comment deleted by its author loses its body and leaves the thread; a comment hidden by a
 * moderator keeps its row (and its body, for the record) but its body is never read out again:
 * every reader, the author included, sees that it was hidden, by whom and why.
 */
import { randomUUID } from 'node:crypto';
import type { Role, StakeholderGroup } from '../../../shared/roles.ts';
import type { Anchor, CommentDto, ModerationEntry, ThreadDto } from '../../../shared/schemas/comments.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';
import { placeholders } from '../storage/placeholders.ts';

export interface ThreadInfo {
  id: string;
  meetingId: string;
  doc: string;
  createdBy: string;
  resolved: boolean;
}

export interface CommentInfo {
  id: string;
  threadId: string;
  authorId: string;
  deleted: boolean;
  hidden: boolean;
  meetingId: string;
  doc: string;
}

interface ThreadRow {
  id: string;
  meeting_id: string;
  doc: string;
  anchor_from: string | null;
  anchor_to: string | null;
  anchor_quote: string | null;
  resolved: number;
  resolved_by: string | null;
  resolved_at: number | null;
  created_by: string;
  created_at: number;
}

interface CommentRow {
  id: string;
  thread_id: string;
  author_id: string;
  author_name: string;
  author_group: StakeholderGroup;
  author_role: Role;
  body: string;
  created_at: number;
  edited_at: number | null;
  hidden_at: number | null;
  hidden_by: string | null;
  hidden_by_name: string | null;
  hidden_reason: string | null;
}

const THREAD_COLUMNS =
  'id, meeting_id, doc, anchor_from, anchor_to, anchor_quote, resolved, resolved_by, resolved_at, created_by, created_at';

export class CommentStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async createThread(
    input: { meetingId: string; doc: string; anchor: Anchor | null; authorId: string; body: string; at?: number },
    tx: SqlExecutor = this.db,
  ): Promise<{ threadId: string; commentId: string }> {
    const threadId = randomUUID();
    const at = input.at ?? Date.now();
    await tx.run(`INSERT INTO comment_threads (${THREAD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 0, NULL, NULL, ?, ?)`, [
      threadId,
      input.meetingId,
      input.doc,
      input.anchor?.from ?? null,
      input.anchor?.to ?? null,
      input.anchor?.quote ?? null,
      input.authorId,
      at,
    ]);
    const commentId = await this.addComment(threadId, input.authorId, input.body, tx, at);
    return { threadId, commentId };
  }

  async addComment(
    threadId: string,
    authorId: string,
    body: string,
    tx: SqlExecutor = this.db,
    at = Date.now(),
  ): Promise<string> {
    const id = randomUUID();
    await tx.run('INSERT INTO comments (id, thread_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)', [
      id,
      threadId,
      authorId,
      body,
      at,
    ]);
    return id;
  }

  /**
   * What an edit did: 'edited', or 'unchanged' for the same text again (no "edited" mark, no notice,
   * no entry), or 'hidden' / 'deleted' when a moderator hid it or its author deleted it. Decided by
   * the UPDATE itself: two identical saves at once edit it once, and an edit the service checked
   * just before a hide (or a delete) committed cannot land after it.
   */
  async editComment(id: string, body: string, tx: SqlExecutor = this.db): Promise<'edited' | 'unchanged' | 'hidden' | 'deleted'> {
    const { changes } = await tx.run(
      'UPDATE comments SET body = ?, edited_at = ? WHERE id = ? AND body <> ? AND hidden_at IS NULL AND deleted_at IS NULL',
      [body, Date.now(), id, body],
    );
    if (changes > 0) return 'edited';
    // Nothing written: read why (a statement of its own, so on PostgreSQL it sees the hide committed meanwhile).
    const row = await tx.get<{ hidden_at: number | null; deleted_at: number | null }>(
      'SELECT hidden_at, deleted_at FROM comments WHERE id = ?',
      [id],
    );
    if (!row || row.deleted_at !== null) return 'deleted';
    return row.hidden_at !== null ? 'hidden' : 'unchanged';
  }

  /** The author's delete: the body is erased, the comment leaves its thread. */
  async deleteComment(id: string, tx: SqlExecutor = this.db): Promise<void> {
    await tx.run('DELETE FROM comment_mentions WHERE comment_id = ?', [id]);
    await tx.run("UPDATE comments SET body = '', deleted_at = ? WHERE id = ?", [Date.now(), id]);
  }

  /** A moderator's hide, recorded in the moderation log. */
  async hideComment(comment: CommentInfo, moderatorId: string, reason: string, tx: SqlExecutor = this.db): Promise<void> {
    const now = Date.now();
    await tx.run('UPDATE comments SET hidden_at = ?, hidden_by = ?, hidden_reason = ? WHERE id = ?', [
      now,
      moderatorId,
      reason,
      comment.id,
    ]);
    await tx.run('INSERT INTO moderation_log (meeting_id, comment_id, action, actor_id, reason, at) VALUES (?, ?, ?, ?, ?, ?)', [
      comment.meetingId,
      comment.id,
      'hide',
      moderatorId,
      reason,
      now,
    ]);
  }

  /**
   * Records whom a comment mentions: only people who exist. Returns their ids. A new comment
   * (`fresh`) has none recorded yet; an edited one's are replaced.
   */
  async setMentions(commentId: string, userIds: string[], tx: SqlExecutor = this.db, fresh = false): Promise<string[]> {
    if (!fresh) await tx.run('DELETE FROM comment_mentions WHERE comment_id = ?', [commentId]);
    if (userIds.length === 0) return [];
    const known = await tx.all<{ id: string }>(`SELECT id FROM users WHERE id IN (${placeholders(userIds.length)})`, userIds);
    for (const { id } of known) {
      await tx.run('INSERT INTO comment_mentions (comment_id, user_id) VALUES (?, ?)', [commentId, id]);
    }
    return known.map((row) => row.id);
  }

  async setResolved(threadId: string, resolved: boolean, actorId: string, tx: SqlExecutor = this.db): Promise<void> {
    await tx.run('UPDATE comment_threads SET resolved = ?, resolved_by = ?, resolved_at = ? WHERE id = ?', [
      resolved ? 1 : 0,
      resolved ? actorId : null,
      resolved ? Date.now() : null,
      threadId,
    ]);
  }

  async threadInfo(id: string, tx: SqlExecutor = this.db): Promise<ThreadInfo | undefined> {
    const row = await tx.get<ThreadRow>(`SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE id = ?`, [id]);
    return (
      row && {
        id: row.id,
        meetingId: row.meeting_id,
        doc: row.doc,
        createdBy: row.created_by,
        resolved: Number(row.resolved) === 1,
      }
    );
  }

  async commentInfo(id: string, tx: SqlExecutor = this.db): Promise<CommentInfo | undefined> {
    const row = await tx.get<{
      id: string;
      thread_id: string;
      author_id: string;
      deleted_at: number | null;
      hidden_at: number | null;
      meeting_id: string;
      doc: string;
    }>(
      `SELECT c.id, c.thread_id, c.author_id, c.deleted_at, c.hidden_at, t.meeting_id, t.doc
       FROM comments c JOIN comment_threads t ON t.id = c.thread_id WHERE c.id = ?`,
      [id],
    );
    return (
      row && {
        id: row.id,
        threadId: row.thread_id,
        authorId: row.author_id,
        deleted: row.deleted_at !== null,
        hidden: row.hidden_at !== null,
        meetingId: row.meeting_id,
        doc: row.doc,
      }
    );
  }

  /** One thread as readers see it; undefined when it does not exist or has no comment left. */
  async thread(id: string, tx: SqlExecutor = this.db): Promise<ThreadDto | undefined> {
    return (await this.load('id = ?', [id], tx))[0];
  }

  /** The threads of `ids` that exist and have a comment left (a batch of new comments read back at once). */
  async threadsById(ids: readonly string[], tx: SqlExecutor = this.db): Promise<ThreadDto[]> {
    if (ids.length === 0) return [];
    return this.load(`id IN (${placeholders(ids.length)})`, [...ids], tx);
  }

  async threadsOfDoc(doc: string, tx: SqlExecutor = this.db): Promise<ThreadDto[]> {
    return this.load('doc = ?', [doc], tx);
  }

  async threadsOfMeeting(meetingId: string, tx: SqlExecutor = this.db): Promise<ThreadDto[]> {
    return this.load('meeting_id = ?', [meetingId], tx);
  }

  /** Every hidden comment of a meeting: which, whose, by whom, why and when; never its body. */
  async moderationLog(meetingId: string, tx: SqlExecutor = this.db): Promise<ModerationEntry[]> {
    const rows = await tx.all<{
      comment_id: string;
      thread_id: string;
      doc: string;
      author_id: string;
      author_name: string;
      actor_id: string;
      actor_name: string;
      reason: string;
      at: number;
    }>(
      `SELECT m.comment_id, c.thread_id, t.doc, c.author_id, a.name AS author_name, m.actor_id, b.name AS actor_name, m.reason, m.at
       FROM moderation_log m
       JOIN comments c ON c.id = m.comment_id
       JOIN comment_threads t ON t.id = c.thread_id
       JOIN users a ON a.id = c.author_id
       JOIN users b ON b.id = m.actor_id
       WHERE m.meeting_id = ? ORDER BY m.id DESC`,
      [meetingId],
    );
    return rows.map((row) => ({
      commentId: row.comment_id,
      threadId: row.thread_id,
      doc: row.doc,
      authorId: row.author_id,
      authorName: row.author_name,
      byId: row.actor_id,
      byName: row.actor_name,
      reason: row.reason,
      at: Number(row.at),
    }));
  }

  private async load(where: string, params: string[], tx: SqlExecutor): Promise<ThreadDto[]> {
    const threads = await tx.all<ThreadRow>(`SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE ${where} ORDER BY seq`, params);
    if (threads.length === 0) return [];
    const ids = threads.map((thread) => thread.id);
    const inIds = placeholders(ids.length);
    const comments = await tx.all<CommentRow>(
      `SELECT c.id, c.thread_id, c.author_id, a.name AS author_name, a.stakeholder_group AS author_group, a.role AS author_role,
              c.body, c.created_at, c.edited_at, c.hidden_at, c.hidden_by, h.name AS hidden_by_name, c.hidden_reason
       FROM comments c JOIN users a ON a.id = c.author_id LEFT JOIN users h ON h.id = c.hidden_by
       WHERE c.thread_id IN (${inIds}) AND c.deleted_at IS NULL ORDER BY c.seq`,
      ids,
    );
    const mentions = await tx.all<{ comment_id: string; id: string; name: string }>(
      `SELECT m.comment_id, u.id, u.name FROM comment_mentions m
       JOIN comments c ON c.id = m.comment_id JOIN users u ON u.id = m.user_id
       WHERE c.thread_id IN (${inIds}) AND c.deleted_at IS NULL AND c.hidden_at IS NULL`,
      ids,
    );
    const mentionsOf = new Map<string, { id: string; name: string }[]>();
    for (const mention of mentions) {
      const list = mentionsOf.get(mention.comment_id) ?? [];
      list.push({ id: mention.id, name: mention.name });
      mentionsOf.set(mention.comment_id, list);
    }
    const commentsOf = new Map<string, CommentDto[]>();
    for (const row of comments) {
      const list = commentsOf.get(row.thread_id) ?? [];
      list.push(toComment(row, mentionsOf.get(row.id) ?? []));
      commentsOf.set(row.thread_id, list);
    }
    const out: ThreadDto[] = [];
    for (const row of threads) {
      const threadComments = commentsOf.get(row.id);
      if (!threadComments) continue; // every comment deleted by its author: the thread is gone
      out.push({
        id: row.id,
        doc: row.doc,
        meetingId: row.meeting_id,
        anchor:
          row.anchor_from !== null && row.anchor_to !== null
            ? { from: row.anchor_from, to: row.anchor_to, quote: row.anchor_quote ?? '' }
            : null,
        resolved: Number(row.resolved) === 1,
        resolvedBy: row.resolved_by,
        resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
        createdBy: row.created_by,
        createdAt: Number(row.created_at),
        comments: threadComments,
      });
    }
    return out;
  }
}

function toComment(row: CommentRow, mentions: { id: string; name: string }[]): CommentDto {
  const hidden = row.hidden_at !== null;
  const comment: CommentDto = {
    id: row.id,
    threadId: row.thread_id,
    authorId: row.author_id,
    authorName: row.author_name,
    authorGroup: row.author_group,
    authorRole: row.author_role,
    // Withheld from everyone once hidden, in the API and in the live projection alike.
    body: hidden ? '' : row.body,
    createdAt: Number(row.created_at),
    mentions: hidden ? [] : mentions,
  };
  if (row.edited_at !== null && !hidden) comment.editedAt = Number(row.edited_at);
  if (hidden) {
    comment.hidden = true;
    comment.moderation = {
      byId: row.hidden_by ?? '',
      byName: row.hidden_by_name ?? '',
      reason: row.hidden_reason ?? '',
      at: Number(row.hidden_at),
    };
  }
  return comment;
}
