/**
 * The names of the things audit entries refer to, as they are now, read across the features'
 * tables (as the timeline reads them). SQL only: one statement per kind for a page of entries.
 */
import type { AuditRefKind } from '../../../shared/auditRefs.ts';
import type { Db } from '../storage/db.ts';
import { placeholders } from '../storage/placeholders.ts';

/** The kinds a table row names; an agenda item lives in its meeting's agenda document instead. */
export type StoredRefKind = Exclude<AuditRefKind, 'agendaItem'>;

const NAMES: Readonly<Record<StoredRefKind, string>> = {
  person: 'SELECT id, name FROM users WHERE id IN',
  meeting: 'SELECT id, title AS name FROM meetings WHERE id IN',
  poll: 'SELECT id, question AS name FROM polls WHERE id IN',
  proposal: 'SELECT id, title AS name FROM proposals WHERE id IN',
  workingGroup: 'SELECT id, name FROM working_groups WHERE id IN',
  action: 'SELECT id, text AS name FROM action_items WHERE id IN',
  // A call has no title: its kind (PN, BPF, other), which the service says in the reader's language.
  call: 'SELECT id, kind AS name FROM meeting_calls WHERE id IN',
  // The whole text: the service shortens it, counting characters rather than bytes.
  question: 'SELECT id, text AS name FROM questions WHERE id IN',
  // A document by the file name of its current version (a removed one keeps its row, and its name).
  attachment: `SELECT a.id, v.name FROM attachments a
    JOIN attachment_versions v ON v.attachment_id = a.id AND v.version = a.current_version WHERE a.id IN`,
  token: 'SELECT id, name FROM api_tokens WHERE id IN',
};

/**
 * Ids in one statement. A page of 1,000 entries (the default) names fewer of each kind; a page of
 * 10,000 imports may name up to a million people, more values than either backend takes at once.
 */
export const NAMES_PER_STATEMENT = 1000;

export class AuditNames {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** The name of each of `ids` that exists; an id not found is absent. */
  async of(kind: StoredRefKind, ids: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (let start = 0; start < ids.length; start += NAMES_PER_STATEMENT) {
      const chunk = ids.slice(start, start + NAMES_PER_STATEMENT);
      const rows = await this.db.all<{ id: string; name: string }>(`${NAMES[kind]} (${placeholders(chunk.length)})`, chunk);
      for (const row of rows) names.set(row.id, row.name);
    }
    return names;
  }
}
