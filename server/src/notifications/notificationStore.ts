/** SQL of the inbox, the email settings and the webhook endpoints (the outbox is outboxStore.ts). */
import {
  DEFAULT_EMAIL_MODES,
  type EmailMode,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationSettings,
  type WebhookDelivery,
  type WebhookDto,
} from '../../../shared/schemas/notifications.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';
import type { NotificationParams } from './emailStrings.ts';

export interface StoredNotification {
  id: string;
  kind: NotificationKind;
  at: number;
  read: boolean;
  link: string;
  params: NotificationParams;
}

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  created_at: number;
  read_at: number | null;
  link: string;
  params: string;
}

export const toStoredNotification = (row: NotificationRow): StoredNotification => ({
  id: row.id,
  kind: row.kind,
  at: Number(row.created_at),
  read: row.read_at !== null,
  link: row.link,
  params: JSON.parse(row.params) as NotificationParams,
});

export const DEFAULT_DIGEST_TIME = '08:00';
export const DEFAULT_TIME_ZONE = 'UTC';

export function defaultSettings(): NotificationSettings {
  return { email: { ...DEFAULT_EMAIL_MODES }, digestTime: DEFAULT_DIGEST_TIME, timeZone: DEFAULT_TIME_ZONE };
}

export interface StoredWebhook extends WebhookDto {
  secret: string;
}

export class NotificationStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async list(userId: string, options: { limit: number; unreadOnly: boolean }): Promise<StoredNotification[]> {
    const rows = await this.db.all<NotificationRow>(
      `SELECT id, kind, created_at, read_at, link, params FROM notifications
       WHERE user_id = ?${options.unreadOnly ? ' AND read_at IS NULL' : ''} ORDER BY seq DESC LIMIT ?`,
      [userId, options.limit],
    );
    return rows.map(toStoredNotification);
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.db.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL',
      [userId],
    );
    return Number(row?.n ?? 0);
  }

  /** Marks `ids` (all when absent) of `userId` read; someone else's ids are ignored. */
  async markRead(userId: string, ids: string[] | undefined): Promise<void> {
    const now = Date.now();
    if (ids === undefined) {
      await this.db.run('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL', [now, userId]);
      return;
    }
    if (ids.length === 0) return;
    await this.db.run(
      `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND id IN (${ids.map(() => '?').join(', ')})`,
      [now, userId, ...ids],
    );
  }

  async settings(userId: string, executor: SqlExecutor = this.db): Promise<NotificationSettings> {
    const row = await executor.get<{ email: string; digest_time: string; time_zone: string }>(
      'SELECT email, digest_time, time_zone FROM notification_settings WHERE user_id = ?',
      [userId],
    );
    const settings = defaultSettings();
    if (!row) return settings;
    const chosen = JSON.parse(row.email) as Record<string, EmailMode>;
    for (const kind of NOTIFICATION_KINDS) if (chosen[kind]) settings.email[kind] = chosen[kind];
    return { email: settings.email, digestTime: row.digest_time, timeZone: row.time_zone };
  }

  /**
   * Whether a row changed: the same settings again touch none (the condition is the upsert's, so two
   * identical requests at the same moment change them once). `email` is written in the kinds' own
   * order (`settings` builds it so), and compares as text.
   */
  async saveSettings(userId: string, settings: NotificationSettings, executor: SqlExecutor = this.db): Promise<boolean> {
    const result = await executor.run(
      `INSERT INTO notification_settings (user_id, email, digest_time, time_zone, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, digest_time = excluded.digest_time,
         time_zone = excluded.time_zone, updated_at = excluded.updated_at
       WHERE notification_settings.email <> excluded.email OR notification_settings.digest_time <> excluded.digest_time
         OR notification_settings.time_zone <> excluded.time_zone`,
      [userId, JSON.stringify(settings.email), settings.digestTime, settings.timeZone, Date.now()],
    );
    return result.changes > 0;
  }

  async createWebhook(webhook: StoredWebhook, createdBy: string, tx: SqlExecutor = this.db): Promise<void> {
    await tx.run(
      'INSERT INTO webhook_endpoints (id, url, kinds, description, secret, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [webhook.id, webhook.url, JSON.stringify(webhook.kinds), webhook.description, webhook.secret, createdBy, webhook.createdAt],
    );
  }

  async webhooks(): Promise<WebhookDto[]> {
    const rows = await this.db.all<{ id: string; url: string; kinds: string; description: string; created_at: number }>(
      'SELECT id, url, kinds, description, created_at FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at',
      [],
    );
    return rows.map((row) => ({
      id: row.id,
      url: row.url,
      kinds: JSON.parse(row.kinds) as NotificationKind[],
      description: row.description,
      createdAt: Number(row.created_at),
    }));
  }

  async webhook(id: string): Promise<WebhookDto | undefined> {
    return (await this.webhooks()).find((webhook) => webhook.id === id);
  }

  /** Deletes the endpoint; its messages still waiting are dropped (marked failed). */
  async deleteWebhook(id: string, tx: SqlExecutor = this.db): Promise<boolean> {
    const changed = await tx.run('UPDATE webhook_endpoints SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL', [
      Date.now(),
      id,
    ]);
    await tx.run(
      "UPDATE notification_outbox SET status = 'failed', last_error = 'endpoint deleted' WHERE endpoint_id = ? AND status IN ('pending', 'retry')",
      [id],
    );
    return changed.changes > 0;
  }

  async deliveries(endpointId: string, limit = 100): Promise<WebhookDelivery[]> {
    const rows = await this.db.all<{
      id: number;
      message_id: string;
      kind: string;
      attempt: number;
      at: number;
      ok: number;
      response_status: number | null;
      error: string | null;
      duration_ms: number;
      status: WebhookDelivery['messageStatus'] | null;
    }>(
      `SELECT d.id, d.message_id, d.kind, d.attempt, d.at, d.ok, d.response_status, d.error, d.duration_ms, o.status
       FROM webhook_deliveries d LEFT JOIN notification_outbox o ON o.id = d.outbox_id
       WHERE d.endpoint_id = ? ORDER BY d.id DESC LIMIT ?`,
      [endpointId, limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      messageId: row.message_id,
      kind: row.kind,
      attempt: Number(row.attempt),
      at: Number(row.at),
      ok: Number(row.ok) === 1,
      responseStatus: row.response_status === null ? null : Number(row.response_status),
      error: row.error,
      durationMs: Number(row.duration_ms),
      messageStatus: row.status ?? 'failed',
    }));
  }
}
