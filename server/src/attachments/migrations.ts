/**
 * Schema of attachments: versions 1000–1049. `stored_files` and `file_chunks` hold file bytes
 * on PostgreSQL (every instance serves every file); on SQLite the bytes live under
 * DATA_DIR/files and these two tables stay empty.
 */
import type { Migration } from '../storage/migrations.ts';

export const ATTACHMENT_MIGRATIONS: Migration[] = [
  {
    version: 1000,
    name: 'attachments, their versions, file chunks',
    statements: [
      `CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        item_id TEXT,
        proposal_id TEXT,
        current_version INTEGER NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at BIGINT NOT NULL,
        deleted_at BIGINT,
        deleted_by TEXT
      )`,
      `CREATE INDEX attachments_meeting ON attachments(meeting_id, created_at)`,
      `CREATE TABLE attachment_versions (
        id TEXT PRIMARY KEY,
        attachment_id TEXT NOT NULL REFERENCES attachments(id),
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        size BIGINT NOT NULL,
        sha256 TEXT NOT NULL,
        mime TEXT NOT NULL,
        uploaded_by TEXT NOT NULL REFERENCES users(id),
        uploaded_at BIGINT NOT NULL,
        text TEXT,
        UNIQUE (attachment_id, version)
      )`,
      `CREATE INDEX attachment_versions_sha ON attachment_versions(sha256)`,
      `CREATE TABLE stored_files (
        sha256 TEXT PRIMARY KEY,
        size BIGINT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE file_chunks (
        file_key TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data {blob} NOT NULL,
        PRIMARY KEY (file_key, seq)
      )`,
    ],
  },
];
