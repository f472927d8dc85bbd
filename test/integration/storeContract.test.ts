/**
 * The storage contract: the same tests against every backend (SQLite and PostgreSQL).
 * Whatever a feature stores must behave the same on both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FOLD_ROWS_PER_TURN } from '../../server/src/collab/documentStore.ts';
import { AttendanceStore } from '../../server/src/floor/attendanceStore.ts';
import { ALL_MIGRATIONS } from '../../server/src/schema.ts';
import { UniqueViolation } from '../../server/src/storage/db.ts';
import { migrate } from '../../server/src/storage/migrations.ts';
import type { Store } from '../../server/src/storage/store.ts';
import { backends, sqliteBackend } from '../helpers/storeBackends.ts';
import { textUpdate } from '../helpers/updateBursts.ts';

function stateOf(snapshot: Uint8Array | null, updates: { data: Uint8Array }[]): string {
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const update of updates) Y.applyUpdate(doc, update.data);
  return doc.getText('t').toString();
}

describe.each(backends('contract'))('store contract on $name', (backend) => {
  let store: Store;

  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(async () => {
    await store?.close();
    await backend.dispose();
  });

  describe('migrations', () => {
    it('are versioned and run once, even when two instances start at once', async () => {
      // PostgreSQL: two instances at the same moment. SQLite is one process's file; a second
      // connection in the same thread would wait on the first synchronously, so one at a time.
      const [again, other] =
        backend.name === 'postgres'
          ? await Promise.all([backend.open(), backend.open()])
          : [await backend.open(), await backend.open()];
      try {
        expect(await migrate(again.db, ALL_MIGRATIONS)).toEqual([]);
        expect(await migrate(other.db, ALL_MIGRATIONS)).toEqual([]);
        const rows = await store.db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
        expect(rows.map((row) => Number(row.version))).toEqual([...new Set(rows.map((row) => Number(row.version)))]);
        expect(rows.length).toBeGreaterThan(0);
      } finally {
        await again.close();
        await other.close();
      }
    });
  });

  describe('users', () => {
    it('creates a user and finds them by id and by email, whatever its case', async () => {
      const user = await store.users.create({
        email: 'Ada@Example.org',
        name: 'Ada',
        role: 'member',
        group: 'technical-community',
        region: 'WEOG',
        passwordHash: 'scrypt$x',
      });
      expect(user).toMatchObject({ email: 'ada@example.org', role: 'member', group: 'technical-community', disabled: false });
      expect(await store.users.byId(user.id)).toEqual(user);
      expect((await store.users.credentialsByEmail('ADA@example.ORG'))?.passwordHash).toBe('scrypt$x');
    });

    it('refuses a second user with the same email', async () => {
      const input = {
        email: 'dup@example.org',
        name: 'D',
        role: 'observer' as const,
        group: 'government' as const,
        passwordHash: 'h',
      };
      await store.users.create(input);
      await expect(store.users.create({ ...input, email: 'DUP@example.org' })).rejects.toBeInstanceOf(UniqueViolation);
    });

    it('rolls a transaction back entirely when one statement fails', async () => {
      const before = await store.users.count();
      await expect(
        store.db.transaction(async (tx) => {
          await store.users.create(
            { email: 'tx1@example.org', name: 'T', role: 'member', group: 'government', passwordHash: 'h' },
            tx,
          );
          await store.users.create(
            { email: 'tx1@example.org', name: 'T', role: 'member', group: 'government', passwordHash: 'h' },
            tx,
          );
        }),
      ).rejects.toBeInstanceOf(UniqueViolation);
      expect(await store.users.count()).toBe(before);
    });
  });

  describe('concurrency', () => {
    it('runs transactions started at the same moment one after the other, all committed', async () => {
      const before = await store.users.count();
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.db.transaction(async (tx) => {
            await store.users.create(
              { email: `par${i}@example.org`, name: `P${i}`, role: 'member', group: 'government', passwordHash: 'h' },
              tx,
            );
            await tx.get('SELECT 1 AS one');
          }),
        ),
      );
      expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
      expect(await store.users.count()).toBe(before + 20);
    });

    it('keeps a statement made outside a transaction out of it, even while it is open', async () => {
      let inside!: () => void;
      const opened = new Promise<void>((resolve) => (inside = resolve));
      const failing = store.db.transaction(async (tx) => {
        await store.users.create(
          { email: 'rolledback@example.org', name: 'R', role: 'member', group: 'government', passwordHash: 'h' },
          tx,
        );
        inside();
        await tx.get('SELECT 1 AS one');
        throw new Error('roll back');
      });
      await opened;
      const outside = store.users.create({
        email: 'outside@example.org',
        name: 'O',
        role: 'member',
        group: 'government',
        passwordHash: 'h',
      });
      await expect(failing).rejects.toThrow('roll back');
      await outside;
      expect(await store.users.credentialsByEmail('outside@example.org')).toBeDefined();
      expect(await store.users.credentialsByEmail('rolledback@example.org')).toBeUndefined();
    });
  });

  describe('sessions', () => {
    it('finds a live session by its secret, never after revocation or expiry', async () => {
      const user = await store.users.create({
        email: 's@example.org',
        name: 'S',
        role: 'chair',
        group: 'government',
        passwordHash: 'h',
      });
      const { secret, session } = await store.sessions.create(user.id, 1_000);
      expect(session.id).not.toBe(secret);
      expect(await store.sessions.bySecret(secret, 2_000)).toMatchObject({ userId: user.id });
      expect(await store.sessions.bySecret(secret, session.expiresAt + 1)).toBeUndefined();
      expect(await store.sessions.bySecret('wrong', 2_000)).toBeUndefined();
      await store.sessions.revoke(session.id);
      expect(await store.sessions.bySecret(secret, 2_000)).toBeUndefined();
    });

    it('reads a session with its user in one statement, as the store holds them at each call', async () => {
      const user = await store.users.create({
        email: 'joined@example.org',
        name: 'J',
        role: 'member',
        group: 'government',
        passwordHash: 'h',
      });
      const { session } = await store.sessions.create(user.id, 1_000);
      expect(await store.sessions.withUser(session.id, 2_000)).toEqual({ session, user });
      // A role change holds from the next lookup on: nothing about the user is kept between calls.
      await store.users.setRole(user.id, 'chair');
      expect((await store.sessions.withUser(session.id, 2_000))?.user.role).toBe('chair');
      await store.users.setDisabled(user.id, true);
      expect((await store.sessions.withUser(session.id, 2_000))?.user.disabled).toBe(true);
      expect(await store.sessions.withUser(session.id, session.expiresAt + 1)).toBeUndefined();
      expect(await store.sessions.withUser('unknown', 2_000)).toBeUndefined();
      await store.sessions.revoke(session.id);
      expect(await store.sessions.withUser(session.id, 2_000)).toBeUndefined();
    });
  });

  describe('meetings', () => {
    it('stores a meeting with its document names', async () => {
      await store.meetings.create({
        id: 'm1',
        title: 'MAG Meeting',
        startsOn: '2025-01-30',
        startTime: '12:00',
        timezone: 'UTC',
        form: 'Online',
        description: 'Ünïcødé ✓',
      });
      expect(await store.meetings.byId('m1')).toMatchObject({
        agendaDoc: 'agenda:m1',
        liveDoc: 'live:m1',
        description: 'Ünïcødé ✓',
      });
      expect((await store.meetings.list()).map((meeting) => meeting.id)).toContain('m1');
    });
  });

  describe('documents', () => {
    it('returns appended updates in order and their binary content intact', async () => {
      const doc = new Y.Doc();
      const updates = ['Hello', ', ', 'world'].map((text) => textUpdate(doc, text));
      const seqs = [];
      for (const update of updates) seqs.push(await store.documents.append('agenda:d1', update, 'u1'));
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      const stored = await store.documents.load('agenda:d1');
      expect(stored.snapshot).toBeNull();
      expect(stored.updates.map((update) => update.seq)).toEqual(seqs);
      expect(stored.updates.map((update) => Buffer.from(update.data).toString('hex'))).toEqual(
        updates.map((update) => Buffer.from(update).toString('hex')),
      );
      expect(stateOf(stored.snapshot, stored.updates)).toBe('Hello, world');
      expect(await store.documents.load('agenda:never-written')).toEqual({ snapshot: null, updates: [] });
    });

    it('reads the generated key of a row inserted inside a transaction', async () => {
      const doc = new Y.Doc();
      const [first, second] = await store.db.transaction(async (tx) => [
        await store.documents.append('agenda:d4', textUpdate(doc, 'a'), 'u1', tx),
        await store.documents.append('agenda:d4', textUpdate(doc, 'b'), 'u1', tx),
      ]);
      expect(second).toBeGreaterThan(first!);
      expect((await store.documents.load('agenda:d4')).updates.map((update) => update.seq)).toEqual([first, second]);
    });

    it('folds exactly the rows named into the snapshot, and keeps the log as history', async () => {
      const writer = new Y.Doc();
      const a = await store.documents.append('agenda:d2', textUpdate(writer, 'A'));
      const b = await store.documents.append('agenda:d2', textUpdate(writer, 'B'));
      // Another instance's row that this compaction has not seen:
      const other = new Y.Doc();
      Y.applyUpdate(other, Y.encodeStateAsUpdate(writer));
      const c = await store.documents.append('agenda:d2', textUpdate(other, 'C'));

      const memory = new Y.Doc();
      for (const update of (await store.documents.history('agenda:d2')).filter((row) => row.seq !== c))
        Y.applyUpdate(memory, update.data);
      await store.documents.saveSnapshot('agenda:d2', [a, b], () => Y.encodeStateAsUpdate(memory));

      const stored = await store.documents.load('agenda:d2');
      expect(stored.updates.map((update) => update.seq)).toEqual([c]);
      expect(stateOf(stored.snapshot, stored.updates)).toBe('ABC');
      expect((await store.documents.history('agenda:d2')).map((row) => row.seq)).toEqual([a, b, c]);
    });

    it('folds a long run of rows a few hundred at a time, letting other work run between', async () => {
      const writer = new Y.Doc();
      const seqs: number[] = [];
      for (let i = 0; i < 2 * FOLD_ROWS_PER_TURN + 7; i++)
        seqs.push(await store.documents.append('agenda:d5', textUpdate(writer, 'x')));
      let turns = 0;
      let ticking = true;
      const tick = () => {
        turns++;
        if (ticking) setImmediate(tick);
      };
      setImmediate(tick);
      await store.documents.saveSnapshot('agenda:d5', seqs, () => Y.encodeStateAsUpdate(writer));
      ticking = false;
      // The snapshot with the first rows, then two more statements, each a turn later.
      expect(turns).toBeGreaterThanOrEqual(2);
      const stored = await store.documents.load('agenda:d5');
      expect(stored.updates).toEqual([]);
      expect(stateOf(stored.snapshot, stored.updates)).toBe('x'.repeat(seqs.length));
    });

    it('hands the stored snapshot to the next compaction, so that nothing is replaced', async () => {
      const first = new Y.Doc();
      const x = await store.documents.append('agenda:d3', textUpdate(first, 'X'));
      await store.documents.saveSnapshot('agenda:d3', [x], () => Y.encodeStateAsUpdate(first));
      let seen: Uint8Array | null = null;
      const empty = new Y.Doc();
      await store.documents.saveSnapshot('agenda:d3', [], (stored) => {
        seen = stored;
        // A correct caller merges what is stored into what it writes.
        if (stored) Y.applyUpdate(empty, stored);
        return Y.encodeStateAsUpdate(empty);
      });
      expect(seen).not.toBeNull();
      const stored = await store.documents.load('agenda:d3');
      expect(stateOf(stored.snapshot, stored.updates)).toBe('X');
    });
  });

  describe('settings', () => {
    it('creates a secret once and shares it', async () => {
      const [one, two] = await Promise.all([store.settings.secret('k'), store.settings.secret('k')]);
      expect(one.equals(two)).toBe(true);
      expect(one.length).toBe(32);
    });
  });

  describe('attendance', () => {
    it('reads one person’s check-in for one day of a meeting, inside a transaction too', async () => {
      await store.meetings.create({
        id: 'm-att',
        title: 'Attendance',
        startsOn: '2026-12-07',
        startTime: '09:00',
        timezone: 'Asia/Tokyo',
        form: 'Hybrid',
        description: '',
      });
      const person = await store.users.create({
        email: 'att@example.org',
        name: 'Att',
        role: 'member',
        group: 'government',
        passwordHash: 'h',
      });
      const attendance = new AttendanceStore(store.db);
      await store.db.transaction((tx) =>
        attendance.checkIn(tx, {
          meetingId: 'm-att',
          day: '2026-12-07',
          userId: person.id,
          mode: 'online',
          by: person.id,
          at: 1,
        }),
      );
      expect(await attendance.modeOn('m-att', person.id, '2026-12-07')).toBe('online');
      expect(await attendance.modeOn('m-att', person.id, '2026-12-08')).toBeUndefined();
      expect(await attendance.modeOn('m1', person.id, '2026-12-07')).toBeUndefined();
      const inside = await store.db.transaction(async (tx) => {
        await attendance.checkIn(tx, {
          meetingId: 'm-att',
          day: '2026-12-08',
          userId: person.id,
          mode: 'room',
          by: person.id,
          at: 2,
        });
        return [await attendance.timeZone('m-att', tx), await attendance.modeOn('m-att', person.id, '2026-12-08', tx)];
      });
      expect(inside).toEqual(['Asia/Tokyo', 'room']);
    });
  });

  describe('audit log', () => {
    it('appends entries and lists them by subject, oldest first', async () => {
      await store.audit.record({ actorId: 'u1', action: 'thread.resolve', subject: 'thing:1', detail: { count: 1 } });
      await store.audit.record({ actorId: null, action: 'thread.reopen', subject: 'thing:1' });
      const entries = await store.audit.list({ subject: 'thing:1' });
      expect(entries.map((entry) => entry.action)).toEqual(['thread.resolve', 'thread.reopen']);
      expect(entries[0]).toMatchObject({ actorId: 'u1', detail: { count: 1 } });
    });
  });
});

// SQLite's group commit (collab/persistence.ts): the appends of one event-loop turn share a
// transaction. Every kind of statement made through the group must stay inside it.
describe('group commit on SQLite', () => {
  it('keeps every statement of a turn in one transaction, seen by another connection only once committed', async () => {
    const backend = sqliteBackend();
    const writer = await backend.open();
    const reader = await backend.open();
    try {
      const group = writer.db.groupCommit!;
      const doc = new Y.Doc();
      const seq = await writer.documents.append('agenda:g1', textUpdate(doc, 'one'), 'u1', group.executor);
      await group.executor.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['group-test', 'x']);
      // Only microtasks have run: the group is still open.
      expect((await reader.documents.load('agenda:g1')).updates).toEqual([]);
      expect(await reader.db.get('SELECT value FROM settings WHERE key = ?', ['group-test'])).toBeUndefined();
      await group.committed();
      expect((await reader.documents.load('agenda:g1')).updates.map((update) => update.seq)).toEqual([seq]);
      expect(await reader.db.get('SELECT value FROM settings WHERE key = ?', ['group-test'])).toEqual({ value: 'x' });
    } finally {
      await reader.close();
      await writer.close();
    }
  });
});
