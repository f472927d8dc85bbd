/**
 * Schema of cycle administration: versions 400–449. Meetings gain an end date, a format, a
 * place, a visibility and an archived state; calls for proposals; per-person calendar feeds;
 * indexes that let the secretariat filter the audit log.
 */
import type { Migration } from '../storage/migrations.ts';

export const MEETING_MIGRATIONS: Migration[] = [
  {
    version: 400,
    name: 'meetings administered: dates, format, visibility, archive; calls for proposals',
    statements: [
      `ALTER TABLE meetings ADD COLUMN ends_on TEXT`,
      `ALTER TABLE meetings ADD COLUMN format TEXT NOT NULL DEFAULT 'in-person'`,
      `ALTER TABLE meetings ADD COLUMN place TEXT NOT NULL DEFAULT ''`,
      `ALTER TABLE meetings ADD COLUMN visibility TEXT NOT NULL DEFAULT 'mag'`,
      `ALTER TABLE meetings ADD COLUMN archived_at BIGINT`,
      `ALTER TABLE meetings ADD COLUMN archived_by TEXT`,
      // Meetings from before: their one-line "form" says how they were held.
      `UPDATE meetings SET format = CASE
         WHEN lower(form) LIKE 'online%' THEN 'online'
         WHEN lower(form) LIKE 'hybrid%' THEN 'hybrid'
         ELSE 'in-person' END`,
      `UPDATE meetings SET ends_on = starts_on WHERE ends_on IS NULL`,
      `CREATE TABLE meeting_calls (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        kind TEXT NOT NULL,
        opens_at BIGINT NOT NULL,
        closes_at BIGINT NOT NULL,
        created_by TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE INDEX meeting_calls_meeting ON meeting_calls(meeting_id, kind)`,
    ],
  },
  {
    version: 401,
    name: 'calendar feed tokens; audit log filters',
    statements: [
      // One live token per person; the hash is stored, the URL holds the secret.
      `CREATE TABLE calendar_tokens (
        user_id TEXT PRIMARY KEY REFERENCES users(id),
        token_hash TEXT NOT NULL UNIQUE,
        created_at BIGINT NOT NULL
      )`,
      `CREATE INDEX audit_log_at ON audit_log(at)`,
      `CREATE INDEX audit_log_actor ON audit_log(actor_id, at)`,
      `CREATE INDEX audit_log_action ON audit_log(action, at)`,
    ],
  },
];
