/**
 * Writing a checked import (`planImport`) and its one `user.import` audit row. The web import and
 * the admin CLI both write through here, so the audit log tells the same story whichever was used:
 * who was added, with role and group, and who changed how, from → to.
 */
import type { SqlExecutor } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import type { FieldChange, PlannedRow } from './userImport.ts';
import type { User } from './userStore.ts';

/** How many people a `user.import` audit row names (with their changes); beyond it, only how many more. */
export const MAX_AUDITED_PEOPLE = 100;

/** A person in the `user.import` audit row: who was added (with role and group), or each field changed, from → to. */
type ImportedPerson =
  | { id: string; email: string; outcome: 'new'; name: string; role: string; group: string }
  | { id: string; email: string; outcome: 'update'; changes: FieldChange[] };

export interface ImportWriter {
  /** Who imports: the secretariat's id, or null for the CLI (an operator at the server). */
  actorId: string | null;
  via: 'api' | 'cli';
  /** A new person's password hash: '' (invited) unless the file gave them a password (the CLI). */
  passwordHashOf?: (row: PlannedRow) => string;
}

export interface WrittenImport {
  /** Each row with the person it created, in the file's order. */
  rows: { row: PlannedRow; created?: User }[];
  created: User[];
  /** The ids of the people it changed. */
  updated: string[];
}

/** Writes rows with no error among them (the caller checked) in `tx`; nothing at all, not even audit, when none changes anyone. */
export async function writeImport(
  store: Store,
  rows: PlannedRow[],
  writer: ImportWriter,
  tx: SqlExecutor,
): Promise<WrittenImport> {
  const written: WrittenImport = { rows: [], created: [], updated: [] };
  const people: ImportedPerson[] = [];
  for (const row of rows) {
    if (row.outcome === 'update') {
      // Only the fields that change: a column the file does not have leaves that field as it is.
      const fields = Object.fromEntries(row.changes!.map((change) => [change.field, change.to]));
      await store.users.update(row.existing!.id, fields, tx);
      written.updated.push(row.existing!.id);
      written.rows.push({ row });
      people.push({ id: row.existing!.id, email: row.existing!.email, outcome: 'update', changes: row.changes! });
    } else if (row.outcome === 'new') {
      const { password: _password, ...person } = row.person!;
      const user = await store.users.create({ ...person, passwordHash: writer.passwordHashOf?.(row) ?? '' }, tx);
      written.created.push(user);
      written.rows.push({ row, created: user });
      people.push({ id: user.id, email: user.email, outcome: 'new', name: user.name, role: user.role, group: user.group });
    } else {
      written.rows.push({ row });
    }
  }
  const unchanged = rows.length - written.created.length - written.updated.length;
  if (people.length > 0)
    await store.audit.record(
      {
        actorId: writer.actorId,
        action: 'user.import',
        subject: 'users',
        // Who was added and who changed how, so the log answers "who changed what"; a file of
        // thousands would make one huge row, so the list stops at a cap and says how many more.
        detail: {
          created: written.created.length,
          updated: written.updated.length,
          unchanged,
          via: writer.via,
          people: people.slice(0, MAX_AUDITED_PEOPLE),
          ...(people.length > MAX_AUDITED_PEOPLE ? { morePeople: people.length - MAX_AUDITED_PEOPLE } : {}),
        },
      },
      tx,
    );
  return written;
}
