/**
 * Version history of a meeting's agenda: named versions, automatic ones (at least every hour of
 * editing), what changed between two, and restoring one.
 *
 * A restore is a new edit, never a rewrite of history: the server computes the edits that turn
 * the agenda as it is now into the version (fragmentSync), appends them to the log as one update
 * by the person restoring (durable first), then applies that update to the loaded document
 * through a direct connection, so that every connected editor receives it. Edits others make
 * meanwhile merge with it like any concurrent edit.
 */

import type { Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import { agendaDoc, RICH_TEXT_FIELD } from '../../../../shared/documentNames.ts';
import type { Language } from '../../../../shared/i18n/languages.ts';
import { isModerator, isParticipant } from '../../../../shared/roles.ts';
import type { DiffDto, VersionDto } from '../../../../shared/schemas/meetingRecord.ts';
import { hasVisibleText } from '../../../../shared/visibleText.ts';
import { badRequest, forbidden, notFound } from '../../http/appError.ts';
import { serverText } from '../../i18n/serverText.ts';
import { requireMeeting } from '../../meetings/requireMeeting.ts';
import type { Notifier } from '../../notifications/notify.ts';
import type { Store } from '../../storage/store.ts';
import type { User } from '../../users/userStore.ts';
import { itemTitle } from '../pack/packModel.ts';
import { documentAt, nameDiff } from './agendaHistory.ts';
import { type DiffLimits, DiffRunner } from './diffRunner.ts';
import { syncChildren } from './fragmentSync.ts';
import { VersionStore } from './versionStore.ts';

/** An automatic version is saved once editing has gone on this long since the last version. */
export const AUTO_VERSION_AFTER_MS = 60 * 60 * 1000;

export interface VersionServiceOptions {
  store: Store;
  collab: Hocuspocus;
  /** Diffs run in worker threads, so many at once per meeting, each for so long at most. */
  diffLimits?: DiffLimits;
  /** Tells everyone when a named version (the agenda as circulated) is saved. */
  notify: Notifier;
}

const utcMinute = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export class VersionService {
  readonly versions: VersionStore;
  private readonly store: Store;
  private readonly collab: Hocuspocus;
  private readonly notify: Notifier;
  readonly diffs: DiffRunner;

  constructor(options: VersionServiceOptions) {
    this.store = options.store;
    this.collab = options.collab;
    this.notify = options.notify;
    this.diffs = new DiffRunner(options.store, options.diffLimits ?? { perMeeting: 2, timeoutMs: 10_000 });
    this.versions = new VersionStore(options.store.db);
  }

  async list(meetingId: string): Promise<VersionDto[]> {
    await this.requireMeeting(meetingId);
    return this.versions.list(meetingId);
  }

  /** Names the agenda as it is now. Secretariat, chair and members (who edit the agenda). */
  async name(meetingId: string, user: User, name: string): Promise<VersionDto> {
    await this.requireMeeting(meetingId);
    if (!isParticipant(user.role)) throw forbidden('Observers may read the version history but not save versions.');
    const trimmed = name.trim();
    if (!hasVisibleText(trimmed)) throw badRequest('Give the version a name.', { field: 'name' });
    return this.store.db.transaction(async (tx) => {
      const seq = await this.versions.headSeq(agendaDoc(meetingId), tx);
      const version = await this.versions.create({ meetingId, seq, name: trimmed, kind: 'named', createdBy: user.id }, tx);
      await this.store.audit.record(
        {
          actorId: user.id,
          action: 'agenda.version',
          subject: `meeting:${meetingId}`,
          detail: { versionId: version.id, name: trimmed, seq },
        },
        tx,
      );
      await this.notify.emit(tx, { type: 'agenda.published', actorId: user.id, meetingId, versionId: version.id, name: trimmed });
      return version;
    });
  }

  /**
   * Saves an automatic version of every agenda edited for an hour or more since its last
   * version. Run every few minutes; returns the versions it saved.
   */
  async autoVersions(now = Date.now()): Promise<VersionDto[]> {
    const saved: VersionDto[] = [];
    for (const meeting of await this.store.meetings.list()) {
      const doc = agendaDoc(meeting.id);
      const latest = await this.versions.latest(meeting.id);
      const first = await this.versions.firstUpdateAfter(doc, latest?.seq ?? 0);
      if (!first || now - first.at < AUTO_VERSION_AFTER_MS) continue;
      const seq = await this.versions.headSeq(doc);
      saved.push(
        await this.versions.create({
          meetingId: meeting.id,
          seq,
          name: `Automatic, ${utcMinute(now)}`,
          kind: 'auto',
          createdBy: null,
          at: now,
          origin: { made: 'periodic', at: now },
        }),
      );
    }
    return saved;
  }

  async diff(meetingId: string, fromId: string, toId: string | undefined, language: Language = 'en'): Promise<DiffDto> {
    await this.requireMeeting(meetingId);
    const from = await this.version(meetingId, fromId);
    const to = toId && toId !== 'current' ? await this.version(meetingId, toId) : null;
    const doc = agendaDoc(meetingId);
    const toSeq = to ? to.seq : await this.versions.headSeq(doc);
    // Compare the older with the newer, whichever order they were asked in.
    const [older, newer] = from.seq <= toSeq ? [from.seq, toSeq] : [toSeq, from.seq];
    const raw = await this.diffs.diff(meetingId, doc, older, newer);
    const blocks = await nameDiff(raw, async (userId) => {
      const user = await this.store.users.byId(userId);
      return user ? { id: user.id, name: user.name } : null;
    });
    // An item without a title is named as the board names it, in the reader's language.
    for (const block of blocks) if (block.item) block.item.title = itemTitle(block.item, serverText(language));
    return {
      from,
      to,
      blocks,
      changed: blocks.some((block) => block.change || block.attributes?.length || block.spans.some((span) => span.change)),
    };
  }

  /** Restores a version as a new edit of the agenda. Secretariat and chair only. */
  async restore(
    meetingId: string,
    versionId: string,
    user: User,
  ): Promise<{ before: VersionDto; after: VersionDto; changed: boolean }> {
    await this.requireMeeting(meetingId);
    if (!isModerator(user.role)) throw forbidden('Only the secretariat or the chair may restore a version.');
    const version = await this.version(meetingId, versionId);
    const doc = agendaDoc(meetingId);
    const before = await this.versions.create({
      meetingId,
      seq: await this.versions.headSeq(doc),
      name: `Before restoring “${version.name}”`,
      kind: 'auto',
      // The restored version by id, so that a reader's page words its name too when automatic.
      origin: { made: 'beforeRestore', versionId: version.id, name: version.name, kind: version.kind },
      createdBy: user.id,
    });
    const target = await documentAt(this.store.documents, doc, version.seq);
    const connection = await this.collab.openDirectConnection(doc, { user, restore: version.id });
    let seq = before.seq;
    let changed = false;
    try {
      const live = connection.document;
      if (!live) throw new Error('the agenda could not be opened');
      // The edits are computed on a copy of the document as it is now, so that they can be made
      // durable before anyone sees them; edits arriving meanwhile merge with them.
      const work = new Y.Doc();
      Y.applyUpdate(work, Y.encodeStateAsUpdate(live));
      const updates: Uint8Array[] = [];
      work.on('update', (update: Uint8Array) => updates.push(update));
      work.transact(() => syncChildren(work.getXmlFragment(RICH_TEXT_FIELD), target.getXmlFragment(RICH_TEXT_FIELD)));
      work.destroy();
      if (updates.length > 0) {
        const update = Y.mergeUpdates(updates);
        seq = await this.store.documents.append(doc, update, user.id);
        await connection.transact((document) => Y.applyUpdate(document, update));
        changed = true;
      }
    } finally {
      target.destroy();
      await connection.disconnect();
    }
    const after = await this.store.db.transaction(async (tx) => {
      const created = await this.versions.create(
        {
          meetingId,
          seq,
          name: `Restored “${version.name}”`,
          kind: 'restore',
          createdBy: user.id,
          origin: { made: 'restore', versionId: version.id, name: version.name, kind: version.kind },
        },
        tx,
      );
      await this.store.audit.record(
        {
          actorId: user.id,
          action: 'agenda.restore',
          subject: `meeting:${meetingId}`,
          // The version's name as it was restored, beside its id (named as it is now by the log's reader).
          detail: { versionId: version.id, name: version.name, seq, changed },
        },
        tx,
      );
      return created;
    });
    return { before, after, changed };
  }

  private async version(meetingId: string, id: string): Promise<VersionDto> {
    const version = await this.versions.byId(id);
    if (!version || version.meetingId !== meetingId) throw notFound('The version');
    return version;
  }

  private async requireMeeting(meetingId: string): Promise<void> {
    await requireMeeting(this.store.meetings, meetingId);
  }
}
