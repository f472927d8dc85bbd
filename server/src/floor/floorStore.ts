/**
 * Hands, turns and per-item settings of the floor. SQL only: rules and permissions are in
 * floorService.ts. The unique indexes (one waiting hand per person and item, one speaker per
 * meeting) hold under concurrent requests; callers turn UniqueViolation into a refusal.
 */
import { randomBytes } from 'node:crypto';
import type { StakeholderGroup } from '../../../shared/roles.ts';
import {
  type Balance,
  type BalanceRule,
  emptyBalance,
  FLOOR_LIMITS,
  type Hand,
  type HandLeft,
} from '../../../shared/schemas/floor.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

export const newFloorId = (): string => randomBytes(9).toString('base64url');

export type HandStatus = 'waiting' | 'speaking' | 'done' | 'withdrawn';

export interface HandRecord extends Hand {
  meetingId: string;
  itemId: string;
  status: HandStatus;
  position: number;
  startedAt: number | null;
  endedAt: number | null;
  limitSeconds: number | null;
}

interface HandRow {
  id: string;
  meeting_id: string;
  item_id: string;
  user_id: string;
  name: string;
  stakeholder_group: StakeholderGroup;
  point_of_order: number;
  remote: number;
  status: HandStatus;
  position: number;
  raised_at: number;
  started_at: number | null;
  ended_at: number | null;
  limit_seconds: number | null;
}

const HAND_SELECT = `SELECT h.id, h.meeting_id, h.item_id, h.user_id, u.name, u.stakeholder_group, h.point_of_order, h.remote,
  h.status, h.position, h.raised_at, h.started_at, h.ended_at, h.limit_seconds
  FROM floor_hands h JOIN users u ON u.id = h.user_id`;

const orNull = (value: number | null): number | null => (value === null || value === undefined ? null : Number(value));

function toHand(row: HandRow): HandRecord {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    itemId: row.item_id,
    userId: row.user_id,
    name: row.name,
    group: row.stakeholder_group,
    pointOfOrder: Number(row.point_of_order) === 1,
    remote: Number(row.remote) === 1,
    status: row.status,
    position: Number(row.position),
    raisedAt: Number(row.raised_at),
    startedAt: orNull(row.started_at),
    endedAt: orNull(row.ended_at),
    limitSeconds: orNull(row.limit_seconds),
  };
}

export interface ItemSettings {
  limitSeconds: number;
  balanceRule: BalanceRule;
}

export class FloorStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async hand(id: string, tx: SqlExecutor = this.db): Promise<HandRecord | undefined> {
    const row = await tx.get<HandRow>(`${HAND_SELECT} WHERE h.id = ?`, [id]);
    return row && toHand(row);
  }

  /** The waiting hands of an item, in the order they will be called: points of order first, then by position. */
  async queue(meetingId: string, itemId: string, tx: SqlExecutor = this.db): Promise<HandRecord[]> {
    const rows = await tx.all<HandRow>(
      `${HAND_SELECT} WHERE h.meeting_id = ? AND h.item_id = ? AND h.status = 'waiting' ORDER BY h.point_of_order DESC, h.position, h.raised_at, h.id`,
      [meetingId, itemId],
    );
    return rows.map(toHand);
  }

  async speaking(meetingId: string, tx: SqlExecutor = this.db): Promise<HandRecord | undefined> {
    const row = await tx.get<HandRow>(`${HAND_SELECT} WHERE h.meeting_id = ? AND h.status = 'speaking'`, [meetingId]);
    return row && toHand(row);
  }

  /** Items that have hands or settings: the ones a live document lists. */
  async itemsWithFloor(meetingId: string): Promise<string[]> {
    const rows = await this.db.all<{ item_id: string }>(
      `SELECT item_id FROM floor_hands WHERE meeting_id = ? UNION SELECT item_id FROM floor_settings WHERE meeting_id = ?`,
      [meetingId, meetingId],
    );
    return rows.map((row) => row.item_id);
  }

  async insertHand(
    tx: SqlExecutor,
    hand: {
      id: string;
      meetingId: string;
      itemId: string;
      userId: string;
      pointOfOrder: boolean;
      remote: boolean;
      raisedBy: string;
      at: number;
    },
  ): Promise<void> {
    const last = await tx.get<{ position: number | null }>(
      'SELECT MAX(position) AS position FROM floor_hands WHERE meeting_id = ? AND item_id = ?',
      [hand.meetingId, hand.itemId],
    );
    await tx.run(
      `INSERT INTO floor_hands (id, meeting_id, item_id, user_id, point_of_order, remote, status, position, raised_by, raised_at)
       VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?)`,
      [
        hand.id,
        hand.meetingId,
        hand.itemId,
        hand.userId,
        hand.pointOfOrder ? 1 : 0,
        hand.remote ? 1 : 0,
        Number(last?.position ?? 0) + 1,
        hand.raisedBy,
        hand.at,
      ],
    );
  }

  /** Withdraws a waiting hand, noting who took it off; false when it was no longer waiting. */
  async withdraw(tx: SqlExecutor, id: string, at: number, by: string): Promise<boolean> {
    const result = await tx.run(
      `UPDATE floor_hands SET status = 'withdrawn', ended_at = ?, withdrawn_by = ? WHERE id = ? AND status = 'waiting'`,
      [at, by, id],
    );
    return result.changes === 1;
  }

  /**
   * Per person, how their latest hand to leave the item's list left it: given the floor (the
   * turn's start), lowered by themselves or removed by someone else (the withdrawal). Hands
   * withdrawn before anyone was recorded (before migration 602) say nothing.
   */
  async leftReasons(meetingId: string, itemId: string, tx: SqlExecutor = this.db): Promise<Record<string, HandLeft>> {
    const rows = await tx.all<{ id: string; user_id: string; status: HandStatus; withdrawn_by: string | null }>(
      `SELECT id, user_id, status, withdrawn_by FROM floor_hands
       WHERE meeting_id = ? AND item_id = ? AND status IN ('speaking', 'done', 'withdrawn')
       ORDER BY COALESCE(started_at, ended_at), id`,
      [meetingId, itemId],
    );
    const left: Record<string, HandLeft> = {};
    for (const row of rows) {
      if (row.status !== 'withdrawn') left[row.user_id] = { handId: row.id, reason: 'given' };
      else if (row.withdrawn_by)
        left[row.user_id] = { handId: row.id, reason: row.withdrawn_by === row.user_id ? 'lowered' : 'removed' };
      else delete left[row.user_id];
    }
    return left;
  }

  /** Starts a waiting hand's turn; false when it was no longer waiting. */
  async start(tx: SqlExecutor, id: string, at: number, day: string, limitSeconds: number): Promise<boolean> {
    const result = await tx.run(
      `UPDATE floor_hands SET status = 'speaking', started_at = ?, day = ?, limit_seconds = ? WHERE id = ? AND status = 'waiting'`,
      [at, day, limitSeconds, id],
    );
    return result.changes === 1;
  }

  async finish(tx: SqlExecutor, id: string, at: number): Promise<boolean> {
    const result = await tx.run(`UPDATE floor_hands SET status = 'done', ended_at = ? WHERE id = ? AND status = 'speaking'`, [
      at,
      id,
    ]);
    return result.changes === 1;
  }

  async setPosition(tx: SqlExecutor, id: string, position: number): Promise<void> {
    await tx.run('UPDATE floor_hands SET position = ? WHERE id = ?', [position, id]);
  }

  /** Turns and seconds per group, of one item or of one day; a running turn counts up to `now`. */
  async balance(
    meetingId: string,
    scope: { itemId: string } | { day: string },
    now: number,
    tx: SqlExecutor = this.db,
  ): Promise<Balance> {
    const [column, value] = 'itemId' in scope ? ['item_id', scope.itemId] : ['day', scope.day];
    const rows = await tx.all<{ stakeholder_group: string; started_at: number; ended_at: number | null }>(
      `SELECT u.stakeholder_group, h.started_at, h.ended_at FROM floor_hands h JOIN users u ON u.id = h.user_id
       WHERE h.meeting_id = ? AND h.${column} = ? AND h.started_at IS NOT NULL`,
      [meetingId, value],
    );
    const balance = emptyBalance();
    for (const row of rows) {
      balance[row.stakeholder_group] ??= { turns: 0, seconds: 0 };
      const entry = balance[row.stakeholder_group]!;
      entry.turns += 1;
      entry.seconds += Math.max(0, Math.round(((orNull(row.ended_at) ?? now) - Number(row.started_at)) / 1000));
    }
    return balance;
  }

  /** Finished turns of a meeting, oldest first (the pack). */
  async turns(meetingId: string): Promise<HandRecord[]> {
    const rows = await this.db.all<HandRow>(
      `${HAND_SELECT} WHERE h.meeting_id = ? AND h.started_at IS NOT NULL ORDER BY h.started_at, h.id`,
      [meetingId],
    );
    return rows.map(toHand);
  }

  async settings(meetingId: string, itemId: string, tx: SqlExecutor = this.db): Promise<ItemSettings> {
    const rows = await tx.all<{ item_id: string; limit_seconds: number; balance_rule: BalanceRule }>(
      `SELECT item_id, limit_seconds, balance_rule FROM floor_settings WHERE meeting_id = ? AND item_id IN (?, '')`,
      [meetingId, itemId],
    );
    const row = rows.find((candidate) => candidate.item_id === itemId) ?? rows.find((candidate) => candidate.item_id === '');
    return row
      ? { limitSeconds: Number(row.limit_seconds), balanceRule: row.balance_rule }
      : { limitSeconds: FLOOR_LIMITS.defaultSeconds, balanceRule: 'none' };
  }

  async saveSettings(
    tx: SqlExecutor,
    meetingId: string,
    itemId: string,
    settings: ItemSettings,
    userId: string,
    at: number,
  ): Promise<boolean> {
    // Whether anything changed: a row the item (or the meeting's default) did not have, or other
    // values in the one it had; the same values again touch no row, and are not recorded.
    const result = await tx.run(
      `INSERT INTO floor_settings (meeting_id, item_id, limit_seconds, balance_rule, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (meeting_id, item_id) DO UPDATE SET limit_seconds = excluded.limit_seconds, balance_rule = excluded.balance_rule,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at
       WHERE floor_settings.limit_seconds <> excluded.limit_seconds OR floor_settings.balance_rule <> excluded.balance_rule`,
      [meetingId, itemId, settings.limitSeconds, settings.balanceRule, userId, at],
    );
    return result.changes > 0;
  }
}
