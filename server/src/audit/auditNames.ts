/**
 * The names of the things audit entries refer to, as they are now, read across the features'
 * tables (as the timeline reads them). SQL only: one statement per kind for a page of entries.
 */

import type { AuditRefKind } from '../../../shared/auditRefs.ts';
import type { VersionDto } from '../../../shared/schemas/meetingRecord.ts';
import type { Db } from '../storage/db.ts';
import { placeholders } from '../storage/placeholders.ts';

/** The kinds a table row names; an agenda item lives in its meeting's agenda document instead. */
export type StoredRefKind = Exclude<AuditRefKind, 'agendaItem'>;

/**
 * The kinds named by one column; a thread and a comment are named from several (`CommentName`),
 * a hand from its person and its agenda item (`HandName`).
 */
export type PlainRefKind = Exclude<StoredRefKind, 'thread' | 'comment' | 'hand'>;

/**
 * What names a speaker's hand (a request to speak): whose it is, and the agenda item it was raised
 * on in its meeting ('' when none was current), which the service names from that agenda.
 */
export interface HandName {
  person: string;
  meetingId: string;
  itemId: string;
}

/**
 * What names a comment, or a thread by its first comment: its text (empty once deleted), whether
 * its author deleted it or a moderator hid it (its text, kept for the record, is then not read
 * out), its author, and for a thread the document it is on (a proposal's title, or its meeting's
 * title for an agenda). The service makes the words, in the reader's language.
 */
export interface CommentName {
  body: string;
  deleted: boolean;
  hidden: boolean;
  author: string;
  proposal: string | null;
  meeting: string | null;
}

const NAMES: Readonly<Record<PlainRefKind, string>> = {
  person: 'SELECT id, name FROM users WHERE id IN',
  meeting: 'SELECT id, title AS name FROM meetings WHERE id IN',
  poll: 'SELECT id, question AS name FROM polls WHERE id IN',
  proposal: 'SELECT id, title AS name FROM proposals WHERE id IN',
  workingGroup: 'SELECT id, name FROM working_groups WHERE id IN',
  action: 'SELECT id, text AS name FROM action_items WHERE id IN',
  // A call has no title: its kind (PN, BPF, other), which the service says in the reader's language.
  call: 'SELECT id, kind AS name FROM meeting_calls WHERE id IN',
  // The whole text: the service shortens it, counting characters rather than bytes.
  question: 'SELECT id, text AS name FROM questions WHERE id IN',
  // A document by the file name of its current version (a removed one keeps its row, and its name).
  attachment: `SELECT a.id, v.name FROM attachments a
    JOIN attachment_versions v ON v.attachment_id = a.id AND v.version = a.current_version WHERE a.id IN`,
  token: 'SELECT id, name FROM api_tokens WHERE id IN',
  // An agenda version by the name it was saved under, as its meeting's version history shows it.
  version: 'SELECT id, name FROM agenda_versions WHERE id IN',
  // No webhook: a webhook has only its address, and an address may carry a secret (a token in its path or query).
};

// A hidden comment's body is not even read: only whether it was hidden.
const COMMENT_COLUMNS = `CASE WHEN c.deleted_at IS NULL AND c.hidden_at IS NULL THEN c.body ELSE '' END AS body,
    c.deleted_at, c.hidden_at, u.name AS author`;

const COMMENT_NAMES: Readonly<Record<'thread' | 'comment', string>> = {
  comment: `SELECT c.id, ${COMMENT_COLUMNS}, NULL AS proposal, NULL AS meeting
    FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id IN`,
  // The thread's first comment (the one that opened it), and the document it is on.
  thread: `SELECT t.id, ${COMMENT_COLUMNS}, p.title AS proposal, m.title AS meeting
    FROM comment_threads t
    JOIN comments c ON c.thread_id = t.id AND c.seq = (SELECT MIN(f.seq) FROM comments f WHERE f.thread_id = t.id)
    JOIN users u ON u.id = c.author_id
    JOIN meetings m ON m.id = t.meeting_id
    LEFT JOIN proposals p ON t.doc LIKE 'proposal:%' AND p.id = SUBSTR(t.doc, 10)
    WHERE t.id IN`,
};

/**
 * Ids in one statement. A page of 1,000 entries (the default) names fewer of each kind; a page of
 * 10,000 imports may name up to a million people, more values than either backend takes at once.
 */
export const NAMES_PER_STATEMENT = 1000;

export class AuditNames {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** The name of each of `ids` that exists; an id not found is absent. */
  async of(kind: PlainRefKind, ids: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const chunk of chunks(ids)) {
      const rows = await this.db.all<{ id: string; name: string }>(`${NAMES[kind]} (${placeholders(chunk.length)})`, chunk);
      for (const row of rows) names.set(row.id, row.name);
    }
    return names;
  }

  /** Each of `ids` (agenda versions) that exists: its stored name, kind and what an automatic name is made of. */
  async ofVersions(
    ids: readonly string[],
  ): Promise<Map<string, { name: string; kind: VersionDto['kind']; origin: string | null }>> {
    const found = new Map<string, { name: string; kind: VersionDto['kind']; origin: string | null }>();
    for (const chunk of chunks(ids)) {
      const rows = await this.db.all<{ id: string; name: string; kind: VersionDto['kind']; origin: string | null }>(
        `SELECT id, name, kind, origin FROM agenda_versions WHERE id IN (${placeholders(chunk.length)})`,
        chunk,
      );
      for (const { id, ...row } of rows) found.set(id, row);
    }
    return found;
  }

  /** What names each of `ids` (threads or comments) that exists; an id not found is absent. */
  async ofComments(kind: 'thread' | 'comment', ids: readonly string[]): Promise<Map<string, CommentName>> {
    const names = new Map<string, CommentName>();
    for (const chunk of chunks(ids)) {
      const rows = await this.db.all<{
        id: string;
        body: string;
        deleted_at: number | null;
        hidden_at: number | null;
        author: string;
        proposal: string | null;
        meeting: string | null;
      }>(`${COMMENT_NAMES[kind]} (${placeholders(chunk.length)})`, chunk);
      for (const row of rows) {
        names.set(row.id, {
          body: row.body,
          deleted: row.deleted_at !== null,
          hidden: row.hidden_at !== null,
          author: row.author,
          proposal: row.proposal,
          meeting: row.meeting,
        });
      }
    }
    return names;
  }

  /** Whose each of `ids` (hands) that exists is, and on which item; an id not found is absent. */
  async ofHands(ids: readonly string[]): Promise<Map<string, HandName>> {
    const names = new Map<string, HandName>();
    for (const chunk of chunks(ids)) {
      const rows = await this.db.all<{ id: string; person: string; meeting_id: string; item_id: string }>(
        `${HAND_NAMES} (${placeholders(chunk.length)})`,
        chunk,
      );
      for (const row of rows) names.set(row.id, { person: row.person, meetingId: row.meeting_id, itemId: row.item_id });
    }
    return names;
  }
}

/** Hands are never deleted (a lowered one is withdrawn), so an old entry's hand is still found. */
const HAND_NAMES = `SELECT h.id, u.name AS person, h.meeting_id, h.item_id
  FROM floor_hands h JOIN users u ON u.id = h.user_id WHERE h.id IN`;

function* chunks(ids: readonly string[]): Generator<readonly string[]> {
  for (let start = 0; start < ids.length; start += NAMES_PER_STATEMENT) yield ids.slice(start, start + NAMES_PER_STATEMENT);
}
