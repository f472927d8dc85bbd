/**
 * Quorum for polls: a poll created with `requiresQuorum` cannot open while fewer MAG members
 * are checked in today than the meeting's quorum (409 QUORUM_NOT_MET), and when it closes the
 * attendance at that moment is kept with it. Plugged into PollStore's hooks by the polls feature.
 */

import { AppError } from '../http/appError.ts';
import type { Poll } from '../polls/pollStore.ts';
import type { SqlExecutor } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import { AttendanceService } from './attendanceService.ts';
import { AttendanceStore } from './attendanceStore.ts';

export function pollQuorum(store: Store) {
  const attendance = new AttendanceService({ store, attendance: new AttendanceStore(store.db) });
  const requires = async (tx: SqlExecutor, pollId: string) =>
    Number(
      (await tx.get<{ required: number }>('SELECT required FROM poll_quorum WHERE poll_id = ?', [pollId]))?.required ?? 0,
    ) === 1;
  return {
    async created(tx: SqlExecutor, pollId: string, requiresQuorum: boolean): Promise<void> {
      if (requiresQuorum) await tx.run('INSERT INTO poll_quorum (poll_id, required) VALUES (?, 1)', [pollId]);
    },
    async opening(tx: SqlExecutor, poll: Pick<Poll, 'id' | 'meetingId'>): Promise<void> {
      if (!(await requires(tx, poll.id))) return;
      const quorum = await attendance.quorum(poll.meetingId, tx);
      if (!quorum.met) {
        const { presentIds: _ids, ...details } = quorum;
        throw new AppError(
          'QUORUM_NOT_MET',
          `This poll requires quorum: ${quorum.present} of the ${quorum.required} MAG members needed are checked in today.`,
          details,
        );
      }
    },
    async closed(tx: SqlExecutor, poll: Pick<Poll, 'id' | 'meetingId'>): Promise<void> {
      if (!(await requires(tx, poll.id))) return;
      const { presentIds, ...quorum } = await attendance.quorum(poll.meetingId, tx);
      await tx.run('UPDATE poll_quorum SET closed_attendance = ? WHERE poll_id = ?', [
        JSON.stringify({ ...quorum, presentIds }),
        poll.id,
      ]);
    },
    async status(pollId: string): Promise<{ requiresQuorum: boolean; closedAttendance: unknown }> {
      const row = await store.db.get<{ required: number; closed_attendance: string | null }>(
        'SELECT required, closed_attendance FROM poll_quorum WHERE poll_id = ?',
        [pollId],
      );
      return {
        requiresQuorum: Number(row?.required ?? 0) === 1,
        closedAttendance: row?.closed_attendance ? (JSON.parse(row.closed_attendance) as unknown) : null,
      };
    },
  };
}
