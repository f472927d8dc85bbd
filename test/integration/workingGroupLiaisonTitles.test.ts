/**
 * A liaison title is held once by a person in a group, case and surrounding spaces aside, in the
 * database too (migration 253's unique index on (group_id, user_id, lower(trim(title)))), not
 * only in the service. On SQLite and PostgreSQL: a store that held duplicates before has them
 * merged, and a second row of one title written around the service is refused. On PostgreSQL,
 * through the API: two assignments of one title at the same moment leave one row, and a title
 * PostgreSQL's lower() folds into one held (under a UTF-8 LC_CTYPE) is that title, rewritten.
 */
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../../server/src/schema.ts';
import { type Db, UniqueViolation } from '../../server/src/storage/db.ts';
import { migrate } from '../../server/src/storage/migrations.ts';
import { WorkingGroupStore } from '../../server/src/workingGroups/workingGroupStore.ts';
import type { WorkingGroupDto } from '../../shared/schemas/workingGroups.ts';
import { dbSuite, seedBareStore } from '../helpers/dbSuite.ts';
import { BACKENDS } from '../helpers/serverSuite.ts';
import { workingGroupSuite } from '../helpers/workingGroupSuite.ts';

const BEFORE = ALL_MIGRATIONS.filter((migration) => migration.version < 253);

const titlesOf = async (db: Db, userId: string) =>
  (
    await db.all<{ title: string }>(
      'SELECT title FROM working_group_liaisons WHERE group_id = ? AND user_id = ? ORDER BY since, title',
      ['wg', userId],
    )
  ).map((row) => row.title);

for (const backend of BACKENDS) {
  describe(`liaison titles held once by the store (${backend})`, () => {
    const db = dbSuite(backend, 'liaisontitles');

    it('merges the titles a store held twice into the oldest, then refuses a second row of a title written around the service', async () => {
      await migrate(db, BEFORE);
      await seedBareStore(db, {
        users: [
          { id: 'olena', name: 'Olena', stakeholder_group: 'civil-society' },
          { id: 'amadou', name: 'Amadou', stakeholder_group: 'government' },
        ],
        meetings: [{ id: 'm', title: 'MAG', starts_on: '2026-01-01' }],
        workingGroups: [{ id: 'wg', meeting_id: 'm', name: 'Youth' }],
      });
      // The table as migration 252 left it: its key is the exact title, so these were four rows.
      const liaison = 'INSERT INTO working_group_liaisons (group_id, user_id, title, poll_id, since) VALUES (?, ?, ?, ?, ?)';
      await db.run(liaison, ['wg', 'olena', 'DC-MAG liaison', null, 20]);
      await db.run(liaison, ['wg', 'olena', ' dc-mag LIAISON ', 'poll-1', 10]);
      await db.run(liaison, ['wg', 'olena', 'DC-MAG Liaison', null, 30]);
      await db.run(liaison, ['wg', 'olena', 'NRI liaison', null, 40]);
      await db.run(liaison, ['wg', 'amadou', 'DC-MAG liaison', null, 50]);

      expect(await migrate(db, ALL_MIGRATIONS)).toContain(253);
      // Olena held DC-MAG liaison since 10 (elected): that row stays, the later spellings go; 254
      // then writes it trimmed.
      expect(await titlesOf(db, 'olena')).toEqual(['dc-mag LIAISON', 'NRI liaison']);
      expect(
        await db.get('SELECT poll_id, since FROM working_group_liaisons WHERE user_id = ? AND since = 10', ['olena']),
      ).toEqual({
        poll_id: 'poll-1',
        since: 10,
      });
      // Another person's title is theirs.
      expect(await titlesOf(db, 'amadou')).toEqual(['DC-MAG liaison']);

      // Written straight into the table or through the store, a title held already is refused.
      await expect(db.run(liaison, ['wg', 'olena', 'DC-MAG LIAISON', null, 60])).rejects.toBeInstanceOf(UniqueViolation);
      const groups = new WorkingGroupStore(db);
      await expect(groups.addLiaison(db, 'wg', 'olena', '  nri LIAISON', null)).rejects.toBeInstanceOf(UniqueViolation);
      await expect(groups.addLiaison(db, 'wg', 'amadou', 'dc-mag liaison', null)).rejects.toBeInstanceOf(UniqueViolation);
      expect(await titlesOf(db, 'olena')).toEqual(['dc-mag LIAISON', 'NRI liaison']);
      // A new title is added; one held is rewritten in another case, still one row.
      await groups.addLiaison(db, 'wg', 'olena', 'Youth IGF liaison', null);
      await groups.retitleLiaison(db, 'wg', 'olena', 'dc-mag LIAISON', 'DC-MAG liaison', null);
      expect(await titlesOf(db, 'olena')).toEqual(['DC-MAG liaison', 'NRI liaison', 'Youth IGF liaison']);
      expect(await migrate(db, ALL_MIGRATIONS)).toEqual([]);
    });
  });
}

describe('liaison titles given at the same moment (postgres)', () => {
  // LC_CTYPE C.UTF-8: PostgreSQL's lower() folds every letter ('İ' to 'i'), whatever the server's default.
  const suite = workingGroupSuite('postgres', 'liaisonrace', { ctype: 'C.UTF-8' });
  const rolesPath = (groupId: string) => `/api/working-groups/${groupId}/roles/${suite.idOf('sofia')}`;
  const rows = async (groupId: string) =>
    (
      await suite.server.app.store.db.all<{ title: string }>(
        'SELECT title FROM working_group_liaisons WHERE group_id = ? AND user_id = ? ORDER BY since, title',
        [groupId, suite.idOf('sofia')],
      )
    ).map((row) => row.title);

  it('holds one title once when two assignments of it in other case and spaces arrive together', async () => {
    const youth = await suite.youth();
    expect((await suite.call('sofia', 'PUT', `/api/working-groups/${youth.id}/members/me`)).status).toBe(200);
    const spellings = ['Liaison to the IGF Support Association', ' liaison to the igf support association '];
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(
        spellings.map((title) =>
          suite.call<WorkingGroupDto>('secretariat', 'PUT', rolesPath(youth.id), { role: 'liaison', title }),
        ),
      );
      // The two take turns on the group's row: the second finds the title held and writes it as
      // it was given (the same title in other case is rewritten, as one after the other would be).
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      const held = await rows(youth.id);
      expect(held).toHaveLength(1);
      expect(spellings.map((title) => title.trim())).toContain(held[0]);
      expect((await suite.call('secretariat', 'DELETE', `${rolesPath(youth.id)}?role=liaison`)).status).toBe(200);
    }
  });

  it('rewrites a title PostgreSQL reads as one held, rather than failing on the index', async () => {
    const youth = await suite.youth();
    // 'İGF' and 'igf' differ to sameLiaisonTitle ('İ' lowers to 'i̇' in JavaScript) but are one
    // key of the index here: before, a second row; with the index alone, a refused write.
    const first = await suite.call('secretariat', 'PUT', rolesPath(youth.id), { role: 'liaison', title: 'İGF liaison' });
    expect(first.status).toBe(200);
    const second = await suite.call<WorkingGroupDto>('secretariat', 'PUT', rolesPath(youth.id), {
      role: 'liaison',
      title: 'igf liaison',
    });
    expect(second.status).toBe(200);
    expect(await rows(youth.id)).toEqual(['igf liaison']);
    expect(second.body.roles.filter((role) => role.id === suite.idOf('sofia')).map((role) => role.title)).toEqual([
      'igf liaison',
    ]);
    expect((await suite.call('secretariat', 'DELETE', `${rolesPath(youth.id)}?role=liaison`)).status).toBe(200);
  });

  it('removes a held title that PostgreSQL reads as the one named, as it is found when given', async () => {
    const youth = await suite.youth();
    for (const title of ['İGF liaison', 'NRI liaison']) {
      expect((await suite.call('secretariat', 'PUT', rolesPath(youth.id), { role: 'liaison', title })).status).toBe(200);
    }
    // The index's rule finds 'İGF liaison' for 'igf liaison' (it was rewritten so when given):
    // before, removal compared with sameLiaisonTitle alone and answered 404, the title still held.
    const removed = await suite.call<WorkingGroupDto>('secretariat', 'DELETE', `${rolesPath(youth.id)}?title=igf%20liaison`);
    expect(removed.status).toBe(200);
    expect(await rows(youth.id)).toEqual(['NRI liaison']);
    expect(removed.body.roles.filter((role) => role.id === suite.idOf('sofia')).map((role) => role.title)).toEqual([
      'NRI liaison',
    ]);
    // The audit names the title removed as it was held.
    const entry = (await suite.server.app.store.audit.list({ action: 'workingGroup.roleRemoved' })).at(-1);
    expect(entry?.detail).toEqual({ userId: suite.idOf('sofia'), roles: ['liaison'], titles: ['İGF liaison'] });
    expect((await suite.call('secretariat', 'DELETE', `${rolesPath(youth.id)}?title=igf%20liaison`)).status).toBe(404);
  });
});

// Words pasted from a word processor (French: a no-break space before "CSTD") or typed with a
// Chinese input method (full-width Latin letters) look like the title held, and are that title.
const CSTD_SPELLINGS = ['liaison cstd', 'Liaison\u00a0CSTD', 'ＬＩＡＩＳＯＮ cstd'];

describe.each(['sqlite', 'postgres'] as const)('liaison titles written normal (%s)', (backend) => {
  const suite = workingGroupSuite(backend, 'liaisonnormal');
  const rolesPath = (groupId: string) => `/api/working-groups/${groupId}/roles/${suite.idOf('kwame')}`;
  const rows = async (groupId: string) =>
    (
      await suite.server.app.store.db.all<{ title: string }>(
        'SELECT title FROM working_group_liaisons WHERE group_id = ? AND user_id = ? ORDER BY since, title',
        [groupId, suite.idOf('kwame')],
      )
    ).map((row) => row.title);

  it('holds once a title given with a no-break space or in full-width letters, stored as ordinary text', async () => {
    const youth = await suite.youth();
    expect((await suite.call('kwame', 'PUT', `/api/working-groups/${youth.id}/members/me`)).status).toBe(200);
    for (const title of CSTD_SPELLINGS) {
      const answer = await suite.call<WorkingGroupDto>('secretariat', 'PUT', rolesPath(youth.id), { role: 'liaison', title });
      expect(answer.status).toBe(200);
      // Each spelling is the title held, rewritten as now given: its case kept, its letters and spaces ordinary.
      expect(answer.body.roles.filter((role) => role.id === suite.idOf('kwame')).map((role) => role.title)).toEqual([
        title.normalize('NFKC'),
      ]);
    }
    expect(await rows(youth.id)).toEqual(['LIAISON cstd']);
    // Any run of white space (narrow no-break, ideographic, tab) is one space; accents stay.
    const spaced = await suite.call('secretariat', 'PUT', rolesPath(youth.id), {
      role: 'liaison',
      title: '\u3000Liaison\u202fà la\t\tCommission\u00a0 ',
    });
    expect(spaced.status).toBe(200);
    expect(await rows(youth.id)).toEqual(['LIAISON cstd', 'Liaison à la Commission']);
    // Removed by any spelling of it.
    const removed = await suite.call(
      'secretariat',
      'DELETE',
      `${rolesPath(youth.id)}?title=${encodeURIComponent('Liaison\u00a0CSTD')}`,
    );
    expect(removed.status).toBe(200);
    expect(await rows(youth.id)).toEqual(['Liaison à la Commission']);
    expect((await suite.call('secretariat', 'DELETE', `${rolesPath(youth.id)}?role=liaison`)).status).toBe(200);
  });
});

for (const backend of BACKENDS) {
  describe(`liaison titles a store held in other spaces or widths (${backend})`, () => {
    const db = dbSuite(backend, 'liaisonnormalmig');

    it('writes held titles normal and merges those that then look the same into the oldest', async () => {
      await migrate(
        db,
        ALL_MIGRATIONS.filter((migration) => migration.version < 254),
      );
      await seedBareStore(db, {
        users: [
          { id: 'kwame', name: 'Kwame', stakeholder_group: 'civil-society' },
          { id: 'mei', name: 'Mei', stakeholder_group: 'government' },
        ],
        meetings: [{ id: 'm', title: 'MAG', starts_on: '2026-01-01' }],
        workingGroups: [{ id: 'wg', meeting_id: 'm', name: 'Youth' }],
      });
      // Rows 253's index let through: to lower(trim()) these are three titles.
      const liaison = 'INSERT INTO working_group_liaisons (group_id, user_id, title, poll_id, since) VALUES (?, ?, ?, ?, ?)';
      await db.run(liaison, ['wg', 'kwame', 'Liaison\u00a0CSTD', null, 20]);
      await db.run(liaison, ['wg', 'kwame', 'ＬＩＡＩＳＯＮ cstd', 'poll-1', 10]);
      await db.run(liaison, ['wg', 'kwame', 'liaison cstd', null, 30]);
      await db.run(liaison, ['wg', 'kwame', 'Liaison\u202fà la\tCommission', null, 40]);
      await db.run(liaison, ['wg', 'mei', 'Liaison\u3000CSTD', null, 50]);

      expect(await migrate(db, ALL_MIGRATIONS)).toContain(254);
      // Kwame held the CSTD title since 10 (elected, in full-width letters): that row stays, written
      // in ordinary letters as typed otherwise; the later spellings go.
      expect(await titlesOf(db, 'kwame')).toEqual(['LIAISON cstd', 'Liaison à la Commission']);
      expect(
        await db.get('SELECT poll_id, since FROM working_group_liaisons WHERE user_id = ? AND since = 10', ['kwame']),
      ).toEqual({ poll_id: 'poll-1', since: 10 });
      expect(await titlesOf(db, 'mei')).toEqual(['Liaison CSTD']);
      // The index still holds.
      await expect(db.run(liaison, ['wg', 'kwame', 'liaison CSTD', null, 60])).rejects.toBeInstanceOf(UniqueViolation);
      expect(await migrate(db, ALL_MIGRATIONS)).toEqual([]);
    });
  });
}
