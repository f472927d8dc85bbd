/**
 * The commands and queries of MAG Working Groups. Each command checks who is asking
 * (workingGroupPolicy.ts), writes in one SQL transaction with its audit-log entry, and after the
 * commit projects the group into `live:{meetingId}` (map `workingGroups`).
 */
import type { AuditActionOf } from '../../../shared/auditActions.ts';
import type { ListedDetail } from '../../../shared/auditDetails.ts';
import { type ElectionRole, electionDecides, sameLiaisonTitle } from '../../../shared/constants/workingGroups.ts';
import type { Language } from '../../../shared/i18n/languages.ts';
import { nameKey } from '../../../shared/normalizeName.ts';
import type { PollDto, PollResults } from '../../../shared/schemas/polls.ts';
import type {
  CreateWorkingGroupBody,
  ElectionBody,
  RoleBody,
  RoleQuery,
  UpdateWorkingGroupBody,
  WorkingGroupDto,
  WorkingGroupRole,
} from '../../../shared/schemas/workingGroups.ts';
import { AppError, badRequest, forbidden, notFound } from '../http/appError.ts';
import { fieldError } from '../http/fieldErrors.ts';
import { fill, serverText } from '../i18n/serverText.ts';
import type { Notifier } from '../notifications/notify.ts';
import type { PollProjections, PollService } from '../polls/pollService.ts';
import type { Poll, PollStore } from '../polls/pollStore.ts';
import { requireMeeting } from '../polls/requireMeeting.ts';
import { shuffle } from '../polls/shuffle.ts';
import { type SqlExecutor, UniqueViolation } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import { canWithdrawNomination, workingGroupPolicy } from './workingGroupPolicy.ts';
import {
  appointmentDuringElection,
  archived,
  candidateLeaving,
  cleanName,
  duplicateLiaisonTitle,
  duplicateName,
  electionOpen,
  roleTitle,
  storedTitle,
  tooFewCandidates,
} from './workingGroupRules.ts';
import type { WorkingGroup, WorkingGroupStore } from './workingGroupStore.ts';

export interface WorkingGroupServiceOptions {
  store: Store;
  groups: WorkingGroupStore;
  polls: PollService;
  /** An election's ballot is written here as it opens. */
  pollStore: PollStore;
  live: PollProjections;
  notify: Notifier;
}

export class WorkingGroupService {
  private readonly options: WorkingGroupServiceOptions;

  constructor(options: WorkingGroupServiceOptions) {
    this.options = options;
  }

  private requireParticipant(user: User): void {
    if (!workingGroupPolicy(user).canTakePart) throw forbidden('Observers follow the working groups but do not join them.');
  }

  private requireModerator(user: User): void {
    if (!workingGroupPolicy(user).canModerate) throw forbidden('Only the secretariat or the chair may do that.');
  }

  private requireAdministrator(user: User): void {
    if (!workingGroupPolicy(user).canAdminister) throw forbidden('Only the secretariat administers the working groups.');
  }

  private async groupOr404(id: string): Promise<WorkingGroup> {
    const group = await this.options.groups.byId(id);
    if (!group) throw notFound('The working group');
    return group;
  }

  /** The group, refused with 409 when it is archived (nothing in it changes any more). */
  private async activeGroup(id: string): Promise<WorkingGroup> {
    const group = await this.groupOr404(id);
    if (group.archivedAt !== null) throw archived(group);
    return group;
  }

  /** Projects the group live and answers with its view. */
  private async changed(group: WorkingGroup): Promise<WorkingGroupDto> {
    this.options.live.group(group.meetingId, group.id);
    return (await this.options.groups.view(group.id))!;
  }

  private audit<D extends object = never>(
    tx: SqlExecutor,
    actorId: string | null,
    action: AuditActionOf<'workingGroup'>,
    groupId: string,
    detail?: D & ListedDetail<D>,
  ) {
    return this.options.store.audit.record<D>(
      { actorId, action: `workingGroup.${action}`, subject: `workingGroup:${groupId}`, ...(detail ? { detail } : {}) },
      tx,
    );
  }

  async list(_user: User, meetingId: string): Promise<WorkingGroupDto[]> {
    await requireMeeting(this.options.store, meetingId);
    return this.options.groups.listByMeeting(meetingId);
  }

  async get(_user: User, id: string): Promise<WorkingGroupDto> {
    const view = await this.options.groups.view(id);
    if (!view) throw notFound('The working group');
    return view;
  }

  async join(user: User, id: string): Promise<WorkingGroupDto> {
    this.requireParticipant(user);
    const group = await this.activeGroup(id);
    await this.options.store.db.transaction((tx) => this.addMember(tx, group.id, user.id));
    return this.changed(group);
  }

  /** Adds a member with its audit entry, in the caller's transaction (the demo seed's too). */
  async addMember(tx: SqlExecutor, groupId: string, userId: string): Promise<void> {
    if (await this.options.groups.addMember(tx, groupId, userId)) await this.audit(tx, userId, 'joined', groupId);
  }

  /**
   * Leaves the group; one's nomination there is withdrawn with it. A candidate of an open election
   * stays until it closes: they would remain on its ballot, and could be elected in a group they
   * had left.
   */
  async leave(user: User, id: string): Promise<WorkingGroupDto> {
    this.requireParticipant(user);
    const group = await this.groupOr404(id);
    await this.options.store.db.transaction(async (tx) => {
      await this.options.groups.lockGroup(tx, group.id);
      if (await this.options.groups.onOpenBallot(tx, group.id, user.id)) throw candidateLeaving(group);
      if (await this.options.groups.removeMember(tx, group.id, user.id)) await this.audit(tx, user.id, 'left', group.id);
    });
    return this.changed(group);
  }

  async nominate(user: User, id: string, nomineeId: string): Promise<WorkingGroupDto> {
    this.requireParticipant(user);
    const group = await this.activeGroup(id);
    await this.options.store.db.transaction(async (tx) => {
      await this.requireNoOpenElection(tx, group);
      await this.addNomination(tx, group.id, nomineeId, user.id);
    });
    return this.changed(group);
  }

  /**
   * An open election's ballot holds the nominees of when it opened: a nomination made now would
   * say "is a candidate" of someone not on it, a withdrawn one would stay on it, and an
   * appointment would settle what the vote is deciding. Read in the transaction that would make
   * the change, with the group held (`lockGroup`), so an election opening at the same moment is seen.
   */
  private async requireNoOpenElection(tx: SqlExecutor, group: WorkingGroup): Promise<void> {
    await this.options.groups.lockGroup(tx, group.id);
    if (await this.options.groups.hasOpenElection(tx, group.id)) throw electionOpen(group);
  }

  /**
   * The role `wanted` is not what an open election of the group is filling: a liaison is named
   * while co-facilitators are elected (a candidate of that election too: a liaison is not the
   * elected seat), but not a co-facilitator. Read like `requireNoOpenElection`, with the group held.
   */
  private async requireNotBeingElected(tx: SqlExecutor, group: WorkingGroup, wanted: ElectionRole): Promise<void> {
    await this.options.groups.lockGroup(tx, group.id);
    if (electionDecides(await this.options.groups.openElectionRoles(tx, group.id), wanted))
      throw appointmentDuringElection(group, wanted);
  }

  /**
   * Nominates a member of the group for co-facilitator, in the caller's transaction. `tell`: the
   * nominee is notified (the demo seed's nominations are history, told to nobody).
   */
  async addNomination(tx: SqlExecutor, groupId: string, nomineeId: string, byId: string, tell = true): Promise<void> {
    const { groups } = this.options;
    if (!(await groups.isMember(tx, groupId, nomineeId))) {
      throw badRequest('Only a member of the working group can be nominated; they join it first.', { field: 'userId' });
    }
    // A nomination an election settled (elected or not) is made afresh; an open one is a duplicate.
    const added = await groups.addNomination(tx, groupId, nomineeId, byId);
    if (!added && !(await groups.renewSettledNomination(tx, groupId, nomineeId, byId)))
      throw new AppError('DUPLICATE', 'This member is already nominated.', { field: 'userId' });
    await this.audit(tx, byId, 'nominated', groupId, { nomineeId, ...(added ? {} : { again: true }) });
    if (tell) await this.options.notify.emit(tx, { type: 'nomination', actorId: byId, groupId, nomineeId });
  }

  async withdraw(user: User, id: string, nomineeId: string): Promise<WorkingGroupDto> {
    const { groups, store } = this.options;
    const group = await this.groupOr404(id);
    const nomination = await groups.nomination(group.id, nomineeId);
    if (!nomination) throw notFound('The nomination');
    if (!canWithdrawNomination(user, nomineeId, nomination)) {
      throw forbidden('Only the nominee, who nominated them, or the secretariat or chair can withdraw a nomination.');
    }
    await store.db.transaction(async (tx) => {
      await this.requireNoOpenElection(tx, group);
      if (!(await groups.deleteNomination(tx, group.id, nomineeId))) throw notFound('The nomination');
      await this.audit(tx, user.id, 'nominationWithdrawn', group.id, { nomineeId });
    });
    return this.changed(group);
  }

  /**
   * A draft poll among the nominees, opened and closed like any poll; its winners take the role
   * it fills (co-facilitator unless said otherwise), recorded by `onPollClosed`.
   */
  /** `language`: the requester's; a question the body does not give is said in it, as the board's form says it. */
  async createElection(user: User, id: string, body: ElectionBody, language: Language = 'en'): Promise<PollDto> {
    this.requireModerator(user);
    const group = await this.activeGroup(id);
    const role = body.role ?? 'co-facilitator';
    const title = roleTitle(role, body.title);
    const seats = body.seats ?? 1;
    const nominees = await this.options.groups.nominees(group.id);
    if (nominees.length <= seats) {
      throw badRequest(
        `An election needs more nominees than seats (${nominees.length} nominated for ${seats}); with no contest, appoint the nominee instead.`,
        { field: 'seats' },
      );
    }
    // The order on the ballot is drawn at random: the last tie rule (option order) is then a lot.
    shuffle(nominees);
    const poll = await this.options.polls.createPoll(
      {
        meetingId: group.meetingId,
        question: body.question?.trim() || defaultQuestion(language, role === 'liaison' ? title : null, group.name),
        kind: body.kind,
        audience: body.audience,
        secret: body.secret ?? true,
        results: body.results ?? 'after-close',
        maxChoices: null,
        seats,
        workingGroupId: group.id,
        options: nominees.map((nominee) => ({ label: nominee.name, userId: nominee.id })),
      },
      user.id,
      role === 'liaison' ? (tx, pollId) => this.options.groups.recordElectionRole(tx, pollId, { role, title }) : undefined,
    );
    return this.options.polls.view(poll);
  }

  /**
   * Inside the opening transaction of a draft: an election's ballot becomes the group's open
   * nominations as they stand now (in an order drawn at random), not those of when the draft was
   * made. The group is held while they are read, so that a nomination made at the same moment is
   * either on the ballot or refused (ELECTION_OPEN). With no more candidates than seats, the
   * opening is refused.
   */
  readonly onPollOpening = async (tx: SqlExecutor, poll: Poll): Promise<void> => {
    if (!poll.workingGroupId) return;
    const { groups, pollStore } = this.options;
    const group = await groups.byId(poll.workingGroupId, tx);
    if (!group) return;
    await groups.lockGroup(tx, group.id);
    const nominees = await groups.nominees(group.id, tx);
    if (nominees.length <= poll.seats) throw tooFewCandidates(group, nominees.length, poll.seats);
    const drawn = new Map(poll.options.map((option) => [option.userId, option]));
    const unchanged = nominees.length === drawn.size && nominees.every((nominee) => drawn.has(nominee.id));
    if (unchanged) return;
    // A candidate already on the draft keeps their option's id (a client may hold it); the order is drawn again.
    const ballot = nominees.map((nominee) => ({ id: drawn.get(nominee.id)?.id, label: nominee.name, userId: nominee.id }));
    shuffle(ballot);
    await pollStore.replaceDraftOptions(tx, poll.id, ballot);
  };

  /**
   * Inside the closing transaction of a poll: an election's winners become the group's
   * co-facilitators, committed with the final count. A tie (single choice) elects nobody: the
   * group keeps its co-facilitators and the secretariat runs a runoff.
   */
  readonly onPollClosed = async (tx: SqlExecutor, poll: Poll, results: PollResults, actorId: string): Promise<void> => {
    if (!poll.workingGroupId || !results.winners?.length) return;
    const elected = results.winners
      .map((optionId) => poll.options.find((option) => option.id === optionId)?.userId)
      .filter((userId): userId is string => typeof userId === 'string');
    const { role, title } = await this.options.groups.electionRole(tx, poll.id);
    for (const userId of elected) {
      if (role === 'liaison') await this.addLiaison(tx, poll.workingGroupId, userId, title, poll.id, actorId);
      else await this.addCoFacilitator(tx, poll.workingGroupId, userId, poll.id, actorId);
    }
  };

  /**
   * Gives `userId` one more liaison title: a person may be liaison to several bodies, so a new
   * title is added beside those they hold, never in their place. A title they hold already (case
   * aside) is not held twice: in other case it is written as now given, else nothing changes.
   */
  private async addLiaison(
    tx: SqlExecutor,
    groupId: string,
    userId: string,
    given: string,
    pollId: string | null,
    actorId: string | null,
  ) {
    const { groups } = this.options;
    // An election's title recorded before titles were written normal (migration 254) is held normal too.
    const title = storedTitle(given);
    // Two titles given at once to one person take turns (PostgreSQL), so that each sees the other.
    await groups.lockGroup(tx, groupId);
    // The database's rule (migration 253's index) may fold letters the service's keeps apart: a
    // title it reads as one held is that title too, rewritten rather than refused.
    const held =
      (await groups.liaisonTitles(tx, groupId, userId)).find((entry) => sameLiaisonTitle(entry, title)) ??
      (await groups.liaisonTitleAlike(tx, groupId, userId, title));
    if (held === title) return;
    if (held === undefined) await groups.addLiaison(tx, groupId, userId, title, pollId);
    else await groups.retitleLiaison(tx, groupId, userId, held, title, pollId);
    await this.audit(tx, actorId, pollId ? 'liaisonElected' : 'liaisonAssigned', groupId, {
      userId,
      title,
      ...(pollId ? { pollId } : {}),
    });
  }

  /** Records a co-facilitator (elected by `pollId`, or appointed when it is null) with its audit entry. */
  async addCoFacilitator(
    tx: SqlExecutor,
    groupId: string,
    userId: string,
    pollId: string | null,
    actorId: string | null,
  ): Promise<void> {
    if (!(await this.options.groups.addCoFacilitator(tx, groupId, userId, pollId))) return;
    await this.audit(tx, actorId, pollId ? 'coFacilitatorElected' : 'coFacilitatorAppointed', groupId, {
      userId,
      ...(pollId ? { pollId } : {}),
    });
  }

  /** Appoints a member of the group co-facilitator without an election. */
  async appoint(user: User, id: string, userId: string): Promise<WorkingGroupDto> {
    this.requireModerator(user);
    const group = await this.activeGroup(id);
    await this.options.store.db.transaction(async (tx) => {
      await this.requireNotBeingElected(tx, group, { role: 'co-facilitator', title: '' });
      if (!(await this.options.groups.isMember(tx, group.id, userId))) {
        throw badRequest('Only a member of the working group can be its co-facilitator.', { field: 'userId' });
      }
      await this.addCoFacilitator(tx, group.id, userId, null, user.id);
    });
    return this.changed(group);
  }

  async removeCoFacilitator(user: User, id: string, userId: string): Promise<WorkingGroupDto> {
    this.requireModerator(user);
    const group = await this.groupOr404(id);
    await this.options.store.db.transaction(async (tx) => {
      if (!(await this.options.groups.removeCoFacilitator(tx, group.id, userId))) throw notFound('The co-facilitator');
      await this.audit(tx, user.id, 'coFacilitatorRemoved', group.id, { userId });
    });
    return this.changed(group);
  }

  /** A group, or a sub-group of one; secretariat. */
  async create(user: User, meetingId: string, body: CreateWorkingGroupBody): Promise<WorkingGroupDto> {
    this.requireAdministrator(user);
    const { store, groups } = this.options;
    await requireMeeting(store, meetingId);
    const name = cleanName(body.name);
    const description = body.description?.trim() ?? '';
    if (body.parentId !== undefined) {
      const parent = await groups.byId(body.parentId);
      if (!parent || parent.meetingId !== meetingId)
        throw fieldError('parentId', 'The parent group is not a working group of this meeting.');
      if (parent.parentId !== null)
        throw fieldError('parentId', 'A sub-group cannot have sub-groups of its own; choose a group of the meeting.');
      if (parent.archivedAt !== null) throw archived(parent);
    }
    const group = await store.db.transaction(async (tx) => {
      const taken = await groups.nameTaken(tx, meetingId, name, null);
      if (taken !== undefined) throw duplicateName(name, taken);
      const created = await groups.insert(tx, {
        meetingId,
        name,
        description,
        position: await groups.nextPosition(tx, meetingId),
        parentId: body.parentId ?? null,
      });
      await this.audit(tx, user.id, 'created', created.id, {
        meetingId,
        name,
        ...(created.parentId ? { parentId: created.parentId } : {}),
      });
      return created;
    });
    return this.changed(group);
  }

  /** Renames or describes a group; secretariat. */
  async update(user: User, id: string, body: UpdateWorkingGroupBody): Promise<WorkingGroupDto> {
    this.requireAdministrator(user);
    const group = await this.activeGroup(id);
    // The name it has, sent back beside a new description (the form sends both), is no rename: a
    // name migration 255 left as it was beside its twin stays so, rather than refused as taken.
    const name = body.name === undefined || body.name === group.name ? undefined : cleanName(body.name);
    const description = body.description?.trim();
    const { store, groups } = this.options;
    await store.db.transaction(async (tx) => {
      const taken = name === undefined ? undefined : await groups.nameTaken(tx, group.meetingId, name, group.id);
      if (name !== undefined && taken !== undefined) throw duplicateName(name, taken, nameKey(group.name) === nameKey(name));
      // The name and description it already has: answered, nothing recorded.
      if (!(await groups.update(tx, group.id, { name, description }))) return;
      await this.audit(tx, user.id, 'updated', group.id, {
        ...(name !== undefined ? { name, was: group.name } : {}),
        ...(description !== undefined ? { description: true } : {}),
      });
    });
    return this.changed(group);
  }

  /** Archives a group and its sub-groups: kept for the record, listed apart, closed to change; secretariat. */
  async archive(user: User, id: string): Promise<WorkingGroupDto> {
    this.requireAdministrator(user);
    const group = await this.activeGroup(id);
    const ids = await this.options.store.db.transaction(async (tx) => {
      const archivedIds = await this.options.groups.archive(tx, group.id, Date.now());
      for (const archivedId of archivedIds)
        await this.audit(tx, user.id, 'archived', archivedId, archivedId === group.id ? undefined : { with: group.id });
      return archivedIds;
    });
    for (const archivedId of ids) this.options.live.group(group.meetingId, archivedId);
    return (await this.options.groups.view(group.id))!;
  }

  /** Gives a member of the group a named role, or one more liaison title; secretariat. */
  async assignRole(user: User, id: string, userId: string, body: RoleBody): Promise<WorkingGroupDto> {
    this.requireAdministrator(user);
    const group = await this.activeGroup(id);
    if (body.role === 'co-facilitator' && body.title !== undefined) {
      throw fieldError('title', 'A title is given to liaisons only; a co-facilitator is a co-facilitator.');
    }
    const title = roleTitle(body.role, body.title);
    try {
      await this.options.store.db.transaction(async (tx) => {
        await this.requireNotBeingElected(tx, group, { role: body.role, title });
        if (!(await this.options.groups.isMember(tx, group.id, userId))) {
          throw fieldError('userId', 'Only a member of the working group can hold a role in it; they join it first.');
        }
        if (body.role === 'liaison') await this.addLiaison(tx, group.id, userId, title, null, user.id);
        else await this.addCoFacilitator(tx, group.id, userId, null, user.id);
      });
    } catch (error) {
      // The index of migration 253 refused a second row of one title: a write that did not take
      // turns on the group's row as `addLiaison` does, or a title the store reads as one held that
      // neither lookup found. Nothing was written; say so rather than answer 500.
      if (error instanceof UniqueViolation) throw duplicateLiaisonTitle(title);
      throw error;
    }
    return this.changed(group);
  }

  /**
   * Removes `userId`'s role: the one `query.role` names (for a liaison, the title `query.title`
   * names, case aside, else every title they hold), or every role they hold; secretariat.
   */
  async removeRole(user: User, id: string, userId: string, query: RoleQuery): Promise<WorkingGroupDto> {
    this.requireAdministrator(user);
    if (query.role === 'co-facilitator' && query.title !== undefined) {
      throw fieldError('title', 'A title is given to liaisons only; a co-facilitator is a co-facilitator.');
    }
    // A title names one liaison role: the co-facilitator's stays.
    const role = query.title !== undefined ? 'liaison' : query.role;
    const group = await this.activeGroup(id);
    const { groups, store } = this.options;
    await store.db.transaction(async (tx) => {
      const removed: WorkingGroupRole[] = [];
      if (role !== 'liaison' && (await groups.removeCoFacilitator(tx, group.id, userId))) removed.push('co-facilitator');
      const titles: string[] = [];
      if (role !== 'co-facilitator') {
        let named = await groups.liaisonTitles(tx, group.id, userId);
        if (query.title !== undefined) {
          const wanted = query.title;
          // Found as `addLiaison` finds a title held: the service's rule, else the database's
          // (migration 253's index), which may fold letters the service's keeps apart ('İGF' and
          // 'igf' under a UTF-8 LC_CTYPE). The title given that way stayed held, and removing
          // it by the same words answered 404.
          const same = named.filter((held) => sameLiaisonTitle(held, wanted));
          const alike = same.length > 0 ? undefined : await groups.liaisonTitleAlike(tx, group.id, userId, storedTitle(wanted));
          named = alike === undefined ? same : [alike];
        }
        for (const held of named) {
          if (await groups.removeLiaison(tx, group.id, userId, held)) titles.push(held);
        }
        if (titles.length > 0) removed.push('liaison');
      }
      if (removed.length === 0) throw notFound('The role');
      await this.audit(tx, user.id, 'roleRemoved', group.id, { userId, roles: removed, ...(titles.length ? { titles } : {}) });
    });
    return this.changed(group);
  }

  /** A group of the demo consultation, written in the seed's transaction. */
  async seedGroup(
    tx: SqlExecutor,
    input: { meetingId: string; name: string; description: string; position: number },
  ): Promise<WorkingGroup> {
    return this.options.groups.insert(tx, input);
  }
}

/**
 * The ballot's question when the request gives none, in the requester's language: stored as written,
 * like a question they typed (a poll's question is text, read by everyone as it stands).
 */
function defaultQuestion(language: Language, liaisonTitle: string | null, group: string): string {
  const text = serverText(language).election;
  return fill(text.question, { role: liaisonTitle ?? text.coFacilitator, group });
}
