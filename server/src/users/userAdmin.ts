/** Creating users from the admin CLI: one at a time, or a whole CSV atomically. */

import fs from 'node:fs';
import { isRole, isStakeholderGroup, type Role, type StakeholderGroup } from '../../../shared/roles.ts';
import { storableText } from '../../../shared/storableText.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { hashPassword } from '../auth/passwords.ts';
import { UniqueViolation } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import { writeImport } from './importWrite.ts';
import { defaultGroup, ImportFileError, type PlannedRow, planImport } from './userImport.ts';
import { normaliseEmail, type User } from './userStore.ts';

export class UserInputError extends Error {}

export { MIN_PASSWORD_LENGTH } from '../../../shared/schemas/users.ts';

import { MIN_PASSWORD_LENGTH } from '../../../shared/schemas/users.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface UserFields {
  email?: string | undefined;
  name?: string | undefined;
  role?: string | undefined;
  password?: string | undefined;
  group?: string | undefined;
  region?: string | undefined;
}

interface ValidUser {
  email: string;
  name: string;
  role: Role;
  group: StakeholderGroup;
  region: string | null;
  password: string;
}

export { defaultGroup };

export function validateUser(fields: UserFields): ValidUser {
  // The rule every JSON body is held to (shared/storableText.ts). A command line cannot carry a NUL
  // and Node reads broken UTF-8 in it as U+FFFD, but addUser takes whatever string it is given.
  for (const [option, value] of Object.entries(fields)) {
    if (typeof value === 'string' && !storableText(value))
      throw new UserInputError(
        `--${option} holds a character that cannot be stored (a NUL character or a lone UTF-16 surrogate); nothing was changed`,
      );
  }
  const email = fields.email?.trim() ?? '';
  if (!EMAIL.test(email)) throw new UserInputError(`invalid email ${JSON.stringify(fields.email ?? '')}`);
  const name = fields.name?.trim() ?? '';
  if (!hasVisibleText(name) || name.length > 200) throw new UserInputError('--name is required (at most 200 characters)');
  if (!isRole(fields.role))
    throw new UserInputError(`--role must be secretariat, chair, member or observer (got ${JSON.stringify(fields.role ?? '')})`);
  const group = fields.group?.trim() || defaultGroup(fields.role);
  if (!isStakeholderGroup(group)) {
    throw new UserInputError(
      `--group must be government, private-sector, civil-society, technical-community or intergovernmental (got ${JSON.stringify(group)})`,
    );
  }
  const password = fields.password ?? '';
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new UserInputError(`--password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  return { email: normaliseEmail(email), name, role: fields.role, group, region: fields.region?.trim() || null, password };
}

export async function addUser(store: Store, fields: UserFields): Promise<User> {
  const valid = validateUser(fields);
  try {
    const user = await store.users.create({ ...valid, passwordHash: await hashPassword(valid.password) });
    await store.audit.record({
      actorId: null,
      action: 'user.add',
      subject: `user:${user.id}`,
      detail: { role: user.role, via: 'cli' },
    });
    return user;
  } catch (error) {
    if (error instanceof UniqueViolation) throw new UserInputError(`a user with email ${valid.email} already exists`);
    throw error;
  }
}

/**
 * Imports every row or none: all rows are checked first (the same checks as the API's import),
 * then inserted in one transaction.
 */
export async function importUsers(store: Store, file: string): Promise<User[]> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserInputError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const mode = { passwords: true, updateExisting: false };
  let planned: PlannedRow[];
  try {
    planned = await planImport(store, text, mode);
  } catch (error) {
    if (error instanceof ImportFileError) throw new UserInputError(`${file}: ${error.message}; nothing was imported`);
    throw error;
  }
  const bad = planned.find((row) => row.outcome === 'error');
  if (bad) throw new UserInputError(`line ${bad.line}: ${bad.problem!.message}; nothing was imported`);
  const hashes = new Map(
    await Promise.all(planned.map(async (row) => [row.line, await hashPassword(row.person!.password!)] as const)),
  );
  try {
    // The web import's own writing and audit row, so the log reads the same whichever way people came in.
    const written = await store.db.transaction((tx) =>
      writeImport(store, planned, { actorId: null, via: 'cli', passwordHashOf: (row) => hashes.get(row.line)! }, tx),
    );
    return written.created;
  } catch (error) {
    if (error instanceof UniqueViolation)
      throw new UserInputError('someone in the file was added meanwhile; nothing was imported, run the import again');
    throw error;
  }
}

/**
 * Changes a user's role or disables/re-enables the account. Running servers notice within
 * seconds (their access sweep re-checks open sockets against the store).
 */
export async function changeUser(
  store: Store,
  fields: { email?: string | undefined; role?: string | undefined; disable?: boolean | undefined; enable?: boolean | undefined },
): Promise<User> {
  if (!fields.email) throw new UserInputError('--email is required');
  if (fields.disable && fields.enable) throw new UserInputError('--disable and --enable exclude each other');
  if (fields.role === undefined && !fields.disable && !fields.enable)
    throw new UserInputError('nothing to change: give --role, --disable or --enable');
  if (fields.role !== undefined && !isRole(fields.role)) {
    throw new UserInputError(`--role must be secretariat, chair, member or observer (got ${JSON.stringify(fields.role)})`);
  }
  const found = await store.users.byEmail(fields.email);
  if (!found) throw new UserInputError(`no user with email ${normaliseEmail(fields.email)}`);
  const id = found.id;
  return store.db.transaction(async (tx) => {
    if (fields.role !== undefined && isRole(fields.role)) await store.users.setRole(id, fields.role, tx);
    if (fields.disable || fields.enable) await store.users.setDisabled(id, Boolean(fields.disable), tx);
    // A disabled account's sessions end, as when the secretariat deactivates someone in the browser.
    if (fields.disable) await store.sessions.revokeOthersOf(id, null, tx);
    await store.audit.record(
      {
        actorId: null,
        action: 'user.change',
        subject: `user:${id}`,
        detail: { role: fields.role, disabled: fields.disable ? true : fields.enable ? false : undefined, via: 'cli' },
      },
      tx,
    );
    return (await store.users.byId(id, tx))!;
  });
}
