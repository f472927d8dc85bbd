/**
 * The commands and queries of polls. Each command checks who is asking (pollPolicy.ts), writes
 * in one SQL transaction with its audit-log entry, and after the commit projects the poll (and
 * its working group, for an election) into `live:{meetingId}`.
 */

import { createHmac, randomBytes } from 'node:crypto';
import { BALLOT_REFUSAL_REASONS, type BallotRefusalReason } from '../../../shared/auditDetails.ts';
import type { Language } from '../../../shared/i18n/languages.ts';
import { normalizeName } from '../../../shared/normalizeName.ts';
import { duplicateOptionIndex } from '../../../shared/pollOptions.ts';
import {
  type BallotResponse,
  ballotProblem,
  type CreatePollBody,
  POLL_LIMITS,
  type PollDto,
  type PollResults,
  type Voter,
} from '../../../shared/schemas/polls.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { AppError, badRequest, forbidden, notFound } from '../http/appError.ts';
import { normalizedWithin } from '../http/fieldErrors.ts';
import type { Notifier } from '../notifications/notify.ts';
import type { SqlExecutor } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import { type BatchScope, TransactionBatcher } from '../storage/transactionBatcher.ts';
import type { User } from '../users/userStore.ts';
import { notEligibleMessage, notEligibleReason, pollPolicy } from './pollPolicy.ts';
import { resultsOf, resultsVisible, toDto } from './pollResults.ts';
import type { NewPoll, Poll, PollStore } from './pollStore.ts';
import { requireMeeting } from './requireMeeting.ts';
import { resultsCsv } from './resultsCsv.ts';
import { type SecretBatches, showsPublishedSnapshot } from './secretBatches.ts';

/** Told inside the closing transaction, with the final count; elections record their winners. */
export type PollClosedHook = (tx: SqlExecutor, poll: Poll, results: PollResults, actorId: string) => Promise<void>;
/** Told inside the creating transaction; the floor keeps `requiresQuorum`. */
export type PollCreatedHook = (tx: SqlExecutor, pollId: string, input: NewPoll) => Promise<void>;
/** Told inside the opening transaction, before a draft opens; throwing refuses it (quorum). */
export type PollOpeningHook = (tx: SqlExecutor, poll: Poll) => Promise<void>;

/** The working groups, as far as a poll needs them. */
export interface PollGroups {
  meetingOf(groupId: string): Promise<string | undefined>;
}

/** Where changes are projected after they commit (PollsLive; nowhere for the demo seed, which runs before any live document loads). */
export interface PollProjections {
  poll(meetingId: string, pollId: string): void;
  group(meetingId: string, groupId: string): void;
}

export interface PollServiceOptions {
  store: Store;
  polls: PollStore;
  groups: PollGroups;
  live: PollProjections;
  notify: Notifier;
  /** The published snapshots of open secret polls (what is shown of them until they close). */
  batches: SecretBatches;
}

/** What a refused ballot looked like, for the audit log. */
interface Refusal {
  code: string;
  status: number;
  message: string;
  /** Why, where the code alone does not say it (closed or not open yet, not in the audience). */
  reason?: BallotRefusalReason;
}

/** The reason a refusal's details carry (writeBallot's), or undefined. */
function refusalReason(details: unknown): BallotRefusalReason | undefined {
  const reason = (details as { reason?: unknown } | undefined)?.reason;
  return (BALLOT_REFUSAL_REASONS as readonly unknown[]).includes(reason) ? (reason as BallotRefusalReason) : undefined;
}

/** A ballot written (not yet committed): the poll as it saw it, and whether it replaced the voter's earlier one. */
interface CastBallot {
  poll: Poll;
  replaced: boolean;
}

const NOT_VISIBLE = 'The results of this poll are shown when it closes.';

export class PollService {
  private readonly options: PollServiceOptions;
  private readonly closedHooks: PollClosedHook[] = [];
  private readonly createdHooks: PollCreatedHook[] = [];
  private readonly openingHooks: PollOpeningHook[] = [];
  /** Ballots arriving together share one transaction (group commit). */
  private readonly ballots: TransactionBatcher<CastBallot>;

  constructor(options: PollServiceOptions) {
    this.options = options;
    this.ballots = new TransactionBatcher(options.store.db, { afterCommit: (cast) => this.ballotsCommitted(cast) });
  }

  onClosed(hook: PollClosedHook): void {
    this.closedHooks.push(hook);
  }

  onCreated(hook: PollCreatedHook): void {
    this.createdHooks.push(hook);
  }

  onOpening(hook: PollOpeningHook): void {
    this.openingHooks.push(hook);
  }

  private requireManager(user: User): void {
    if (!pollPolicy(user).canManage) throw forbidden('Only the secretariat or the chair may do that.');
  }

  private async pollOr404(id: string): Promise<Poll> {
    const poll = await this.options.polls.byId(id);
    if (!poll) throw notFound('The poll');
    return poll;
  }

  /** The poll and its visible results, as the API and the live document show it. */
  async view(poll: Poll): Promise<PollDto> {
    return toDto(poll, await this.resultsForDisplay(poll));
  }

  /**
   * The results anyone may see now: an open secret poll's published snapshot (secretBatches.ts:
   * it moves in batches, so that no ballot can be linked to its voter), else the live count. The
   * closing transaction counts every ballot instead (`close`).
   */
  async resultsForDisplay(poll: Poll): Promise<PollResults> {
    const { polls, batches } = this.options;
    const ballots = showsPublishedSnapshot(poll) ? await batches.publishedBallots(poll.id) : await polls.countedBallots(poll.id);
    return resultsOf(poll, ballots);
  }

  /** Who has voted as may be seen now: for an open secret poll, only the voters of its published snapshot. */
  async votersForDisplay(poll: Poll): Promise<Voter[]> {
    const { polls, batches } = this.options;
    const voters = await polls.voters(poll.id);
    if (!showsPublishedSnapshot(poll)) return voters;
    const published = await batches.publishedVoterIds(poll.id);
    return voters.filter((voter) => published.has(voter.id));
  }

  async list(_user: User, meetingId: string): Promise<PollDto[]> {
    await requireMeeting(this.options.store, meetingId);
    return Promise.all((await this.options.polls.listByMeeting(meetingId)).map((poll) => this.view(poll)));
  }

  async get(_user: User, id: string): Promise<PollDto> {
    return this.view(await this.pollOr404(id));
  }

  /**
   * A draft poll from the create form: labels written normal (`normalizeName`, as they are compared
   * by `duplicateOptionIndex`), settings checked against each other.
   */
  async create(user: User, meetingId: string, body: CreatePollBody): Promise<PollDto> {
    this.requireManager(user);
    const { store, groups } = this.options;
    await requireMeeting(store, meetingId);
    // Stored as compared: "Yes\u00a0 please" and "Ｙｅｓ please" are the label "Yes please", which the
    // results, the CSV and the audit log then show one way. Its limit counts that form (NFKC can
    // lengthen a label, and the schema counted what was sent).
    // Each refusal names its field, so that the form marks it rather than saying "not valid" at the top.
    const empty = body.options.findIndex((option) => !hasVisibleText(normalizeName(option.label)));
    if (empty >= 0) throw badRequest('Every option needs a label.', { field: `options.${empty}` });
    // Too long, as the working groups' names and titles say it (`tooLong`), for the form's own words.
    const labels = body.options.map((option, index) =>
      normalizedWithin(`options.${index}`, option.label, POLL_LIMITS.label, 'The label'),
    );
    const duplicate = duplicateOptionIndex(labels);
    if (duplicate >= 0) {
      throw new AppError('DUPLICATE_OPTION', `Two options have the same label: "${labels[duplicate]}".`, {
        field: `options.${duplicate}`,
        label: labels[duplicate],
      });
    }
    const question = body.question.trim();
    if (!hasVisibleText(question)) throw badRequest('The question is empty.', { field: 'question' });
    if (body.maxChoices !== undefined && body.kind !== 'multiple')
      throw badRequest('maxChoices applies to multiple-choice polls only.', { field: 'maxChoices' });
    if (body.maxChoices !== undefined && body.maxChoices > labels.length)
      throw badRequest('maxChoices is more than the number of options.', { field: 'maxChoices' });
    const seats = body.seats ?? 1;
    if (seats >= labels.length) throw badRequest('There must be more options than seats to fill.', { field: 'seats' });
    if (body.audience === 'group' && !body.workingGroupId)
      throw badRequest('A poll for a working group’s members needs workingGroupId.', { field: 'workingGroupId' });
    if (body.workingGroupId && (await groups.meetingOf(body.workingGroupId)) !== meetingId) {
      throw badRequest('The working group is not part of this meeting.', { field: 'workingGroupId' });
    }
    for (const option of body.options) {
      if (option.userId && !(await store.users.byId(option.userId))) throw badRequest('A candidate is not a user of the board.');
    }
    const poll = await this.createPoll(
      {
        meetingId,
        question,
        kind: body.kind,
        audience: body.audience,
        secret: body.secret ?? false,
        results: body.results ?? 'live',
        maxChoices: body.kind === 'multiple' ? (body.maxChoices ?? labels.length) : null,
        seats,
        workingGroupId: body.workingGroupId ?? null,
        requiresQuorum: body.requiresQuorum ?? false,
        options: body.options.map((option, index) => ({ label: labels[index]!, userId: option.userId ?? null })),
      },
      user.id,
    );
    return this.view(poll);
  }

  /**
   * Writes a checked draft with its audit entry (and `also`, what an election records with it),
   * in `tx` when given (the demo seed's) or in a transaction of its own; projects it live when
   * it commits here.
   */
  async createPoll(
    input: NewPoll,
    actorId: string | null,
    also?: (tx: SqlExecutor, pollId: string) => Promise<void>,
    tx?: SqlExecutor,
  ): Promise<Poll> {
    const { store, polls } = this.options;
    const write = async (executor: SqlExecutor) => {
      const id = await polls.insert(executor, input, actorId);
      await also?.(executor, id);
      for (const hook of this.createdHooks) await hook(executor, id, input);
      await store.audit.record(
        {
          actorId,
          action: 'poll.created',
          subject: `poll:${id}`,
          detail: {
            meetingId: input.meetingId,
            question: input.question,
            kind: input.kind,
            audience: input.audience,
            secret: input.secret,
          },
        },
        executor,
      );
      return id;
    };
    const id = tx ? await write(tx) : await store.db.transaction(write);
    const poll = (await polls.byId(id, tx))!;
    if (!tx) this.project(poll, { group: true });
    return poll;
  }

  /** Deletes a draft (nobody has voted in it). */
  async deleteDraft(user: User, id: string): Promise<void> {
    this.requireManager(user);
    const { store, polls } = this.options;
    const poll = await store.db.transaction(async (tx) => {
      const found = await polls.byId(id, tx);
      if (!found) throw notFound('The poll');
      if (found.status !== 'draft' || !(await polls.deleteDraft(tx, id))) {
        throw new AppError('CONFLICT', 'Only a draft poll can be deleted; this one has been opened.');
      }
      await store.audit.record(
        { actorId: user.id, action: 'poll.deleted', subject: `poll:${id}`, detail: { question: found.question } },
        tx,
      );
      return found;
    });
    this.project(poll, { group: true });
  }

  async open(user: User, id: string): Promise<PollDto> {
    this.requireManager(user);
    const { store, polls } = this.options;
    await store.db.transaction(async (tx) => {
      const poll = await polls.byId(id, tx);
      if (!poll) throw notFound('The poll');
      if (poll.status === 'draft') for (const hook of this.openingHooks) await hook(tx, poll);
      // The ballot as the hooks left it (an election's candidates are taken as it opens), read
      // while the row is still a draft: PollStore caches an open poll's options, and this
      // transaction may yet roll back.
      const ballot = poll.status === 'draft' ? ((await polls.byId(id, tx)) ?? poll) : poll;
      const key = poll.secret ? randomBytes(32).toString('base64url') : null;
      if (!(await polls.markOpen(tx, id, key, Date.now()))) {
        throw new AppError(
          'CONFLICT',
          poll.status === 'open' ? 'This poll is already open.' : 'This poll is closed; it cannot be opened again.',
        );
      }
      // An election's entry holds its ballot: each candidate's option (the ids the close's tally
      // and winners use), person (named by the log's reader) and name as the ballot shows it.
      const candidates = ballot.options.flatMap((option) =>
        option.userId ? [{ optionId: option.id, userId: option.userId, name: option.label }] : [],
      );
      await store.audit.record(
        {
          actorId: user.id,
          action: 'poll.opened',
          subject: `poll:${id}`,
          ...(candidates.length > 0 ? { detail: { candidates } } : {}),
        },
        tx,
      );
      await this.options.notify.emit(tx, { type: 'poll.opened', actorId: user.id, pollId: id });
    });
    const poll = await this.pollOr404(id);
    this.project(poll);
    return this.view(poll);
  }

  /** Closes the poll: later ballots are refused, a secret poll's ballots are unlinked, hooks run. */
  async close(user: User, id: string): Promise<PollDto> {
    this.requireManager(user);
    const { store, polls } = this.options;
    const poll = await store.db.transaction(async (tx) => {
      const closed = await polls.markClosed(tx, id, Date.now());
      const found = await polls.byId(id, tx);
      if (!found) throw notFound('The poll');
      if (!closed)
        throw new AppError(
          'CONFLICT',
          found.status === 'closed' ? 'This poll is already closed.' : 'This poll has not been opened.',
        );
      if (found.secret) await polls.shuffleSecretBallots(tx, id);
      await this.options.batches.drop(tx, id);
      const results = resultsOf(found, await polls.countedBallots(id, tx));
      await store.audit.record(
        {
          actorId: user.id,
          action: 'poll.closed',
          subject: `poll:${id}`,
          detail: { ballots: results.ballots, tally: results.tally ?? {}, winners: results.winners ?? [] },
        },
        tx,
      );
      for (const hook of this.closedHooks) await hook(tx, found, results, user.id);
      await this.options.notify.emit(tx, { type: 'poll.closed', actorId: user.id, pollId: id, results });
      return found;
    });
    this.project(poll, { group: true });
    return this.view(poll);
  }

  /**
   * Casts (or replaces) `voter`'s ballot. Ballots that arrive together share one transaction
   * (group commit, storage/transactionBatcher.ts): each is checked and written on its own, in
   * arrival order, with its audit entry, and answered once the transaction has committed. Each
   * refusal (403 not eligible, 409 not open, 400 bad choice, 404 no such poll) is recorded in the
   * audit log in a transaction of its own, since the ballot's writes are rolled back.
   */
  async castBallot(voter: User, pollId: string, choices: readonly string[]): Promise<BallotResponse> {
    let cast: CastBallot;
    try {
      cast = await this.ballots.run((tx, batch) => this.writeBallot(tx, batch, voter, pollId, choices));
    } catch (error) {
      if (error instanceof AppError) {
        const reason = refusalReason(error.details);
        await this.recordRefusal(pollId, voter.id, {
          code: error.code,
          status: error.statusCode,
          message: error.message,
          ...(reason ? { reason } : {}),
        });
      }
      throw error;
    }
    const { poll, replaced } = cast;
    return { voted: true, replaced, ...(poll.secret ? {} : { choices: [...choices] }) };
  }

  /**
   * One ballot, checked and written through `tx` (its batch's transaction). The poll is read
   * once per batch: nothing in the batch changes it, and its read locks it against a close
   * until the batch commits (PostgreSQL; on SQLite the batch holds the only write lock).
   */
  private async writeBallot(
    tx: SqlExecutor,
    batch: BatchScope,
    voter: User,
    pollId: string,
    choices: readonly string[],
  ): Promise<CastBallot> {
    const { store, polls } = this.options;
    const found = await batch.once(`poll:${pollId}`, () => polls.forBallot(tx, pollId));
    if (!found) throw notFound('The poll');
    const joinedGroupAt = found.workingGroupId ? await polls.joinedGroupAt(tx, found.workingGroupId, voter.id) : undefined;
    const ineligible = notEligibleReason(found, voter, { joinedGroupAt });
    // The reason goes into the refusal's audit entry (recordRefusal), which the code alone leaves general.
    if (ineligible) throw new AppError('FORBIDDEN', notEligibleMessage(found), { reason: ineligible });
    if (found.status !== 'open') {
      throw new AppError(
        'NOT_OPEN',
        found.status === 'closed'
          ? 'This poll is closed: your vote was not counted.'
          : 'This poll is not open yet: your vote was not counted.',
        // The client says which, in the reader's language.
        { status: found.status, reason: found.status === 'closed' ? 'closed' : 'not-open-yet' },
      );
    }
    const problem = ballotProblem(found, choices);
    if (problem) throw badRequest(problem);
    await polls.writeBallot(tx, {
      pollId,
      voterKey: found.secret ? secretVoterKey(found.ballotKey!, voter.id) : voter.id,
      voterId: found.secret ? null : voter.id,
      voterGroup: voter.group,
      choices,
      castAt: found.secret ? null : Date.now(),
    });
    const again = !(await polls.markVoted(tx, pollId, voter.id));
    await store.audit.record(
      {
        actorId: voter.id,
        action: again ? 'poll.ballot.replaced' : 'poll.ballot.cast',
        subject: `poll:${pollId}`,
        // How a person voted is written down only for a named poll.
        detail: found.secret ? { secret: true } : { choices },
      },
      tx,
    );
    return { poll: found, replaced: again };
  }

  /**
   * After a batch of ballots commits and is answered: each poll it touched is published (if due)
   * and projected once.
   */
  private async ballotsCommitted(cast: CastBallot[]): Promise<void> {
    const touched = new Map(cast.map(({ poll }) => [poll.id, poll]));
    for (const poll of touched.values()) {
      // Before projecting: an open secret poll shows the snapshot these ballots may complete.
      await this.options.batches.publishIfDue(poll);
      this.project(poll);
    }
  }

  /** Refuses a ballot the schema rejected, logged like any other refusal. */
  async refuseMalformedBallot(voter: User, pollId: unknown, reason: string): Promise<never> {
    const message = `Invalid ballot: ${reason}`;
    if (typeof pollId === 'string' && pollId.length <= 64) {
      await this.recordRefusal(pollId, voter.id, { code: 'BAD_REQUEST', status: 400, message });
    }
    throw badRequest(message);
  }

  private async recordRefusal(pollId: string, voterId: string, refusal: Refusal): Promise<void> {
    const { store } = this.options;
    await store.db.transaction((tx) =>
      store.audit.record(
        { actorId: voterId, action: 'poll.ballot.refused', subject: `poll:${pollId}`, detail: { ...refusal } },
        tx,
      ),
    );
  }

  /** Whether `user` has a ballot in, and (named polls only) what it says. */
  async ballotOf(user: User, pollId: string): Promise<BallotResponse> {
    const { polls } = this.options;
    const poll = await this.pollOr404(pollId);
    if (!(await polls.hasVoted(poll.id, user.id))) return { voted: false };
    if (poll.secret) return { voted: true };
    const choices = await polls.choicesOf(poll.id, user.id);
    return choices ? { voted: true, choices } : { voted: true };
  }

  async results(_user: User, pollId: string): Promise<PollResults> {
    return this.resultsForDisplay(await this.pollOr404(pollId));
  }

  async resultsCsv(_user: User, pollId: string, language: Language = 'en'): Promise<{ poll: Poll; csv: string }> {
    const poll = await this.pollOr404(pollId);
    if (!resultsVisible(poll)) throw new AppError('CONFLICT', NOT_VISIBLE);
    return { poll, csv: resultsCsv(poll, await this.resultsForDisplay(poll), language) };
  }

  /** Who has voted (never how). */
  async voters(user: User, pollId: string): Promise<Voter[]> {
    this.requireManager(user);
    const poll = await this.pollOr404(pollId);
    return this.votersForDisplay(poll);
  }

  /** The roll call of a named poll, once its results are visible. */
  async namedBallots(_user: User, pollId: string): Promise<{ voter: Voter; choices: string[] }[]> {
    const poll = await this.pollOr404(pollId);
    if (poll.secret) throw forbidden('This poll is secret: nobody can see how a person voted.');
    if (!resultsVisible(poll)) throw new AppError('CONFLICT', NOT_VISIBLE);
    return this.options.polls.namedBallots(poll.id);
  }

  /** Where the short link of a poll leads: its meeting's Polls tab, or the start page. */
  async shortLink(pollId: string): Promise<string> {
    const poll = await this.options.polls.byId(pollId);
    if (!poll) return '/';
    return `/meetings/${encodeURIComponent(poll.meetingId)}?tab=polls&poll=${encodeURIComponent(poll.id)}`;
  }

  /** After a commit: the poll (and, when asked, its working group's election list) into the live document. */
  private project(poll: Poll, options: { group?: boolean } = {}): void {
    const { live } = this.options;
    live.poll(poll.meetingId, poll.id);
    if (options.group && poll.workingGroupId) live.group(poll.meetingId, poll.workingGroupId);
  }
}

function secretVoterKey(ballotKey: string, userId: string): string {
  return createHmac('sha256', ballotKey).update(userId).digest('base64url');
}
