/**
 * A people file as a secretariat's spreadsheet saves it outside English: semicolons between the
 * columns (French, Spanish and Russian spreadsheets use them, the comma being their decimal mark)
 * and the role and group written as the board names them in the reader's language. Previewed and
 * imported through the API like any other file; a comma inside a quoted cell stays in the cell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session } from '../helpers/clients.ts';
import { importPeople } from '../helpers/peopleImport.ts';
import { startServer, type TestServer } from '../helpers/testServer.ts';

describe('a people file saved by a French or Russian spreadsheet', () => {
  let server: TestServer;
  let secretariat: Session;

  beforeAll(async () => {
    server = await startServer();
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
  });
  afterAll(async () => {
    await server?.close();
  });

  const upload = (csv: string, dryRun = false) => importPeople(server.baseUrl, secretariat.cookie, csv, dryRun);

  it('reads semicolons and roles and groups named in French, Spanish, Russian, Chinese and Arabic', async () => {
    const csv = [
      '\uFEFFemail;name;role;group;region;affiliation',
      'luc.martin@example.org;Luc Martin;Membre;Société civile;WEOG;"Access Now; Paris, France"',
      'ana.ruiz@example.org;Ana Ruiz;miembro;Sector privado;GRULAC;Telefónica',
      'ivan.petrov@example.org;Иван Петров;Наблюдатель;Техническое сообщество;EEG;RIPE NCC',
      'wang.fang@example.org;王芳;成员;政府;Asia-Pacific;CAICT',
      'layla.haddad@example.org;ليلى حداد;عضو;المجتمع المدني;Africa;',
      'claire.roy@example.org;Claire Roy;présidente;Organisations intergouvernementales;WEOG;OIF',
    ].join('\r\n');
    const preview = await upload(csv, true);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.rows.map((row: any) => row.outcome)).toEqual(['new', 'new', 'new', 'new', 'new', 'new']);

    const imported = await upload(csv);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const person = async (email: string) => (await server.app.store.users.byEmail(email))!;
    expect(await person('luc.martin@example.org')).toMatchObject({
      role: 'member',
      group: 'civil-society',
      affiliation: 'Access Now; Paris, France',
    });
    expect(await person('ana.ruiz@example.org')).toMatchObject({ role: 'member', group: 'private-sector' });
    expect(await person('ivan.petrov@example.org')).toMatchObject({ role: 'observer', group: 'technical-community' });
    expect(await person('wang.fang@example.org')).toMatchObject({ role: 'member', group: 'government' });
    expect(await person('layla.haddad@example.org')).toMatchObject({ role: 'member', group: 'civil-society' });
    expect(await person('claire.roy@example.org')).toMatchObject({ role: 'chair', group: 'intergovernmental' });
  });

  it('still refuses a role that is no role in any language, saying the cell as written', async () => {
    const preview = await upload('email;name;role\nx.y@example.org;X Y;Rapporteur', true);
    expect(preview.status).toBe(200);
    expect(preview.body.rows[0]).toMatchObject({
      outcome: 'error',
      errorCode: 'role-unknown',
      errorParams: { role: 'Rapporteur' },
    });
  });

  it('keeps a comma file with semicolons inside its cells as one file of commas', async () => {
    const preview = await upload('email,name,role,affiliation\nz.w@example.org,Z W,member,"A; B; C"', true);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.rows[0]).toMatchObject({ outcome: 'new', name: 'Z W' });
  });
});
