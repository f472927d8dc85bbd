/**
 * The commands on proposals: submit, edit, move through statuses, open for public comment,
 * choose co-authors. Each checks who is asking, writes in one SQL transaction with its audit-log
 * entry, then projects the proposal into `live:{meetingId}` (map `proposals`).
 */

import { isModerator, isParticipant } from '../../../shared/roles.ts';
import type { NewProposalBody, ProposalDto, ProposalListQuery, ProposalPatchBody } from '../../../shared/schemas/proposals.ts';
import { storableText } from '../../../shared/storableText.ts';
import type { DocumentAccess } from '../collab/documentAccess.ts';
import { PROPOSALS_MAP } from '../comments/commentService.ts';
import { badRequest, forbidden, notFound } from '../http/appError.ts';
import type { LiveProjection } from '../live/liveProjection.ts';
import { requireMeeting } from '../meetings/requireMeeting.ts';
import type { Notifier } from '../notifications/notify.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import { mayChooseCoAuthors, mayEditProposal } from './proposalPolicy.ts';
import type { ProposalChanges, ProposalStore } from './proposalStore.ts';

export interface ProposalServiceOptions {
  store: Store;
  proposals: ProposalStore;
  live: LiveProjection;
  /** Told when a body's authors change, so that open connections get the new access. */
  access: DocumentAccess;
  notify: Notifier;
}

export class ProposalService {
  private readonly options: ProposalServiceOptions;

  constructor(options: ProposalServiceOptions) {
    this.options = options;
  }

  private async requireMeeting(meetingId: string): Promise<void> {
    await requireMeeting(this.options.store.meetings, meetingId);
  }

  async list(meetingId: string, query: ProposalListQuery): Promise<ProposalDto[]> {
    await this.requireMeeting(meetingId);
    return this.options.proposals.list(meetingId, query);
  }

  async get(id: string): Promise<ProposalDto> {
    const proposal = await this.options.proposals.byId(id);
    if (!proposal) throw notFound('The proposal');
    return proposal;
  }

  async create(user: User, meetingId: string, input: NewProposalBody): Promise<ProposalDto> {
    if (!isParticipant(user.role)) throw forbidden('Observers may not submit proposals.');
    await this.requireMeeting(meetingId);
    checkTexts(input);
    const coAuthorIds = await this.checkCoAuthors(input.coAuthorIds ?? []);
    const { store, proposals } = this.options;
    const id = await store.db.transaction(async (tx) => {
      const created = await proposals.create(
        {
          meetingId,
          kind: input.kind,
          title: input.title.trim(),
          summary: input.summary,
          submitterId: user.id,
          coAuthorIds,
          publicComment: input.publicComment ?? false,
        },
        tx,
      );
      await store.audit.record(
        {
          actorId: user.id,
          action: 'proposal.create',
          subject: `proposal:${created}`,
          detail: { meetingId, kind: input.kind, coAuthorIds },
        },
        tx,
      );
      return created;
    });
    this.project(meetingId, id);
    return (await proposals.byId(id))!;
  }

  async update(user: User, id: string, patch: ProposalPatchBody): Promise<ProposalDto> {
    const { store, proposals } = this.options;
    const info = await proposals.accessInfo(id);
    if (!info) throw notFound('The proposal');
    const moderator = isModerator(user.role);
    if (Object.values(patch).every((value) => value === undefined)) throw badRequest('Nothing to change.');
    if (patch.status !== undefined && !moderator)
      throw forbidden('Only the secretariat or the chair may change a proposal’s status.');
    const editsContent = [patch.title, patch.summary, patch.kind, patch.publicComment].some((value) => value !== undefined);
    if (editsContent && !mayEditProposal(user, info))
      throw forbidden('Only the proposal’s authors, the secretariat or the chair may edit it.');
    if (patch.coAuthorIds !== undefined && !mayChooseCoAuthors(user, info)) {
      throw forbidden('Only the submitter, the secretariat or the chair may choose co-authors.');
    }
    checkTexts(patch);
    const changes: ProposalChanges = {};
    if (patch.title !== undefined) changes.title = patch.title.trim();
    if (patch.summary !== undefined) changes.summary = patch.summary;
    if (patch.kind !== undefined) changes.kind = patch.kind;
    if (patch.status !== undefined) changes.status = patch.status;
    if (patch.publicComment !== undefined) changes.publicComment = patch.publicComment;
    if (patch.coAuthorIds !== undefined) changes.coAuthorIds = await this.checkCoAuthors(patch.coAuthorIds);
    const before = await proposals.byId(id);
    await store.db.transaction(async (tx) => {
      // Every field as it is (a form saved unchanged, two tabs): answered, nothing recorded.
      if (!(await proposals.update(id, changes, user.id, tx))) return;
      const detail = { ...changes, ...(changes.status !== undefined ? { previousStatus: before?.status } : {}) };
      await store.audit.record(
        {
          actorId: user.id,
          action: changes.status !== undefined ? 'proposal.status' : 'proposal.update',
          subject: `proposal:${id}`,
          detail,
        },
        tx,
      );
      if (changes.status !== undefined && changes.status !== before?.status) {
        await this.options.notify.emit(tx, { type: 'proposal.status', actorId: user.id, proposalId: id, status: changes.status });
      }
    });
    this.project(info.meetingId, id);
    const updated = (await proposals.byId(id))!;
    // A removed co-author loses write at once, a new one gains it, on every instance.
    if (changes.coAuthorIds !== undefined) this.options.access.changed(updated.doc);
    return updated;
  }

  /** Co-authors must be people who exist and may write (not observers). */
  private async checkCoAuthors(ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    for (const userId of unique) {
      const user = await this.options.store.users.byId(userId);
      if (!user || user.disabled) throw badRequest(`There is no user ${userId}.`, { field: 'coAuthorIds' });
      if (!isParticipant(user.role))
        throw badRequest(`${user.name} is an observer and cannot co-author a proposal.`, { field: 'coAuthorIds' });
    }
    return unique;
  }

  private project(meetingId: string, id: string): void {
    this.options.live.project(meetingId, PROPOSALS_MAP, id, () => this.options.proposals.byId(id));
  }
}

function checkTexts(input: { title?: string | undefined; summary?: string | undefined }): void {
  for (const [field, value] of Object.entries(input)) {
    if ((field === 'title' || field === 'summary') && typeof value === 'string' && !storableText(value)) {
      throw badRequest(`The ${field} contains a character that cannot be stored (a NUL character or a lone UTF-16 surrogate).`, {
        field,
      });
    }
  }
}
