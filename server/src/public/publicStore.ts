/**
 * What the public pages read: only the columns a public page may show. No email, no hidden
 * comment body, no ballot, no audit row is ever selected here.
 */
import type { ProposalStatus } from '../../../shared/schemas/proposals.ts';
import type { Db } from '../storage/db.ts';

export interface PublicProposal {
  id: string;
  kind: string;
  title: string;
  summary: string;
  status: ProposalStatus;
  publicComment: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface PublicComment {
  id: string;
  author: string;
  /** Empty when hidden: the page says "hidden by moderator" instead. */
  body: string;
  /** The people the body mentions (`<@userId>`) and their names, which the page shows instead of the ids. */
  mentions: { id: string; name: string }[];
  hidden: boolean;
  createdAt: number;
}

export interface PublicThread {
  id: string;
  quote: string | null;
  resolved: boolean;
  comments: PublicComment[];
}

export interface PublicGroup {
  id: string;
  name: string;
  description: string;
  cofacilitators: string[];
}

/** A comment a moderator hid: the only action the moderation log records (nothing is restored). */
export interface PublicModeration {
  reason: string;
  at: number;
}

export interface StatusChange {
  proposalId: string;
  title: string;
  status: ProposalStatus;
  at: number;
}

const num = (value: unknown): number => Number(value);

export class PublicStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async proposals(meetingId: string): Promise<PublicProposal[]> {
    const rows = await this.db.all<{
      id: string;
      kind: string;
      title: string;
      summary: string;
      status: ProposalStatus;
      public_comment: number | boolean;
      created_at: number;
      updated_at: number;
    }>(
      'SELECT id, kind, title, summary, status, public_comment, created_at, updated_at FROM proposals WHERE meeting_id = ? ORDER BY created_at, id',
      [meetingId],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      summary: row.summary,
      status: row.status,
      publicComment: Boolean(Number(row.public_comment)),
      createdAt: num(row.created_at),
      updatedAt: num(row.updated_at),
    }));
  }

  async statusChanges(meetingId: string): Promise<StatusChange[]> {
    const rows = await this.db.all<{ proposal_id: string; title: string; status: ProposalStatus; changed_at: number }>(
      `SELECT h.proposal_id, p.title, h.status, h.changed_at FROM proposal_status_history h
         JOIN proposals p ON p.id = h.proposal_id WHERE p.meeting_id = ? ORDER BY h.changed_at, h.id`,
      [meetingId],
    );
    return rows.map((row) => ({ proposalId: row.proposal_id, title: row.title, status: row.status, at: num(row.changed_at) }));
  }

  /**
   * A mark that changes when a comment on one of these documents is added, deleted or hidden, a shown one
   * edited, or a thread resolved. Only the documents the public page shows: a change elsewhere must not show
   * through. The edits counted are those of comments the page prints: a hidden comment reads "hidden by
   * moderator" whatever its text (an edit checked before a hide can land after it), and a deleted one is not
   * there, so their edits reloaded every open page for nothing. Unhiding still changes the mark (the count).
   */
  async commentsRevision(meetingId: string, docs: readonly string[]): Promise<string> {
    if (docs.length === 0) return '';
    const row = await this.db.get<Record<string, number | null>>(
      `SELECT COUNT(c.seq) AS total, MAX(c.seq) AS last,
              MAX(CASE WHEN c.hidden_at IS NULL AND c.deleted_at IS NULL THEN c.edited_at END) AS edited,
              COUNT(c.deleted_at) AS deleted,
              COUNT(c.hidden_at) AS hidden, MAX(t.resolved_at) AS resolved
         FROM comment_threads t LEFT JOIN comments c ON c.thread_id = t.id
         WHERE t.meeting_id = ? AND t.doc IN (${docs.map(() => '?').join(', ')})`,
      [meetingId, ...docs],
    );
    return JSON.stringify(Object.values(row ?? {}).map((value) => (value === null ? 0 : Number(value))));
  }

  /**
   * The names the threads of these documents show, as a mark: each comment's author, and the people
   * the comments shown mention. A name is read from the person's account when the page is rendered,
   * so a rename changes the page without changing any comment (commentsRevision misses it).
   */
  async commentNamesRevision(meetingId: string, docs: readonly string[]): Promise<string> {
    if (docs.length === 0) return '';
    const among = docs.map(() => '?').join(', ');
    const rows = await this.db.all<{ id: string; name: string }>(
      `SELECT u.id, u.name FROM users u WHERE u.id IN (
         SELECT c.author_id FROM comments c JOIN comment_threads t ON t.id = c.thread_id
           WHERE t.meeting_id = ? AND t.doc IN (${among}) AND c.deleted_at IS NULL
         UNION
         SELECT m.user_id FROM comment_mentions m JOIN comments c ON c.id = m.comment_id JOIN comment_threads t ON t.id = c.thread_id
           WHERE t.meeting_id = ? AND t.doc IN (${among}) AND c.deleted_at IS NULL AND c.hidden_at IS NULL
       ) ORDER BY u.id`,
      [meetingId, ...docs, meetingId, ...docs],
    );
    return JSON.stringify(rows.map((row) => [row.id, row.name]));
  }

  /**
   * The action items as the page lists them, as a mark: each one's text, owner, due date, status, agenda
   * item and place in the list, dropped ones left out as the page leaves them out. A new action, one
   * marked done or one moved changes it; the board's documents hold no actions, so no revision sees them.
   */
  async actionsRevision(meetingId: string): Promise<string> {
    const rows = await this.db.all<Record<string, string | number | null>>(
      `SELECT id, position, text, owner, due_label, status, agenda_item_id FROM action_items
         WHERE meeting_id = ? AND status <> 'dropped' ORDER BY position, created_at, id`,
      [meetingId],
    );
    return JSON.stringify(
      rows.map((row) => Object.values(row).map((value) => (typeof value === 'bigint' ? Number(value) : value))),
    );
  }

  /** The comment threads of a document, oldest first; deleted comments are left out. */
  async threads(meetingId: string, doc: string): Promise<PublicThread[]> {
    const threads = await this.db.all<{ id: string; anchor_quote: string | null; resolved: number | boolean }>(
      'SELECT id, anchor_quote, resolved FROM comment_threads WHERE meeting_id = ? AND doc = ? ORDER BY seq',
      [meetingId, doc],
    );
    if (threads.length === 0) return [];
    const comments = await this.db.all<{
      id: string;
      thread_id: string;
      name: string;
      body: string;
      hidden_at: number | null;
      created_at: number;
    }>(
      `SELECT c.id, c.thread_id, u.name, c.body, c.hidden_at, c.created_at FROM comments c
         JOIN comment_threads t ON t.id = c.thread_id JOIN users u ON u.id = c.author_id
         WHERE t.meeting_id = ? AND t.doc = ? AND c.deleted_at IS NULL ORDER BY c.seq`,
      [meetingId, doc],
    );
    // Whom the comments mention, as the board reads them (comment_mentions holds only people who exist).
    const mentions = await this.db.all<{ comment_id: string; id: string; name: string }>(
      `SELECT m.comment_id, u.id, u.name FROM comment_mentions m JOIN users u ON u.id = m.user_id
         JOIN comments c ON c.id = m.comment_id JOIN comment_threads t ON t.id = c.thread_id
         WHERE t.meeting_id = ? AND t.doc = ? AND c.deleted_at IS NULL AND c.hidden_at IS NULL`,
      [meetingId, doc],
    );
    const mentionsOf = new Map<string, { id: string; name: string }[]>();
    for (const row of mentions)
      mentionsOf.set(row.comment_id, [...(mentionsOf.get(row.comment_id) ?? []), { id: row.id, name: row.name }]);
    return threads
      .map((thread) => ({
        id: thread.id,
        quote: thread.anchor_quote,
        resolved: Boolean(Number(thread.resolved)),
        comments: comments
          .filter((comment) => comment.thread_id === thread.id)
          .map((comment) => {
            const hidden = comment.hidden_at !== null;
            return {
              id: comment.id,
              author: comment.name,
              body: hidden ? '' : comment.body,
              mentions: hidden ? [] : (mentionsOf.get(comment.id) ?? []),
              hidden,
              createdAt: num(comment.created_at),
            };
          }),
      }))
      .filter((thread) => thread.comments.length > 0);
  }

  async groups(meetingId: string): Promise<PublicGroup[]> {
    const groups = await this.db.all<{ id: string; name: string; description: string }>(
      'SELECT id, name, description FROM working_groups WHERE meeting_id = ? AND archived_at IS NULL ORDER BY position, created_at, id',
      [meetingId],
    );
    const cofacilitators = await this.db.all<{ group_id: string; name: string }>(
      `SELECT c.group_id, u.name FROM working_group_cofacilitators c JOIN users u ON u.id = c.user_id
         JOIN working_groups g ON g.id = c.group_id WHERE g.meeting_id = ? ORDER BY u.name`,
      [meetingId],
    );
    return groups.map((group) => ({
      ...group,
      cofacilitators: cofacilitators.filter((row) => row.group_id === group.id).map((row) => row.name),
    }));
  }

  /**
   * The moderation log's hides, without the comments' bodies or the moderators' accounts. Selected
   * by action so that a later kind of entry (an unhide) is not shown until the page has words for it.
   * Only hides in the threads the page shows (proposals open for public comment): a reason is a
   * moderator's words about the comment, and on the agenda or a members-only proposal they are
   * about a discussion the public does not see.
   */
  async moderation(meetingId: string): Promise<PublicModeration[]> {
    const rows = await this.db.all<{ reason: string; at: number }>(
      `SELECT m.reason, m.at FROM moderation_log m
         JOIN comments c ON c.id = m.comment_id JOIN comment_threads t ON t.id = c.thread_id
         JOIN proposals p ON t.doc = 'proposal:' || p.id
         WHERE m.meeting_id = ? AND m.action = 'hide' AND t.meeting_id = ? AND p.meeting_id = ? AND p.public_comment = 1
         ORDER BY m.id`,
      [meetingId, meetingId, meetingId],
    );
    return rows.map((row) => ({ reason: row.reason, at: num(row.at) }));
  }
}
