/**
 * Names that look the same are the same name. A working group named with a no-break space or in
 * full-width letters is the group it looks like: refused as a duplicate, and stored in ordinary
 * letters and spaces. Limits are counted on what is stored (NFKC can lengthen: "㍿" is four
 * characters). Groups stored before are rewritten by migration 255 where that makes no twin;
 * twins are left as they are, not merged. On SQLite and PostgreSQL.
 */
import { describe, expect, it, vi } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { ALL_MIGRATIONS } from '../../server/src/schema.ts';
import { migrate } from '../../server/src/storage/migrations.ts';
import type { WorkingGroupDto } from '../../shared/schemas/workingGroups.ts';
import { dbSuite, seedBareStore } from '../helpers/dbSuite.ts';
import { BACKENDS } from '../helpers/serverSuite.ts';
import { workingGroupSuite } from '../helpers/workingGroupSuite.ts';

const groupsPath = `/api/meetings/${DEMO_MEETING.id}/working-groups`;

describe.each(BACKENDS)('working group names that look the same (%s)', (backend) => {
  const suite = workingGroupSuite(backend, 'wgnames');

  it('refuses a second group whose name reads as one there is, and stores names in ordinary letters and spaces', async () => {
    const youth = await suite.youth();
    const lookalikes = [
      youth.name.replace(' ', '\u00a0'),
      youth.name.replaceAll(' ', '\u202f'),
      youth.name.replace('Youth', 'Ｙｏｕｔｈ'),
      `\u3000${youth.name.toUpperCase()}\t`,
    ];
    for (const name of lookalikes) {
      const answer = await suite.call('secretariat', 'POST', groupsPath, { name });
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('DUPLICATE');
    }

    const created = await suite.call<WorkingGroupDto>('secretariat', 'POST', groupsPath, {
      name: 'Ｄａｔａ\u00a0Governance\u3000and\u202f\tTrust ',
    });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('Data Governance and Trust');
    // Renaming another group to a look-alike is refused as well; to its own name in other spaces, stored normal.
    const renamed = await suite.call('secretariat', 'PATCH', `/api/working-groups/${youth.id}`, {
      name: 'data\u00a0governance AND trust',
    });
    expect(renamed.status).toBe(409);
    const respaced = await suite.call<WorkingGroupDto>('secretariat', 'PATCH', `/api/working-groups/${created.body.id}`, {
      name: 'Data\u00a0Governance and Trust',
    });
    expect(respaced.status).toBe(200);
    expect(respaced.body.name).toBe('Data Governance and Trust');
  });

  it('counts a name’s and a liaison title’s limits on what is stored, once written in ordinary letters', async () => {
    // 60 characters sent, 240 stored ("㍿" is "株式会社").
    const name = await suite.call('secretariat', 'POST', groupsPath, { name: '㍿'.repeat(60) });
    expect(name.status).toBe(400);
    // With why and the limit, so that the form says "too long" and not its words for a missing name.
    expect(name.body.error.details).toEqual({ field: 'name', reason: 'tooLong', max: 200 });

    const youth = await suite.youth();
    expect((await suite.call('mei', 'PUT', `/api/working-groups/${youth.id}/members/me`)).status).toBe(200);
    const rolePath = `/api/working-groups/${youth.id}/roles/${suite.idOf('mei')}`;
    // 30 characters sent, 120 stored.
    const title = await suite.call('secretariat', 'PUT', rolePath, { role: 'liaison', title: '㍿'.repeat(30) });
    expect(title.status).toBe(400);
    expect(title.body.error.details).toEqual({ field: 'title', reason: 'tooLong', max: 100 });
    // 25 sent, 100 stored: at the limit, held.
    const held = await suite.call<WorkingGroupDto>('secretariat', 'PUT', rolePath, { role: 'liaison', title: '㍿'.repeat(25) });
    expect(held.status).toBe(200);
    expect(held.body.roles.find((role) => role.id === suite.idOf('mei'))?.title).toBe('株式会社'.repeat(25));
  });

  it('takes a name and a title longer as sent than their limits when their normal form fits, and stores that form', async () => {
    // 200 words of one letter and 399 spaces: 599 characters sent, 399 once each run of no-break
    // spaces is one space. Limit 200: refused. Half of it: 299 sent, 199 stored, taken.
    const spaced = (words: number) => Array.from({ length: words }, (_, index) => 'abcdefghij'[index % 10]).join('\u00a0\u00a0');
    expect(spaced(100).length).toBe(298);
    const created = await suite.call<WorkingGroupDto>('secretariat', 'POST', groupsPath, { name: `${spaced(100)}\u3000` });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe(spaced(100).replaceAll('\u00a0\u00a0', ' '));
    expect(created.body.name).toHaveLength(199);
    const refused = await suite.call('secretariat', 'POST', groupsPath, {
      name: `${spaced(101).replaceAll('\u00a0\u00a0', ' ')}k`,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.field).toBe('name');
    expect(refused.body.error.message).toContain('longer than 200 characters');
    // Full-width letters are one character each either way: 150 sent with 150 spaces, 150 stored.
    const wide = `${'Ｗ'.repeat(100)}${'\u3000'.repeat(150)}${'Ｇ'.repeat(50)}`;
    const renamed = await suite.call<WorkingGroupDto>('secretariat', 'PATCH', `/api/working-groups/${created.body.id}`, {
      name: wide,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe(`${'W'.repeat(100)} ${'G'.repeat(50)}`);

    const youth = await suite.youth();
    expect((await suite.call('sofia', 'PUT', `/api/working-groups/${youth.id}/members/me`)).status).toBe(200);
    const rolePath = `/api/working-groups/${youth.id}/roles/${suite.idOf('sofia')}`;
    // 130 characters sent (limit 100), "DC-MAG liaison" once the tabs are one space.
    const title = `DC-MAG${'\t'.repeat(120)}liaison`;
    expect(title.length).toBeGreaterThan(100);
    const held = await suite.call<WorkingGroupDto>('secretariat', 'PUT', rolePath, { role: 'liaison', title });
    expect(held.status).toBe(200);
    expect(held.body.roles.find((role) => role.id === suite.idOf('sofia'))?.title).toBe('DC-MAG liaison');
    const long = await suite.call('secretariat', 'PUT', rolePath, {
      role: 'liaison',
      title: `${'x'.repeat(101)}${' '.repeat(20)}`,
    });
    expect(long.status).toBe(400);
    expect(long.body.error.details.field).toBe('title');
    expect(long.body.error.message).toContain('longer than 100 characters');
  });

  it('lets one of two groups left reading as one name be described and renamed apart, and names the twin when renamed to that name', async () => {
    const create = async (name: string) => (await suite.call<WorkingGroupDto>('secretariat', 'POST', groupsPath, { name })).body;
    const first = await create('Media Literacy');
    const second = await create('Media Literacy Outreach');
    const third = await create('Digital Inclusion');
    // As migration 255 leaves a pair it found: the second stored as typed, reading as the first.
    const twinName = 'Ｍｅｄｉａ\u00a0Literacy';
    await suite.server.app.store.db.run('UPDATE working_groups SET name = ? WHERE id = ?', [twinName, second.id]);
    const patch = (id: string, body: object) => suite.call<any>('secretariat', 'PATCH', `/api/working-groups/${id}`, body);

    // The form sends the name it shows with a new description: no rename, so no collision.
    const described = await patch(second.id, { name: twinName, description: 'Outreach to schools' });
    expect(described.status).toBe(200);
    expect(described.body).toMatchObject({ name: twinName, description: 'Outreach to schools' });
    expect((await patch(first.id, { name: 'Media Literacy', description: 'The first' })).status).toBe(200);

    // Either twin renamed to the name they share: refused, naming the other and what to do.
    const toShared = await patch(second.id, { name: 'Media Literacy' });
    expect(toShared.status).toBe(409);
    expect(toShared.body.error).toMatchObject({
      code: 'DUPLICATE',
      details: { field: 'name', taken: 'Media Literacy', twin: true },
    });
    expect(toShared.body.error.message).toContain('give one of the two another name first');
    const otherCase = await patch(first.id, { name: 'media literacy' });
    expect(otherCase.status).toBe(409);
    expect(otherCase.body.error.details).toMatchObject({ taken: twinName, twin: true });
    // A third group renamed to it: taken, by a group it names.
    const third409 = await patch(third.id, { name: 'MEDIA literacy' });
    expect(third409.status).toBe(409);
    expect(third409.body.error.details.twin).toBe(false);
    expect(['Media Literacy', twinName]).toContain(third409.body.error.details.taken);

    // Renamed to another name, the twin is stored normal, and the pair is no more.
    const apart = await patch(second.id, { name: 'Media\u00a0Literacy Outreach' });
    expect(apart.status).toBe(200);
    expect(apart.body.name).toBe('Media Literacy Outreach');
    const recased = await patch(first.id, { name: 'Media literacy' });
    expect(recased.status).toBe(200);
    expect(recased.body.name).toBe('Media literacy');
  });
});

for (const backend of BACKENDS) {
  describe(`working group names a store held in other spaces or widths (${backend})`, () => {
    const db = dbSuite(backend, 'wgnamesmig');

    it('writes names normal where that makes no twin, and leaves and reports twins rather than merging them', async () => {
      await migrate(
        db,
        ALL_MIGRATIONS.filter((migration) => migration.version < 255),
      );
      await seedBareStore(db, {
        meetings: [
          { id: 'm', title: 'MAG', starts_on: '2026-01-01' },
          { id: 'n', title: 'IGF', starts_on: '2026-02-01' },
        ],
        workingGroups: [
          { id: 'wg-1', meeting_id: 'm', name: 'Youth Engagement', created_at: 1 },
          { id: 'wg-2', meeting_id: 'm', name: 'ＹＯＵＴＨ\u00a0engagement', created_at: 2 },
          { id: 'wg-3', meeting_id: 'm', name: 'Data\u202fGovernance\u3000and\tTrust', created_at: 3 },
          // Another meeting may have a group of the same name.
          { id: 'wg-4', meeting_id: 'n', name: 'Youth\u00a0Engagement', created_at: 4 },
        ],
      });

      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        expect(await migrate(db, ALL_MIGRATIONS)).toContain(255);
        expect(warn).toHaveBeenCalledTimes(1);
        expect(String(warn.mock.calls[0]![0])).toContain('wg-1');
        expect(String(warn.mock.calls[0]![0])).toContain('wg-2');
      } finally {
        warn.mockRestore();
      }
      const names = await db.all<{ id: string; name: string }>('SELECT id, name FROM working_groups ORDER BY id');
      expect(names).toEqual([
        { id: 'wg-1', name: 'Youth Engagement' },
        { id: 'wg-2', name: 'ＹＯＵＴＨ\u00a0engagement' },
        { id: 'wg-3', name: 'Data Governance and Trust' },
        { id: 'wg-4', name: 'Youth Engagement' },
      ]);
      expect(await migrate(db, ALL_MIGRATIONS)).toEqual([]);
    });
  });
}
