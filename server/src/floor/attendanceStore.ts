/**
 * Attendance per meeting day, and the meeting-wide settings of the floor (quorum, whether
 * questions need approval). SQL only.
 */
import type { Role, StakeholderGroup } from '../../../shared/roles.ts';
import type { AttendanceMode, Attendee, QuorumSetting } from '../../../shared/schemas/floor.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';
import { updateIfChanged } from '../storage/updateIfChanged.ts';

export interface MeetingFloorSettings {
  quorum: QuorumSetting;
  questionsNeedApproval: boolean;
}

interface AttendeeRow {
  user_id: string;
  name: string;
  role: Role;
  stakeholder_group: StakeholderGroup;
  day: string;
  mode: AttendanceMode;
  at: number;
}

const toAttendee = (row: AttendeeRow): Attendee => ({
  userId: row.user_id,
  name: row.name,
  role: row.role,
  group: row.stakeholder_group,
  day: row.day,
  mode: row.mode,
  at: Number(row.at),
});

/** Who counts towards quorum: MAG members, i.e. active chairs and members. */
const MAG_MEMBER = `u.role IN ('chair', 'member') AND u.disabled = 0`;

export class AttendanceStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Checks a person in (again: the mode and time are updated). */
  async checkIn(
    tx: SqlExecutor,
    entry: { meetingId: string; day: string; userId: string; mode: AttendanceMode; by: string; at: number },
  ): Promise<void> {
    await tx.run(
      `INSERT INTO attendance (meeting_id, day, user_id, mode, checked_in_by, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (meeting_id, day, user_id) DO UPDATE SET mode = excluded.mode, checked_in_by = excluded.checked_in_by, at = excluded.at`,
      [entry.meetingId, entry.day, entry.userId, entry.mode, entry.by, entry.at],
    );
  }

  async list(meetingId: string, userId?: string, tx: SqlExecutor = this.db): Promise<Attendee[]> {
    const rows = await tx.all<AttendeeRow>(
      `SELECT a.user_id, u.name, u.role, u.stakeholder_group, a.day, a.mode, a.at FROM attendance a JOIN users u ON u.id = a.user_id
       WHERE a.meeting_id = ?${userId ? ' AND a.user_id = ?' : ''} ORDER BY a.day, u.name, a.user_id`,
      userId ? [meetingId, userId] : [meetingId],
    );
    return rows.map(toAttendee);
  }

  /** How a person checked in on one day of the meeting (undefined: not checked in that day); readable inside a transaction. */
  async modeOn(meetingId: string, userId: string, day: string, tx: SqlExecutor = this.db): Promise<AttendanceMode | undefined> {
    const row = await tx.get<{ mode: AttendanceMode }>(
      'SELECT mode FROM attendance WHERE meeting_id = ? AND day = ? AND user_id = ?',
      [meetingId, day, userId],
    );
    return row?.mode;
  }

  async days(meetingId: string): Promise<{ day: string; room: number; online: number }[]> {
    const rows = await this.db.all<{ day: string; mode: AttendanceMode; count: number }>(
      'SELECT day, mode, COUNT(*) AS count FROM attendance WHERE meeting_id = ? GROUP BY day, mode ORDER BY day',
      [meetingId],
    );
    const days = new Map<string, { day: string; room: number; online: number }>();
    for (const row of rows) {
      const entry = days.get(row.day) ?? { day: row.day, room: 0, online: 0 };
      entry[row.mode] = Number(row.count);
      days.set(row.day, entry);
    }
    return [...days.values()];
  }

  /** The meeting's time zone (undefined: no such meeting); readable inside a transaction. */
  async timeZone(meetingId: string, tx: SqlExecutor = this.db): Promise<string | undefined> {
    return (await tx.get<{ timezone: string }>('SELECT timezone FROM meetings WHERE id = ?', [meetingId]))?.timezone;
  }

  async memberCount(tx: SqlExecutor = this.db): Promise<number> {
    const row = await tx.get<{ count: number }>(`SELECT COUNT(*) AS count FROM users u WHERE ${MAG_MEMBER}`);
    return Number(row?.count ?? 0);
  }

  /** MAG members checked in on `day`, with how. */
  async presentMembers(
    meetingId: string,
    day: string,
    tx: SqlExecutor = this.db,
  ): Promise<{ userId: string; mode: AttendanceMode }[]> {
    const rows = await tx.all<{ user_id: string; mode: AttendanceMode }>(
      `SELECT a.user_id, a.mode FROM attendance a JOIN users u ON u.id = a.user_id
       WHERE a.meeting_id = ? AND a.day = ? AND ${MAG_MEMBER} ORDER BY a.user_id`,
      [meetingId, day],
    );
    return rows.map((row) => ({ userId: row.user_id, mode: row.mode }));
  }

  async settings(meetingId: string, tx: SqlExecutor = this.db): Promise<MeetingFloorSettings> {
    const row = await tx.get<{ quorum_count: number | null; quorum_share: number | null; questions_need_approval: number }>(
      'SELECT quorum_count, quorum_share, questions_need_approval FROM meeting_floor_settings WHERE meeting_id = ?',
      [meetingId],
    );
    const quorum: QuorumSetting =
      row?.quorum_count !== null && row?.quorum_count !== undefined
        ? { count: Number(row.quorum_count) }
        : row?.quorum_share !== null && row?.quorum_share !== undefined
          ? { share: Number(row.quorum_share) }
          : null;
    return { quorum, questionsNeedApproval: Number(row?.questions_need_approval ?? 0) === 1 };
  }

  /**
   * Whether questions wait for approval; false when they already did (or did not): the decision is
   * the UPDATE's own, so two identical requests at the same moment change, and record, once. On
   * PostgreSQL the second UPDATE waits for the first's row and then finds nothing to change; a read
   * before it, in either transaction, would have seen the old value twice. Only this column is
   * written, so a quorum set at the same moment is not put back.
   */
  async setQuestionsNeedApproval(
    tx: SqlExecutor,
    meetingId: string,
    needApproval: boolean,
    userId: string,
    at: number,
  ): Promise<boolean> {
    await this.ensureRow(tx, meetingId, at);
    const result = await tx.run(
      `UPDATE meeting_floor_settings SET questions_need_approval = ?, updated_by = ?, updated_at = ?
       WHERE meeting_id = ? AND questions_need_approval <> ?`,
      [needApproval ? 1 : 0, userId, at, meetingId, needApproval ? 1 : 0],
    );
    return result.changes > 0;
  }

  /** The quorum; false when it already was this one (decided by the UPDATE, as above). */
  async setQuorum(tx: SqlExecutor, meetingId: string, quorum: QuorumSetting, userId: string, at: number): Promise<boolean> {
    const count = quorum && 'count' in quorum ? quorum.count : null;
    const share = quorum && 'share' in quorum ? quorum.share : null;
    await this.ensureRow(tx, meetingId, at);
    return updateIfChanged(
      tx,
      'meeting_floor_settings',
      { meeting_id: meetingId },
      { quorum_count: count, quorum_share: share },
      { updated_by: userId, updated_at: at },
    );
  }

  /** The meeting's row with the defaults (no quorum, no approval), if it has none: not a change. */
  private async ensureRow(tx: SqlExecutor, meetingId: string, at: number): Promise<void> {
    await tx.run(
      `INSERT INTO meeting_floor_settings (meeting_id, quorum_count, quorum_share, questions_need_approval, updated_by, updated_at)
       VALUES (?, NULL, NULL, 0, NULL, ?) ON CONFLICT (meeting_id) DO NOTHING`,
      [meetingId, at],
    );
  }
}
