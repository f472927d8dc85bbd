/** Schema of API tokens, single sign-on identities and per-person password sign-in: versions 800–849. */
import type { Migration } from '../storage/migrations.ts';

export const INTEROP_MIGRATIONS: Migration[] = [
  {
    version: 800,
    name: 'API tokens, single sign-on identities, password sign-in per person',
    statements: [
      // Each token stands behind a session of its own (session_id), so that revocation, expiry,
      // a disabled account and a changed role reach its open sockets as they reach a browser's.
      `CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        name TEXT NOT NULL,
        scopes TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        session_id TEXT NOT NULL REFERENCES sessions(id),
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        last_used_at BIGINT,
        revoked_at BIGINT
      )`,
      `CREATE INDEX api_tokens_user ON api_tokens(user_id)`,
      `CREATE TABLE oidc_identities (
        provider TEXT NOT NULL,
        subject TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users(id),
        email TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_login_at BIGINT NOT NULL,
        PRIMARY KEY (provider, subject)
      )`,
      `CREATE TABLE password_login_off (
        user_id TEXT PRIMARY KEY REFERENCES users(id),
        changed_by TEXT NOT NULL,
        changed_at BIGINT NOT NULL
      )`,
    ],
  },
];
