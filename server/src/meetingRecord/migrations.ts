/** Schema of action items, the running meeting and the agenda's versions: versions 300–399. */
import type { Migration } from '../storage/migrations.ts';

export const MEETING_RECORD_MIGRATIONS: Migration[] = [
  {
    version: 300,
    name: 'action items, meeting run state, agenda versions',
    statements: [
      `CREATE TABLE action_items (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        owner TEXT NOT NULL,
        owner_user_id TEXT,
        owner_role TEXT,
        due_label TEXT,
        due_start TEXT,
        due_end TEXT,
        status TEXT NOT NULL,
        source_type TEXT NOT NULL,
        source_id TEXT,
        agenda_item_id TEXT,
        created_by TEXT,
        created_at BIGINT NOT NULL,
        updated_by TEXT,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE INDEX action_items_meeting ON action_items(meeting_id, position)`,
      `CREATE INDEX action_items_owner ON action_items(owner_user_id)`,
      `CREATE TABLE meeting_run (
        meeting_id TEXT PRIMARY KEY REFERENCES meetings(id),
        current_item TEXT,
        started_at BIGINT,
        day_end TEXT NOT NULL DEFAULT '18:00',
        updated_by TEXT,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE TABLE agenda_versions (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        seq BIGINT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        created_by TEXT,
        created_at BIGINT NOT NULL
      )`,
      `CREATE INDEX agenda_versions_meeting ON agenda_versions(meeting_id, seq)`,
      // Two instances noticing the same hour of editing save one automatic version.
      `CREATE UNIQUE INDEX agenda_versions_auto_once ON agenda_versions(meeting_id, seq) WHERE kind = 'auto'`,
    ],
  },
  {
    version: 301,
    name: 'unfinished owned action items by due date',
    statements: [
      // The outbox's reminder check asks every minute which of these are due; without the index it
      // read every action item of every meeting. The WHERE is the check's own, term for term, so that
      // both SQLite and PostgreSQL see that the index covers it.
      `CREATE INDEX action_items_due ON action_items(due_end)
        WHERE owner_user_id IS NOT NULL AND due_end IS NOT NULL AND status IN ('open', 'in-progress')`,
    ],
  },
  {
    version: 302,
    name: 'what an automatic agenda version is made of',
    statements: [
      // JSON of VersionOrigin: the name is worded in the reader's language when shown; the English
      // `name` stays for what reads it plainly.
      `ALTER TABLE agenda_versions ADD COLUMN origin TEXT`,
    ],
  },
];
