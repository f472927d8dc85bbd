/** Schema of the floor (hands and turns), attendance and quorum, and audience questions: versions 600–649. */
import type { Migration } from '../storage/migrations.ts';

export const FLOOR_MIGRATIONS: Migration[] = [
  {
    version: 600,
    name: 'floor: hands and turns, settings, attendance, quorum, questions and votes',
    statements: [
      // A hand is raised (waiting), given the floor (speaking), then done or withdrawn. item_id is
      // the agenda item it was raised on ('' when none was current).
      `CREATE TABLE floor_hands (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        item_id TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users(id),
        point_of_order INTEGER NOT NULL DEFAULT 0,
        remote INTEGER NOT NULL DEFAULT 1,
        status TEXT NOT NULL,
        position BIGINT NOT NULL,
        raised_by TEXT NOT NULL REFERENCES users(id),
        raised_at BIGINT NOT NULL,
        day TEXT,
        started_at BIGINT,
        ended_at BIGINT,
        limit_seconds INTEGER
      )`,
      `CREATE INDEX floor_hands_item ON floor_hands(meeting_id, item_id, status)`,
      // One waiting hand per person and item, and one speaker per meeting, even under races.
      `CREATE UNIQUE INDEX floor_hands_one_waiting ON floor_hands(meeting_id, item_id, user_id) WHERE status = 'waiting'`,
      `CREATE UNIQUE INDEX floor_hands_one_speaker ON floor_hands(meeting_id) WHERE status = 'speaking'`,
      `CREATE TABLE floor_settings (
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        item_id TEXT NOT NULL,
        limit_seconds INTEGER NOT NULL,
        balance_rule TEXT NOT NULL DEFAULT 'none',
        updated_by TEXT,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (meeting_id, item_id)
      )`,
      `CREATE TABLE meeting_floor_settings (
        meeting_id TEXT PRIMARY KEY REFERENCES meetings(id),
        quorum_count INTEGER,
        quorum_share REAL,
        questions_need_approval INTEGER NOT NULL DEFAULT 0,
        updated_by TEXT,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE TABLE attendance (
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        day TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users(id),
        mode TEXT NOT NULL,
        checked_in_by TEXT NOT NULL REFERENCES users(id),
        at BIGINT NOT NULL,
        PRIMARY KEY (meeting_id, day, user_id)
      )`,
      // A poll that must not open without quorum, and who was present when it closed. No foreign
      // key: a draft poll may be deleted (its row here is then ignored).
      `CREATE TABLE poll_quorum (
        poll_id TEXT PRIMARY KEY,
        required INTEGER NOT NULL DEFAULT 1,
        closed_attendance TEXT
      )`,
      `CREATE TABLE questions (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        item_id TEXT NOT NULL,
        author_id TEXT NOT NULL REFERENCES users(id),
        text TEXT NOT NULL,
        anonymous INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        approved_by TEXT,
        answered_at BIGINT,
        hidden_reason TEXT
      )`,
      `CREATE INDEX questions_meeting ON questions(meeting_id, item_id)`,
      // One vote per person and question: the primary key, never a read-then-write.
      `CREATE TABLE question_votes (
        question_id TEXT NOT NULL REFERENCES questions(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        at BIGINT NOT NULL,
        PRIMARY KEY (question_id, user_id)
      )`,
      `CREATE TABLE question_moderation (
        id {id},
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        question_id TEXT NOT NULL REFERENCES questions(id),
        action TEXT NOT NULL,
        actor_id TEXT NOT NULL REFERENCES users(id),
        reason TEXT NOT NULL,
        at BIGINT NOT NULL
      )`,
    ],
  },
  {
    version: 601,
    name: 'question moderation log by meeting',
    statements: [
      // A meeting's moderation log, newest first, without reading every meeting's entries.
      `CREATE INDEX question_moderation_meeting ON question_moderation(meeting_id, id)`,
    ],
  },
  {
    version: 602,
    name: 'who took a hand off the list',
    statements: [
      // The person themselves or the chair/secretariat: the person's screens say which (a hand
      // lowered on one's phone is not "removed by the chair" on one's laptop). NULL before 602.
      `ALTER TABLE floor_hands ADD COLUMN withdrawn_by TEXT`,
    ],
  },
];
