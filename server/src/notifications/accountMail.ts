/**
 * Queues an account email (see accountEmails.ts) in the notification outbox, through the
 * transaction of the change that makes the link: the email leaves only if the invitation, reset
 * or registration is committed, and a dead SMTP server delays it without failing the request.
 * The outbox worker sends it (channel `account`) and then empties the row's payload, so that the
 * link does not stay in the database.
 */
import type { SqlExecutor } from '../storage/db.ts';
import type { AccountEmail } from './accountEmails.ts';
import { newId } from './notify.ts';

export type QueueAccountEmail = (tx: SqlExecutor, email: AccountEmail) => Promise<void>;

export const queueAccountEmail: QueueAccountEmail = async (tx, email) => {
  const now = Date.now();
  await tx.run(
    `INSERT INTO notification_outbox (channel, user_id, message_id, kind, payload, status, due_at, created_at)
     VALUES ('account', ?, ?, ?, ?, 'pending', ?, ?)`,
    [email.userId, `ac_${newId()}`, email.kind, JSON.stringify(email), now, now],
  );
};
