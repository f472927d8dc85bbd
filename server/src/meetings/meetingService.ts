/**
 * The commands on meetings: create (optionally from another meeting), change, archive, delete.
 * Each checks who is asking (meetingPolicy), writes in one transaction with its audit-log entry,
 * and tells the rest of the server what changed: archiving makes the meeting's documents
 * read-only on open sockets and lets other features close what is still open.
 */
import { randomBytes } from 'node:crypto';
import { meetingDayCount } from '../../../shared/agendaItems.ts';
import { agendaDoc, liveDoc, proposalDoc } from '../../../shared/documentNames.ts';
import { formLine } from '../../../shared/meetingForm.ts';
import {
  LIVE_MEETING_STATUS_MAP,
  type LiveMeetingStatus,
  type MeetingDto,
  type MeetingPatchBody,
  type NewMeetingBody,
} from '../../../shared/schemas/meetings.ts';
import type { DocumentAccess } from '../collab/documentAccess.ts';
import { AppError, badRequest, notFound } from '../http/appError.ts';
import type { LiveProjection } from '../live/liveProjection.ts';
import type { AgendaItemDays } from '../meetingRecord/agendaItemDays.ts';
import type { SqlExecutor } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import { agendaCopyOf, writeAgendaCopy } from './agendaCopy.ts';
import { refuseItemsOnRemovedDays } from './itemsOnRemovedDays.ts';
import { checkMeetingDates, checkTimeZone } from './meetingInput.ts';
import type { MeetingLifecycle } from './meetingLifecycle.ts';
import { canReadMeeting, requireMeetingAdministrator } from './meetingPolicy.ts';
import type { MeetingScope } from './meetingScope.ts';
import type { Meeting, MeetingChanges } from './meetingStore.ts';

export interface MeetingServiceOptions {
  store: Store;
  scope: MeetingScope;
  access: DocumentAccess;
  /** Where the meeting's status is projected for open pages (the `meetingStatus` map). */
  live: LiveProjection;
  lifecycle: MeetingLifecycle;
  /** Holds the agenda's days while new dates are checked against its items and written. */
  agendaDays: Pick<AgendaItemDays, 'holdDays'>;
  log: { error(object: unknown, message: string): void };
}

const newMeetingId = () => `m-${randomBytes(6).toString('base64url')}`;

export class MeetingService {
  private readonly options: MeetingServiceOptions;

  constructor(options: MeetingServiceOptions) {
    this.options = options;
  }

  /** The meetings `reader` may read (all of them, but for a public registrant). */
  async list(reader: User): Promise<MeetingDto[]> {
    const counts = await this.options.scope.openCounts();
    return (await this.options.store.meetings.list())
      .filter((meeting) => canReadMeeting(reader, meeting))
      .map((meeting) => toDto(meeting, counts.get(meeting.id)));
  }

  async get(id: string): Promise<MeetingDto> {
    const meeting = await this.options.store.meetings.byId(id);
    if (!meeting) throw notFound('The meeting');
    return toDto(meeting, (await this.options.scope.openCounts()).get(id));
  }

  /** The entry of the `meetingStatus` live map; undefined for a meeting that does not exist. */
  async liveStatus(id: string): Promise<LiveMeetingStatus | undefined> {
    const meeting = await this.options.store.meetings.byId(id);
    return meeting ? { status: meeting.status, archivedAt: meeting.archivedAt } : undefined;
  }

  /** Creates a meeting, its agenda (copied when `copyFrom` names one) and its working groups' rows. */
  async create(user: User, input: NewMeetingBody, tx?: SqlExecutor): Promise<MeetingDto> {
    requireMeetingAdministrator(user);
    checkMeetingDates(input.startsOn, input.endsOn);
    checkTimeZone(input.timeZone);
    const { store, scope } = this.options;
    let agenda: Uint8Array | null = null;
    let groups: Awaited<ReturnType<MeetingScope['workingGroupRows']>> = [];
    if (input.copyFrom !== undefined) {
      if (!(await store.meetings.byId(input.copyFrom)))
        throw badRequest(`copyFrom: there is no meeting ${input.copyFrom}.`, { field: 'copyFrom' });
      agenda = await agendaCopyOf(store.documents, input.copyFrom, meetingDayCount(input.startsOn, input.endsOn));
      groups = await scope.workingGroupRows(input.copyFrom);
    }
    const place = input.place?.trim() ?? '';
    const id = newMeetingId();
    const write = async (executor: SqlExecutor) => {
      await store.meetings.create(
        {
          id,
          title: input.title.trim(),
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          startTime: input.startTime ?? '',
          timezone: input.timeZone,
          form: formLine(input.format, place),
          format: input.format,
          place,
          description: input.description ?? '',
          visibility: input.visibility ?? 'mag',
        },
        executor,
      );
      if (agenda) await writeAgendaCopy(store.documents, id, agenda, user.id, executor);
      for (const group of groups) {
        await scope.insertWorkingGroup({ id: `wg-${randomBytes(6).toString('base64url')}`, meetingId: id, ...group }, executor);
      }
      await store.audit.record(
        {
          actorId: user.id,
          action: 'meeting.create',
          subject: `meeting:${id}`,
          detail: {
            title: input.title.trim(),
            startsOn: input.startsOn,
            endsOn: input.endsOn,
            visibility: input.visibility ?? 'mag',
            // The format and the place as given, as a change records them (not the English line `form`).
            format: input.format,
            place,
            copyFrom: input.copyFrom ?? null,
            workingGroups: groups.length,
          },
        },
        executor,
      );
    };
    if (tx) await write(tx);
    else await store.db.transaction(write);
    return tx ? toDto((await store.meetings.byId(id, tx))!) : this.get(id);
  }

  async update(user: User, id: string, patch: MeetingPatchBody): Promise<MeetingDto> {
    requireMeetingAdministrator(user);
    const { store } = this.options;
    const meeting = await store.meetings.byId(id);
    if (!meeting) throw notFound('The meeting');
    if (Object.values(patch).every((value) => value === undefined)) throw badRequest('Nothing to change.');
    checkMeetingDates(patch.startsOn ?? meeting.startsOn, patch.endsOn ?? meeting.endsOn);
    if (patch.timeZone !== undefined) checkTimeZone(patch.timeZone);
    const datesChange = patch.startsOn !== undefined || patch.endsOn !== undefined;
    const dates = { startsOn: patch.startsOn ?? meeting.startsOn, endsOn: patch.endsOn ?? meeting.endsOn };
    // From before the agenda is read until the dates are written, no edit on this instance can put
    // an item on a day they take away (docs/meetings.md).
    const held = datesChange ? await this.options.agendaDays.holdDays(id, meetingDayCount(dates.startsOn, dates.endsOn)) : null;
    let committed = false;
    try {
      if (datesChange)
        await refuseItemsOnRemovedDays(store.documents, id, {
          ...dates,
          field: patch.endsOn !== undefined ? 'endsOn' : 'startsOn',
        });
      const changes: MeetingChanges = {
        title: patch.title?.trim(),
        startsOn: patch.startsOn,
        endsOn: patch.endsOn,
        startTime: patch.startTime,
        timezone: patch.timeZone,
        format: patch.format,
        place: patch.place?.trim(),
        description: patch.description,
        visibility: patch.visibility,
      };
      if (patch.format !== undefined || patch.place !== undefined) {
        changes.form = formLine(patch.format ?? meeting.format, patch.place?.trim() ?? meeting.place);
      }
      // The format and the place as given, not the English line built from them (`form`): the
      // log's reader says them in the reader's language, which that line cannot be. Only what
      // differs from the meeting as it was: a form sent whole ('online' with its still empty place)
      // records its change, not a field that said nothing ('Place' followed by nothing).
      const { form: _form, ...recorded } = changes;
      const detail = Object.fromEntries(
        Object.entries(recorded).filter(([key, value]) => value !== undefined && value !== meeting[key as keyof typeof recorded]),
      ) as Partial<Omit<MeetingChanges, 'form'>>;
      // A change that changes nothing is answered with the meeting as it is, and leaves no entry.
      if (Object.keys(detail).length > 0)
        await store.db.transaction(async (tx) => {
          await store.meetings.update(id, changes, tx);
          await store.audit.record({ actorId: user.id, action: 'meeting.update', subject: `meeting:${id}`, detail }, tx);
        });
      committed = true;
    } finally {
      held?.release(committed);
    }
    // Its agenda's items may be given only the meeting's days: the open agenda reads them again.
    if (datesChange) this.options.access.changed(agendaDoc(id));
    return this.get(id);
  }

  /**
   * Archives the meeting: from now on every write to it is refused (MEETING_ARCHIVED), its
   * documents are read-only (open connections are checked again and reconnect read-only) and
   * other features close what is open (polls).
   */
  async archive(user: User, id: string): Promise<MeetingDto> {
    requireMeetingAdministrator(user);
    const { store, access, lifecycle, log } = this.options;
    const meeting = await store.meetings.byId(id);
    if (!meeting) throw notFound('The meeting');
    const archived = await store.db.transaction(async (tx) => {
      if (!(await store.meetings.archive(id, user.id, tx))) return false;
      await store.audit.record(
        { actorId: user.id, action: 'meeting.archive', subject: `meeting:${id}`, detail: { title: meeting.title } },
        tx,
      );
      return true;
    });
    if (!archived) throw new AppError('MEETING_ARCHIVED', 'The meeting is already archived.');
    // Open pages of the meeting drop their writing controls and say why (before the polls close).
    this.options.live.project(id, LIVE_MEETING_STATUS_MAP, id, () => this.liveStatus(id));
    // After the archive, so nothing can open in between; the features' hooks write through their stores, not HTTP.
    const failures = await lifecycle.archived(id, user.id);
    for (const failure of failures) log.error({ err: failure, meetingId: id }, 'a feature failed to wind up an archived meeting');
    access.changed(agendaDoc(id));
    for (const proposalId of await this.options.scope.proposalIdsOf(id)) access.changed(proposalDoc(proposalId));
    return this.get(id);
  }

  /** Deletes a meeting that holds nothing but its agenda; anything else is kept on the record (archive it). */
  async delete(user: User, id: string): Promise<void> {
    requireMeetingAdministrator(user);
    const { store, scope } = this.options;
    const meeting = await store.meetings.byId(id);
    if (!meeting) throw notFound('The meeting');
    try {
      await store.db.transaction(async (tx) => {
        const content = await scope.contentOf(id, tx);
        if (Object.keys(content).length > 0) throw notEmpty(content);
        await scope.deleteStructure(id, [agendaDoc(id), liveDoc(id)], tx);
        await store.audit.record(
          { actorId: user.id, action: 'meeting.delete', subject: `meeting:${id}`, detail: { title: meeting.title } },
          tx,
        );
      });
    } catch (error) {
      // Content in a table this feature does not know (a newer feature's) is caught by its foreign key.
      if (isForeignKeyViolation(error)) throw notEmpty({});
      throw error;
    }
    this.options.access.changed(agendaDoc(id));
  }
}

function notEmpty(content: Record<string, number>): AppError {
  return new AppError(
    'MEETING_NOT_EMPTY',
    'The meeting holds content besides its agenda (proposals, comments, polls, actions, versions or calls); archive it instead.',
    { content },
  );
}

function isForeignKeyViolation(error: unknown): boolean {
  for (
    let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
    current;
    current = current.cause as typeof current
  ) {
    if (current.code === '23503' || (typeof current.message === 'string' && /FOREIGN KEY constraint/i.test(current.message)))
      return true;
  }
  return false;
}

export function toDto(meeting: Meeting, counts = { openPolls: 0, openActions: 0 }): MeetingDto {
  const { createdAt: _createdAt, ...rest } = meeting;
  return { ...rest, timeZone: meeting.timezone, openPolls: counts.openPolls, openActions: counts.openActions };
}
