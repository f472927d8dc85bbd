/**
 * The admin CLI: `npm run admin -- user add …` and `npm run admin -- user import --csv FILE`.
 * Uses the same store as the server (DATA_DIR or DATABASE_URL). Prints the result and exits 0,
 * or prints a one-line reason and exits 1.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { openStore } from './storage/store.ts';
import { addUser, changeUser, importUsers, UserInputError } from './users/userAdmin.ts';

const USAGE = `Usage:
  npm run admin -- user add --email E --name N --role R --password P [--group G] [--region X]
  npm run admin -- user import --csv FILE   (columns: email,name,role,group,password[,region,affiliation]; all rows or none)
  npm run admin -- user set --email E [--role R] [--disable | --enable]`;

async function run(argv: string[]): Promise<string> {
  const [noun, verb, ...rest] = argv;
  if (noun !== 'user' || (verb !== 'add' && verb !== 'import' && verb !== 'set')) throw new UserInputError(USAGE);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      group: { type: 'string' },
      region: { type: 'string' },
      csv: { type: 'string' },
      disable: { type: 'boolean' },
      enable: { type: 'boolean' },
    },
    strict: true,
  });
  const config = loadConfig(process.env);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (verb === 'add') {
      const user = await addUser(store, values);
      return user.id;
    }
    if (verb === 'set') {
      const user = await changeUser(store, values);
      return `${user.email}: ${user.role}${user.disabled ? ', disabled' : ''}`;
    }
    if (!values.csv) throw new UserInputError('--csv FILE is required');
    const users = await importUsers(store, values.csv);
    return `imported ${users.length} users`;
  } finally {
    await store.close();
  }
}

run(process.argv.slice(2)).then(
  (output) => {
    process.stdout.write(`${output}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    const known =
      error instanceof UserInputError ||
      error instanceof ConfigError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`${known ? (error as Error).message : `error: ${String(error)}`}\n`);
    process.exit(1);
  },
);
