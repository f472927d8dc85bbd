/**
 * Sends an email through nodemailer: to the SMTP server of `SMTP_URL`, or, without one, into
 * `DATA_DIR/mail/<id>.eml` with a log line, so that a fresh `npm start` shows what it would send.
 *
 * nodemailer runs in a worker thread (mailWorker.ts): building a message's MIME (headers,
 * quoted-printable bodies, addresses) took 1-2 ms of the event loop an email, and a burst of 500
 * mentions' emails (S16) took a third of the loop from the edits it relays. Here only the message
 * (plain data) is handed over. A worker that dies fails the messages it held (the outbox retries
 * them) and the next message starts a new one.
 */
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';

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

/** What the mail thread is started with. */
export interface MailSetup {
  smtpUrl: string | undefined;
  from: string;
  dataDir: string;
}

/** A message to the mail thread. */
export type MailToThread = { type: 'send'; id: number; email: OutgoingEmail } | { type: 'close' };

/** The mail thread's answer to one message: the file written without SMTP_URL, or the error. */
interface MailFromThread {
  id: number;
  file?: string | null;
  error?: string;
}

interface Waiting {
  email: OutgoingEmail;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** One mail thread and the messages it holds. */
class MailThread {
  readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  dead = false;

  constructor(setup: MailSetup, log: FastifyBaseLogger) {
    this.worker = new Worker(new URL('./mailWorker.ts', import.meta.url), { workerData: setup });
    // Idle, it does not keep the process alive; holding messages, it does (see send).
    this.worker.unref();
    this.worker.on('message', ({ id, file, error }: MailFromThread) => {
      const waiting = this.waiting.get(id);
      if (!waiting) return;
      this.waiting.delete(id);
      if (this.waiting.size === 0) this.worker.unref();
      if (error !== undefined) return waiting.reject(new Error(error));
      if (file) log.info({ to: waiting.email.to, subject: waiting.email.subject, file }, 'email written (no SMTP_URL)');
      waiting.resolve();
    });
    const fail = (why: string) => {
      this.dead = true;
      for (const waiting of this.waiting.values()) waiting.reject(new Error(why));
      this.waiting.clear();
    };
    this.worker.once('error', (error) => fail(`the mail thread failed: ${error.message}`));
    this.worker.once('exit', (code) => fail(`the mail thread exited (${code})`));
  }

  send(email: OutgoingEmail): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { email, resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ type: 'send', id, email } satisfies MailToThread);
    });
  }
}

export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  dataDir: string;
  log: FastifyBaseLogger;
}): Mailer {
  const setup: MailSetup = { smtpUrl: options.smtpUrl, from: options.from, dataDir: options.dataDir };
  // Started now, not at the first email: a thread still loading nodemailer would hold that email
  // for a few hundred milliseconds after the worker checked that its person may still get it.
  let thread: MailThread | null = new MailThread(setup, options.log);
  return {
    send(email) {
      if (!thread || thread.dead) thread = new MailThread(setup, options.log);
      return thread.send(email);
    },
    close() {
      thread?.worker.postMessage({ type: 'close' } satisfies MailToThread);
      thread = null;
    },
  };
}
