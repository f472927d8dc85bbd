/**
 * A poll option's label is stored as it is compared: normal (`normalizeName`: NFKC, one kind of
 * space, trimmed), so the results and the CSV show "Yes please" whether it was typed with no-break
 * spaces or full-width letters. Its limit counts that form: a label longer as sent that fits once
 * normal is taken. Labels stored before are rewritten by migration 256 where that makes no twin
 * within the poll; twins are left and reported, not merged. On SQLite and PostgreSQL.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { ALL_MIGRATIONS } from '../../server/src/schema.ts';
import { migrate } from '../../server/src/storage/migrations.ts';
import { POLL_LIMITS, type PollDto } from '../../shared/schemas/polls.ts';
import { http, login, type Session } from '../helpers/clients.ts';
import { dbSuite } from '../helpers/dbSuite.ts';
import { createPoll } from '../helpers/pollClients.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

const pollsPath = `/api/meetings/${DEMO_MEETING.id}/polls`;

describe.each(BACKENDS)('poll option labels (%s)', (backend) => {
  const { server } = serverSuite({ backend, database: 'polllabels' });
  let chair: Session;
  beforeAll(async () => {
    chair = await login(server.baseUrl, 'chair@example.org');
  });

  it('stores each label normal, and shows it so in the poll and its results', async () => {
    const poll = await createPoll(server.baseUrl, chair, DEMO_MEETING.id, {
      question: 'Which theme first?',
      kind: 'single',
      options: [{ label: '  Ｄｉｇｉｔａｌ\u00a0\u00a0trust ' }, { label: 'Access\u3000to\u202finformation\t' }],
      audience: 'members',
    });
    expect(poll.options.map((option) => option.label)).toEqual(['Digital trust', 'Access to information']);
    const read = await http<PollDto>(server.baseUrl, 'GET', `/api/polls/${poll.id}`, { cookie: chair.cookie });
    expect(read.body.options.map((option) => option.label)).toEqual(['Digital trust', 'Access to information']);
  });

  it('takes a label longer as sent than the limit when its normal form fits, and refuses one whose normal form is longer', async () => {
    // 150 letters, 150 ideographic spaces, 49 letters: 349 sent, 200 once the spaces are one.
    const fits = `${'a'.repeat(150)}${'\u3000'.repeat(150)}${'b'.repeat(49)}`;
    expect(fits.length).toBeGreaterThan(POLL_LIMITS.label);
    const poll = await createPoll(server.baseUrl, chair, DEMO_MEETING.id, {
      question: 'A long option?',
      kind: 'single',
      options: [{ label: fits }, { label: 'No' }],
      audience: 'members',
    });
    expect(poll.options[0]!.label).toBe(`${'a'.repeat(150)} ${'b'.repeat(49)}`);

    // 60 characters sent, 240 stored ("㍿" is "株式会社"): refused, naming the option.
    const refused = await http(server.baseUrl, 'POST', pollsPath, {
      cookie: chair.cookie,
      body: {
        question: 'Too long?',
        kind: 'single',
        options: [{ label: 'Yes' }, { label: '㍿'.repeat(60) }],
        audience: 'members',
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual({ field: 'options.1', reason: 'tooLong', max: POLL_LIMITS.label });
    expect(refused.body.error.message).toContain(`longer than ${POLL_LIMITS.label} characters`);
  });
});

for (const backend of BACKENDS) {
  describe(`poll option labels a store held in other spaces or widths (${backend})`, () => {
    const db = dbSuite(backend, 'polllabelsmig');

    it('writes typed labels normal where that makes no twin in the poll, and leaves and reports twins', async () => {
      await migrate(
        db,
        ALL_MIGRATIONS.filter((migration) => migration.version < 256),
      );
      await db.run('INSERT INTO meetings (id, title, starts_on, created_at) VALUES (?, ?, ?, ?)', ['m', 'MAG', '2026-01-01', 1]);
      await db.run(
        'INSERT INTO users (id, email, name, role, stakeholder_group, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ['u-1', 'olena@example.org', 'Olena\u00a0Kovalenko', 'member', 'civil-society', '', 1],
      );
      const poll = 'INSERT INTO polls (id, meeting_id, question, kind, audience, created_at) VALUES (?, ?, ?, ?, ?, ?)';
      await db.run(poll, ['p-1', 'm', 'Theme?', 'single', 'members', 1]);
      await db.run(poll, ['p-2', 'm', 'Again?', 'single', 'members', 2]);
      const option = 'INSERT INTO poll_options (id, poll_id, position, label, user_id) VALUES (?, ?, ?, ?, ?)';
      await db.run(option, ['o-1', 'p-1', 0, 'Digital trust', null]);
      await db.run(option, ['o-2', 'p-1', 1, 'ＤＩＧＩＴＡＬ\u00a0trust', null]);
      await db.run(option, ['o-3', 'p-1', 2, ' Access\u3000to\u202finformation\t', null]);
      // Another poll may have the label; a candidate is named as the board names them.
      await db.run(option, ['o-4', 'p-2', 0, 'Digital\u00a0trust', null]);
      await db.run(option, ['o-5', 'p-2', 1, 'Olena\u00a0Kovalenko', 'u-1']);

      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        expect(await migrate(db, ALL_MIGRATIONS)).toContain(256);
        expect(warn).toHaveBeenCalledTimes(1);
        const report = String(warn.mock.calls[0]![0]);
        expect(report).toContain('p-1');
        expect(report).toContain('o-1');
        expect(report).toContain('o-2');
      } finally {
        warn.mockRestore();
      }
      const labels = await db.all<{ id: string; label: string }>('SELECT id, label FROM poll_options ORDER BY id');
      expect(labels).toEqual([
        { id: 'o-1', label: 'Digital trust' },
        { id: 'o-2', label: 'ＤＩＧＩＴＡＬ\u00a0trust' },
        { id: 'o-3', label: 'Access to information' },
        { id: 'o-4', label: 'Digital trust' },
        { id: 'o-5', label: 'Olena\u00a0Kovalenko' },
      ]);
      expect(await migrate(db, ALL_MIGRATIONS)).toEqual([]);
    });
  });
}
