/**
 * Running a meeting: which agenda item is current (set by the secretariat or the chair, since
 * when), and when a meeting day ends. Server-authoritative, audited, and projected into the
 * `meeting` map of `live:{meetingId}` so that every screen highlights the same item.
 */
import { DEFAULT_DAY } from '../../../../shared/agendaItems.ts';
import { isModerator } from '../../../../shared/roles.ts';
import { type AgendaItemSummary, LIVE_MEETING_MAP, type RunState } from '../../../../shared/schemas/meetingRecord.ts';
import { AppError, badRequest, forbidden } from '../../http/appError.ts';
import type { LiveProjection } from '../../live/liveProjection.ts';
import type { MeetingLifecycle } from '../../meetings/meetingLifecycle.ts';
import { requireMeeting } from '../../meetings/requireMeeting.ts';
import type { SqlExecutor } from '../../storage/db.ts';
import type { Store } from '../../storage/store.ts';
import type { User } from '../../users/userStore.ts';
import { readAgenda } from '../agendaDocument.ts';

interface RunRow {
  current_item: string | null;
  started_at: number | null;
  day_end: string;
}

export class RunService {
  private readonly store: Store;
  private readonly live: LiveProjection;
  private readonly lifecycle: MeetingLifecycle | undefined;

  /** `lifecycle`: told of each change of the current item (the floor ends a turn on the item left); only the writer needs it. */
  constructor(options: { store: Store; live: LiveProjection; lifecycle?: MeetingLifecycle }) {
    this.store = options.store;
    this.live = options.live;
    this.lifecycle = options.lifecycle;
  }

  async state(meetingId: string, tx: SqlExecutor = this.store.db): Promise<RunState> {
    const row = await tx.get<RunRow>('SELECT current_item, started_at, day_end FROM meeting_run WHERE meeting_id = ?', [
      meetingId,
    ]);
    return {
      currentItem: row?.current_item ?? null,
      startedAt: row?.started_at === null || row?.started_at === undefined ? null : Number(row.started_at),
      dayEnd: row?.day_end ?? DEFAULT_DAY.end,
      now: Date.now(),
    };
  }

  /** The agenda's items without their notes. */
  async items(meetingId: string): Promise<AgendaItemSummary[]> {
    await this.requireMeeting(meetingId);
    const { items } = await readAgenda(this.store.documents, meetingId);
    return items.filter((item) => item.id).map(({ notes: _notes, ...item }) => ({ ...item, id: item.id! }));
  }

  /** The `meeting` map of a live document: absent keys for no current item. */
  async liveEntries(meetingId: string): Promise<Record<string, unknown>> {
    const state = await this.state(meetingId);
    return {
      ...(state.currentItem ? { currentItem: state.currentItem, startedAt: state.startedAt } : {}),
      dayEnd: state.dayEnd,
    };
  }

  /**
   * `from`: the item the mover meant to leave (null: none). Given, the move is refused while
   * another item is current: a chair's dialog opened for item 1 must not move on from item 3 that
   * another chair made current meanwhile. Left out, the move goes from whatever is current.
   */
  async setCurrentItem(meetingId: string, user: User, itemId: string | null, from?: string | null): Promise<RunState> {
    await this.requireMeeting(meetingId);
    if (!isModerator(user.role)) throw forbidden('Only the secretariat or the chair may mark the current item.');
    if (itemId) {
      const { items } = await readAgenda(this.store.documents, meetingId);
      if (!items.some((item) => item.id === itemId)) throw badRequest('There is no such item on the agenda.');
    }
    const now = Date.now();
    const after = await this.store.db.transaction(async (tx) => {
      const before = await this.lockedState(tx, meetingId);
      if (from !== undefined && before.currentItem !== from) {
        throw new AppError('CURRENT_ITEM_CHANGED', 'Another item became current meanwhile: nothing was changed.', {
          currentItemId: before.currentItem,
        });
      }
      // Marking the current item again keeps its clock running.
      const startedAt = itemId === null ? null : before.currentItem === itemId ? before.startedAt : now;
      await this.upsert(tx, meetingId, { current_item: itemId, started_at: startedAt, day_end: before.dayEnd }, user.id, now);
      // The item marked again (or none again) is no move: nothing to record, nothing for the hooks.
      if (before.currentItem === itemId) return [];
      await this.store.audit.record(
        {
          actorId: user.id,
          action: 'meeting.current-item',
          subject: `meeting:${meetingId}`,
          detail: { from: before.currentItem, to: itemId },
        },
        tx,
      );
      return (
        (await this.lifecycle?.currentItemChanging(tx, {
          meetingId,
          from: before.currentItem,
          to: itemId,
          actor: user,
          at: now,
        })) ?? []
      );
    });
    this.project(meetingId);
    for (const step of after) step();
    return this.state(meetingId);
  }

  async setDayEnd(meetingId: string, user: User, dayEnd: string): Promise<RunState> {
    await this.requireMeeting(meetingId);
    if (!isModerator(user.role)) throw forbidden('Only the secretariat or the chair may change the hours of the meeting.');
    const now = Date.now();
    await this.store.db.transaction(async (tx) => {
      const before = await this.state(meetingId, tx);
      await this.upsert(
        tx,
        meetingId,
        { current_item: before.currentItem, started_at: before.startedAt, day_end: dayEnd },
        user.id,
        now,
      );
      await this.store.audit.record(
        {
          actorId: user.id,
          action: 'meeting.day-end',
          subject: `meeting:${meetingId}`,
          detail: { from: before.dayEnd, to: dayEnd },
        },
        tx,
      );
    });
    this.project(meetingId);
    return this.state(meetingId);
  }

  private project(meetingId: string): void {
    for (const key of ['currentItem', 'startedAt', 'dayEnd']) {
      this.live.project(meetingId, LIVE_MEETING_MAP, key, async () => (await this.liveEntries(meetingId))[key]);
    }
  }

  /**
   * The state read for a change of it. On PostgreSQL the row is locked until the transaction ends
   * (made first if the meeting has none), so that of two moves at once the second reads the first's
   * item: two chairs moving on from item 1 together make one move and one 409, not two moves both
   * recorded as from item 1. SQLite's transactions (BEGIN IMMEDIATE) already run one at a time.
   */
  private async lockedState(tx: SqlExecutor, meetingId: string): Promise<RunState> {
    if (this.store.db.dialect === 'postgres') {
      await tx.run(
        `INSERT INTO meeting_run (meeting_id, current_item, started_at, day_end, updated_by, updated_at)
         VALUES (?, NULL, NULL, ?, NULL, ?) ON CONFLICT (meeting_id) DO NOTHING`,
        [meetingId, DEFAULT_DAY.end, Date.now()],
      );
      await tx.get('SELECT meeting_id FROM meeting_run WHERE meeting_id = ? FOR UPDATE', [meetingId]);
    }
    return this.state(meetingId, tx);
  }

  private async upsert(tx: SqlExecutor, meetingId: string, row: RunRow, userId: string, now: number): Promise<void> {
    await tx.run(
      `INSERT INTO meeting_run (meeting_id, current_item, started_at, day_end, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (meeting_id) DO UPDATE SET current_item = excluded.current_item, started_at = excluded.started_at,
         day_end = excluded.day_end, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [meetingId, row.current_item, row.started_at, row.day_end, userId, now],
    );
  }

  private async requireMeeting(meetingId: string): Promise<void> {
    await requireMeeting(this.store.meetings, meetingId);
  }
}
