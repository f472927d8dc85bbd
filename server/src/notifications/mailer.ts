/**
 * Sends an email through nodemailer: to the SMTP server of `SMTP_URL`, or, without one, into
 * `DATA_DIR/mail/<id>.eml` with a log line, so that a fresh `npm start` shows what it would send.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** Stable across retries, so that a receiver can see a repeated message for what it is. */
  messageId: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  dataDir: string;
  log: FastifyBaseLogger;
}): Mailer {
  const { smtpUrl, from, dataDir, log } = options;
  if (smtpUrl) {
    // Short timeouts: a dead SMTP server delays delivery (the worker retries), it never hangs it.
    const transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    return {
      async send(email) {
        await transport.sendMail({ from, ...email });
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const folder = path.join(dataDir, 'mail');
  return {
    async send(email) {
      const info = (await transport.sendMail({ from, ...email })) as { message: Buffer };
      await fs.mkdir(folder, { recursive: true });
      const file = path.join(folder, `${Date.now()}-${email.messageId.replace(/[^A-Za-z0-9_-]/g, '_')}.eml`);
      await fs.writeFile(file, info.message);
      log.info({ to: email.to, subject: email.subject, file }, 'email written (no SMTP_URL)');
    },
    close: () => transport.close(),
  };
}
