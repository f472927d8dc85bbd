/**
 * The worker thread of mailer.ts: nodemailer builds each message (MIME encoding, about 1 ms an
 * email) and sends it to the SMTP server of `SMTP_URL`, or writes it into `DATA_DIR/mail/<id>.eml`
 * without one, here rather than on the event loop that relays the edits. Answers each message
 * with its id, and the file written (or the error).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import type { MailSetup, MailToThread, OutgoingEmail } from './mailer.ts';

const { smtpUrl, from, dataDir } = workerData as MailSetup;

// Short timeouts: a dead SMTP server delays delivery (the worker retries), it never hangs it.
const transport = smtpUrl
  ? nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as Parameters<typeof nodemailer.createTransport>[0])
  : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
const folder = path.join(dataDir, 'mail');

/** Sends `email`; without SMTP_URL, the file it was written to. */
async function send(email: OutgoingEmail): Promise<string | null> {
  if (smtpUrl) {
    await transport.sendMail({ from, ...email });
    return null;
  }
  const info = (await transport.sendMail({ from, ...email })) as { message: Buffer };
  await fs.mkdir(folder, { recursive: true });
  const file = path.join(folder, `${Date.now()}-${email.messageId.replace(/[^A-Za-z0-9_-]/g, '_')}.eml`);
  await fs.writeFile(file, info.message);
  return file;
}

parentPort!.on('message', (message: MailToThread) => {
  if (message.type === 'close') {
    transport.close();
    parentPort!.close();
    return;
  }
  send(message.email).then(
    (file) => parentPort!.postMessage({ id: message.id, file }),
    (error: unknown) =>
      parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
parentPort!.postMessage({ ready: true });
