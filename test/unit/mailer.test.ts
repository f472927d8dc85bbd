/**
 * The mail thread is started by the first email and stopped after a quiet spell, so a board pays
 * its memory only while it sends; an email after the stop starts a new one and is still delivered
 * (written to DATA_DIR/mail without SMTP_URL). Emails that come together are handed to it in
 * batches, each still written to a file of its own. On Linux it runs at a lower priority than the
 * rest of the process (a nice value of its own), so that the event loop wins a busy core.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer, type Mailer, type MailFromThread, type OutgoingEmail } from '../../server/src/notifications/mailer.ts';

const quiet = { info() {}, warn() {}, error() {}, debug() {} } as unknown as FastifyBaseLogger;

function email(n: number): OutgoingEmail {
  return {
    to: `member${n}@example.org`,
    subject: `Invitation ${n}`,
    text: 'Welcome to the board.',
    html: '<p>Welcome to the board.</p>',
    headers: {},
    messageId: `<test-${n}@plenary.test>`,
  };
}

/**
 * The nice value of each thread of this process, by thread id (Linux: /proc/self/task/TID/stat).
 * A thread that ends between the listing and the read (Vitest's and V8's come and go) is left out.
 */
function niceOfThreads(): Map<string, number> {
  const nice = new Map<string, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ESRCH') continue;
      throw error;
    }
    // Fields after the command name: state is the 3rd field of stat, nice the 19th.
    nice.set(tid, Number(stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[16]));
  }
  return nice;
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('mail thread', () => {
  let mailer: Mailer | null = null;
  let dataDir = '';
  afterEach(() => {
    mailer?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts at the first email, stops after a quiet spell, and starts again for the next', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-mailer-'));
    mailer = createMailer({ smtpUrl: undefined, from: 'board@example.org', dataDir, log: quiet, idleMs: 200 });
    expect(mailer.running).toBe(false);

    await mailer.send(email(1));
    expect(mailer.running).toBe(true);
    await until(() => mailer?.running === false);

    await mailer.send(email(2));
    const written = fs
      .readdirSync(path.join(dataDir, 'mail'))
      .map((file) => fs.readFileSync(path.join(dataDir, 'mail', file), 'utf8'));
    expect(written).toHaveLength(2);
    expect(written.some((text) => text.includes('Subject: Invitation 2'))).toBe(true);
  });

  it('keeps the thread while emails keep coming', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-mailer-'));
    mailer = createMailer({ smtpUrl: undefined, from: 'board@example.org', dataDir, log: quiet, idleMs: 400 });
    for (let n = 0; n < 5; n++) {
      await mailer.send(email(n));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(mailer.running).toBe(true);
    }
  });

  it('writes every email of a burst handed over in batches, each in its own file, with Unix line ends', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-mailer-'));
    mailer = createMailer({ smtpUrl: undefined, from: 'board@example.org', dataDir, log: quiet, idleMs: 5_000 });
    const burst = Array.from({ length: 45 }, (_, n) => ({ ...email(n), text: 'Stop emails about mentions: “the budget”.' }));
    await Promise.all(burst.map((message) => mailer!.send(message)));
    const files = fs.readdirSync(path.join(dataDir, 'mail'));
    expect(files).toHaveLength(45);
    const written = files.map((file) => fs.readFileSync(path.join(dataDir, 'mail', file), 'utf8'));
    for (let n = 0; n < 45; n++) expect(written.filter((text) => text.includes(`Subject: Invitation ${n}\n`))).toHaveLength(1);
    for (const text of written) {
      expect(text).not.toContain('\r');
      // The body quoted-printable, as nodemailer encodes non-ASCII text.
      expect(text).toContain('Stop emails about mentions: =E2=80=9Cthe budget=E2=80=9D.');
    }
  });

  it.skipIf(!fs.existsSync('/proc/thread-self'))(
    'lowers its own priority only, not the event loop’s or the thread pool’s',
    async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-mailer-'));
      const before = niceOfThreads();
      mailer = createMailer({ smtpUrl: undefined, from: 'board@example.org', dataDir, log: quiet, idleMs: 5_000 });
      await mailer.send(email(1));
      const after = niceOfThreads();
      const started = [...after].filter(([tid]) => !before.has(tid));
      // The mail thread at 10; every thread that was there before (the event loop's among them) as it was.
      expect(started.filter(([, nice]) => nice === 10)).toHaveLength(1);
      for (const [tid, nice] of before) if (after.has(tid)) expect(after.get(tid)).toBe(nice);
      const mine = path.basename(fs.readlinkSync('/proc/thread-self'));
      expect(after.get(mine)).toBe(0);
    },
  );

  it.skipIf(!fs.existsSync('/proc/thread-self'))(
    'lowers it before loading nodemailer, so that its start does not compete with the event loop',
    async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-mailer-'));
      // The thread's entry, as createMailer starts it; its first message says its nice value as mailWorker.ts began.
      const thread = new Worker(new URL('../../server/src/notifications/mailThread.mjs', import.meta.url), {
        workerData: { smtpUrl: undefined, from: 'board@example.org', dataDir },
      });
      try {
        const first = await new Promise<MailFromThread>((resolve, reject) => {
          thread.once('message', resolve);
          thread.once('error', reject);
        });
        expect(first).toEqual({ ready: true, niceAtLoad: 10 });
      } finally {
        await thread.terminate();
      }
    },
  );
});
