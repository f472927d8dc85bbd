/**
 * Reading a CSV of people and checking every row before anything is written. Shared by the
 * admin CLI (`npm run admin -- user import`, rows carry a password, existing emails refused) and
 * the API (`POST /api/users/import`, people are invited, existing emails updated), so that both
 * refuse the same rows for the same reasons.
 */
import { parse } from 'csv-parse/sync';
import {
  isRole,
  isStakeholderGroup,
  ROLES,
  STAKEHOLDER_GROUPS,
  type Role,
  type StakeholderGroup,
} from '../../../shared/roles.ts';
import { MIN_PASSWORD_LENGTH } from '../../../shared/schemas/users.ts';
import type { SqlExecutor } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import { normaliseEmail, type User } from './userStore.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** More rows than a body of a few hundred people will ever need; keeps one request bounded. */
export const MAX_IMPORT_ROWS = 5_000;

export class ImportFileError extends Error {}

export interface PersonRow {
  email: string;
  name: string;
  role: Role;
  group: StakeholderGroup;
  region: string | null;
  affiliation: string | null;
  /** Only in the CLI's files. */
  password?: string;
}

export interface PlannedRow {
  /** The line of the file where the row ends; the header is line 1. */
  line: number;
  outcome: 'new' | 'update' | 'error';
  email?: string;
  name?: string;
  error?: string;
  person?: PersonRow;
  /** For an update: the person as they are now. */
  existing?: User;
}

export interface ImportMode {
  /** The CLI's files carry passwords; the API invites people instead. */
  passwords: boolean;
  /** The API updates people it already knows; the CLI refuses them. */
  updateExisting: boolean;
  /** The secretariat importing: may not take away their own role. */
  actorId?: string | null;
}

/** When the group is left out: the Secretariat sits with the intergovernmental organizations. */
export function defaultGroup(role: Role): StakeholderGroup {
  return role === 'secretariat' ? 'intergovernmental' : 'civil-society';
}

/** Parses the file into records with their line numbers; a file that is not CSV at all is refused whole. */
export function readCsv(text: string): { line: number; record: Record<string, string> }[] {
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    throw new ImportFileError(`the file is not valid CSV: ${(error as Error).message}`);
  }
  if (parsed.length === 0) throw new ImportFileError('the file has no rows under its header');
  if (parsed.length > MAX_IMPORT_ROWS) throw new ImportFileError(`the file has more than ${MAX_IMPORT_ROWS} rows`);
  const columns = Object.keys(parsed[0]!.record);
  const missing = ['email', 'name', 'role'].filter((column) => !columns.includes(column));
  if (missing.length > 0) throw new ImportFileError(`the header row must name the columns ${missing.join(', ')}`);
  return parsed.map(({ record, info }) => ({ line: info.lines, record }));
}

/** Checks one row's fields; the reason is in plain words, or null when the row is good. */
export function checkPerson(record: Record<string, string | undefined>, mode: Pick<ImportMode, 'passwords'>): PersonRow | string {
  const email = record.email?.trim() ?? '';
  if (!email) return 'the email is missing';
  if (!EMAIL.test(email) || email.length > 254) return `"${email}" is not a valid email address`;
  const name = record.name?.trim() ?? '';
  if (!name) return 'the name is missing';
  if (name.length > 200) return 'the name is longer than 200 characters';
  const role = record.role?.trim().toLowerCase() ?? '';
  if (!isRole(role)) return role ? `the role "${role}" is not one of ${ROLES.join(', ')}` : 'the role is missing';
  const group = record.group?.trim().toLowerCase() || defaultGroup(role);
  if (!isStakeholderGroup(group)) return `the group "${group}" is not one of ${STAKEHOLDER_GROUPS.join(', ')}`;
  const region = record.region?.trim() || null;
  if (region && region.length > 100) return 'the region is longer than 100 characters';
  const affiliation = record.affiliation?.trim() || null;
  if (affiliation && affiliation.length > 200) return 'the affiliation is longer than 200 characters';
  const person: PersonRow = { email: normaliseEmail(email), name, role, group, region, affiliation };
  if (mode.passwords) {
    const password = record.password ?? '';
    if (password.length < MIN_PASSWORD_LENGTH) return `the password must have at least ${MIN_PASSWORD_LENGTH} characters`;
    person.password = password;
  }
  return person;
}

/**
 * Every row of the file with what importing it would do. Nothing is written; pass the import's
 * transaction as `tx` to check against the people it will see.
 */
export async function planImport(
  store: Store,
  text: string,
  mode: ImportMode,
  tx: SqlExecutor = store.db,
): Promise<PlannedRow[]> {
  const records = readCsv(text);
  const firstLine = new Map<string, number>();
  const planned: PlannedRow[] = [];
  for (const { line, record } of records) {
    const checked = checkPerson(record, mode);
    const email = record.email?.trim() || undefined;
    const name = record.name?.trim() || undefined;
    const base = { line, ...(email ? { email } : {}), ...(name ? { name } : {}) };
    if (typeof checked === 'string') {
      planned.push({ ...base, outcome: 'error', error: checked });
      continue;
    }
    const earlier = firstLine.get(checked.email);
    if (earlier !== undefined) {
      planned.push({ ...base, outcome: 'error', error: `the email ${checked.email} is already on line ${earlier}` });
      continue;
    }
    firstLine.set(checked.email, line);
    const existing = await store.users.byEmail(checked.email, tx);
    if (!existing) {
      planned.push({ ...base, outcome: 'new', person: checked });
    } else if (!mode.updateExisting) {
      planned.push({ ...base, outcome: 'error', error: `a user with email ${checked.email} already exists` });
    } else if (existing.id === mode.actorId && checked.role !== existing.role) {
      planned.push({ ...base, outcome: 'error', error: 'you cannot change your own role' });
    } else {
      planned.push({ ...base, outcome: 'update', person: checked, existing });
    }
  }
  return planned;
}
