/**
 * Importing people from a CSV through the API, on SQLite and on PostgreSQL: a preview writes
 * nothing, a file with errors is refused whole with each error's line and reason, and the fixed
 * file imports in one go (new people invited, known ones updated). The store's search and
 * invitations behave the same on both backends.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/src/storage/store.ts';
import { MAX_AUDITED_PEOPLE } from '../../server/src/users/importWrite.ts';
import { InvitationStore, invitationOpen } from '../../server/src/users/invitationStore.ts';
import { importUsers } from '../../server/src/users/userAdmin.ts';
import { createUser, login, type Session } from '../helpers/clients.ts';
import { importPeople } from '../helpers/peopleImport.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';
import { backends } from '../helpers/storeBackends.ts';
import { tempDir } from '../helpers/testServer.ts';

const HEADER = 'email,name,role,group,region,affiliation';
const GROUPS = ['government', 'private-sector', 'civil-society', 'technical-community', 'intergovernmental'];

/** 40 good rows: 39 new people and one change to a demo member (Mei Lin becomes chair). */
function goodRows(tag: string): string[] {
  const rows = Array.from(
    { length: 39 },
    (_, i) =>
      `person${i + 1}.${tag}@import.example,"Person ${i + 1}, ${tag}",${i % 7 === 0 ? 'observer' : 'member'},${GROUPS[i % 5]},Region ${i % 4},Org ${i}`,
  );
  rows.splice(20, 0, 'MEI@example.org,Mei Lin,chair,technical-community,Asia-Pacific,Tsinghua University');
  return rows;
}

describe.each(BACKENDS)('CSV import on %s', (backend) => {
  const { server } = serverSuite({ backend, database: 'peopleimport' });
  let secretariat: Session;

  beforeAll(async () => {
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
  });

  const upload = (csv: string, dryRun = false) => importPeople(server.baseUrl, secretariat.cookie, csv, dryRun);

  const snapshot = async () => ({
    users: await server.app.store.users.list(),
    invitations: await server.app.store.db.all('SELECT id FROM invitations'),
    audit: (await server.app.store.audit.list({}, 100_000)).length,
  });

  it('refuses a file of 40 good rows and 3 bad ones whole, naming each bad line and why; fixed, it imports in one go', async () => {
    const good = goodRows(backend);
    // Lines: header is 1, so rows start at line 2. Bad rows go at lines 6, 16 and 31.
    const rows = [...good];
    rows.splice(4, 0, 'not-an-email,Bad Email,member,government,,');
    rows.splice(14, 0, `king.${backend}@import.example,Bad Role,king,government,,`);
    rows.splice(29, 0, `person3.${backend}@import.example,Twice,member,government,,`);
    const csv = `${[HEADER, ...rows].join('\n')}\n`;
    const before = await snapshot();

    const preview = await upload(csv, true);
    expect(preview.status).toBe(200);
    expect(preview.body.dryRun).toBe(true);
    expect(preview.body.rows).toHaveLength(43);
    const errors = preview.body.rows.filter((row: { outcome: string }) => row.outcome === 'error');
    expect(errors).toEqual([
      expect.objectContaining({ line: 6, error: expect.stringContaining('not a valid email') }),
      expect.objectContaining({ line: 16, error: expect.stringContaining('the role "king" is not one of') }),
      expect.objectContaining({ line: 31, error: expect.stringMatching(/already on line 4$/) }),
    ]);
    expect(preview.body.rows.filter((row: { outcome: string }) => row.outcome === 'update')).toEqual([
      expect.objectContaining({ email: 'MEI@example.org', outcome: 'update' }),
    ]);
    expect(preview.body.rows.filter((row: { outcome: string }) => row.outcome === 'new')).toHaveLength(39);
    expect(await snapshot()).toEqual(before);

    const refused = await upload(csv);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('IMPORT_INVALID');
    expect(refused.body.error.message).toContain('3 rows');
    expect(
      refused.body.error.details.rows
        .filter((row: { outcome: string }) => row.outcome === 'error')
        .map((row: { line: number }) => row.line),
    ).toEqual([6, 16, 31]);
    expect(await snapshot()).toEqual(before);

    const fixed = [HEADER, ...good].join('\r\n');
    const dry = await upload(fixed, true);
    expect(dry.body.rows.every((row: { outcome: string }) => row.outcome !== 'error')).toBe(true);
    expect(await snapshot()).toEqual(before);

    const imported = await upload(fixed);
    expect(imported.status).toBe(200);
    expect(imported.body.dryRun).toBe(false);
    expect(imported.body.rows).toHaveLength(40);
    const created = imported.body.rows.filter((row: { outcome: string }) => row.outcome === 'new');
    expect(created).toHaveLength(39);
    for (const row of created) expect(row.invitation.url).toMatch(/\/invitations\/[A-Za-z0-9_-]+$/);
    const after = await server.app.store.users.list();
    expect(after).toHaveLength(before.users.length + 39);
    const first = await server.app.store.users.byEmail(`person1.${backend}@import.example`);
    expect(first).toMatchObject({
      name: `Person 1, ${backend}`,
      role: 'observer',
      group: 'government',
      region: 'Region 0',
      affiliation: 'Org 0',
      status: 'invited',
    });
    expect(await server.app.store.users.byEmail('mei@example.org')).toMatchObject({
      role: 'chair',
      affiliation: 'Tsinghua University',
    });
    const audit = await server.app.store.audit.list({ action: 'user.import' });
    expect(audit.at(-1)).toMatchObject({ actorId: secretariat.user.id, detail: { created: 39, updated: 1, via: 'api' } });

    // The same file again: every row is a known person it would not change.
    const again = await upload(fixed, true);
    expect(again.body.rows.every((row: { outcome: string }) => row.outcome === 'unchanged')).toBe(true);
  });

  it('leaves the fields of columns the file does not have as they are, and previews each change from → to', async () => {
    const email = `laura.${backend}@import.example`;
    const first = await upload(`${HEADER}\n${email},Laura Fischer,member,government,Western Europe,EuroISPA\n`);
    expect(first.status).toBe(200);

    // No region or affiliation column: the role and group change, the rest stays.
    const csv = `email,name,role,group\n${email},Laura Fischer,observer,private-sector\n`;
    const preview = await upload(csv, true);
    expect(preview.body.rows).toEqual([
      expect.objectContaining({
        line: 2,
        outcome: 'update',
        changes: [
          { field: 'role', from: 'member', to: 'observer' },
          { field: 'group', from: 'government', to: 'private-sector' },
        ],
      }),
    ]);
    const imported = await upload(csv);
    expect(imported.status).toBe(200);
    expect(await server.app.store.users.byEmail(email)).toMatchObject({
      role: 'observer',
      group: 'private-sector',
      region: 'Western Europe',
      affiliation: 'EuroISPA',
    });

    // A blank cell in a column the file has clears that field (the region); a blank group keeps the group.
    const cleared = await upload(`email,name,role,group,region\n${email},Laura Fischer,observer,,\n`);
    expect(cleared.body.rows[0].changes).toEqual([{ field: 'region', from: 'Western Europe', to: null }]);
    expect(await server.app.store.users.byEmail(email)).toMatchObject({
      group: 'private-sector',
      region: null,
      affiliation: 'EuroISPA',
    });
  });

  it('says “no change” for rows that change nothing and writes nothing for them, not even an audit row', async () => {
    const email = `kept.${backend}@import.example`;
    await upload(`${HEADER}\n${email},Kept Person,member,government,Africa,KICTANet\n`);
    const audit = async () => (await server.app.store.audit.list({ action: 'user.import' })).length;
    const before = await audit();
    const same = `email,name,role\n${email},Kept Person,member\n`;
    const preview = await upload(same, true);
    expect(preview.body.rows).toEqual([{ line: 2, outcome: 'unchanged', email, name: 'Kept Person' }]);
    const imported = await upload(same);
    expect(imported.status).toBe(200);
    expect(imported.body.rows).toEqual([{ line: 2, outcome: 'unchanged', email, name: 'Kept Person' }]);
    expect(await audit()).toBe(before);
    expect(await server.app.store.users.byEmail(email)).toMatchObject({ region: 'Africa', affiliation: 'KICTANet' });
  });

  it('names in its audit row who was added and each change of each person, from → to, up to a cap that says how many more', async () => {
    const known = `audited.${backend}@import.example`;
    const added = `added.${backend}@import.example`;
    await upload(`${HEADER}\n${known},Audited Person,member,government,Africa,KICTANet\n`);
    const imported = await upload(
      `${HEADER}\n${known},Audited Person,observer,government,,KICTANet\n${added},Added Person,member,private-sector,,\n`,
    );
    expect(imported.status).toBe(200);
    const knownId = (await server.app.store.users.byEmail(known))!.id;
    const addedId = (await server.app.store.users.byEmail(added))!.id;
    const entry = (await server.app.store.audit.list({ action: 'user.import' })).at(-1)!;
    expect(entry).toMatchObject({ actorId: secretariat.user.id });
    expect(entry.detail).toEqual({
      created: 1,
      updated: 1,
      unchanged: 0,
      via: 'api',
      people: [
        {
          id: knownId,
          email: known,
          outcome: 'update',
          changes: [
            { field: 'role', from: 'member', to: 'observer' },
            { field: 'region', from: 'Africa', to: null },
          ],
        },
        { id: addedId, email: added, outcome: 'new', name: 'Added Person', role: 'member', group: 'private-sector' },
      ],
    });

    // A large file: the row names the first MAX_AUDITED_PEOPLE and counts the rest, so it stays small.
    const many = Array.from(
      { length: MAX_AUDITED_PEOPLE + 3 },
      (_, i) => `many${i}.${backend}@import.example,Many ${i},member,,,`,
    );
    expect((await upload(`${HEADER}\n${many.join('\n')}\n`)).status).toBe(200);
    const big = (await server.app.store.audit.list({ action: 'user.import' })).at(-1)!;
    expect(big.detail).toMatchObject({ created: MAX_AUDITED_PEOPLE + 3, morePeople: 3 });
    const listed = big.detail.people as { email: string }[];
    expect(listed).toHaveLength(MAX_AUDITED_PEOPLE);
    expect(listed[0]).toMatchObject({ email: `many0.${backend}@import.example`, outcome: 'new' });
  });

  it('writes the same audit row from the admin CLI as from the web import: each person added, with role and group', async () => {
    const rows = (tag: string) => [
      `cli.one.${tag}.${backend}@import.example,"One, ${tag}",chair,technical-community,WEOG,ISOC`,
      `cli.two.${tag}.${backend}@import.example,Two ${tag},observer,,,`,
    ];
    const file = path.join(tempDir('cli-import'), 'people.csv');
    fs.writeFileSync(
      file,
      `${HEADER},password\n${rows('cli')
        .map((row) => `${row},a-password-of-theirs`)
        .join('\n')}\n`,
    );
    const created = await importUsers(server.app.store, file);
    expect(created.map((user) => user.email)).toEqual([
      `cli.one.cli.${backend}@import.example`,
      `cli.two.cli.${backend}@import.example`,
    ]);
    const fromCli = (await server.app.store.audit.list({ action: 'user.import' })).at(-1)!;

    expect((await upload(`${HEADER}\n${rows('web').join('\n')}\n`)).status).toBe(200);
    const fromWeb = (await server.app.store.audit.list({ action: 'user.import' })).at(-1)!;

    expect(fromCli).toMatchObject({ actorId: null, subject: 'users' });
    expect(fromWeb).toMatchObject({ actorId: secretariat.user.id, subject: 'users' });
    // The same entry but for how they came in and the people's own ids, emails and names.
    const shape = ({ via: _via, people, ...counts }: Record<string, unknown>) => ({
      ...counts,
      people: (people as Record<string, unknown>[]).map(({ id: _id, email: _email, name: _name, ...rest }) => rest),
    });
    expect(shape(fromCli.detail)).toEqual(shape(fromWeb.detail));
    expect(fromCli.detail).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      via: 'cli',
      people: [
        {
          id: created[0]!.id,
          email: `cli.one.cli.${backend}@import.example`,
          outcome: 'new',
          name: 'One, cli',
          role: 'chair',
          group: 'technical-community',
        },
        {
          id: created[1]!.id,
          email: `cli.two.cli.${backend}@import.example`,
          outcome: 'new',
          name: 'Two cli',
          role: 'observer',
          group: 'civil-society',
        },
      ],
    });
    // The CLI's people have their password: they sign in at once.
    await login(server.baseUrl, `cli.two.cli.${backend}@import.example`, 'a-password-of-theirs');
  });

  it('gives each row error a code and its values, for the reader’s language', async () => {
    const preview = await upload(
      'email,name,role,group\nbad-email,Bad Email,member,\nok.code@import.example,Role,president,\nok.code@import.example,Again,member,\n',
      true,
    );
    expect(preview.body.rows).toEqual([
      expect.objectContaining({ line: 2, outcome: 'error', errorCode: 'email-invalid', errorParams: { email: 'bad-email' } }),
      expect.objectContaining({
        line: 3,
        outcome: 'error',
        errorCode: 'role-unknown',
        errorParams: { role: 'president', roles: 'secretariat, chair, member, observer' },
      }),
      expect.objectContaining({ line: 4, outcome: 'new' }),
    ]);
    const own = await upload('email,name,role\nsecretariat@example.org,Secretariat,member\n', true);
    expect(own.body.rows[0]).toMatchObject({ outcome: 'error', errorCode: 'own-role' });
  });

  it('previews a file larger than the usual 256 kB body limit (3,000 people)', async () => {
    const rows = Array.from(
      { length: 3_000 },
      (_, i) =>
        `big${i}.${backend}@import.example,"Person number ${i} with a rather long name",member,government,Somewhere in the world ${i},An organization with a long name ${i}`,
    );
    const csv = `${HEADER}\n${rows.join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(300 * 1024);
    const preview = await upload(csv, true);
    expect(preview.status).toBe(200);
    expect(preview.body.rows).toHaveLength(3_000);
    expect(preview.body.rows.every((row: { outcome: string }) => row.outcome === 'new')).toBe(true);
  });

  it('refuses a file without the needed columns, or that is not CSV, with one clear reason and its code', async () => {
    const noRole = await upload('email,name\na@b.example,A\n', true);
    expect(noRole.status).toBe(400);
    expect(noRole.body.error).toMatchObject({
      code: 'IMPORT_INVALID',
      message: expect.stringContaining('role'),
      details: { reason: 'missing-columns', params: { columns: 'role' } },
    });
    const headerOnly = await upload('email,name,role\n', true);
    expect(headerOnly.body.error.message).toContain('no rows');
    expect(headerOnly.body.error.details).toMatchObject({ reason: 'no-rows' });
    const blank = await upload(' \n\n', true);
    expect(blank.status).toBe(400);
    expect(blank.body.error.details).toMatchObject({ reason: 'empty' });
    const broken = await upload('email,name,role\n"unclosed,x,member\n', true);
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toContain('not valid CSV');
    expect(broken.body.error.details).toMatchObject({ reason: 'not-csv' });
  });

  it('refuses a file holding a NUL character, naming its line and column, and imports nothing of it', async () => {
    // A NUL cannot be stored (PostgreSQL's text refuses it); the body check refused the whole file
    // without saying where, so that the person could not find what to fix.
    const before = await snapshot();
    const csv = `${HEADER}\nnul.one@import.example,Nul One,member,government,Europe,Org\nnul.two@import.example,Nul Two,member,government,Europe,Org\u0000 B\n`;
    for (const dryRun of [true, false]) {
      const refused = await upload(csv, dryRun);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({
        code: 'IMPORT_INVALID',
        message: expect.stringContaining('line 3, column affiliation'),
        details: { field: 'affiliation', row: 3, reason: 'unstorable-text', params: { column: 'affiliation', line: 3 } },
      });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe.each(backends('peoplestore'))('people in the store on $name', (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(async () => {
    await store.close();
    await backend.dispose();
  });

  it('searches case-insensitively in name, email, region and affiliation, with % and _ taken literally', async () => {
    const ana = await createUser(store, { name: 'Ana Quintero', role: 'member', email: 'ana.q@search.example' });
    await store.users.update(ana.id, { affiliation: 'Fundación 100%_Red', region: 'GRULAC' });
    await createUser(store, { name: 'Bo Lind', role: 'chair', group: 'government', email: 'bo@search.example' });
    const emails = async (q: string) => (await store.users.list({ q })).map((user) => user.email);
    expect(await emails('QUINTERO')).toEqual(['ana.q@search.example']);
    expect(await emails('grulac')).toEqual(['ana.q@search.example']);
    expect(await emails('100%_red')).toEqual(['ana.q@search.example']);
    expect(await emails('100%%')).toEqual([]);
    expect(await emails('search.example lind')).toEqual(['bo@search.example']);
    expect((await store.users.list({ role: 'chair', group: 'government' })).map((user) => user.email)).toEqual([
      'bo@search.example',
    ]);
    await store.users.setDisabled(ana.id, true);
    expect((await store.users.list({ status: 'deactivated' })).map((user) => user.email)).toEqual(['ana.q@search.example']);
    expect((await store.users.list({ status: 'active' })).map((user) => user.email)).toEqual(['bo@search.example']);
  });

  it('keeps invited people out of sign-in and stores only hashes of invitation tokens', async () => {
    const invited = await store.users.create({
      email: 'inv@search.example',
      name: 'Invited',
      role: 'member',
      group: 'government',
      passwordHash: '',
    });
    expect(invited.status).toBe('invited');
    expect(await store.users.credentialsByEmail('inv@search.example')).toBeUndefined();
    const invitations = new InvitationStore(store.db);
    const { token } = await invitations.create(invited.id, null);
    const found = await invitations.byToken(token);
    expect(invitationOpen(found)).toBe(true);
    expect(await store.db.get('SELECT id FROM invitations WHERE token_hash = ?', [token])).toBeUndefined();
    expect(await invitations.markUsed(found!.id)).toBe(true);
    expect(await invitations.markUsed(found!.id)).toBe(false);
    expect(invitationOpen(await invitations.byToken(token))).toBe(false);
    await store.users.setPassword(invited.id, 'scrypt$x');
    expect((await store.users.byId(invited.id))?.status).toBe('active');
  });
});
