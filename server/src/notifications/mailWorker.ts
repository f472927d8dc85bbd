/**
 * The worker thread of mailer.ts, loaded by mailThread.mjs once the thread's priority is lowered:
 * nodemailer builds each message (MIME encoding, about 1 ms an email) and sends it to the SMTP
 * server of `SMTP_URL`, or writes it into `DATA_DIR/mail/<id>.eml` without one, here rather than
 * on the event loop that relays the edits. Answers each message with its id, and the file written
 * (or the error).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailFromThread, MailOutcome, MailSetup, MailToThread, OutgoingEmail } from './mailer.ts';

const { smtpUrl, from, dataDir } = workerData as MailSetup;
// This thread's nice value as this module starts, after its imports (nodemailer) have loaded: 10
// on Linux when mailThread.mjs lowered it first, as it should. Said in the ready message
// (test/unit/mailer.test.ts). On Linux `getpriority` for "this process" answers for the calling thread.
const niceAtLoad = os.getPriority();

// No stack traces in this thread: Node's stream `pipeline`, which nodemailer runs three times an
// email, ends by aborting an AbortController, and the abort builds a DOMException whose stack
// capture cost about 50 µs an email. Only an error's message leaves the thread, so its stack was
// never read.
Error.stackTraceLimit = 0;

// Short timeouts: a dead SMTP server delays delivery (the worker retries), it never hangs it.
// Without SMTP_URL no transport is loaded (see send): nodemailer's index loads every transport,
// some 17 ms of the thread's start-up.
const transport = smtpUrl
  ? (await import('nodemailer')).default.createTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as Parameters<typeof import('nodemailer').createTransport>[0])
  : null;
const folder = path.join(dataDir, 'mail');

/**
 * The message with every CR removed, in place: what the stream transport's `newline: 'unix'` did
 * (its LeUnix stream), here on the whole buffer rather than pushing each line as a chunk.
 */
function toUnixLines(message: Buffer): Buffer {
  let kept = 0;
  for (let i = 0; i < message.length; i++) {
    const byte = message[i]!;
    if (byte !== 0x0d) message[kept++] = byte;
  }
  return message.subarray(0, kept);
}

/**
 * Writes the .eml file on this thread, synchronously: this thread has nothing else to do meanwhile
 * (no SMTP socket without SMTP_URL), and `fs.promises` sent the mkdir, open, write and close of
 * each email to the libuv pool, one thread wake-up each (about 0.5 ms of the pool's CPU an email
 * in S16's pace, against 0.3 ms for the same calls here). The folder is made at the first email
 * and again if it went away.
 */
function writeEml(file: string, message: Buffer): void {
  try {
    writeFileSync(file, message);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, message);
  }
}

/**
 * Sends `email`; without SMTP_URL, the file it was written to. That file is nodemailer's
 * MailComposer output, which is what its stream transport buffers (the same bytes), without the
 * transport's plugins, envelope and stream hand-over (about 0.2 ms an email less in a burst of
 * 500), with Unix line ends as before.
 */
async function send(email: OutgoingEmail): Promise<string | null> {
  if (transport) {
    await transport.sendMail({ from, ...email });
    return null;
  }
  const message = await new MailComposer({ from, ...email }).compile().build();
  const file = path.join(folder, `${Date.now()}-${email.messageId.replace(/[^A-Za-z0-9_-]/g, '_')}.eml`);
  writeEml(file, toUnixLines(message));
  return file;
}

parentPort!.on('message', (message: MailToThread) => {
  if (message.type === 'close') {
    transport?.close();
    parentPort!.close();
    return;
  }
  // The batch's emails go concurrently (an SMTP server answers slowly) and are answered together.
  const outcomes = message.emails.map(
    ({ id, email }): Promise<MailOutcome> =>
      send(email).then(
        (file) => ({ id, file }),
        (error: unknown) => ({ id, error: error instanceof Error ? error.message : String(error) }),
      ),
  );
  Promise.all(outcomes).then((sent) => parentPort!.postMessage({ sent } satisfies MailFromThread));
});
parentPort!.postMessage({ ready: true, niceAtLoad } satisfies MailFromThread);
