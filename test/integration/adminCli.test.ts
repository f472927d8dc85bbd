/** The admin CLI as an operator runs it: `npm run admin -- user add|import`. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../../server/src/schema.ts';
import { openStore, type Store } from '../../server/src/storage/store.ts';
import { NODE, ROOT, tempDir } from '../helpers/testServer.ts';

let dataDir: string;

function admin(...args: string[]) {
  const result = spawnSync(NODE, ['server/src/admin.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir, migrations: ALL_MIGRATIONS });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

beforeAll(() => {
  dataDir = tempDir('admin');
});

describe('npm run admin -- user add', () => {
  it('creates a user that can sign in and prints its id', async () => {
    const result = admin(
      'user',
      'add',
      '--email',
      'Ana.Lima@Example.org',
      '--name',
      'Ana Lima',
      '--role',
      'member',
      '--password',
      'long-enough-pw',
      '--group',
      'government',
      '--region',
      'GRULAC',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[0-9a-f-]{36}$/);
    const user = await withStore((store) => store.users.byId(result.stdout));
    expect(user).toMatchObject({
      email: 'ana.lima@example.org',
      name: 'Ana Lima',
      role: 'member',
      group: 'government',
      region: 'GRULAC',
    });
  });

  it.each([
    [
      ['--email', 'ana.lima@example.org', '--name', 'Again', '--role', 'member', '--password', 'long-enough-pw'],
      /already exists/,
    ],
    [['--email', 'not-an-email', '--name', 'X', '--role', 'member', '--password', 'long-enough-pw'], /invalid email/],
    [['--email', 'x@example.org', '--name', 'X', '--role', 'king', '--password', 'long-enough-pw'], /--role must be/],
    [['--email', 'x@example.org', '--name', 'X', '--role', 'member', '--password', 'short'], /--password must have/],
    [
      ['--email', 'x@example.org', '--name', 'X', '--role', 'member', '--password', 'long-enough-pw', '--group', 'aliens'],
      /--group must be/,
    ],
    [['--email', 'x@example.org', '--bogus', 'y'], /Unknown option/],
  ])('exits non-zero with a one-line reason for %o', (args, reason) => {
    const result = admin('user', 'add', ...args);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr.split('\n')).toHaveLength(1);
  });
});

describe('npm run admin -- user import', () => {
  it('imports every row of a CSV, quoted fields included', async () => {
    const csv = path.join(dataDir, 'ok.csv');
    fs.writeFileSync(
      csv,
      'email,name,role,group,password\nli@example.org,"Li, Wei",chair,technical-community,password-one\nobs@example.org,Obi,observer,civil-society,password-two\n',
    );
    const result = admin('user', 'import', '--csv', csv);
    expect(result).toMatchObject({ code: 0, stdout: 'imported 2 users' });
    const li = await withStore((store) => store.users.credentialsByEmail('li@example.org'));
    expect(li?.user).toMatchObject({ name: 'Li, Wei', role: 'chair', group: 'technical-community' });
  });

  it('imports nothing when one row is bad, and names the line', async () => {
    const csv = path.join(dataDir, 'bad.csv');
    fs.writeFileSync(
      csv,
      'email,name,role,group,password\nnew1@example.org,New One,member,government,password-one\nli@example.org,Dup,member,government,password-two\n',
    );
    const before = await withStore((store) => store.users.count());
    const result = admin('user', 'import', '--csv', csv);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/line 3: .*already exists; nothing was imported/);
    expect(await withStore((store) => store.users.count())).toBe(before);
    expect(await withStore((store) => store.users.credentialsByEmail('new1@example.org'))).toBeUndefined();
  });

  it('imports nothing from a file holding a NUL character, and names its line and column', async () => {
    const csv = path.join(dataDir, 'nul.csv');
    fs.writeFileSync(
      csv,
      'email,name,role,group,password\nnul1@example.org,Nul One,member,government,password-one\nnul2@example.org,Nul\u0000Two,member,government,password-two\n',
    );
    const before = await withStore((store) => store.users.count());
    const result = admin('user', 'import', '--csv', csv);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/line 3, column name: .*cannot be stored.*; nothing was imported/);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(await withStore((store) => store.users.count())).toBe(before);
  });
});

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
