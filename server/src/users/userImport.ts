/**
 * Reading a CSV of people and checking every row before anything is written. Shared by the
 * admin CLI (`npm run admin -- user import`, rows carry a password, existing emails refused) and
 * the API (`POST /api/users/import`, people are invited, existing emails updated), so that both
 * refuse the same rows for the same reasons.
 */

import { parse } from 'csv-parse/sync';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages.ts';
import { ROLES, type Role, STAKEHOLDER_GROUPS, type StakeholderGroup } from '../../../shared/roles.ts';
import { MIN_PASSWORD_LENGTH } from '../../../shared/schemas/users.ts';
import { storableText } from '../../../shared/storableText.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import type { SqlExecutor } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import { delimiterOf, groupNamed, languageNamed, roleNamed } from './importWords.ts';
import { normaliseEmail, type User } from './userStore.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** More rows than a body of a few hundred people will ever need; keeps one request bounded. */
export const MAX_IMPORT_ROWS = 5_000;

/** Why a whole file is refused, as a code the client says in the reader's language. */
export type ImportFileReason = 'empty' | 'not-csv' | 'no-rows' | 'too-many-rows' | 'missing-columns' | 'unstorable-text';

export class ImportFileError extends Error {
  readonly reason: ImportFileReason;
  readonly params: Record<string, string | number>;
  constructor(reason: ImportFileReason, message: string, params: Record<string, string | number> = {}) {
    super(message);
    this.reason = reason;
    this.params = params;
  }
}

/** Why one row cannot be imported: a code and its values for the client, and plain English for the CLI and logs. */
export interface RowProblem {
  code: string;
  params: Record<string, string | number>;
  message: string;
}

const problem = (code: string, message: string, params: Record<string, string | number> = {}): RowProblem => ({
  code,
  params,
  message,
});

export interface PersonRow {
  email: string;
  name: string;
  role: Role;
  group: StakeholderGroup;
  region: string | null;
  affiliation: string | null;
  /** The language the person is invited and written to in; null: none chosen (the invitation falls back on the importer's). */
  language: Language | null;
  /** Only in the CLI's files. */
  password?: string;
}

/**
 * A row as the file gives it: a field is undefined when its column is not in the file (or, for the
 * group, when its cell is blank), and then a known person keeps theirs; a new one gets the default.
 */
export type CheckedRow = Omit<PersonRow, 'group' | 'region' | 'affiliation' | 'language'> & {
  group?: StakeholderGroup;
  region?: string | null;
  affiliation?: string | null;
  language?: Language;
};

/** The fields an import may change on a known person, in the order the preview lists them. */
export const IMPORT_FIELDS = ['name', 'role', 'group', 'region', 'affiliation', 'language'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export interface FieldChange {
  field: ImportField;
  from: string | null;
  to: string | null;
}

export interface PlannedRow {
  /** The line of the file where the row ends; the header is line 1. */
  line: number;
  outcome: 'new' | 'update' | 'unchanged' | 'error';
  email?: string;
  name?: string;
  problem?: RowProblem;
  /** For a new row: the person to create, defaults filled in. */
  person?: PersonRow;
  /** For an update (or a row that changes nothing): the person as they are now. */
  existing?: User;
  /** For an update: each field that changes, from what to what (only columns the file has). */
  changes?: FieldChange[];
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

/** A column named as it reads, its unstorable characters shown as U+FFFD, for a message about it. */
const shownColumn = (column: string) => column.replaceAll('\u0000', '\uFFFD').toWellFormed();

/**
 * A file holding text that cannot be stored (shared/storableText.ts: a NUL character, a lone
 * surrogate) is refused whole, naming the first such cell: its line (where its row ends, as for a
 * row's problems) and its column. Every cell is looked at, read or not: a NUL in a people file is
 * most often a file saved in another encoding (UTF-16), whose other cells are not what they seem.
 */
function unstorableCell(line: number, column: string): ImportFileError {
  const shown = shownColumn(column);
  return new ImportFileError(
    'unstorable-text',
    `line ${line}, column ${shown}: the text holds a character that cannot be stored (a NUL character or a lone UTF-16 surrogate); save the file as UTF-8 text`,
    { column: shown, line },
  );
}

/** Parses the file into records with their line numbers; a file that is not CSV at all is refused whole. */
export function readCsv(text: string): { line: number; record: Record<string, string> }[] {
  if (!text.replace(/^\uFEFF/, '').trim()) throw new ImportFileError('empty', 'the file is empty');
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  /** The header's first cell that cannot be stored, kept to be refused after parsing (a throw in `columns` would read as not CSV). */
  let badHeader: string | undefined;
  try {
    parsed = parse(text, {
      delimiter: delimiterOf(text),
      columns: (header: string[]) => {
        const columns = header.map((column) => column.trim().toLowerCase());
        badHeader = columns.find((column) => !storableText(column));
        return columns;
      },
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    throw new ImportFileError('not-csv', `the file is not valid CSV: ${(error as Error).message}`);
  }
  if (badHeader !== undefined) throw unstorableCell(1, badHeader);
  for (const { record, info } of parsed) {
    const column = Object.keys(record).find((key) => !storableText(record[key] ?? ''));
    if (column !== undefined) throw unstorableCell(info.lines, column);
  }
  if (parsed.length === 0) throw new ImportFileError('no-rows', 'the file has no rows under its header');
  if (parsed.length > MAX_IMPORT_ROWS)
    throw new ImportFileError('too-many-rows', `the file has more than ${MAX_IMPORT_ROWS} rows`, { max: MAX_IMPORT_ROWS });
  const columns = Object.keys(parsed[0]!.record);
  const missing = ['email', 'name', 'role'].filter((column) => !columns.includes(column));
  if (missing.length > 0)
    throw new ImportFileError('missing-columns', `the header row must name the columns ${missing.join(', ')}`, {
      columns: missing.join(', '),
    });
  return parsed.map(({ record, info }) => ({ line: info.lines, record }));
}

/**
 * Checks one row's fields; the problem, or the row. A column the file does not have is left
 * undefined (a known person keeps that field); a blank region or affiliation in a column the
 * file has clears it; a blank group keeps a known person's group and gives a new one the default.
 */
export function checkPerson(
  record: Record<string, string | undefined>,
  mode: Pick<ImportMode, 'passwords'>,
): CheckedRow | RowProblem {
  const email = record.email?.trim() ?? '';
  if (!email) return problem('email-missing', 'the email is missing');
  if (!EMAIL.test(email) || email.length > 254)
    return problem('email-invalid', `"${email}" is not a valid email address`, { email });
  const name = record.name?.trim() ?? '';
  if (!hasVisibleText(name)) return problem('name-missing', 'the name is missing');
  if (name.length > 200) return problem('name-too-long', 'the name is longer than 200 characters', { max: 200 });
  const roleCell = record.role?.trim() ?? '';
  const role = roleNamed(roleCell);
  if (!role)
    return roleCell
      ? problem('role-unknown', `the role "${roleCell}" is not one of ${ROLES.join(', ')}`, {
          role: roleCell,
          roles: ROLES.join(', '),
        })
      : problem('role-missing', 'the role is missing');
  const groupCell = record.group?.trim() || undefined;
  const group = groupCell === undefined ? undefined : groupNamed(groupCell);
  if (groupCell !== undefined && !group)
    return problem('group-unknown', `the group "${groupCell}" is not one of ${STAKEHOLDER_GROUPS.join(', ')}`, {
      group: groupCell,
      groups: STAKEHOLDER_GROUPS.join(', '),
    });
  const person: CheckedRow = { email: normaliseEmail(email), name, role, ...(group ? { group } : {}) };
  if (record.region !== undefined) {
    const region = record.region.trim() || null;
    if (region && region.length > 100)
      return problem('region-too-long', 'the region is longer than 100 characters', { max: 100 });
    person.region = region;
  }
  if (record.affiliation !== undefined) {
    const affiliation = record.affiliation.trim() || null;
    if (affiliation && affiliation.length > 200)
      return problem('affiliation-too-long', 'the affiliation is longer than 200 characters', { max: 200 });
    person.affiliation = affiliation;
  }
  // A blank language, like a blank group, keeps a known person's and leaves a new one's unchosen.
  const languageCell = record.language?.trim() || undefined;
  if (languageCell !== undefined) {
    const language = languageNamed(languageCell);
    if (!language)
      return problem('language-unknown', `the language "${languageCell}" is not one of ${LANGUAGES.join(', ')}`, {
        language: languageCell,
        languages: LANGUAGES.join(', '),
      });
    person.language = language;
  }
  if (mode.passwords) {
    const password = record.password ?? '';
    if (password.length < MIN_PASSWORD_LENGTH)
      return problem('password-too-short', `the password must have at least ${MIN_PASSWORD_LENGTH} characters`, {
        min: MIN_PASSWORD_LENGTH,
      });
    person.password = password;
  }
  return person;
}

const isProblem = (checked: CheckedRow | RowProblem): checked is RowProblem => 'code' in checked;

/** What the row would change on a known person: only the fields the file gives, and only where they differ. */
export function changesOf(existing: User, row: CheckedRow): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of IMPORT_FIELDS) {
    const to = row[field];
    if (to === undefined || to === existing[field]) continue;
    changes.push({ field, from: existing[field], to });
  }
  return changes;
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
    if (isProblem(checked)) {
      planned.push({ ...base, outcome: 'error', problem: checked });
      continue;
    }
    const earlier = firstLine.get(checked.email);
    if (earlier !== undefined) {
      const repeated = problem('email-repeated', `the email ${checked.email} is already on line ${earlier}`, {
        email: checked.email,
        line: earlier,
      });
      planned.push({ ...base, outcome: 'error', problem: repeated });
      continue;
    }
    firstLine.set(checked.email, line);
    const existing = await store.users.byEmail(checked.email, tx);
    if (!existing) {
      const person: PersonRow = {
        ...checked,
        group: checked.group ?? defaultGroup(checked.role),
        region: checked.region ?? null,
        affiliation: checked.affiliation ?? null,
        language: checked.language ?? null,
      };
      planned.push({ ...base, outcome: 'new', person });
    } else if (!mode.updateExisting) {
      const exists = problem('email-exists', `a user with email ${checked.email} already exists`, { email: checked.email });
      planned.push({ ...base, outcome: 'error', problem: exists });
    } else if (existing.id === mode.actorId && checked.role !== existing.role) {
      planned.push({ ...base, outcome: 'error', problem: problem('own-role', 'you cannot change your own role') });
    } else {
      const changes = changesOf(existing, checked);
      planned.push({ ...base, outcome: changes.length > 0 ? 'update' : 'unchanged', existing, changes });
    }
  }
  return planned;
}
