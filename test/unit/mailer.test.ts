/**
 * The mail thread is started by the first email and stopped after a quiet spell, so a board pays
 * its memory only while it sends; an email after the stop starts a new one and is still delivered
 * (written to DATA_DIR/mail without SMTP_URL).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer, type Mailer, type OutgoingEmail } from '../../server/src/notifications/mailer.ts';

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
});
