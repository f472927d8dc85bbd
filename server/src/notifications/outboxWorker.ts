/**
 * The outbox worker: every tick it claims due messages and sends them (emails through the
 * mailer, webhooks by HTTPS POST), queues the digests whose hour has come in each person's time
 * zone, and looks for actions falling due. A failure is retried with exponential backoff for 24
 * hours; nothing here runs inside a request, so a dead SMTP server or endpoint only delays.
 *
 * The worker shares the event loop with the edits the server relays: the messages of a claim are
 * sent concurrently (an SMTP server answers slowly), but each email is composed and handed to the
 * mailer in an event-loop turn of its own, so that a burst of emails (1-2 ms of rendering and MIME
 * encoding each) never holds the loop for more than one of them at a time, and only while the
 * loop is quiet (quietTurns.ts): during a burst of requests the emails wait (a second each at
 * most) and go once it is over, instead of taking a third of the loop from the edits.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { NotificationConfig } from '../config.ts';
import type { Store } from '../storage/store.ts';
import { type AccountEmail, composeAccountEmail } from './accountEmails.ts';
import { CallNotices } from './callNotices.ts';
import { composeEmail, mainKind } from './emailCompose.ts';
import type { Mailer } from './mailer.ts';
import { type Notifier, newId } from './notify.ts';
import type { ComposedEmail, OutboxRow, OutboxStore } from './outboxStore.ts';
import { QuietTurns } from './quietTurns.ts';
import { unsubscribeToken, webhookSignature } from './signing.ts';
import { addDays, localDateTime } from './timeZones.ts';
import { postWebhook } from './webhookPost.ts';

/** Deliveries are retried for this long after the message was written, then given up. */
export const RETRY_FOR_MS = 24 * 60 * 60 * 1000;
/** A claimed message not finished in this time (its instance died) is due again. */
const LEASE_MS = 2 * 60 * 1000;
const BATCH = 20;
const WEBHOOK_TIMEOUT_MS = 10_000;
/** Periodic checks (due actions, digests, orphans) run at most this often. */
const CHECK_EVERY_MS = 60_000;
/** How long after the chosen time a day's digest may still go. */
const DIGEST_WINDOW_MINUTES = 60;

const minutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export interface OutboxWorkerOptions {
  store: Store;
  outbox: OutboxStore;
  mailer: Mailer;
  /** Tells owners of actions falling due (the periodic check). */
  notify: Notifier;
  config: NotificationConfig;
  origin: string;
  log: FastifyBaseLogger;
  unsubscribeKey: Buffer;
  /** When emails are composed (tests pass their own); by default one per turn while the loop is quiet. */
  turns?: QuietTurns;
}

export class OutboxWorker {
  private readonly options: OutboxWorkerOptions;
  private readonly id = `w_${randomBytes(6).toString('hex')}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastChecks = 0;
  private deadClaimsReleased = false;
  private readonly calls: CallNotices;
  private readonly turns: QuietTurns;

  constructor(options: OutboxWorkerOptions) {
    this.options = options;
    this.turns = options.turns ?? new QuietTurns();
    this.calls = new CallNotices(options.store.db, options.notify);
  }

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((error: unknown) => this.options.log.error({ err: error }, 'notification outbox tick failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.options.config.tickMs);
        });
    };
    this.timer = setTimeout(loop, Math.min(this.options.config.tickMs, 1000));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round: periodic checks when due, then every due message (batch after batch). */
  async tick(now = Date.now()): Promise<void> {
    if (!this.deadClaimsReleased) {
      this.deadClaimsReleased = true;
      const released = await this.options.outbox.releaseDeadClaims(now);
      if (released > 0)
        this.options.log.info({ released }, 'notification outbox: messages claimed before a restart are due again');
    }
    if (now - this.lastChecks >= Math.min(CHECK_EVERY_MS, this.options.config.tickMs * 10)) {
      this.lastChecks = now;
      await this.checkDueActions(now);
      await this.calls.check(now);
      await this.queueDigests(now);
      await this.requeueOrphans(now);
    }
    for (let round = 0; round < 50 && !this.stopped; round++) {
      const rows = await this.options.outbox.claim(this.id, BATCH, LEASE_MS);
      if (rows.length === 0) return;
      await Promise.all(rows.map((row) => this.deliver(row)));
    }
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { outbox, log, config } = this.options;
    try {
      if (row.channel === 'webhook') await this.sendWebhook(row);
      else if (row.channel === 'account') await this.sendAccountEmail(row);
      else await this.sendEmail(row);
      await outbox.markSent(row.id, this.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const delay = config.backoffBaseMs * 2 ** Math.min(row.attempts - 1, 30);
      const retryAt = Date.now() + delay;
      const giveUp = retryAt - row.created_at > RETRY_FOR_MS;
      log.warn(
        { outboxId: row.id, channel: row.channel, attempt: row.attempts, err: message, giveUp },
        'notification delivery failed',
      );
      await outbox.markFailed(row.id, this.id, message, giveUp ? null : retryAt);
    }
  }

  private async sendEmail(row: OutboxRow): Promise<void> {
    const { store, mailer, origin, unsubscribeKey } = this.options;
    const composed = JSON.parse(row.payload!) as ComposedEmail;
    if (composed.items.length === 0) return; // everything already went in an earlier email
    await mailer.ready?.();
    // In a quiet turn of its own: the person is read (after the wait, up to a second: right
    // before the email leaves) and the email composed, and the next email's turn waits for both.
    const email = await this.turns.run(async () => {
      const user = await store.users.byId(composed.userId);
      if (!user || user.disabled) return null;
      const kind = composed.digest ? 'digest' : mainKind(composed.items);
      const token = unsubscribeToken(unsubscribeKey, { userId: user.id, kind });
      return composeEmail({
        to: user.email,
        // The person's stored language; one who never chose reads English (an email has no browser to ask).
        language: user.language ?? 'en',
        origin,
        items: composed.items,
        more: composed.more,
        digest: composed.digest,
        unsubscribeUrl: `${origin}/api/unsubscribe/${token}`,
        messageId: `<${row.message_id}@plenary>`,
      });
    });
    if (email) await mailer.send(email);
  }

  /** An invitation, password reset or registration confirmation; never to a person deactivated since. */
  private async sendAccountEmail(row: OutboxRow): Promise<void> {
    const email = JSON.parse(row.payload!) as AccountEmail;
    await this.options.mailer.ready?.();
    const composed = await this.turns.run(async () => {
      const user = await this.options.store.users.byId(email.userId);
      return user && !user.disabled ? composeAccountEmail(email, `<${row.message_id}@plenary>`) : null;
    });
    if (composed) await this.options.mailer.send(composed);
  }

  private async sendWebhook(row: OutboxRow): Promise<void> {
    const { outbox } = this.options;
    const endpoint = await outbox.endpoint(row.endpoint_id!);
    if (!endpoint || endpoint.deleted) return;
    const body = row.payload!;
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    let status: number | null = null;
    try {
      status = await postWebhook({
        url: endpoint.url,
        headers: {
          'content-type': 'application/json',
          'webhook-id': row.message_id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': webhookSignature(endpoint.secret, row.message_id, timestamp, body),
          'user-agent': 'Plenary-Webhooks/1',
        },
        body,
        timeoutMs: WEBHOOK_TIMEOUT_MS,
        allowLoopbackHttp: this.options.config.webhooksAllowLoopbackHttp,
      });
      if (status < 200 || status >= 300) throw new Error(`the endpoint answered ${status}`);
      await outbox.recordDelivery(row, { ok: true, status, error: null, durationMs: performance.now() - started });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await outbox.recordDelivery(row, { ok: false, status, error: message, durationMs: performance.now() - started });
      throw error;
    }
  }

  /** Actions due within 3 days, and overdue ones: told once per due date (the notification's dedupe key). */
  private async checkDueActions(now: number): Promise<void> {
    const today = new Date(now).toISOString().slice(0, 10);
    const soon = addDays(today, 3);
    const actions = await this.options.outbox.actionsDueBy(soon);
    for (const action of actions) {
      const type = action.due_end < today ? 'action.overdue' : 'action.due';
      await this.options.store.db.transaction((tx) =>
        this.options.notify.emit(tx, {
          type,
          actionId: action.id,
          userId: action.owner_user_id,
          dueEnd: action.due_end,
          dueLabel: action.due_label,
        }),
      );
    }
  }

  /**
   * A digest is due in the hour after the person's chosen time on their local day (once per local
   * date). What arrives after it waits for the next day's; a day whose hour the server missed
   * entirely goes into the next day's digest.
   */
  private async queueDigests(now: number): Promise<void> {
    for (const candidate of await this.options.outbox.digestCandidates()) {
      const local = localDateTime(now, candidate.timeZone);
      const since = minutes(local.time) - minutes(candidate.digestTime);
      if (since >= 0 && since < DIGEST_WINDOW_MINUTES) {
        await this.options.outbox.queueDigest(candidate.userId, local.date, `dg_${newId()}`);
      }
    }
  }

  private async requeueOrphans(now: number): Promise<void> {
    for (const userId of await this.options.outbox.orphans(now - Math.max(this.options.config.coalesceMs, 1000) - 60_000)) {
      await this.options.store.db.transaction((tx) =>
        tx.run(
          `INSERT INTO notification_outbox (channel, user_id, message_id, kind, status, due_at, created_at)
           VALUES ('email', ?, ?, 'email', 'pending', ?, ?) ON CONFLICT (user_id) WHERE channel = 'email' AND status = 'pending' DO NOTHING`,
          [userId, newId(), now, now],
        ),
      );
    }
  }
}
