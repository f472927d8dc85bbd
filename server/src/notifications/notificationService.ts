/**
 * The inbox, email settings, one-click unsubscribe and webhook endpoints. Changes are written
 * with their audit entries in one transaction.
 */

import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  type EmailMode,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationList,
  type NotificationSettings,
  type NotificationSettingsPatch,
  type WebhookDelivery,
  type WebhookDto,
} from '../../../shared/schemas/notifications.ts';
import type { NotificationConfig } from '../config.ts';
import { AppError, forbidden, notFound } from '../http/appError.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import { kindName, type Language, notificationText } from './emailStrings.ts';
import { notificationPolicy } from './notificationPolicy.ts';
import type { NotificationStore } from './notificationStore.ts';
import { newWebhookSecret, readUnsubscribeToken } from './signing.ts';
import { isTimeZone } from './timeZones.ts';
import { isInternalHost, webhookHost } from './webhookAddress.ts';

export interface NotificationServiceOptions {
  store: Store;
  notifications: NotificationStore;
  config: NotificationConfig;
  unsubscribeKey: Buffer;
}

const isKind = (kind: string): kind is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(kind);

export class NotificationService {
  private readonly options: NotificationServiceOptions;

  constructor(options: NotificationServiceOptions) {
    this.options = options;
  }

  async list(
    user: User,
    query: { limit?: number | undefined; unread?: boolean | undefined },
    language: Language,
  ): Promise<NotificationList> {
    const { notifications } = this.options;
    const items = await notifications.list(user.id, { limit: query.limit ?? 50, unreadOnly: query.unread ?? false });
    return {
      unread: await notifications.unreadCount(user.id),
      items: items.map((item) => ({
        id: item.id,
        kind: item.kind,
        at: item.at,
        read: item.read,
        link: item.link,
        text: notificationText(language, item.kind, item.params),
      })),
    };
  }

  async markRead(user: User, ids: string[] | undefined): Promise<number> {
    await this.options.notifications.markRead(user.id, ids);
    return this.options.notifications.unreadCount(user.id);
  }

  settings(user: User): Promise<NotificationSettings> {
    return this.options.notifications.settings(user.id);
  }

  async updateSettings(user: User, patch: NotificationSettingsPatch): Promise<NotificationSettings> {
    const { store, notifications } = this.options;
    for (const kind of Object.keys(patch.email ?? {})) {
      if (!isKind(kind))
        throw new AppError('UNKNOWN_NOTIFICATION_KIND', `email.${kind}: there is no such kind of notification.`, {
          field: `email.${kind}`,
        });
    }
    if (patch.timeZone !== undefined && !isTimeZone(patch.timeZone)) {
      throw new AppError('UNKNOWN_TIME_ZONE', `timeZone: ${patch.timeZone} is not a known time zone.`, { field: 'timeZone' });
    }
    return store.db.transaction(async (tx) => {
      const current = await notifications.settings(user.id, tx);
      const next: NotificationSettings = {
        email: { ...current.email, ...(patch.email ?? {}) },
        digestTime: patch.digestTime ?? current.digestTime,
        timeZone: patch.timeZone ?? current.timeZone,
      };
      // The settings they already have (a second save, two tabs): answered, nothing written or
      // recorded. Compared first for a person without a row, whose defaults given again would
      // otherwise insert one; the upsert's own condition decides between identical requests at once.
      if (isDeepStrictEqual(next, current) || !(await notifications.saveSettings(user.id, next, tx))) return next;
      await store.audit.record(
        { actorId: user.id, action: 'notifications.settings', subject: `user:${user.id}`, detail: patch },
        tx,
      );
      return next;
    });
  }

  /**
   * What an unsubscribe link would turn off, for its confirmation page, in the language of the
   * person it belongs to (the email's language; `fallback` when they never chose one); null when
   * the link is not valid.
   */
  async describeUnsubscribe(token: string, fallback: Language): Promise<{ kindName: string; language: Language } | null> {
    const claim = readUnsubscribeToken(this.options.unsubscribeKey, token);
    const person = claim ? await this.options.store.users.byId(claim.userId) : undefined;
    if (!claim || !person) return null;
    if (claim.kind !== 'digest' && !isKind(claim.kind)) return null;
    const language = person.language ?? fallback;
    return { kindName: kindName(language, claim.kind), language };
  }

  /**
   * One-click unsubscribe: the kind (or every kind in the digest) goes to `off`. Idempotent: a link
   * followed again (a mail client's retry, a second click) answers the same and records nothing.
   */
  async unsubscribe(token: string): Promise<{ kinds: NotificationKind[] }> {
    const { store, notifications, unsubscribeKey } = this.options;
    const claim = readUnsubscribeToken(unsubscribeKey, token);
    if (!claim || !(await store.users.byId(claim.userId)) || (claim.kind !== 'digest' && !isKind(claim.kind))) {
      throw new AppError('UNSUBSCRIBE_LINK_INVALID', 'This unsubscribe link is not valid.');
    }
    return store.db.transaction(async (tx) => {
      const current = await notifications.settings(claim.userId, tx);
      const kinds =
        claim.kind === 'digest'
          ? NOTIFICATION_KINDS.filter((kind) => current.email[kind] === 'digest')
          : [claim.kind as NotificationKind];
      const email: Record<string, EmailMode> = { ...current.email };
      for (const kind of kinds) email[kind] = 'off';
      // Already off: nothing is written (not even a row of defaults for a person without one). The
      // upsert's own changed-row count decides between identical requests at the same moment, which
      // all read the settings as they were before any of them wrote.
      if (
        isDeepStrictEqual(email, current.email) ||
        !(await notifications.saveSettings(claim.userId, { ...current, email }, tx))
      ) {
        return { kinds };
      }
      await store.audit.record(
        { actorId: claim.userId, action: 'notifications.unsubscribe', subject: `user:${claim.userId}`, detail: { kinds } },
        tx,
      );
      return { kinds };
    });
  }

  private requireWebhooks(user: User): void {
    if (!notificationPolicy.manageWebhooks(user)) throw forbidden('Only the secretariat may manage webhooks.');
  }

  async createWebhook(
    user: User,
    input: { url: string; kinds: NotificationKind[]; description?: string | undefined },
  ): Promise<WebhookDto & { secret: string }> {
    this.requireWebhooks(user);
    this.checkUrl(input.url);
    const { store, notifications } = this.options;
    const webhook = {
      id: `wh_${randomBytes(9).toString('base64url')}`,
      url: input.url,
      kinds: [...new Set(input.kinds)],
      description: (input.description ?? '').trim(),
      createdAt: Date.now(),
      secret: newWebhookSecret(),
    };
    await store.db.transaction(async (tx) => {
      await notifications.createWebhook(webhook, user.id, tx);
      await store.audit.record(
        {
          actorId: user.id,
          action: 'webhook.create',
          subject: `webhook:${webhook.id}`,
          detail: { url: webhook.url, kinds: webhook.kinds },
        },
        tx,
      );
    });
    return webhook;
  }

  async webhooks(user: User): Promise<WebhookDto[]> {
    this.requireWebhooks(user);
    return this.options.notifications.webhooks();
  }

  async deleteWebhook(user: User, id: string): Promise<void> {
    this.requireWebhooks(user);
    const { store, notifications } = this.options;
    await store.db.transaction(async (tx) => {
      if (!(await notifications.deleteWebhook(id, tx))) throw notFound('The webhook');
      await store.audit.record({ actorId: user.id, action: 'webhook.delete', subject: `webhook:${id}` }, tx);
    });
  }

  async deliveries(user: User, id: string): Promise<WebhookDelivery[]> {
    this.requireWebhooks(user);
    if (!(await this.options.notifications.webhook(id))) throw notFound('The webhook');
    return this.options.notifications.deliveries(id);
  }

  /** HTTPS only (the payload and its signature cross the internet); http://127.0.0.1 only when tests allow it. */
  private checkUrl(value: string): void {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new AppError('WEBHOOK_URL_REFUSED', 'url: not a URL.', { field: 'url' });
    }
    // One spelling of the host for every check: `localhost.` and `LOCALHOST.` are `localhost`.
    const host = webhookHost(url);
    const loopbackHttp = url.protocol === 'http:' && host === '127.0.0.1' && this.options.config.webhooksAllowLoopbackHttp;
    if (url.protocol !== 'https:' && !loopbackHttp) {
      throw new AppError('WEBHOOK_URL_REFUSED', 'url: a webhook endpoint must be an https:// URL.', { field: 'url' });
    }
    const internal = isInternalHost(host);
    if (internal && !loopbackHttp) {
      throw new AppError(
        'WEBHOOK_URL_REFUSED',
        'url: a webhook endpoint must be on the internet, not a local or private address.',
        { field: 'url' },
      );
    }
    if (url.username || url.password) {
      throw new AppError('WEBHOOK_URL_REFUSED', 'url: put no user name or password in the URL; check the signature instead.', {
        field: 'url',
      });
    }
  }
}
