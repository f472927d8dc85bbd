/**
 * Proposals of a meeting: who submitted them, who co-authors their body, where they stand and
 * how they got there (every status change, with who and when).
 */
import { randomUUID } from 'node:crypto';
import { proposalDoc } from '../../../shared/documentNames.ts';
import type { StakeholderGroup } from '../../../shared/roles.ts';
import type { Person, ProposalDto, ProposalKind, ProposalListQuery, ProposalStatus } from '../../../shared/schemas/proposals.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';
import { placeholders } from '../storage/placeholders.ts';

export interface NewProposal {
  /** Given by the demo seed; generated otherwise. */
  id?: string;
  meetingId: string;
  kind: ProposalKind;
  title: string;
  summary: string;
  submitterId: string;
  coAuthorIds?: string[];
  publicComment?: boolean;
  /** When it was submitted (the demo seed spreads its proposals out); now by default. */
  at?: number;
}

export interface ProposalChanges {
  title?: string;
  summary?: string;
  kind?: ProposalKind;
  status?: ProposalStatus;
  publicComment?: boolean;
  coAuthorIds?: string[];
}

/** What a proposal's access checks need, without the joins. */
export interface ProposalAccessInfo {
  id: string;
  meetingId: string;
  submitterId: string;
  publicComment: boolean;
  authorIds: string[];
}

interface ProposalRow {
  id: string;
  meeting_id: string;
  kind: ProposalKind;
  title: string;
  summary: string;
  status: ProposalStatus;
  submitter_id: string;
  public_comment: number;
  created_at: number;
  updated_at: number;
  submitter_name: string;
  submitter_group: StakeholderGroup;
}

export class ProposalStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async create(input: NewProposal, tx: SqlExecutor = this.db): Promise<string> {
    const id = input.id ?? randomUUID();
    const now = input.at ?? Date.now();
    await tx.run(
      `INSERT INTO proposals (id, meeting_id, kind, title, summary, status, submitter_id, public_comment, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        input.meetingId,
        input.kind,
        input.title,
        input.summary,
        'submitted',
        input.submitterId,
        input.publicComment ? 1 : 0,
        now,
        now,
      ],
    );
    await this.setAuthors(id, input.submitterId, input.coAuthorIds ?? [], tx);
    await tx.run('INSERT INTO proposal_status_history (proposal_id, status, changed_by, changed_at) VALUES (?, ?, ?, ?)', [
      id,
      'submitted',
      input.submitterId,
      now,
    ]);
    return id;
  }

  /** Applies changes; a status change is added to the history. Returns false if there is no such proposal. */
  /**
   * Changes the given fields; false when the proposal does not exist or none of them differed. Each
   * part is decided by its own statement's changed-row count (the columns, the status with its
   * history line, the authors), so identical requests at the same moment change it once.
   */
  async update(id: string, changes: ProposalChanges, actorId: string, tx: SqlExecutor = this.db): Promise<boolean> {
    const current = await tx.get<{ submitter_id: string }>('SELECT submitter_id FROM proposals WHERE id = ?', [id]);
    if (!current) return false;
    const now = Date.now();
    let changed = false;
    const sets: string[] = [];
    const differs: string[] = [];
    const params: (string | number)[] = [];
    const set = (column: string, value: string | number) => {
      sets.push(`${column} = ?`);
      differs.push(`${column} <> ?`);
      params.push(value);
    };
    if (changes.title !== undefined) set('title', changes.title);
    if (changes.summary !== undefined) set('summary', changes.summary);
    if (changes.kind !== undefined) set('kind', changes.kind);
    if (changes.publicComment !== undefined) set('public_comment', changes.publicComment ? 1 : 0);
    if (sets.length > 0) {
      const sql = `UPDATE proposals SET ${sets.join(', ')}, updated_at = ? WHERE id = ? AND (${differs.join(' OR ')})`;
      changed = (await tx.run(sql, [...params, now, id, ...params])).changes > 0;
    }
    if (changes.status !== undefined) {
      const moved = await tx.run('UPDATE proposals SET status = ?, updated_at = ? WHERE id = ? AND status <> ?', [
        changes.status,
        now,
        id,
        changes.status,
      ]);
      if (moved.changes > 0) {
        changed = true;
        await tx.run('INSERT INTO proposal_status_history (proposal_id, status, changed_by, changed_at) VALUES (?, ?, ?, ?)', [
          id,
          changes.status,
          actorId,
          now,
        ]);
      }
    }
    if (changes.coAuthorIds !== undefined && (await this.setAuthors(id, current.submitter_id, changes.coAuthorIds, tx))) {
      changed = true;
      await tx.run('UPDATE proposals SET updated_at = ? WHERE id = ?', [now, id]);
    }
    return changed;
  }

  /**
   * The submitter and these co-authors, no one else; whether anyone was added or removed. The same
   * authors again touch no row; a change gives every author the same `added_at`, as writing them all
   * afresh did, so they are listed by name.
   */
  private async setAuthors(id: string, submitterId: string, coAuthorIds: string[], tx: SqlExecutor): Promise<boolean> {
    const now = Date.now();
    const ids = [...new Set([submitterId, ...coAuthorIds])];
    let changes = (
      await tx.run(`DELETE FROM proposal_authors WHERE proposal_id = ? AND user_id NOT IN (${placeholders(ids.length)})`, [
        id,
        ...ids,
      ])
    ).changes;
    for (const userId of ids) {
      const added = await tx.run(
        'INSERT INTO proposal_authors (proposal_id, user_id, added_at) VALUES (?, ?, ?) ON CONFLICT (proposal_id, user_id) DO NOTHING',
        [id, userId, now],
      );
      changes += added.changes;
    }
    if (changes === 0) return false;
    await tx.run('UPDATE proposal_authors SET added_at = ? WHERE proposal_id = ?', [now, id]);
    return true;
  }

  /** Ids of existing, enabled users among `ids` (to refuse unknown co-authors). */
  async existingUsers(ids: string[], tx: SqlExecutor = this.db): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await tx.all<{ id: string }>(
      `SELECT id FROM users WHERE disabled = 0 AND id IN (${placeholders(ids.length)})`,
      ids,
    );
    return new Set(rows.map((row) => row.id));
  }

  async accessInfo(id: string, tx: SqlExecutor = this.db): Promise<ProposalAccessInfo | undefined> {
    const row = await tx.get<{ id: string; meeting_id: string; submitter_id: string; public_comment: number }>(
      'SELECT id, meeting_id, submitter_id, public_comment FROM proposals WHERE id = ?',
      [id],
    );
    if (!row) return undefined;
    const authors = await tx.all<{ user_id: string }>('SELECT user_id FROM proposal_authors WHERE proposal_id = ?', [id]);
    return {
      id: row.id,
      meetingId: row.meeting_id,
      submitterId: row.submitter_id,
      publicComment: Number(row.public_comment) === 1,
      authorIds: authors.map((author) => author.user_id),
    };
  }

  async byId(id: string, tx: SqlExecutor = this.db): Promise<ProposalDto | undefined> {
    return (await this.load({ id }, tx))[0];
  }

  /** A meeting's proposals, oldest first, optionally filtered. */
  async list(meetingId: string, filter: ProposalListQuery = {}, tx: SqlExecutor = this.db): Promise<ProposalDto[]> {
    const all = await this.load({ meetingId }, tx);
    const words = (filter.q ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
    return all.filter(
      (proposal) =>
        (!filter.kind || proposal.kind === filter.kind) &&
        (!filter.status || proposal.status === filter.status) &&
        (!filter.group || proposal.submitter.group === filter.group) &&
        words.every((word) => `${proposal.title}\n${proposal.summary}`.toLocaleLowerCase().includes(word)),
    );
  }

  private async load(where: { id: string } | { meetingId: string }, tx: SqlExecutor): Promise<ProposalDto[]> {
    const byId = 'id' in where;
    const key = byId ? where.id : where.meetingId;
    const rows = await tx.all<ProposalRow>(
      `SELECT p.id, p.meeting_id, p.kind, p.title, p.summary, p.status, p.submitter_id, p.public_comment,
              p.created_at, p.updated_at, u.name AS submitter_name, u.stakeholder_group AS submitter_group
       FROM proposals p JOIN users u ON u.id = p.submitter_id
       WHERE ${byId ? 'p.id' : 'p.meeting_id'} = ? ORDER BY p.created_at, p.id`,
      [key],
    );
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const inIds = placeholders(ids.length);
    const authors = await tx.all<{ proposal_id: string; id: string; name: string; stakeholder_group: StakeholderGroup }>(
      `SELECT a.proposal_id, u.id, u.name, u.stakeholder_group FROM proposal_authors a JOIN users u ON u.id = a.user_id
       WHERE a.proposal_id IN (${inIds}) ORDER BY a.added_at, u.name`,
      ids,
    );
    const history = await tx.all<{
      proposal_id: string;
      status: ProposalStatus;
      changed_at: number;
      id: string;
      name: string;
      stakeholder_group: StakeholderGroup;
    }>(
      `SELECT h.proposal_id, h.status, h.changed_at, u.id, u.name, u.stakeholder_group
       FROM proposal_status_history h JOIN users u ON u.id = h.changed_by
       WHERE h.proposal_id IN (${inIds}) ORDER BY h.id`,
      ids,
    );
    const docs = ids.map(proposalDoc);
    const counts = await tx.all<{ doc: string; n: number }>(
      `SELECT t.doc, COUNT(*) AS n FROM comments c JOIN comment_threads t ON t.id = c.thread_id
       WHERE t.doc IN (${inIds}) AND c.deleted_at IS NULL AND c.hidden_at IS NULL GROUP BY t.doc`,
      docs,
    );
    const countOf = new Map(counts.map((row) => [row.doc, Number(row.n)]));
    const person = (row: { id: string; name: string; stakeholder_group: StakeholderGroup }): Person => ({
      id: row.id,
      name: row.name,
      group: row.stakeholder_group,
    });
    return rows.map((row) => ({
      id: row.id,
      meetingId: row.meeting_id,
      kind: row.kind,
      title: row.title,
      summary: row.summary,
      status: row.status,
      doc: proposalDoc(row.id),
      publicComment: Number(row.public_comment) === 1,
      submitter: { id: row.submitter_id, name: row.submitter_name, group: row.submitter_group },
      authors: authors.filter((author) => author.proposal_id === row.id).map(person),
      commentCount: countOf.get(proposalDoc(row.id)) ?? 0,
      statusHistory: history
        .filter((entry) => entry.proposal_id === row.id)
        .map((entry) => ({ status: entry.status, by: person(entry), at: Number(entry.changed_at) })),
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    }));
  }
}
