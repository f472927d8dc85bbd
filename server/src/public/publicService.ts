/**
 * The public record of a meeting whose visibility is `public`: everything the public pages and
 * the feed show, gathered from the features' tables. A `mag` meeting does not exist here (404),
 * so its ids do not leak.
 */
import type { Readable } from 'node:stream';
import { agendaDoc, proposalDoc } from '../../../shared/documentNames.ts';
import type { Language } from '../../../shared/i18n/languages.ts';
import type { VersionDto } from '../../../shared/schemas/meetingRecord.ts';
import { AttachmentStore } from '../attachments/attachmentStore.ts';
import type { FileStore } from '../attachments/fileStore.ts';
import { notFound } from '../http/appError.ts';
import { ActionStore, withOverdue } from '../meetingRecord/actions/actionStore.ts';
import { docToJSON, loadStoredDoc, readAgenda } from '../meetingRecord/agendaDocument.ts';
import { type Block, buildPack, flattenRichText, type PackModel } from '../meetingRecord/pack/packModel.ts';
import { namedVersionDigests, versionContent } from '../meetingRecord/versions/versionDigest.ts';
import { VersionStore } from '../meetingRecord/versions/versionStore.ts';
import type { Meeting } from '../meetings/meetingStore.ts';
import { PollStore } from '../polls/pollStore.ts';
import type { Store } from '../storage/store.ts';
import { shortHash } from './contentHash.ts';
import { closedPolls, type PublicPoll, readDecisions } from './decisionRead.ts';
import { type Decision, versionAt } from './decisions.ts';
import { type PublicAttachment, publicAttachments } from './publicAttachments.ts';
import {
  type PublicGroup,
  type PublicModeration,
  type PublicProposal,
  PublicStore,
  type PublicThread,
  type StatusChange,
} from './publicStore.ts';
import { RegistrationStore } from './registrationStore.ts';
import { SharedReading } from './sharedReading.ts';

export type { PublicPoll } from './decisionRead.ts';

export interface ProposalView extends PublicProposal {
  /** The text and threads, only while the proposal is open for public comment. */
  body: Block[];
  threads: PublicThread[];
}

export interface MeetingView {
  meeting: Meeting;
  pack: PackModel;
  proposals: ProposalView[];
  polls: PublicPoll[];
  groups: PublicGroup[];
  moderation: PublicModeration[];
  versions: VersionDto[];
  statusChanges: StatusChange[];
  attachments: PublicAttachment[];
  /** Closed polls and status changes, oldest first, each with the agenda version it was taken on. */
  decisions: Decision[];
}

export interface VersionView {
  meeting: Meeting;
  version: VersionDto;
  pack: PackModel;
  /** The exported content: what the digest is of. */
  markdown: string;
  sha256: string;
}

export const publicAttachmentPath = (meetingId: string, attachmentId: string): string =>
  `/public/meetings/${encodeURIComponent(meetingId)}/attachments/${encodeURIComponent(attachmentId)}`;

export class PublicService {
  private readonly store: Store;
  private readonly tables: PublicStore;
  private readonly polls: PollStore;
  private readonly versions: VersionStore;
  private readonly actions: ActionStore;
  private readonly registrations: RegistrationStore;
  private readonly attachmentRows: AttachmentStore;
  private readonly files: FileStore;
  private readonly fingerprintCacheMs: number;
  /** The fingerprint's readings, shared between the polls and the page requests asking at once (sharedReading.ts). */
  private readonly fingerprints = new SharedReading<string>((meetingId) => this.readFingerprint(meetingId));

  /**
   * `fingerprintCacheMs`: how long one reading of a meeting's fingerprint answers every poll (see
   * `fingerprint`); 0 shares only a reading still running.
   */
  constructor(store: Store, files: FileStore, { fingerprintCacheMs = 1000 }: { fingerprintCacheMs?: number } = {}) {
    this.store = store;
    this.files = files;
    this.fingerprintCacheMs = fingerprintCacheMs;
    this.attachmentRows = new AttachmentStore(store.db);
    this.tables = new PublicStore(store.db);
    this.polls = new PollStore(store.db);
    this.versions = new VersionStore(store.db);
    this.actions = new ActionStore(store.db);
    this.registrations = new RegistrationStore(store.db);
  }

  /** The meeting if it is public; 404 otherwise, so that a `mag` meeting is indistinguishable from none. */
  async meeting(meetingId: string): Promise<Meeting> {
    const meeting = await this.store.meetings.byId(meetingId);
    if (meeting?.visibility !== 'public') throw notFound('The meeting');
    return meeting;
  }

  /** The meeting as the public sees it; the pack's own words in `language` (what people wrote stays as written). */
  async view(meetingId: string, language: Language = 'en'): Promise<MeetingView> {
    const meeting = await this.meeting(meetingId);
    const { items } = await readAgenda(this.store.documents, meeting.id);
    const actions = (await this.actions.list(meeting.id)).map((action) => withOverdue(action));
    const proposals = await Promise.all(
      (await this.tables.proposals(meeting.id)).map(async (proposal): Promise<ProposalView> => {
        if (!proposal.publicComment) return { ...proposal, body: [], threads: [] };
        const doc = await loadStoredDoc(this.store.documents, proposalDoc(proposal.id));
        const json = docToJSON(doc);
        doc.destroy();
        return {
          ...proposal,
          body: flattenRichText(json.content ?? []),
          threads: await this.tables.threads(meeting.id, proposalDoc(proposal.id)),
        };
      }),
    );
    const attachments = publicAttachments(await this.attachmentRows.list(meeting.id), proposals);
    const links = attachments.map((file) => ({
      name: file.name,
      url: publicAttachmentPath(meeting.id, file.id),
      itemId: file.itemId,
    }));
    const { polls, statusChanges, versions, decisions } = await readDecisions(this.store.db, meeting.id);
    return {
      meeting,
      pack: buildPack(meeting, items, actions, {
        language,
        attachments: links,
        versions: await namedVersionDigests(this.store.documents, meeting, versions),
        decisions: { polls, decisions },
      }),
      proposals,
      polls,
      groups: await this.tables.groups(meeting.id),
      moderation: await this.tables.moderation(meeting.id),
      versions,
      statusChanges,
      attachments,
      decisions,
    };
  }

  /**
   * The meeting's fingerprint (below) as the live polls read it: one reading per `fingerprintCacheMs`, shared
   * by every poll in that interval and every one arriving while it runs (`SharedReading.latest`), so a venue's
   * hall polling every 10 s costs the store what one reader does. A refusal (404) is shared like an answer.
   */
  fingerprint(meetingId: string): Promise<string> {
    return this.fingerprints.latest(meetingId, this.fingerprintCacheMs);
  }

  /**
   * The meeting's fingerprint read after this call (`SharedReading.fresh`): every change stored before it is in
   * the answer. What the page routes key their shared renderings on, so a reader loading a page right after a
   * change sees it (the polls' shared reading may be a second old). Table reads only, far less than a render.
   */
  freshFingerprint(meetingId: string): Promise<string> {
    return this.fingerprints.fresh(meetingId);
  }

  /**
   * A short hash of what the meeting page shows that changes between readings: the meeting, the
   * proposals as the page shows them (kind, title, status, whether open for comment, and the summary of
   * those open), the decisions, the named versions, the public files, the working
   * groups, the pending and done actions, the moderation log, whether registration is open, and the names of
   * the people the page names (read from their accounts as the page is rendered, so a rename must change it
   * too). Only what the page shows: every change costs each open page a reload. Table reads only (no
   * collaborative document is loaded), so the live script can ask for it every few seconds.
   */
  private async readFingerprint(meetingId: string): Promise<string> {
    const meeting = await this.meeting(meetingId);
    const proposals = await this.tables.proposals(meeting.id);
    const open = proposals.filter((proposal) => proposal.publicComment).map((proposal) => proposalDoc(proposal.id));
    const [statusChanges, polls, versions, attachments, groups, moderation, agenda, comments, names, actions, closed] =
      await Promise.all([
        this.tables.statusChanges(meeting.id),
        this.polls.listByMeeting(meeting.id),
        this.versions.list(meeting.id),
        this.attachmentRows.list(meeting.id),
        this.tables.groups(meeting.id),
        this.tables.moderation(meeting.id),
        Promise.all([agendaDoc(meeting.id), ...open].map((doc) => this.store.documents.revision(doc))),
        this.tables.commentsRevision(meeting.id, open),
        this.tables.commentNamesRevision(meeting.id, open),
        this.tables.actionsRevision(meeting.id),
        this.registrations.isClosed(meeting.id),
      ]);
    return shortHash(
      JSON.stringify([
        meeting,
        // Not the proposal's last change: a change of its co-authors, or of the summary of one closed to comment,
        // moved it without changing the page, and reloaded every open page for nothing.
        proposals.map((proposal) => [
          proposal.id,
          proposal.kind,
          proposal.title,
          proposal.status,
          proposal.publicComment,
          proposal.publicComment ? proposal.summary : null,
        ]),
        statusChanges.length,
        polls.filter((poll) => poll.status === 'closed').map((poll) => [poll.id, poll.closedAt]),
        versions.filter((version) => version.kind === 'named').map((version) => version.id),
        publicAttachments(attachments, proposals).map((file) => [file.id, file.sha256]),
        // Each group as the page shows it: its name, description and co-facilitators' names.
        groups,
        moderation.length,
        // The agenda as it stands, and the text and comment threads of proposals open for public comment: a mark
        // of what is stored, not the documents themselves, so a poll stays a handful of indexed reads.
        agenda,
        comments,
        names,
        // The actions the page lists (a new one, one marked done): table rows, not in any document's revision.
        actions,
        // The page's registration section: the link to the form, or that registration is closed.
        closed,
      ]),
    );
  }

  /** The current version of an attachment the public may read, and its bytes; 404 for any other. */
  async attachment(meetingId: string, attachmentId: string): Promise<{ file: PublicAttachment; stream: Readable }> {
    const meeting = await this.meeting(meetingId);
    const found = await this.attachmentRows.byId(attachmentId);
    const [file] =
      found && found.meetingId === meeting.id ? publicAttachments([found], await this.tables.proposals(meeting.id)) : [];
    const stream = file ? await this.files.open(file.sha256) : undefined;
    if (!file || !stream) throw notFound('The attachment');
    return { file, stream };
  }

  /** Closed polls only: a draft or open poll is not part of the public record. */
  closedPolls(meetingId: string): Promise<PublicPoll[]> {
    return closedPolls(this.store.db, meetingId);
  }

  /** A closed poll, with the named version of the agenda that stood when it closed (what the decision refers to). */
  async poll(
    meetingId: string,
    pollId: string,
  ): Promise<{ meeting: Meeting; poll: PublicPoll; version: VersionDto | undefined }> {
    const meeting = await this.meeting(meetingId);
    const poll = (await this.closedPolls(meeting.id)).find((entry) => entry.poll.id === pollId);
    if (!poll) throw notFound('The poll');
    const version = versionAt(await this.versions.list(meeting.id), poll.poll.closedAt ?? Date.now());
    return { meeting, poll, version };
  }

  async version(meetingId: string, versionId: string): Promise<VersionView> {
    const meeting = await this.meeting(meetingId);
    const version = await this.versions.byId(versionId);
    if (!version || version.meetingId !== meeting.id || version.kind !== 'named') throw notFound('The version');
    return { meeting, version, ...(await versionContent(this.store.documents, meeting, version)) };
  }
}
