/**
 * What belongs to a meeting, read across the features' tables: which meeting an entity (a
 * poll, a thread, a proposal…) is part of, how much open work a meeting holds, and whether it
 * holds anything besides its agenda. SQL only; the rules are in MeetingService and the guard.
 */
import type { MeetingVisibility } from '../../../shared/constants/meetings.ts';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

/** Entities addressed by their own id in routes (`/api/polls/:id`…), and the SQL that finds their meeting. */
const MEETING_OF: Record<string, string> = {
  poll: 'SELECT meeting_id FROM polls WHERE id = ?',
  thread: 'SELECT meeting_id FROM comment_threads WHERE id = ?',
  comment: 'SELECT t.meeting_id FROM comments c JOIN comment_threads t ON t.id = c.thread_id WHERE c.id = ?',
  proposal: 'SELECT meeting_id FROM proposals WHERE id = ?',
  action: 'SELECT meeting_id FROM action_items WHERE id = ?',
  workingGroup: 'SELECT meeting_id FROM working_groups WHERE id = ?',
  call: 'SELECT meeting_id FROM meeting_calls WHERE id = ?',
  attachment: 'SELECT meeting_id FROM attachments WHERE id = ?',
  question: 'SELECT meeting_id FROM questions WHERE id = ?',
};
export type ScopedEntity = keyof typeof MEETING_OF;

/** What the meeting guard asks of the meeting a request is about. */
export interface MeetingState {
  meetingId: string;
  archived: boolean;
  visibility: MeetingVisibility;
}

/** Tables whose rows are a meeting's content: any row makes the meeting impossible to delete. */
const CONTENT_TABLES = [
  'proposals',
  'comment_threads',
  'moderation_log',
  'polls',
  'action_items',
  'agenda_versions',
  'meeting_calls',
];

export class MeetingScope {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** The meeting an entity belongs to, or undefined when there is no such entity. */
  async meetingOf(entity: ScopedEntity, id: string): Promise<string | undefined> {
    const sql = MEETING_OF[entity];
    if (!sql) return undefined;
    return (await this.db.get<{ meeting_id: string }>(sql, [id]))?.meeting_id;
  }

  /**
   * Whether the meeting an entity belongs to is archived, and its visibility, in one query (the
   * guard runs it on every write, ballots included, and on a public registrant's every read);
   * undefined when there is no such entity.
   */
  async stateOf(entity: ScopedEntity, id: string): Promise<MeetingState | undefined> {
    const sql = MEETING_OF[entity];
    if (!sql) return undefined;
    return this.stateWhere(`(${sql})`, id);
  }

  /** The same of a meeting named by its id. */
  async stateOfMeeting(meetingId: string): Promise<MeetingState | undefined> {
    return this.stateWhere('?', meetingId);
  }

  private async stateWhere(idSql: string, id: string): Promise<MeetingState | undefined> {
    const row = await this.db.get<{ id: string; archived_at: number | null; visibility: string }>(
      `SELECT id, archived_at, visibility FROM meetings WHERE id = ${idSql}`,
      [id],
    );
    return row && { meetingId: row.id, archived: row.archived_at !== null, visibility: row.visibility as MeetingVisibility };
  }

  /** The meeting of a collaborative document (`agenda:…`, `live:…`, `proposal:…`). */
  async meetingOfDocument(name: string): Promise<string | undefined> {
    const ref = parseDocumentName(name);
    if (!ref) return undefined;
    return ref.kind === 'proposal' ? this.meetingOf('proposal', ref.id) : ref.id;
  }

  /** Open polls and open or in-progress actions, per meeting. */
  async openCounts(): Promise<Map<string, { openPolls: number; openActions: number }>> {
    const counts = new Map<string, { openPolls: number; openActions: number }>();
    const entry = (id: string) => {
      let value = counts.get(id);
      if (!value) {
        value = { openPolls: 0, openActions: 0 };
        counts.set(id, value);
      }
      return value;
    };
    const polls = await this.db.all<{ meeting_id: string; n: number }>(
      `SELECT meeting_id, COUNT(*) AS n FROM polls WHERE status = 'open' GROUP BY meeting_id`,
    );
    for (const row of polls) entry(row.meeting_id).openPolls = Number(row.n);
    const actions = await this.db.all<{ meeting_id: string; n: number }>(
      `SELECT meeting_id, COUNT(*) AS n FROM action_items WHERE status IN ('open', 'in-progress') GROUP BY meeting_id`,
    );
    for (const row of actions) entry(row.meeting_id).openActions = Number(row.n);
    return counts;
  }

  /**
   * What the meeting holds besides its agenda, by table. Working groups count once they have
   * members, nominations or co-facilitators: empty ones (as "Create from" copies them) are
   * structure, like the agenda.
   */
  async contentOf(meetingId: string, tx: SqlExecutor = this.db): Promise<Record<string, number>> {
    const found: Record<string, number> = {};
    for (const table of CONTENT_TABLES) {
      const row = await tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE meeting_id = ?`, [meetingId]);
      if (Number(row?.n ?? 0) > 0) found[table] = Number(row!.n);
    }
    const people = await tx.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM working_groups g WHERE g.meeting_id = ? AND (
         EXISTS (SELECT 1 FROM working_group_members m WHERE m.group_id = g.id)
         OR EXISTS (SELECT 1 FROM working_group_nominations n WHERE n.group_id = g.id)
         OR EXISTS (SELECT 1 FROM working_group_cofacilitators c WHERE c.group_id = g.id))`,
      [meetingId],
    );
    if (Number(people?.n ?? 0) > 0) found.working_groups = Number(people!.n);
    return found;
  }

  /** Removes a meeting that holds nothing but its agenda (and empty working groups). */
  async deleteStructure(meetingId: string, documents: string[], tx: SqlExecutor): Promise<void> {
    await tx.run('DELETE FROM working_groups WHERE meeting_id = ?', [meetingId]);
    await tx.run('DELETE FROM meeting_run WHERE meeting_id = ?', [meetingId]);
    for (const doc of documents) {
      await tx.run('DELETE FROM doc_updates WHERE doc = ?', [doc]);
      await tx.run('DELETE FROM doc_snapshots WHERE doc = ?', [doc]);
    }
    await tx.run('DELETE FROM meetings WHERE id = ?', [meetingId]);
  }

  async proposalIdsOf(meetingId: string): Promise<string[]> {
    return (await this.db.all<{ id: string }>('SELECT id FROM proposals WHERE meeting_id = ?', [meetingId])).map((row) => row.id);
  }

  /** Working groups of a meeting, as rows to copy: names and descriptions, in order. */
  async workingGroupRows(meetingId: string): Promise<{ name: string; description: string; position: number }[]> {
    return (
      await this.db.all<{ name: string; description: string; position: number }>(
        'SELECT name, description, position FROM working_groups WHERE meeting_id = ? ORDER BY position, created_at',
        [meetingId],
      )
    ).map((row) => ({ ...row, position: Number(row.position) }));
  }

  async insertWorkingGroup(
    row: { id: string; meetingId: string; name: string; description: string; position: number },
    tx: SqlExecutor,
  ): Promise<void> {
    await tx.run(
      'INSERT INTO working_groups (id, meeting_id, name, description, position, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [row.id, row.meetingId, row.name, row.description, row.position, Date.now()],
    );
  }
}
