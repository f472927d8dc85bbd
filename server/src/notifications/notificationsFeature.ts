/**
 * Notifications: the inbox, email (immediate, daily digest, one-click unsubscribe) and the
 * secretariat's webhooks. Other features call `context.notify.emit(tx, event)` inside their
 * transactions; the outbox worker here sends what they wrote.
 */
import type { Feature } from '../feature.ts';
import { AgendaChangeNotices } from './agendaChanges.ts';
import { createMailer } from './mailer.ts';
import { NOTIFICATION_MIGRATIONS } from './migrations.ts';
import { notificationRoutes } from './notificationRoutes.ts';
import { NotificationService } from './notificationService.ts';
import { NotificationStore } from './notificationStore.ts';
import { OutboxStore } from './outboxStore.ts';
import { OutboxWorker } from './outboxWorker.ts';
import { unsubscribeRoutes } from './unsubscribeRoutes.ts';
import { webhookRoutes } from './webhookRoutes.ts';

export const notificationsFeature: Feature = {
  name: 'notifications',
  migrations: NOTIFICATION_MIGRATIONS,
  async register({ http, store, collab, config, log, notify }) {
    const origin = config.publicOrigins[0]!;
    const unsubscribeKey = await store.settings.secret('notifications.unsubscribeKey');
    const notifications = new NotificationStore(store.db);
    const service = new NotificationService({ store, notifications, config: config.notifications, unsubscribeKey });
    await http.register(notificationRoutes, { service });
    await http.register(unsubscribeRoutes, { service });
    await http.register(webhookRoutes, { service });

    const mailer = createMailer({
      smtpUrl: config.notifications.smtpUrl,
      from: config.notifications.mailFrom,
      dataDir: config.dataDir,
      log,
    });
    const worker = new OutboxWorker({
      store,
      outbox: new OutboxStore(store.db),
      mailer,
      notify,
      config: config.notifications,
      origin,
      log,
      unsubscribeKey,
    });
    // Agenda edits after a named version: told from where the agenda document is stored.
    const agendaChanges = new AgendaChangeNotices(store.db, notify, log);
    collab.configuration.extensions.push(agendaChanges);

    http.addHook('onReady', async () => worker.start());
    http.addHook('onClose', async () => {
      await agendaChanges.drain();
      await worker.stop();
      mailer.close();
    });
  },
};
