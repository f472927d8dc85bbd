/** Notifications, their email settings, the outbox and webhooks: versions 700–749. */
import type { Migration } from '../storage/migrations.ts';

export const NOTIFICATION_MIGRATIONS: Migration[] = [
  {
    version: 700,
    name: 'notifications, settings, outbox, webhooks',
    statements: [
      `CREATE TABLE notifications (
        seq {id},
        id TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL REFERENCES users(id),
        kind TEXT NOT NULL,
        meeting_id TEXT,
        link TEXT NOT NULL,
        params TEXT NOT NULL,
        actor_id TEXT,
        created_at BIGINT NOT NULL,
        read_at BIGINT,
        email_mode TEXT NOT NULL,
        emailed_at BIGINT,
        dedupe_key TEXT
      )`,
      `CREATE INDEX notifications_user ON notifications(user_id, seq)`,
      `CREATE INDEX notifications_unemailed ON notifications(user_id, email_mode) WHERE emailed_at IS NULL`,
      // Periodic checks (an action falling due) may run on several instances: one row each.
      `CREATE UNIQUE INDEX notifications_dedupe ON notifications(user_id, dedupe_key) WHERE dedupe_key IS NOT NULL`,
      `CREATE TABLE notification_settings (
        user_id TEXT PRIMARY KEY REFERENCES users(id),
        email TEXT NOT NULL,
        digest_time TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE TABLE webhook_endpoints (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        kinds TEXT NOT NULL,
        description TEXT NOT NULL,
        secret TEXT NOT NULL,
        created_by TEXT REFERENCES users(id),
        created_at BIGINT NOT NULL,
        deleted_at BIGINT
      )`,
      // channel: email (a person's immediate notifications, gathered when sent), digest, webhook.
      // status: pending (not composed yet) -> sending (claimed) -> sent | retry -> ... | failed.
      `CREATE TABLE notification_outbox (
        id {id},
        channel TEXT NOT NULL,
        user_id TEXT,
        endpoint_id TEXT,
        message_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT,
        status TEXT NOT NULL,
        due_at BIGINT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        claimed_by TEXT,
        claimed_until BIGINT,
        dedupe_key TEXT,
        last_error TEXT,
        created_at BIGINT NOT NULL,
        sent_at BIGINT
      )`,
      `CREATE INDEX notification_outbox_due ON notification_outbox(status, due_at)`,
      // At most one email per person waiting to be composed: later notifications join it (coalescing).
      `CREATE UNIQUE INDEX notification_outbox_one_pending ON notification_outbox(user_id) WHERE channel = 'email' AND status = 'pending'`,
      `CREATE UNIQUE INDEX notification_outbox_dedupe ON notification_outbox(user_id, dedupe_key) WHERE dedupe_key IS NOT NULL`,
      `CREATE TABLE webhook_deliveries (
        id {id},
        endpoint_id TEXT NOT NULL,
        outbox_id BIGINT NOT NULL,
        message_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        at BIGINT NOT NULL,
        ok INTEGER NOT NULL,
        response_status INTEGER,
        error TEXT,
        duration_ms INTEGER NOT NULL
      )`,
      `CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, id)`,
    ],
  },
  {
    version: 701,
    name: 'call notices sent (call for proposals opened, closing soon)',
    statements: [
      `CREATE TABLE call_notices (
        call_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        at BIGINT NOT NULL,
        sent_at BIGINT NOT NULL,
        PRIMARY KEY (call_id, kind, at)
      )`,
    ],
  },
  {
    version: 702,
    name: 'agenda changed after it was circulated: the last notice per meeting',
    statements: [
      // One row per meeting, updated only when the hour since the last notice has passed: the
      // conditional upsert lets one instance (of several, or after a restart) send each notice.
      `CREATE TABLE agenda_change_notices (
        meeting_id TEXT PRIMARY KEY,
        sent_at BIGINT NOT NULL
      )`,
    ],
  },
];
