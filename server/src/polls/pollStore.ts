/**
 * Polls, their options and their ballots: SQL only. The rules (who may vote, when, with what
 * choices), the audit log and the messages live in pollService.ts; every write here runs through
 * the executor it is given, so that the service decides what commits together.
 *
 * A secret poll keeps who voted apart from how: while it is open, a ballot is keyed by an HMAC
 * of the voter's id under a random key of the poll (so that the voter's second ballot replaces
 * the first), and the table of who has voted has no link to it; when the poll closes the key is
 * deleted and the ballots are written again in random order under random keys.
 */
import { randomBytes } from 'node:crypto';
import type { StakeholderGroup } from '../../../shared/roles.ts';
import type { PollAudience, PollKind, PollStatus, ResultVisibility, Voter } from '../../../shared/schemas/polls.ts';
import type { CountedBallot } from '../../../shared/tally.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';
import { shuffle } from './shuffle.ts';

export interface PollOptionRecord {
  id: string;
  label: string;
  userId: string | null;
}

/** What the creator of a poll decides. */
interface PollSettings {
  meetingId: string;
  question: string;
  kind: PollKind;
  audience: PollAudience;
  secret: boolean;
  results: ResultVisibility;
  maxChoices: number | null;
  seats: number;
  workingGroupId: string | null;
}

export interface Poll extends PollSettings {
  id: string;
  status: PollStatus;
  createdBy: string | null;
  createdAt: number;
  openedAt: number | null;
  closedAt: number | null;
  options: PollOptionRecord[];
}

export interface NewPoll extends PollSettings {
  /** Kept by the floor feature (poll_quorum), not in the polls table. */
  requiresQuorum?: boolean;
  options: { label: string; userId?: string | null }[];
}

/** A poll with the key its open secret ballots are filed under. */
export interface PollForBallot extends Poll {
  ballotKey: string | null;
}

interface PollRow {
  id: string;
  meeting_id: string;
  question: string;
  kind: PollKind;
  audience: PollAudience;
  secret: number;
  results: ResultVisibility;
  max_choices: number | null;
  seats: number;
  working_group_id: string | null;
  status: PollStatus;
  created_by: string | null;
  created_at: number;
  opened_at: number | null;
  closed_at: number | null;
}

const COLUMNS =
  'id, meeting_id, question, kind, audience, secret, results, max_choices, seats, working_group_id, status, created_by, created_at, opened_at, closed_at';

const nullableNumber = (value: number | null): number | null => (value === null ? null : Number(value));

function toPoll(row: PollRow, options: PollOptionRecord[]): Poll {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    question: row.question,
    kind: row.kind,
    audience: row.audience,
    secret: Number(row.secret) === 1,
    results: row.results,
    maxChoices: nullableNumber(row.max_choices),
    seats: Number(row.seats),
    workingGroupId: row.working_group_id,
    status: row.status,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    openedAt: nullableNumber(row.opened_at),
    closedAt: nullableNumber(row.closed_at),
    options,
  };
}

/** Short random ids that fit ID_PATTERN. */
export const newId = (): string => randomBytes(9).toString('base64url');

/** A ballot as written: `voterKey` is the user id (named) or an HMAC of it (secret). */
export interface BallotRow {
  pollId: string;
  voterKey: string;
  /** Null for a secret poll: the ballot never names its voter. */
  voterId: string | null;
  voterGroup: string;
  choices: readonly string[];
  castAt: number | null;
}

export class PollStore {
  readonly db: Db;
  /**
   * Options never change once a poll is open: cached to keep the ballot path short. A draft's are
   * read each time (an election's ballot is taken when it opens: `replaceDraftOptions`).
   */
  private readonly optionsCache = new Map<string, PollOptionRecord[]>();

  constructor(db: Db) {
    this.db = db;
  }

  /** Inserts a draft poll and its options; returns its id. */
  async insert(tx: SqlExecutor, input: NewPoll, actorId: string | null): Promise<string> {
    const id = newId();
    await tx.run(
      `INSERT INTO polls (id, meeting_id, question, kind, audience, secret, results, max_choices, seats, working_group_id, status, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)`,
      [
        id,
        input.meetingId,
        input.question,
        input.kind,
        input.audience,
        input.secret ? 1 : 0,
        input.results,
        input.maxChoices,
        input.seats,
        input.workingGroupId,
        actorId,
        Date.now(),
      ],
    );
    await this.insertOptions(tx, id, input.options);
    return id;
  }

  private async insertOptions(
    tx: SqlExecutor,
    pollId: string,
    options: { id?: string; label: string; userId?: string | null }[],
  ): Promise<void> {
    for (const [position, option] of options.entries()) {
      await tx.run('INSERT INTO poll_options (id, poll_id, position, label, user_id) VALUES (?, ?, ?, ?, ?)', [
        option.id ?? newId(),
        pollId,
        position,
        option.label,
        option.userId ?? null,
      ]);
    }
  }

  /** The poll, read through `executor` (a transaction's, when given). */
  async byId(id: string, executor: SqlExecutor = this.db): Promise<Poll | undefined> {
    const row = await executor.get<PollRow>(`SELECT ${COLUMNS} FROM polls WHERE id = ?`, [id]);
    return row && toPoll(row, await this.loadOptions(row, executor));
  }

  /**
   * The poll as a ballot sees it, with its ballot key. On PostgreSQL the row is share-locked, so
   * that a close (which updates it) waits for the ballots being written.
   */
  async forBallot(tx: SqlExecutor, id: string): Promise<PollForBallot | undefined> {
    const lock = this.db.dialect === 'postgres' ? ' FOR SHARE' : '';
    const row = await tx.get<PollRow & { ballot_key: string | null }>(
      `SELECT ${COLUMNS}, ballot_key FROM polls WHERE id = ?${lock}`,
      [id],
    );
    return row && { ...toPoll(row, await this.loadOptions(row, tx)), ballotKey: row.ballot_key };
  }

  async listByMeeting(meetingId: string): Promise<Poll[]> {
    const rows = await this.db.all<PollRow>(`SELECT ${COLUMNS} FROM polls WHERE meeting_id = ? ORDER BY created_at, id`, [
      meetingId,
    ]);
    return Promise.all(rows.map(async (row) => toPoll(row, await this.loadOptions(row))));
  }

  /** Deletes a poll that is still a draft; false when there is none. */
  async deleteDraft(tx: SqlExecutor, id: string): Promise<boolean> {
    const draft = `poll_id = ? AND poll_id IN (SELECT id FROM polls WHERE status = 'draft')`;
    await tx.run(`DELETE FROM poll_options WHERE ${draft}`, [id]);
    // A draft election's record of the role it fills goes with it.
    await tx.run(`DELETE FROM working_group_elections WHERE ${draft}`, [id]);
    const deleted = await tx.run(`DELETE FROM polls WHERE id = ? AND status = 'draft'`, [id]);
    this.optionsCache.delete(id);
    return deleted.changes > 0;
  }

  /**
   * Replaces the options of a draft (an election's candidates, taken as it opens), in the order
   * given; an option given with the `id` it had keeps it. False when the poll is not a draft.
   */
  async replaceDraftOptions(
    tx: SqlExecutor,
    id: string,
    options: { id?: string; label: string; userId?: string | null }[],
  ): Promise<boolean> {
    const draft = await tx.get("SELECT 1 AS yes FROM polls WHERE id = ? AND status = 'draft'", [id]);
    if (!draft) return false;
    await tx.run('DELETE FROM poll_options WHERE poll_id = ?', [id]);
    await this.insertOptions(tx, id, options);
    this.optionsCache.delete(id);
    return true;
  }

  /** Moves a draft to open (with a ballot key for a secret poll); false when it was not a draft. */
  async markOpen(tx: SqlExecutor, id: string, ballotKey: string | null, at: number): Promise<boolean> {
    const changed = await tx.run(
      `UPDATE polls SET status = 'open', opened_at = ?, ballot_key = ? WHERE id = ? AND status = 'draft'`,
      [at, ballotKey, id],
    );
    return changed.changes > 0;
  }

  /**
   * Moves an open poll to closed and forgets its ballot key; false when it was not open. On
   * PostgreSQL the UPDATE waits for the ballots being written (they hold a share lock on the row).
   */
  async markClosed(tx: SqlExecutor, id: string, at: number): Promise<boolean> {
    const changed = await tx.run(
      `UPDATE polls SET status = 'closed', closed_at = ?, ballot_key = NULL WHERE id = ? AND status = 'open'`,
      [at, id],
    );
    return changed.changes > 0;
  }

  /** Sets a poll's state and times as given (the demo seed's past polls). */
  async setStatus(
    tx: SqlExecutor,
    pollId: string,
    status: PollStatus,
    openedAt: number | null,
    closedAt: number | null,
  ): Promise<void> {
    await tx.run('UPDATE polls SET status = ?, opened_at = ?, closed_at = ? WHERE id = ?', [status, openedAt, closedAt, pollId]);
  }

  /** Writes or replaces the ballot filed under its voter key. */
  async writeBallot(tx: SqlExecutor, ballot: BallotRow): Promise<void> {
    await tx.run(
      `INSERT INTO poll_ballots (poll_id, voter_key, voter_id, voter_group, choices, cast_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (poll_id, voter_key) DO UPDATE SET choices = excluded.choices, voter_group = excluded.voter_group, cast_at = excluded.cast_at`,
      [ballot.pollId, ballot.voterKey, ballot.voterId, ballot.voterGroup, JSON.stringify(ballot.choices), ballot.castAt],
    );
  }

  /** Records that `userId` has voted; false when they had already. */
  async markVoted(tx: SqlExecutor, pollId: string, userId: string): Promise<boolean> {
    const first = await tx.run('INSERT INTO poll_voters (poll_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING', [
      pollId,
      userId,
    ]);
    return first.changes > 0;
  }

  async hasVoted(pollId: string, userId: string): Promise<boolean> {
    return Boolean(await this.db.get('SELECT 1 AS yes FROM poll_voters WHERE poll_id = ? AND user_id = ?', [pollId, userId]));
  }

  /** The choices of the ballot filed under `voterKey`, if any. */
  async choicesOf(pollId: string, voterKey: string): Promise<string[] | undefined> {
    const row = await this.db.get<{ choices: string }>('SELECT choices FROM poll_ballots WHERE poll_id = ? AND voter_key = ?', [
      pollId,
      voterKey,
    ]);
    return row && (JSON.parse(row.choices) as string[]);
  }

  /**
   * How many of the people who may vote in `poll` have not voted yet (active people only: a
   * deactivated one cannot vote any more); null for a poll open to everyone, whose electorate has
   * no end (anyone who signs up may vote). Mirrors pollPolicy's notEligibleReason.
   */
  async notYetVoted(tx: SqlExecutor, poll: Poll): Promise<number | null> {
    const notVoted = 'u.disabled = 0 AND NOT EXISTS (SELECT 1 FROM poll_voters v WHERE v.poll_id = ? AND v.user_id = u.id)';
    if (poll.audience === 'everyone') return null;
    const row =
      poll.audience === 'members'
        ? await tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM users u WHERE u.role <> 'observer' AND ${notVoted}`, [poll.id])
        : await tx.get<{ n: number }>(
            `SELECT COUNT(*) AS n FROM working_group_members m JOIN users u ON u.id = m.user_id
             WHERE m.group_id = ? AND m.joined_at <= ? AND ${notVoted}`,
            [poll.workingGroupId, poll.openedAt ?? Number.MAX_SAFE_INTEGER, poll.id],
          );
    return Number(row?.n ?? 0);
  }

  /** When `userId` joined the working group, if they are a member of it. */
  async joinedGroupAt(tx: SqlExecutor, groupId: string, userId: string): Promise<number | undefined> {
    const row = await tx.get<{ joined_at: number }>(
      'SELECT joined_at FROM working_group_members WHERE group_id = ? AND user_id = ?',
      [groupId, userId],
    );
    return row && Number(row.joined_at);
  }

  /** Who has voted (never how), by name. */
  async voters(pollId: string): Promise<Voter[]> {
    const rows = await this.db.all<{ id: string; name: string; stakeholder_group: StakeholderGroup }>(
      `SELECT u.id, u.name, u.stakeholder_group FROM poll_voters v JOIN users u ON u.id = v.user_id
       WHERE v.poll_id = ? ORDER BY u.name, u.id`,
      [pollId],
    );
    return rows.map((row) => ({ id: row.id, name: row.name, group: row.stakeholder_group }));
  }

  /** The roll call of a named poll: each voter and their choices. */
  async namedBallots(pollId: string): Promise<{ voter: Voter; choices: string[] }[]> {
    const rows = await this.db.all<{ id: string; name: string; stakeholder_group: StakeholderGroup; choices: string }>(
      `SELECT u.id, u.name, u.stakeholder_group, b.choices FROM poll_ballots b JOIN users u ON u.id = b.voter_id
       WHERE b.poll_id = ? ORDER BY u.name, u.id`,
      [pollId],
    );
    return rows.map((row) => ({
      voter: { id: row.id, name: row.name, group: row.stakeholder_group },
      choices: JSON.parse(row.choices) as string[],
    }));
  }

  /** Ballots as the count sees them: choices and the voter's stakeholder group, nothing else. */
  async countedBallots(pollId: string, tx: SqlExecutor = this.db): Promise<CountedBallot[]> {
    const rows = await tx.all<{ choices: string; voter_group: string }>(
      'SELECT choices, voter_group FROM poll_ballots WHERE poll_id = ?',
      [pollId],
    );
    return rows.map((row) => ({ choices: JSON.parse(row.choices) as string[], group: row.voter_group }));
  }

  /** Rewrites a closed secret poll's ballots in random order under random keys. */
  async shuffleSecretBallots(tx: SqlExecutor, pollId: string): Promise<void> {
    const ballots = await tx.all<{ voter_group: string; choices: string }>(
      'SELECT voter_group, choices FROM poll_ballots WHERE poll_id = ?',
      [pollId],
    );
    shuffle(ballots);
    await tx.run('DELETE FROM poll_ballots WHERE poll_id = ?', [pollId]);
    const CHUNK = 400;
    for (let start = 0; start < ballots.length; start += CHUNK) {
      const chunk = ballots.slice(start, start + CHUNK);
      const params = chunk.flatMap((ballot) => [pollId, newId() + newId(), ballot.voter_group, ballot.choices]);
      await tx.run(
        `INSERT INTO poll_ballots (poll_id, voter_key, voter_group, choices) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}`,
        params,
      );
    }
  }

  private async loadOptions(poll: PollRow, executor: SqlExecutor = this.db): Promise<PollOptionRecord[]> {
    const pollId = poll.id;
    const cached = this.optionsCache.get(pollId);
    if (cached) return cached;
    const rows = await executor.all<{ id: string; label: string; user_id: string | null }>(
      'SELECT id, label, user_id FROM poll_options WHERE poll_id = ? ORDER BY position',
      [pollId],
    );
    const options = rows.map((row) => ({ id: row.id, label: row.label, userId: row.user_id }));
    if (options.length > 0 && poll.status !== 'draft') this.optionsCache.set(pollId, options);
    return options;
  }
}
