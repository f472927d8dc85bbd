/**
 * The per-person bucket of sync answer bytes (collab/socketCaps.ts): shared by a person's sockets,
 * refilled at the rate up to the burst, overdrawn by one answer at most, and not refilled by
 * closing every socket and opening new ones.
 */
import type { WebSocketLike } from '@hocuspocus/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SocketCaps } from '../../server/src/collab/socketCaps.ts';

const socket = (): WebSocketLike => ({ send() {}, close() {}, readyState: 1 }) as unknown as WebSocketLike;
const KB = 1024;

describe('sync answer byte budget', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  const caps = () =>
    new SocketCaps({ perPerson: 20, perAddress: 100, syncReplyBytesPerSecond: 100 * KB, syncReplyBurstBytes: 300 * KB });

  it('is one bucket for all of a person’s sockets, overdrawn by one answer at most, refilled at the rate', () => {
    const budget = caps();
    const [a, b] = [socket(), socket()];
    budget.admitPerson('tomas', a);
    budget.admitPerson('tomas', b);
    expect(budget.admitSyncReply(a)).toBe(true);
    budget.spendSyncReplyBytes(a, 250 * KB);
    expect(budget.admitSyncReply(b)).toBe(true); // 50 KB left: a whole answer still goes
    budget.spendSyncReplyBytes(b, 250 * KB);
    expect(budget.admitSyncReply(a)).toBe(false); // 200 KB owed, on either socket
    expect(budget.admitSyncReply(b)).toBe(false);
    vi.setSystemTime(1_900);
    expect(budget.admitSyncReply(a)).toBe(false); // 10 KB still owed
    vi.setSystemTime(2_100);
    expect(budget.admitSyncReply(a)).toBe(true);
    // Someone else's bucket is their own.
    const other = socket();
    budget.admitPerson('kwame', other);
    budget.spendSyncReplyBytes(other, 0);
    expect(budget.admitSyncReply(other)).toBe(true);
  });

  it('never holds more than the burst, however long the person waited', () => {
    const budget = caps();
    const a = socket();
    budget.admitPerson('mei', a);
    vi.setSystemTime(3_600_000);
    budget.spendSyncReplyBytes(a, 301 * KB);
    expect(budget.admitSyncReply(a)).toBe(false);
  });

  it('is not refilled by closing every socket and opening new ones, and is forgotten once full', () => {
    const budget = caps();
    const a = socket();
    budget.admitPerson('tomas', a);
    budget.spendSyncReplyBytes(a, 500 * KB);
    budget.release('127.0.0.1', a);
    const b = socket();
    budget.admitPerson('tomas', b);
    expect(budget.admitSyncReply(b)).toBe(false);
    budget.release('127.0.0.1', b);
    vi.setSystemTime(60_000);
    // Someone else leaving sweeps the refilled bucket away; Tomás comes back to a full one.
    const other = socket();
    budget.admitPerson('kwame', other);
    budget.release('127.0.0.1', other);
    const c = socket();
    budget.admitPerson('tomas', c);
    budget.spendSyncReplyBytes(c, 299 * KB);
    expect(budget.admitSyncReply(c)).toBe(true);
  });

  it('does not apply to a socket with no person yet, nor without a byte budget', () => {
    const budget = caps();
    expect(budget.admitSyncReply(socket())).toBe(true);
    const unbudgeted = new SocketCaps({ perPerson: 20, perAddress: 100 });
    const a = socket();
    unbudgeted.admitPerson('tomas', a);
    unbudgeted.spendSyncReplyBytes(a, 1e12);
    expect(unbudgeted.admitSyncReply(a)).toBe(true);
  });
});
