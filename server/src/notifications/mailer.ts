/**
 * Sends an email through nodemailer: to the SMTP server of `SMTP_URL`, or, without one, into
 * `DATA_DIR/mail/<id>.eml` with a log line, so that a fresh `npm start` shows what it would send.
 *
 * nodemailer runs in a worker thread (mailThread.mjs, then mailWorker.ts): building a message's MIME (headers,
 * quoted-printable bodies, addresses) took 1-2 ms of the event loop an email, and a burst of 500
 * mentions' emails (S16) took a third of the loop from the edits it relays. Here only the message
 * (plain data) is handed over. A worker that dies fails the messages it held (the outbox retries
 * them) and the next message starts a new one.
 *
 * Without SMTP_URL, emails are handed over in batches: the first one waits up to GATHER_MS for
 * others (at most GATHER_MAX), and the thread answers a batch at once. Woken for each email, the
 * thread spent about a third more CPU on it than on emails that came together (a probe of 500
 * emails 5 ms apart: the thread 0.85-0.9 ms an email one by one, 0.62-0.65 ms ten at a time; the
 * event loop's part of the hand-over and answer halved). With SMTP_URL each email goes at once:
 * its SMTP conversation costs far more than a wake-up, and an email held back stays claimed
 * ('sending') longer, which an instance that dies leaves to its lease.
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
  /**
   * Resolves once the mailer can send at once (its thread started and loaded): the outbox worker
   * waits for it before it checks that the person may still get the email, so that the check and
   * the sending are not a thread's start-up apart.
   */
  ready?(): Promise<void>;
  /** Whether a mail thread is running now (it stops after a quiet spell; see createMailer). */
  readonly running?: boolean;
  close(): void;
}

/** What the mail thread is started with. */
export interface MailSetup {
  smtpUrl: string | undefined;
  from: string;
  dataDir: string;
}

/** How long the first email of a batch waits for others (without SMTP_URL), and how many a batch holds at most. */
const GATHER_MS = 100;
const GATHER_MAX = 20;

/** A message to the mail thread: a batch of emails to send, or the end. */
export type MailToThread = { type: 'send'; emails: { id: number; email: OutgoingEmail }[] } | { type: 'close' };

/** How one email went: the file written without SMTP_URL, or the error. */
export interface MailOutcome {
  id: number;
  file?: string | null;
  error?: string;
}

/** The mail thread's answer to one batch, or its first word: ready, with its nice value as its modules loaded. */
export type MailFromThread = { sent: MailOutcome[] } | { ready: true; niceAtLoad: number };

interface Waiting {
  email: OutgoingEmail;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** One mail thread and the messages it holds. */
class MailThread {
  readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  /** Emails waiting for the rest of their batch, and the timer that hands them over. */
  private gathered: { id: number; email: OutgoingEmail }[] = [];
  private gathering: NodeJS.Timeout | null = null;
  private nextId = 0;
  dead = false;
  /** Resolves when the thread has loaded nodemailer (or is gone: sending then fails and is retried). */
  readonly ready: Promise<void>;

  /** How long the first email of a batch waits for others; 0: each goes at once. */
  private readonly gatherMs: number;

  constructor(setup: MailSetup, log: FastifyBaseLogger) {
    this.gatherMs = setup.smtpUrl ? 0 : GATHER_MS;
    this.worker = new Worker(new URL('./mailThread.mjs', import.meta.url), { workerData: setup });
    // Idle, it does not keep the process alive; holding messages, it does (see send).
    this.worker.unref();
    let started!: () => void;
    this.ready = new Promise<void>((resolve) => (started = resolve));
    this.worker.on('message', (message: MailFromThread) => {
      if ('ready' in message) return started();
      for (const { id, file, error } of message.sent) {
        const waiting = this.waiting.get(id);
        if (!waiting) continue;
        this.waiting.delete(id);
        if (error !== undefined) waiting.reject(new Error(error));
        else {
          if (file) log.info({ to: waiting.email.to, subject: waiting.email.subject, file }, 'email written (no SMTP_URL)');
          waiting.resolve();
        }
      }
      if (this.waiting.size === 0) this.worker.unref();
    });
    const fail = (why: string) => {
      this.dead = true;
      if (this.gathering) clearTimeout(this.gathering);
      this.gathering = null;
      this.gathered = [];
      started();
      for (const waiting of this.waiting.values()) waiting.reject(new Error(why));
      this.waiting.clear();
    };
    this.worker.once('error', (error) => fail(`the mail thread failed: ${error.message}`));
    this.worker.once('exit', (code) => fail(`the mail thread exited (${code})`));
  }

  /** How many messages it holds, not yet answered. */
  get holding(): number {
    return this.waiting.size;
  }

  send(email: OutgoingEmail): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { email, resolve, reject });
      this.worker.ref();
      this.gathered.push({ id, email });
      if (this.gatherMs === 0 || this.gathered.length >= GATHER_MAX) this.handOver();
      else this.gathering ??= setTimeout(() => this.handOver(), this.gatherMs);
    });
  }

  /** Hands the gathered emails to the thread in one message. */
  handOver(): void {
    if (this.gathering) clearTimeout(this.gathering);
    this.gathering = null;
    if (this.gathered.length === 0 || this.dead) return;
    this.worker.postMessage({ type: 'send', emails: this.gathered } satisfies MailToThread);
    this.gathered = [];
  }
}

export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  dataDir: string;
  log: FastifyBaseLogger;
  /** How long the thread stays after its last email (default a minute). */
  idleMs?: number;
}): Mailer {
  const setup: MailSetup = { smtpUrl: options.smtpUrl, from: options.from, dataDir: options.dataDir };
  const idleMs = options.idleMs ?? 60_000;
  // Started at the first email and stopped after a quiet minute, not kept with the server: a
  // thread of its own costs some 60 MB of memory, which a board pays only while it sends (an
  // invitation round, a burst of mentions, the morning digests).
  let thread: MailThread | null = null;
  let idle: NodeJS.Timeout | null = null;
  const stop = () => {
    // What was gathered still goes before the close.
    thread?.handOver();
    thread?.worker.postMessage({ type: 'close' } satisfies MailToThread);
    thread = null;
  };
  const busy = () => {
    if (idle) clearTimeout(idle);
    idle = null;
  };
  const quietFromNow = () => {
    busy();
    idle = setTimeout(() => {
      idle = null;
      if (thread && thread.holding === 0) stop();
    }, idleMs);
    idle.unref();
  };
  const current = () => {
    busy();
    if (!thread || thread.dead) thread = new MailThread(setup, options.log);
    return thread;
  };
  return {
    send: (email) => {
      const sent = current().send(email);
      sent.then(quietFromNow, quietFromNow);
      return sent;
    },
    ready: () => {
      const ready = current().ready;
      // Asked for and then not used (the person may no longer get the email): it still stops.
      ready.then(quietFromNow);
      return ready;
    },
    get running() {
      return thread !== null && !thread.dead;
    },
    close() {
      busy();
      stop();
    },
  };
}
