/** Schema of people administration: versions 450–499. */
import type { Migration } from '../storage/migrations.ts';

export const PEOPLE_MIGRATIONS: Migration[] = [
  {
    version: 450,
    name: 'people: affiliation, status, invitations',
    statements: [
      `ALTER TABLE users ADD COLUMN affiliation TEXT`,
      // 'invited' until the person sets a password through an invitation; deactivation is the
      // existing `disabled` flag, which sessions and the socket sweep already check.
      `ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active'`,
      `CREATE TABLE invitations (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_by TEXT REFERENCES users(id),
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT
      )`,
      `CREATE INDEX invitations_user ON invitations(user_id)`,
    ],
  },
  {
    version: 451,
    name: 'people: password reset links',
    statements: [
      // As invitations: only the token's hash; one use; the newest link replaces older ones.
      `CREATE TABLE password_resets (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_by TEXT REFERENCES users(id),
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT
      )`,
      `CREATE INDEX password_resets_user ON password_resets(user_id)`,
    ],
  },
  {
    version: 452,
    name: 'people: a mark on those whose only access is a public registration',
    statements: [
      // 1 for an observer created by registering for a public meeting: they read only public
      // meetings (canReadMeeting). The secretariat giving them a role clears it.
      `ALTER TABLE users ADD COLUMN public_only INTEGER NOT NULL DEFAULT 0`,
    ],
  },
];
