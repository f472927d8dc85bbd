/**
 * Polls, their options and their ballots. One ballot per (poll, voter), enforced by the primary
 * key and written in one transaction with the checks that decide whether it may be cast.
 *
 * A secret poll keeps who voted apart from how: while it is open, a ballot is keyed by an HMAC
 * of the voter's id under a random key of the poll (so that the voter's second ballot replaces
 * the first), and the table of who has voted has no link to it; when the poll closes the key is
 * deleted and the ballots are written again in random order under random keys.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { type CountedBallot, countPoll } from '../../../shared/tally.ts';
import { notify } from '../notifications/notify.ts';
import {
  ballotProblem,
  type PollAudience,
  type PollDto,
  type PollKind,
  type PollResults,
  type PollStatus,
  type ResultVisibility,
  SECRET_MIN_GROUP_BALLOTS,
  type Voter,
} from '../../../shared/schemas/polls.ts';
import { isParticipant } from '../../../shared/roles.ts';
import type { StakeholderGroup } from '../../../shared/roles.ts';
import type { AuditLog } from '../audit/auditLog.ts';
import { AppError, badRequest, forbidden, notFound } from '../http/appError.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';
import type { User } from '../users/userStore.ts';
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
  options: { label: string; userId?: string | null }[];
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

/** Told inside the closing transaction, with the final count; elections record their winners. */
export type PollClosedHook = (tx: SqlExecutor, poll: Poll, results: PollResults, actorId: string) => Promise<void>;

export interface CastResult {
  poll: Poll;
  replaced: boolean;
}

/** What a refused ballot looked like, for the audit log. */
interface Refusal {
  code: string;
  status: number;
  message: string;
}

export class PollStore {
  private readonly db: Db;
  private readonly audit: AuditLog;
  /** Options never change once a poll exists: cached to keep the ballot path short. */
  private readonly optionsCache = new Map<string, PollOptionRecord[]>();
  private readonly closedHooks: PollClosedHook[] = [];

  constructor(db: Db, audit: AuditLog) {
    this.db = db;
    this.audit = audit;
  }

  onClosed(hook: PollClosedHook): void {
    this.closedHooks.push(hook);
  }

  async create(input: NewPoll, actorId: string | null, tx?: SqlExecutor): Promise<Poll> {
    const write = async (executor: SqlExecutor) => {
      const id = newId();
      const now = Date.now();
      await executor.run(
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
          now,
        ],
      );
      const options: PollOptionRecord[] = [];
      for (const [position, option] of input.options.entries()) {
        const record = { id: newId(), label: option.label, userId: option.userId ?? null };
        await executor.run('INSERT INTO poll_options (id, poll_id, position, label, user_id) VALUES (?, ?, ?, ?, ?)', [
          record.id,
          id,
          position,
          record.label,
          record.userId,
        ]);
        options.push(record);
      }
      await this.audit.record(
        {
          actorId,
          action: 'poll.created',
          subject: `poll:${id}`,
          detail: { meetingId: input.meetingId, question: input.question, kind: input.kind, audience: input.audience, secret: input.secret },
        },
        executor,
      );
      return id;
    };
    const id = tx ? await write(tx) : await this.db.transaction(write);
    // Inside someone else's transaction: read through it.
    return (await this.readPoll(id, tx))!;
  }

  async byId(id: string): Promise<Poll | undefined> {
    return this.readPoll(id);
  }

  async listByMeeting(meetingId: string): Promise<Poll[]> {
    const rows = await this.db.all<PollRow>(`SELECT ${COLUMNS} FROM polls WHERE meeting_id = ? ORDER BY created_at, id`, [
      meetingId,
    ]);
    return Promise.all(rows.map(async (row) => toPoll(row, await this.loadOptions(row.id))));
  }

  /** Deletes a draft (nobody has voted in it). */
  async deleteDraft(id: string, actorId: string): Promise<Poll> {
    const poll = await this.db.transaction(async (tx) => {
      const row = await this.pollRow(id, tx);
      if (!row) throw notFound('The poll');
      if (row.status !== 'draft') throw new AppError('CONFLICT', 'Only a draft poll can be deleted; this one has been opened.');
      await tx.run('DELETE FROM poll_options WHERE poll_id = ?', [id]);
      await tx.run('DELETE FROM polls WHERE id = ?', [id]);
      await this.audit.record({ actorId, action: 'poll.deleted', subject: `poll:${id}`, detail: { question: row.question } }, tx);
      return toPoll(row, []);
    });
    this.optionsCache.delete(id);
    return poll;
  }

  async open(id: string, actorId: string): Promise<Poll> {
    await this.db.transaction(async (tx) => {
      const row = await this.pollRow(id, tx);
      if (!row) throw notFound('The poll');
      const key = Number(row.secret) === 1 ? randomBytes(32).toString('base64url') : null;
      const changed = await tx.run(
        `UPDATE polls SET status = 'open', opened_at = ?, ballot_key = ? WHERE id = ? AND status = 'draft'`,
        [Date.now(), key, id],
      );
      if (changed.changes === 0) {
        throw new AppError('CONFLICT', row.status === 'open' ? 'This poll is already open.' : 'This poll is closed; it cannot be opened again.');
      }
      await this.audit.record({ actorId, action: 'poll.opened', subject: `poll:${id}` }, tx);
      await notify.emit(tx, { type: 'poll.opened', actorId, pollId: id });
    });
    return (await this.byId(id))!;
  }

  /**
   * Closes the poll. On PostgreSQL the UPDATE waits for the ballots being written (they hold a
   * share lock on the poll's row), so no ballot commits after the poll is closed.
   */
  async close(id: string, actorId: string): Promise<{ poll: Poll; results: PollResults }> {
    return this.db.transaction(async (tx) => {
      const changed = await tx.run(
        `UPDATE polls SET status = 'closed', closed_at = ?, ballot_key = NULL WHERE id = ? AND status = 'open'`,
        [Date.now(), id],
      );
      const row = await this.pollRow(id, tx);
      if (!row) throw notFound('The poll');
      if (changed.changes === 0) {
        throw new AppError('CONFLICT', row.status === 'closed' ? 'This poll is already closed.' : 'This poll has not been opened.');
      }
      const poll = toPoll(row, await this.loadOptions(id, tx));
      if (poll.secret) await this.shuffleSecretBallots(tx, id);
      const results = resultsOf(poll, await this.countedBallots(id, tx));
      await this.audit.record(
        {
          actorId,
          action: 'poll.closed',
          subject: `poll:${id}`,
          detail: { ballots: results.ballots, tally: results.tally ?? {}, winners: results.winners ?? [] },
        },
        tx,
      );
      for (const hook of this.closedHooks) await hook(tx, poll, results, actorId);
      await notify.emit(tx, { type: 'poll.closed', actorId, pollId: id, results });
      return { poll, results };
    });
  }

  /**
   * Casts (or replaces) `voter`'s ballot. Refusals are AppErrors (403 not eligible, 409 not
   * open, 400 bad choice, 404 no such poll); each is recorded in the audit log in a transaction
   * of its own, since the ballot's transaction is rolled back.
   */
  async castBallot(pollId: string, voter: User, choices: readonly string[]): Promise<CastResult> {
    try {
      return await this.db.transaction(async (tx) => {
        const lock = this.db.dialect === 'postgres' ? ' FOR SHARE' : '';
        const row = await tx.get<PollRow & { ballot_key: string | null }>(
          `SELECT ${COLUMNS}, ballot_key FROM polls WHERE id = ?${lock}`,
          [pollId],
        );
        if (!row) throw notFound('The poll');
        const poll = toPoll(row, await this.loadOptions(pollId, tx));
        if (!(await this.eligible(tx, poll, voter))) throw forbidden(notEligibleMessage(poll));
        if (poll.status !== 'open') {
          throw new AppError(
            'NOT_OPEN',
            poll.status === 'closed'
              ? 'This poll is closed: your vote was not counted.'
              : 'This poll is not open yet: your vote was not counted.',
          );
        }
        const problem = ballotProblem(poll, choices);
        if (problem) throw badRequest(problem);
        const voterKey = poll.secret ? secretVoterKey(row.ballot_key!, voter.id) : voter.id;
        const now = Date.now();
        await tx.run(
          `INSERT INTO poll_ballots (poll_id, voter_key, voter_id, voter_group, choices, cast_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (poll_id, voter_key) DO UPDATE SET choices = excluded.choices, voter_group = excluded.voter_group, cast_at = excluded.cast_at`,
          [pollId, voterKey, poll.secret ? null : voter.id, voter.group, JSON.stringify(choices), poll.secret ? null : now],
        );
        const first = await tx.run('INSERT INTO poll_voters (poll_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING', [
          pollId,
          voter.id,
        ]);
        const replaced = first.changes === 0;
        await this.audit.record(
          {
            actorId: voter.id,
            action: replaced ? 'poll.ballot.replaced' : 'poll.ballot.cast',
            subject: `poll:${pollId}`,
            // How a person voted is written down only for a named poll.
            detail: poll.secret ? { secret: true } : { choices },
          },
          tx,
        );
        return { poll, replaced };
      });
    } catch (error) {
      if (error instanceof AppError) {
        await this.recordRefusal(pollId, voter.id, { code: error.code, status: error.statusCode, message: error.message });
      }
      throw error;
    }
  }

  /** Records a ballot refused before or during its transaction (validation, eligibility, state). */
  async recordRefusal(pollId: string, voterId: string, refusal: Refusal): Promise<void> {
    await this.db.transaction((tx) =>
      this.audit.record({ actorId: voterId, action: 'poll.ballot.refused', subject: `poll:${pollId}`, detail: { ...refusal } }, tx),
    );
  }

  /** Whether `user` has a ballot in, and (named polls only) what it says. */
  async ballotOf(poll: Poll, userId: string): Promise<{ voted: boolean; choices?: string[] }> {
    const voted = await this.db.get('SELECT 1 AS yes FROM poll_voters WHERE poll_id = ? AND user_id = ?', [poll.id, userId]);
    if (!voted) return { voted: false };
    if (poll.secret) return { voted: true };
    const row = await this.db.get<{ choices: string }>('SELECT choices FROM poll_ballots WHERE poll_id = ? AND voter_key = ?', [
      poll.id,
      userId,
    ]);
    return row ? { voted: true, choices: JSON.parse(row.choices) as string[] } : { voted: true };
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

  /** The roll call of a named poll: each voter and their choices. Never called for a secret poll. */
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

  /** The results as everyone may see them now. */
  async results(poll: Poll): Promise<PollResults> {
    return resultsOf(poll, await this.countedBallots(poll.id));
  }

  /** The poll and its visible results, as the API and the live document show it. */
  async view(poll: Poll): Promise<PollDto> {
    return toDto(poll, await this.results(poll));
  }

  /** Ballots as the count sees them: choices and the voter's stakeholder group, nothing else. */
  async countedBallots(pollId: string, tx: SqlExecutor = this.db): Promise<CountedBallot[]> {
    const rows = await tx.all<{ choices: string; voter_group: string }>(
      'SELECT choices, voter_group FROM poll_ballots WHERE poll_id = ?',
      [pollId],
    );
    return rows.map((row) => ({ choices: JSON.parse(row.choices) as string[], group: row.voter_group }));
  }

  /** Writes a ballot directly, for the demo seed (inside its transaction). */
  async seedBallot(tx: SqlExecutor, poll: Poll, voter: User, choices: string[]): Promise<void> {
    await tx.run(
      'INSERT INTO poll_ballots (poll_id, voter_key, voter_id, voter_group, choices, cast_at) VALUES (?, ?, ?, ?, ?, ?)',
      [poll.id, voter.id, voter.id, voter.group, JSON.stringify(choices), Date.now()],
    );
    await tx.run('INSERT INTO poll_voters (poll_id, user_id) VALUES (?, ?)', [poll.id, voter.id]);
  }

  /** Sets a seeded poll's state directly (demo seed only). */
  async seedStatus(tx: SqlExecutor, pollId: string, status: PollStatus, openedAt: number | null, closedAt: number | null): Promise<void> {
    await tx.run('UPDATE polls SET status = ?, opened_at = ?, closed_at = ? WHERE id = ?', [status, openedAt, closedAt, pollId]);
  }

  private async eligible(tx: SqlExecutor, poll: Poll, user: User): Promise<boolean> {
    if (poll.audience === 'everyone') return true;
    if (poll.audience === 'members') return isParticipant(user.role);
    // The electorate of a group's election: its members who had joined when the poll opened.
    if (!poll.workingGroupId) return false;
    const row = await tx.get<{ joined_at: number }>(
      'SELECT joined_at FROM working_group_members WHERE group_id = ? AND user_id = ?',
      [poll.workingGroupId, user.id],
    );
    if (!row) return false;
    return poll.openedAt === null || Number(row.joined_at) <= poll.openedAt;
  }

  private pollRow(id: string, executor: SqlExecutor = this.db): Promise<PollRow | undefined> {
    return executor.get<PollRow>(`SELECT ${COLUMNS} FROM polls WHERE id = ?`, [id]);
  }

  /** The poll, read through `executor` (a transaction's, when given). */
  private async readPoll(id: string, executor: SqlExecutor = this.db): Promise<Poll | undefined> {
    const row = await this.pollRow(id, executor);
    return row && toPoll(row, await this.loadOptions(id, executor));
  }

  private async loadOptions(pollId: string, executor: SqlExecutor = this.db): Promise<PollOptionRecord[]> {
    const cached = this.optionsCache.get(pollId);
    if (cached) return cached;
    const rows = await executor.all<{ id: string; label: string; user_id: string | null }>(
      'SELECT id, label, user_id FROM poll_options WHERE poll_id = ? ORDER BY position',
      [pollId],
    );
    const options = rows.map((row) => ({ id: row.id, label: row.label, userId: row.user_id }));
    if (options.length > 0) this.optionsCache.set(pollId, options);
    return options;
  }

  /** Rewrites a closed secret poll's ballots in random order under random keys. */
  private async shuffleSecretBallots(tx: SqlExecutor, pollId: string): Promise<void> {
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
}

function secretVoterKey(ballotKey: string, userId: string): string {
  return createHmac('sha256', ballotKey).update(userId).digest('base64url');
}

function notEligibleMessage(poll: Poll): string {
  if (poll.audience === 'members') return 'Only MAG members (and the secretariat and chair) vote in this poll.';
  if (poll.audience === 'group') return 'Only members of the working group who had joined it when the election opened vote in it.';
  return 'You may not vote in this poll.';
}

export function resultsVisible(poll: Poll): boolean {
  return poll.results === 'live' || poll.status === 'closed';
}

/** Counts the ballots and keeps what may be seen now. */
export function resultsOf(poll: Poll, ballots: CountedBallot[]): PollResults {
  const visible = resultsVisible(poll);
  const base: PollResults = { status: poll.status, ballots: ballots.length, resultsVisible: visible };
  if (!visible) return base;
  const count = countPoll(
    { kind: poll.kind, optionIds: poll.options.map((option) => option.id), seats: poll.seats },
    ballots,
    { minGroupBallots: poll.secret ? SECRET_MIN_GROUP_BALLOTS : 1 },
  );
  const results: PollResults = { ...base, method: count.method, tally: count.tally };
  if (count.byGroup) results.byGroup = count.byGroup;
  if (count.rounds) results.rounds = count.rounds;
  if (count.quota !== undefined) results.quota = count.quota;
  if (poll.status === 'closed') {
    results.winners = count.winners;
    results.tied = count.tied;
  }
  return results;
}

export function toDto(poll: Poll, results: PollResults): PollDto {
  return {
    id: poll.id,
    meetingId: poll.meetingId,
    question: poll.question,
    kind: poll.kind,
    audience: poll.audience,
    secret: poll.secret,
    results: poll.results,
    ...(poll.maxChoices !== null ? { maxChoices: poll.maxChoices } : {}),
    seats: poll.seats,
    ...(poll.workingGroupId ? { workingGroupId: poll.workingGroupId } : {}),
    options: poll.options.map((option) => ({ id: option.id, label: option.label, ...(option.userId ? { userId: option.userId } : {}) })),
    createdAt: poll.createdAt,
    ...(poll.openedAt !== null ? { openedAt: poll.openedAt } : {}),
    ...(poll.closedAt !== null ? { closedAt: poll.closedAt } : {}),
    ...results,
  };
}
