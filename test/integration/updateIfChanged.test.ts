/**
 * The store's "write only if something differs" (storage/updateIfChanged.ts), which the people,
 * action item and quorum stores use to record a change once: a row is written, and `true` said,
 * only when a compared column differs, NULL included; what is written alongside (who, when) is not
 * compared. On SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../server/src/storage/db.ts';
import { updateIfChanged } from '../../server/src/storage/updateIfChanged.ts';
import { dbSuite } from '../helpers/dbSuite.ts';
import { BACKENDS } from '../helpers/serverSuite.ts';

describe.each(BACKENDS)('updateIfChanged (%s)', (backend) => {
  const db = dbSuite(backend, 'updateifchanged');
  const row = async (id: string) =>
    db.get<{ name: string; region: string | null; updated_at: number }>(
      'SELECT name, region, updated_at FROM things WHERE id = ?',
      [id],
    );

  it('writes and says so only when a compared column differs, NULL against a value included', async () => {
    await db.run('CREATE TABLE things (id TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT, updated_at INTEGER NOT NULL)');
    await db.run(`INSERT INTO things (id, name, region, updated_at) VALUES ('a', 'Amal', NULL, 1), ('b', 'Amal', NULL, 1)`);
    const write = (region: string | null, at: number) =>
      updateIfChanged(db, 'things', { id: 'a' }, { name: 'Amal', region }, { updated_at: at });

    expect(await write(null, 2)).toBe(false);
    expect(await row('a')).toEqual({ name: 'Amal', region: null, updated_at: 1 });
    expect(await write('Africa', 3)).toBe(true);
    expect(await row('a')).toEqual({ name: 'Amal', region: 'Africa', updated_at: 3 });
    expect(await write('Africa', 4)).toBe(false);
    expect(await write(null, 5)).toBe(true);
    expect(await row('a')).toEqual({ name: 'Amal', region: null, updated_at: 5 });
    // Only the keyed row.
    expect(await row('b')).toEqual({ name: 'Amal', region: null, updated_at: 1 });
  });

  it('leaves a column given as undefined as it is, and changes nothing when none is given', async () => {
    await db.run(`UPDATE things SET region = 'Europe' WHERE id = 'b'`);
    expect(await updateIfChanged(db, 'things', { id: 'b' }, { name: 'Amal Hassan', region: undefined })).toBe(true);
    expect(await row('b')).toEqual({ name: 'Amal Hassan', region: 'Europe', updated_at: 1 });
    expect(await updateIfChanged(db, 'things', { id: 'b' }, { name: undefined }, { updated_at: 9 })).toBe(false);
    expect(await row('b')).toEqual({ name: 'Amal Hassan', region: 'Europe', updated_at: 1 });
  });
});

// Names go into the SQL text, so they must be spelled in the code: these do not type-check
// (`npm run typecheck` fails on an unused @ts-expect-error). Never called, only checked.
async function namesFromInputDoNotTypeCheck(tx: SqlExecutor, fromRequest: string): Promise<void> {
  // @ts-expect-error a table name read at run time
  await updateIfChanged(tx, fromRequest, { id: 'a' }, { name: 'x' });
  // @ts-expect-error a column name read at run time
  await updateIfChanged(tx, 'things', { id: 'a' }, { [fromRequest]: 'x' });
  // @ts-expect-error a key column read at run time
  await updateIfChanged(tx, 'things', { [fromRequest]: 'a' }, { name: 'x' });
  // @ts-expect-error a stamp column read at run time
  await updateIfChanged(tx, 'things', { id: 'a' }, { name: 'x' }, { [fromRequest]: 1 });
}
void namesFromInputDoNotTypeCheck;
