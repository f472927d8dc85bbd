/** Notification building blocks: signatures, unsubscribe tokens, local time, email composition, configuration. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { composeEmail } from '../../server/src/notifications/emailCompose.ts';
import { readUnsubscribeToken, unsubscribeToken, webhookSignature } from '../../server/src/notifications/signing.ts';
import { localDateTime } from '../../server/src/notifications/timeZones.ts';

describe('webhook signature', () => {
  it('matches the Standard Webhooks example', () => {
    expect(
      webhookSignature(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});

describe('unsubscribe tokens', () => {
  const key = randomBytes(32);
  it('round-trip, fit a URL path segment, and refuse another key or a changed payload', () => {
    const token = unsubscribeToken(key, { userId: '6f1c2d4e-1111-4222-8333-944455556666', kind: 'proposal.comment' });
    expect(token.length).toBeLessThanOrEqual(100);
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(readUnsubscribeToken(key, token)).toEqual({
      userId: '6f1c2d4e-1111-4222-8333-944455556666',
      kind: 'proposal.comment',
    });
    expect(readUnsubscribeToken(randomBytes(32), token)).toBeNull();
    const [, mac] = token.split('.');
    const other = Buffer.from('someone-else:mention').toString('base64url');
    expect(readUnsubscribeToken(key, `${other}.${mac}`)).toBeNull();
    expect(readUnsubscribeToken(key, 'garbage')).toBeNull();
  });
});

describe('local time', () => {
  it('says the date and time of an instant in a time zone', () => {
    const at = Date.UTC(2026, 0, 31, 22, 30);
    expect(localDateTime(at, 'UTC')).toEqual({ date: '2026-01-31', time: '22:30' });
    expect(localDateTime(at, 'Asia/Tokyo')).toEqual({ date: '2026-02-01', time: '07:30' });
    expect(localDateTime(at, 'America/Sao_Paulo')).toEqual({ date: '2026-01-31', time: '19:30' });
  });
});

describe('composed email', () => {
  const items = Array.from({ length: 3 }, (_, index) => ({
    id: `n${index}`,
    kind: 'mention' as const,
    at: 0,
    read: false,
    link: `/meetings/m?thread=t${index}`,
    params: { actor: 'Ana <Souza>', title: 'Agenda & notes' },
  }));
  it('escapes HTML, links each item, says how many more, and carries the RFC 8058 headers', () => {
    const email = composeEmail({
      to: 'x@example.org',
      language: 'en',
      origin: 'https://board.example.org',
      items,
      more: 7,
      digest: true,
      unsubscribeUrl: 'https://board.example.org/api/unsubscribe/abc.def',
      messageId: '<m@plenary>',
    });
    expect(email.subject).toBe('[Plenary] Your daily digest: 10 notifications');
    expect(email.text).toContain('https://board.example.org/meetings/m?thread=t2');
    expect(email.text).toContain('…and 7 more');
    expect(email.html).toContain('Ana &lt;Souza&gt;');
    expect(email.html).not.toContain('<Souza>');
    expect(email.html).toContain('href="https://board.example.org/meetings/m?thread=t0"');
    expect(email.headers['List-Unsubscribe']).toBe('<https://board.example.org/api/unsubscribe/abc.def>');
    expect(email.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });
});

describe('configuration', () => {
  it('defaults to no SMTP (emails to files) and refuses a transport URL that is not SMTP', () => {
    const config = loadConfig({});
    expect(config.notifications).toEqual(
      expect.objectContaining({
        smtpUrl: undefined,
        coalesceMs: 60_000,
        backoffBaseMs: 30_000,
        webhooksAllowLoopbackHttp: false,
      }),
    );
    expect(loadConfig({ SMTP_URL: 'smtp://mail.example.org:587' }).notifications.smtpUrl).toBe('smtp://mail.example.org:587');
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org' })).toThrow(/^SMTP_URL must be/);
  });
});
