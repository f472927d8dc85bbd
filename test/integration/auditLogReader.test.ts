/**
 * The secretariat's audit reader on SQLite and PostgreSQL, against a model: entries of several
 * actions at interleaved instants, read by prefix, exact action, actor and period, newest first
 * and cut at the limit, exactly as sorting every entry would give them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../server/src/audit/auditLog.ts';
import type { Store } from '../../server/src/storage/store.ts';
import { backends } from '../helpers/storeBackends.ts';

interface Row {
  at: number;
  actorId: string | null;
  action: string;
}

/** Ballots by the dozen, a few other poll actions among them, and actions that only look alike. */
function entries(): Row[] {
  const rows: Row[] = [];
  const actors = ['u-amina', 'u-kwame', null];
  for (let k = 0; k < 120; k++) {
    const action =
      k % 10 === 3
        ? 'poll.open'
        : k % 10 === 7
          ? 'poll.close'
          : k % 15 === 0
            ? 'meeting.create'
            : k % 23 === 0
              ? 'pollster.x'
              : 'poll.ballot';
    // Instants interleave across actions and repeat, so that the id breaks ties.
    rows.push({ at: 1_700_000_000_000 + Math.floor(k / 2) * 1000, actorId: actors[k % 3]!, action });
  }
  rows.push({ at: 1_700_000_000_000 - 5_000, actorId: 'u-amina', action: 'poll' });
  return rows;
}

describe.each(backends('auditreader'))('the audit reader on $name', (backend) => {
  let store: Store;
  const model: (Row & { id: number })[] = [];

  beforeAll(async () => {
    store = await backend.open();
    const before = await store.db.get<{ n: number }>('SELECT COALESCE(MAX(id), 0) AS n FROM audit_log');
    for (const row of entries()) {
      await store.db.run("INSERT INTO audit_log (at, actor_id, action, subject, detail) VALUES (?, ?, ?, 's', '{}')", [
        row.at,
        row.actorId,
        row.action,
      ]);
    }
    const ids = await store.db.all<{ id: number }>('SELECT id FROM audit_log WHERE id > ? ORDER BY id', [Number(before!.n)]);
    model.push(...entries().map((row, k) => ({ ...row, id: Number(ids[k]!.id) })));
  });
  afterAll(async () => {
    await store?.close();
    await backend.dispose();
  });

  const expected = (keep: (row: Row) => boolean, limit: number) =>
    model
      .filter(keep)
      .sort((a, b) => b.at - a.at || b.id - a.id)
      .slice(0, limit)
      .map((row) => row.id);
  const ids = (found: AuditEntry[]) => found.map((entry) => entry.id);

  it('reads every action under a prefix newest first across actions, cut at the limit', async () => {
    const underPoll = (row: Row) => row.action.startsWith('poll.');
    for (const limit of [1, 7, 25, 1000]) {
      expect(ids(await store.audit.search({ action: 'poll.' }, limit)), `limit ${limit}`).toEqual(expected(underPoll, limit));
    }
    const found = await store.audit.search({ action: 'poll.' });
    expect(new Set(found.map((entry) => entry.action))).toEqual(new Set(['poll.ballot', 'poll.open', 'poll.close']));
  });

  it('combines a prefix or an exact action with the actor and the period', async () => {
    const from = 1_700_000_000_000 + 10_000;
    const to = 1_700_000_000_000 + 40_000;
    const inPeriod = (row: Row) => row.at >= from && row.at <= to;
    expect(ids(await store.audit.search({ action: 'poll.', actorId: 'u-kwame', from, to }, 9))).toEqual(
      expected((row) => row.action.startsWith('poll.') && row.actorId === 'u-kwame' && inPeriod(row), 9),
    );
    expect(ids(await store.audit.search({ action: 'poll.open', from }, 1000))).toEqual(
      expected((row) => row.action === 'poll.open' && row.at >= from, 1000),
    );
    expect(ids(await store.audit.search({ actorId: 'u-amina', to }, 1000))).toEqual(
      expected((row) => row.actorId === 'u-amina' && row.at <= to, 1000),
    );
  });

  it('finds nothing under a prefix no action has, and lists each action once in order', async () => {
    expect(await store.audit.search({ action: 'nothing.' })).toEqual([]);
    expect(await store.audit.search({ action: 'pollster.' })).toHaveLength(
      model.filter((row) => row.action === 'pollster.x').length,
    );
    const actions = await store.audit.actions();
    for (const action of ['meeting.create', 'poll', 'poll.ballot', 'poll.close', 'poll.open', 'pollster.x'])
      expect(actions).toContain(action);
    expect(actions).toEqual([...new Set(actions)]);
    expect(actions).toEqual([...actions].sort());
  });
});
