/**
 * Attendance per meeting day (in the room or online; self, or the secretariat for someone) and
 * the meeting's quorum: a number of MAG members or a share of them, counted among the members
 * checked in today where the meeting is.
 */
import { isIsoDate } from '../../../shared/dueDates.ts';
import type { Attendance, AttendanceMode, QuorumSetting, QuorumState } from '../../../shared/schemas/floor.ts';
import { AppError, badRequest, forbidden, notFound } from '../http/appError.ts';
import type { SqlExecutor } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import type { AttendanceStore } from './attendanceStore.ts';
import { floorPolicy } from './floorPolicy.ts';
import { meetingDay } from './meetingDay.ts';

export function requiredFor(setting: QuorumSetting, members: number): number {
  if (!setting) return 0;
  return 'count' in setting ? setting.count : Math.ceil(setting.share * members - 1e-9);
}

export class AttendanceService {
  private readonly store: Store;
  private readonly attendance: AttendanceStore;

  constructor(options: { store: Store; attendance: AttendanceStore }) {
    this.store = options.store;
    this.attendance = options.attendance;
  }

  async view(meetingId: string, user: User): Promise<Attendance> {
    await this.meeting(meetingId);
    const everyone = floorPolicy.seeAttendance(user);
    return {
      attendees: await this.attendance.list(meetingId, everyone ? undefined : user.id),
      days: await this.attendance.days(meetingId),
      quorum: await this.publicQuorum(meetingId),
    };
  }

  async checkIn(
    meetingId: string,
    user: User,
    body: { day: string; mode: AttendanceMode; userId?: string },
  ): Promise<Attendance> {
    const meeting = await this.meeting(meetingId);
    // Date.parse rolled 30 February over into March, and any year was taken: the pack then listed
    // days of attendance the meeting never had ("1 January 1999").
    if (!isIsoDate(body.day)) throw badRequest('day is not a date (YYYY-MM-DD).', { field: 'day' });
    const today = meetingDay(meeting.timezone);
    // One of the meeting's days, or today where it is: the day the quorum counts and the panel checks
    // in for, which a session held outside the dates set (an extra sitting) still has.
    if ((body.day < meeting.startsOn || body.day > meeting.endsOn) && body.day !== today)
      throw new AppError(
        'NOT_A_MEETING_DAY',
        `day ${body.day} is not one of the meeting's days (${meeting.startsOn} to ${meeting.endsOn}) nor today (${today}).`,
        { field: 'day', startsOn: meeting.startsOn, endsOn: meeting.endsOn, today },
      );
    const forSomeone = body.userId !== undefined && body.userId !== user.id;
    if (forSomeone && !floorPolicy.checkInOthers(user)) throw forbidden('Only the secretariat may check someone else in.');
    const person = forSomeone ? await this.store.users.byId(body.userId!) : user;
    // Someone checked in by the secretariat must be able to take part, as the floor's list offers them
    // (FloorService.people): an unconfirmed registrant, or a registrant in a MAG meeting, was counted present.
    if (!person || (forSomeone ? !floorPolicy.takePart(person, meeting) : person.disabled))
      throw badRequest('userId: there is no such person.', { field: 'userId' });
    await this.store.db.transaction(async (tx) => {
      const at = Date.now();
      await this.attendance.checkIn(tx, {
        meetingId: meeting.id,
        day: body.day,
        userId: person.id,
        mode: body.mode,
        by: user.id,
        at,
      });
      await this.store.audit.record(
        {
          actorId: user.id,
          action: 'attendance.checked-in',
          subject: `meeting:${meetingId}`,
          detail: { userId: person.id, day: body.day, mode: body.mode },
        },
        tx,
      );
    });
    return this.view(meetingId, user);
  }

  async setQuorum(meetingId: string, user: User, quorum: QuorumSetting): Promise<QuorumState> {
    await this.meeting(meetingId);
    if (!floorPolicy.setQuorum(user)) throw forbidden('Only the secretariat or the chair may set the quorum.');
    await this.store.db.transaction(async (tx) => {
      const before = await this.attendance.settings(meetingId, tx);
      // The quorum it already had (a second click, two identical requests at once): the UPDATE
      // changes no row, and nothing is recorded.
      if (!(await this.attendance.setQuorum(tx, meetingId, quorum, user.id, Date.now()))) return;
      await this.store.audit.record(
        {
          actorId: user.id,
          action: 'meeting.quorum',
          subject: `meeting:${meetingId}`,
          detail: { from: before.quorum, to: quorum },
        },
        tx,
      );
    });
    return this.publicQuorum(meetingId);
  }

  /** Quorum today, without who is present. */
  async publicQuorum(meetingId: string): Promise<QuorumState> {
    const { presentIds: _ids, ...state } = await this.quorum(meetingId);
    return state;
  }

  /** Quorum today where the meeting is; read through `tx` inside a poll's transaction. */
  async quorum(meetingId: string, tx?: SqlExecutor): Promise<QuorumState & { presentIds: string[] }> {
    // Read through `tx`: inside a transaction on SQLite, a read outside it would wait for it.
    const timeZone = await this.attendance.timeZone(meetingId, tx);
    if (timeZone === undefined) throw notFound('The meeting');
    const day = meetingDay(timeZone);
    const [settings, members, present] = await Promise.all([
      this.attendance.settings(meetingId, tx),
      this.attendance.memberCount(tx),
      this.attendance.presentMembers(meetingId, day, tx),
    ]);
    const required = requiredFor(settings.quorum, members);
    return {
      setting: settings.quorum,
      day,
      members,
      present: present.length,
      required,
      met: present.length >= required,
      presentIds: present.map((entry) => entry.userId),
    };
  }

  private async meeting(meetingId: string) {
    const meeting = await this.store.meetings.byId(meetingId);
    if (!meeting) throw notFound('The meeting');
    return meeting;
  }
}
