/**
 * Slows password guessing without letting a stranger lock anyone out.
 *
 * - Per account, whatever the address: after a few failures each further attempt must wait
 *   twice as long as the previous one (capped), and attempts made while waiting are refused
 *   without checking the password. Rotating addresses buys nothing.
 * - Per address, across accounts (password spraying): the same backoff after more failures.
 * - A browser that has signed in to that account before carries a device cookie and has a budget
 *   of its own, so a stranger hammering an account (or sharing the venue's address) slows down
 *   new browsers only; the owner's own browser signs in as usual.
 *
 * Counted in this process's memory: with N instances an attacker gets at most N times the budget.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const DEVICE_COOKIE = 'plenary_device';
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

export interface BackoffPolicy {
  /** Failures allowed before any waiting. */
  freeFailures: number;
  /** The first wait; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest wait: an attempt is always possible again after this ("slow down, never lock"). */
  maxDelayMs: number;
  /** Failures are forgotten this long after the last one. */
  forgetAfterMs: number;
}

export const ACCOUNT_POLICY: BackoffPolicy = {
  freeFailures: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  forgetAfterMs: 15 * 60_000,
};
export const ADDRESS_POLICY: BackoffPolicy = {
  freeFailures: 20,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  forgetAfterMs: 15 * 60_000,
};
export const DEVICE_POLICY: BackoffPolicy = {
  freeFailures: 10,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  forgetAfterMs: 15 * 60_000,
};

interface Entry {
  failures: number;
  lastFailureAt: number;
  nextAttemptAt: number;
}

/** Failures per key with exponential backoff; bounded in size. */
export class Backoff {
  private readonly entries = new Map<string, Entry>();
  private readonly policy: BackoffPolicy;
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(policy: BackoffPolicy, now: () => number = Date.now, maxEntries = 100_000) {
    this.policy = policy;
    this.now = now;
    this.maxEntries = maxEntries;
  }

  /** Milliseconds to wait before the next attempt under `key` (0: go ahead). */
  waitMs(key: string): number {
    const entry = this.live(key);
    return entry ? Math.max(0, entry.nextAttemptAt - this.now()) : 0;
  }

  fail(key: string): void {
    const now = this.now();
    const entry = this.live(key) ?? { failures: 0, lastFailureAt: now, nextAttemptAt: now };
    entry.failures += 1;
    entry.lastFailureAt = now;
    const over = entry.failures - this.policy.freeFailures;
    if (over >= 0)
      entry.nextAttemptAt = now + Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** Math.min(over, 30));
    this.entries.delete(key); // re-insert: the map stays in order of last failure
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.lastFailureAt > this.policy.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}

/** A device cookie names the account it signed in to and a random id for the device's own budget. */
export class DeviceCookies {
  private readonly secret: Buffer;

  constructor(secret: Buffer) {
    this.secret = secret;
  }

  issue(userId: string): string {
    const payload = `${userId}.${randomBytes(12).toString('base64url')}`;
    return `${payload}.${this.sign(payload)}`;
  }

  /** The cookie's account and device id, when its signature holds. */
  read(value: string | undefined): { userId: string; deviceId: string } | null {
    if (!value) return null;
    const cut = value.lastIndexOf('.');
    if (cut < 0) return null;
    const payload = value.slice(0, cut);
    const given = Buffer.from(value.slice(cut + 1));
    const expected = Buffer.from(this.sign(payload));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const [userId, deviceId] = payload.split('.');
    return userId && deviceId ? { userId, deviceId } : null;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(`device:${payload}`).digest('base64url');
  }
}

export interface LoginAttempt {
  email: string;
  address: string;
  /** The device cookie's account and id, when it names the account being signed in to. */
  device: { deviceId: string } | null;
}

/** The three budgets together: which keys an attempt counts against, and how long it must wait. */
export class LoginGuard {
  readonly accounts: Backoff;
  readonly addresses: Backoff;
  readonly devices: Backoff;

  constructor(now: () => number = Date.now) {
    this.accounts = new Backoff(ACCOUNT_POLICY, now);
    this.addresses = new Backoff(ADDRESS_POLICY, now);
    this.devices = new Backoff(DEVICE_POLICY, now);
  }

  waitMs(attempt: LoginAttempt): number {
    if (attempt.device) return this.devices.waitMs(attempt.device.deviceId);
    return Math.max(this.accounts.waitMs(attempt.email), this.addresses.waitMs(attempt.address));
  }

  failed(attempt: LoginAttempt): void {
    if (attempt.device) {
      this.devices.fail(attempt.device.deviceId);
      return;
    }
    this.accounts.fail(attempt.email);
    this.addresses.fail(attempt.address);
  }

  succeeded(attempt: LoginAttempt): void {
    if (attempt.device) this.devices.succeed(attempt.device.deviceId);
    else this.accounts.succeed(attempt.email);
    // The address's count stays: one valid account must not reset a sprayer's budget.
  }
}
