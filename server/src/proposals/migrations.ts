/** Schema of proposals, comment threads, moderation: versions 100–199. */
import type { Migration } from '../storage/migrations.ts';

export const PROPOSAL_MIGRATIONS: Migration[] = [
  {
    version: 100,
    name: 'proposals, their authors and status history',
    statements: [
      `CREATE TABLE proposals (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        submitter_id TEXT NOT NULL REFERENCES users(id),
        public_comment INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE INDEX proposals_meeting ON proposals(meeting_id, created_at)`,
      `CREATE TABLE proposal_authors (
        proposal_id TEXT NOT NULL REFERENCES proposals(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        added_at BIGINT NOT NULL,
        PRIMARY KEY (proposal_id, user_id)
      )`,
      `CREATE INDEX proposal_authors_user ON proposal_authors(user_id)`,
      `CREATE TABLE proposal_status_history (
        id {id},
        proposal_id TEXT NOT NULL REFERENCES proposals(id),
        status TEXT NOT NULL,
        changed_by TEXT NOT NULL REFERENCES users(id),
        changed_at BIGINT NOT NULL
      )`,
      `CREATE INDEX proposal_status_history_proposal ON proposal_status_history(proposal_id, id)`,
    ],
  },
  {
    version: 101,
    name: 'comment threads, comments, mentions, moderation log',
    statements: [
      `CREATE TABLE comment_threads (
        seq {id},
        id TEXT NOT NULL UNIQUE,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        doc TEXT NOT NULL,
        anchor_from TEXT,
        anchor_to TEXT,
        anchor_quote TEXT,
        resolved INTEGER NOT NULL DEFAULT 0,
        resolved_by TEXT REFERENCES users(id),
        resolved_at BIGINT,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at BIGINT NOT NULL
      )`,
      `CREATE INDEX comment_threads_doc ON comment_threads(doc, seq)`,
      `CREATE INDEX comment_threads_meeting ON comment_threads(meeting_id, seq)`,
      `CREATE TABLE comments (
        seq {id},
        id TEXT NOT NULL UNIQUE,
        thread_id TEXT NOT NULL REFERENCES comment_threads(id),
        author_id TEXT NOT NULL REFERENCES users(id),
        body TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        edited_at BIGINT,
        deleted_at BIGINT,
        hidden_at BIGINT,
        hidden_by TEXT REFERENCES users(id),
        hidden_reason TEXT
      )`,
      `CREATE INDEX comments_thread ON comments(thread_id, seq)`,
      `CREATE TABLE comment_mentions (
        comment_id TEXT NOT NULL REFERENCES comments(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        PRIMARY KEY (comment_id, user_id)
      )`,
      `CREATE INDEX comment_mentions_user ON comment_mentions(user_id)`,
      `CREATE TABLE moderation_log (
        id {id},
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        comment_id TEXT NOT NULL REFERENCES comments(id),
        action TEXT NOT NULL,
        actor_id TEXT NOT NULL REFERENCES users(id),
        reason TEXT NOT NULL,
        at BIGINT NOT NULL
      )`,
      `CREATE INDEX moderation_log_meeting ON moderation_log(meeting_id, id)`,
    ],
  },
];
