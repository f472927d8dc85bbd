/**
 * Migrations 400–401 on a store that already holds meetings, on SQLite and PostgreSQL: existing
 * meetings keep their fields and gain an end date (their start), a format read from their
 * one-line form, the `mag` visibility and the active status.
 */
import { describe, expect, it } from 'vitest';
import { MEETING_MIGRATIONS } from '../../server/src/meetings/migrations.ts';
import { ALL_MIGRATIONS } from '../../server/src/schema.ts';
import { migrate } from '../../server/src/storage/migrations.ts';
import { createStore } from '../../server/src/storage/store.ts';
import { dbSuite, seedBareStore } from '../helpers/dbSuite.ts';
import { BACKENDS } from '../helpers/serverSuite.ts';

const BEFORE = ALL_MIGRATIONS.filter((migration) => migration.version < 400);

for (const backend of BACKENDS) {
  describe(`meeting migrations on a store with meetings (${backend})`, () => {
    const db = dbSuite(backend, 'meetingsmigration');

    it('adds the new fields with values read from what was there', async () => {
      await migrate(db, BEFORE);
      await seedBareStore(db, {
        meetings: [
          {
            id: 'old-online',
            title: 'Old online',
            starts_on: '2024-05-01',
            start_time: '12:00',
            timezone: 'UTC',
            form: 'Online',
            description: '',
            created_at: 1,
          },
          {
            id: 'old-hybrid',
            title: 'Old hybrid',
            starts_on: '2024-06-01',
            start_time: '',
            timezone: 'Europe/Oslo',
            form: 'Hybrid, Lillestrøm',
            description: '',
            created_at: 2,
          },
          {
            id: 'old-room',
            title: 'Old room',
            starts_on: '2024-07-01',
            start_time: '',
            timezone: 'UTC',
            form: 'Geneva',
            description: 'Kept',
            created_at: 3,
          },
        ],
      });

      const applied = await migrate(db, ALL_MIGRATIONS);
      // Other features' later migrations may run too; these two must.
      expect(applied).toEqual(expect.arrayContaining(MEETING_MIGRATIONS.map((migration) => migration.version)));
      const meetings = createStore(db).meetings;
      expect(await meetings.byId('old-online')).toMatchObject({
        format: 'online',
        endsOn: '2024-05-01',
        visibility: 'mag',
        status: 'active',
        archivedAt: null,
      });
      expect(await meetings.byId('old-hybrid')).toMatchObject({
        format: 'hybrid',
        form: 'Hybrid, Lillestrøm',
        timezone: 'Europe/Oslo',
        place: '',
      });
      expect(await meetings.byId('old-room')).toMatchObject({ format: 'in-person', description: 'Kept', startTime: '' });
      // Run again: nothing left to do.
      expect(await migrate(db, ALL_MIGRATIONS)).toEqual([]);
    });
  });
}
