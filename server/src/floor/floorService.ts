/**
 * The speakers' list of the current agenda item: hands raised online or added for someone in
 * the room, points of order ahead of everyone, the chair giving and ending turns, the speaking
 * time per item, and the balance of turns and seconds across stakeholder groups (with the
 * optional rule that the next speaker comes from the group that has spoken least on the item).
 * Every change is one transaction with its audit row, then projected to `live:{meetingId}`.
 */

import type { AuditAction } from '../../../shared/auditActions.ts';
import type { ListedDetail } from '../../../shared/auditDetails.ts';
import type { BalanceRule, DayBalance, FloorItem, FloorState, Speaking } from '../../../shared/schemas/floor.ts';
import { AppError, badRequest, forbidden, notFound } from '../http/appError.ts';
import { readAgenda } from '../meetingRecord/agendaDocument.ts';
import type { RunService } from '../meetingRecord/run/runService.ts';
import type { CurrentItemChange } from '../meetings/meetingLifecycle.ts';
import type { Meeting } from '../meetings/meetingStore.ts';
import { type SqlExecutor, UniqueViolation } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import type { AttendanceStore } from './attendanceStore.ts';
import { auditItem } from './auditItem.ts';
import type { FloorLiveUpdates } from './floorLiveUpdates.ts';
import { floorPolicy } from './floorPolicy.ts';
import { type FloorStore, type HandRecord, newFloorId } from './floorStore.ts';
import { meetingDay } from './meetingDay.ts';

const handView = ({ id, userId, name, group, pointOfOrder, remote, raisedAt }: HandRecord) => ({
  id,
  userId,
  name,
  group,
  pointOfOrder,
  remote,
  raisedAt,
});

export interface FloorServiceOptions {
  store: Store;
  floor: FloorStore;
  run: RunService;
  live: FloorLiveUpdates;
  attendance: AttendanceStore;
}

export class FloorService {
  private readonly store: Store;
  private readonly floor: FloorStore;
  private readonly run: RunService;
  private readonly live: FloorLiveUpdates;
  private readonly attendance: AttendanceStore;

  constructor(options: FloorServiceOptions) {
    this.store = options.store;
    this.floor = options.floor;
    this.run = options.run;
    this.live = options.live;
    this.attendance = options.attendance;
  }

  async state(meetingId: string): Promise<FloorState> {
    const timeZone = await this.timeZone(meetingId);
    const currentItemId = await this.currentItem(meetingId);
    const [item, speaking, balanceDay] = await Promise.all([
      this.itemView(meetingId, currentItemId ?? ''),
      this.speakingView(meetingId),
      this.dayBalance(meetingId, timeZone),
    ]);
    return {
      currentItemId,
      ...(speaking ? { speaking } : {}),
      queue: item.queue,
      left: item.left,
      balance: item.balance,
      balanceDay,
      limitSeconds: item.limitSeconds,
      balanceRule: item.balanceRule,
      now: Date.now(),
    };
  }

  async itemView(meetingId: string, itemId: string): Promise<FloorItem> {
    const [queue, left, balance, settings] = await Promise.all([
      this.floor.queue(meetingId, itemId),
      this.floor.leftReasons(meetingId, itemId),
      this.floor.balance(meetingId, { itemId }, Date.now()),
      this.floor.settings(meetingId, itemId),
    ]);
    return { itemId: itemId || null, queue: queue.map(handView), left, balance, ...settings };
  }

  async speakingView(meetingId: string): Promise<Speaking | undefined> {
    const hand = await this.floor.speaking(meetingId);
    if (!hand) return undefined;
    return {
      handId: hand.id,
      userId: hand.userId,
      name: hand.name,
      group: hand.group,
      itemId: hand.itemId || null,
      pointOfOrder: hand.pointOfOrder,
      remote: hand.remote,
      since: hand.startedAt!,
      limitSeconds: hand.limitSeconds!,
    };
  }

  async dayBalance(meetingId: string, timeZone?: string): Promise<DayBalance> {
    const now = Date.now();
    const day = meetingDay(timeZone ?? (await this.timeZone(meetingId)), now);
    return { day, balance: await this.floor.balance(meetingId, { day }, now) };
  }

  itemsWithFloor(meetingId: string): Promise<string[]> {
    return this.floor.itemsWithFloor(meetingId);
  }

  async raiseHand(meetingId: string, user: User, body: { pointOfOrder?: boolean; userId?: string }): Promise<HandRecord> {
    const meeting = await this.requireMeeting(meetingId);
    const forSomeone = body.userId !== undefined && body.userId !== user.id;
    if (forSomeone ? !floorPolicy.addSomeone(user) : !floorPolicy.raiseOwnHand(user)) {
      throw forbidden(
        forSomeone
          ? 'Only the chair or the secretariat may add someone to the list.'
          : 'Observers are given the floor by the chair.',
      );
    }
    const speaker = forSomeone ? await this.store.users.byId(body.userId!) : user;
    // Someone added by the chair must be able to take part, as the chair's list offers them (people()).
    if (!speaker || (forSomeone ? !floorPolicy.takePart(speaker, meeting) : speaker.disabled))
      throw badRequest('userId: there is no such person.', { field: 'userId' });
    const itemId = (await this.currentItem(meetingId)) ?? '';
    const id = newFloorId();
    const now = Date.now();
    try {
      await this.store.db.transaction(async (tx) => {
        const remote = await this.remote(tx, meetingId, speaker.id, forSomeone, now);
        await this.floor.insertHand(tx, {
          id,
          meetingId,
          itemId,
          userId: speaker.id,
          pointOfOrder: body.pointOfOrder ?? false,
          remote,
          raisedBy: user.id,
          at: now,
        });
        await this.audit(tx, user, forSomeone ? 'floor.hand.added' : 'floor.hand.raised', meetingId, {
          handId: id,
          userId: speaker.id,
          ...auditItem(itemId),
          pointOfOrder: body.pointOfOrder ?? false,
        });
      });
    } catch (error) {
      if (error instanceof UniqueViolation) {
        throw new AppError(
          'HAND_ALREADY_RAISED',
          `${forSomeone ? `${speaker.name} is` : 'You are'} already on the list for this item.`,
        );
      }
      throw error;
    }
    this.live.item(meetingId, itemId);
    return (await this.floor.hand(id))!;
  }

  async lowerHand(meetingId: string, user: User, handId: string): Promise<void> {
    const hand = await this.floor.hand(handId);
    if (!hand || hand.meetingId !== meetingId) throw notFound('The hand');
    if (!floorPolicy.lowerHand(user, hand)) throw forbidden('Only the person or the chair may take a name off the list.');
    await this.store.db.transaction(async (tx) => {
      if (!(await this.floor.withdraw(tx, handId, Date.now(), user.id))) {
        throw new AppError('CONFLICT', 'This hand is no longer waiting: the person has spoken or it was taken off the list.');
      }
      // The item the hand was on, as its raising recorded it: the entry reads alone.
      await this.audit(tx, user, 'floor.hand.lowered', meetingId, { handId, userId: hand.userId, ...auditItem(hand.itemId) });
    });
    this.live.item(meetingId, hand.itemId);
  }

  /**
   * Ends the running turn (if any) and gives the floor to `handId` or to the next in line. Under
   * the least-spoken rule the next in line is the first hand of the group with the fewest
   * turns (then seconds) on this item; points of order always come first. Choosing someone else
   * while the rule is on is an override, recorded in the audit log.
   */
  async next(meetingId: string, user: User, handId?: string): Promise<FloorState> {
    this.requireChair(user);
    await this.requireMeeting(meetingId);
    const itemId = (await this.currentItem(meetingId)) ?? '';
    const timeZone = await this.timeZone(meetingId);
    const touched = new Set([itemId]);
    try {
      await this.store.db.transaction(async (tx) => {
        const now = Date.now();
        const queue = await this.floor.queue(meetingId, itemId, tx);
        const settings = await this.floor.settings(meetingId, itemId, tx);
        const chosenByRule = await this.pick(tx, meetingId, itemId, queue, settings.balanceRule, now);
        const chosen = handId ? queue.find((hand) => hand.id === handId) : chosenByRule;
        if (!chosen) {
          throw handId
            ? new AppError('CONFLICT', 'That hand is not waiting on the current item.')
            : new AppError('NOBODY_WAITING', 'Nobody is waiting to speak on this item.');
        }
        const running = await this.floor.speaking(meetingId, tx);
        if (running) {
          await this.floor.finish(tx, running.id, now);
          touched.add(running.itemId);
        }
        if (!(await this.floor.start(tx, chosen.id, now, meetingDay(timeZone, now), settings.limitSeconds))) {
          throw new AppError('CONFLICT', 'That hand is no longer waiting.');
        }
        await this.audit(tx, user, 'floor.turn.started', meetingId, {
          handId: chosen.id,
          userId: chosen.userId,
          ...auditItem(itemId),
          limitSeconds: settings.limitSeconds,
        });
        if (settings.balanceRule !== 'none' && chosenByRule && chosen.id !== chosenByRule.id) {
          await this.audit(tx, user, 'floor.balance.override', meetingId, {
            rule: settings.balanceRule,
            chosen: { handId: chosen.id, userId: chosen.userId, group: chosen.group },
            byRule: { handId: chosenByRule.id, userId: chosenByRule.userId, group: chosenByRule.group },
          });
        }
      });
    } catch (error) {
      // Two chairs pressing Next at once: one speaker per meeting, the other is told.
      if (error instanceof UniqueViolation) throw new AppError('CONFLICT', 'Someone else gave the floor at the same moment.');
      throw error;
    }
    for (const item of touched) this.live.item(meetingId, item);
    return this.state(meetingId);
  }

  async endTurn(meetingId: string, user: User): Promise<FloorState> {
    this.requireChair(user);
    await this.requireMeeting(meetingId);
    const itemId = await this.store.db.transaction(async (tx) => {
      const running = await this.floor.speaking(meetingId, tx);
      if (!running || !(await this.floor.finish(tx, running.id, Date.now()))) {
        throw new AppError('NOBODY_SPEAKING', 'Nobody has the floor.');
      }
      await this.audit(tx, user, 'floor.turn.ended', meetingId, {
        handId: running.id,
        userId: running.userId,
        ...auditItem(running.itemId),
      });
      return running.itemId;
    });
    this.live.item(meetingId, itemId);
    return this.state(meetingId);
  }

  /**
   * The chair moves the meeting on (or ends the current item) while someone speaks on the item
   * left: that turn ends, in the same transaction as the move, recorded as any end of turn
   * (`floor.turn.ended`, by whoever moved on). It once ran on, the Floor tab saying the new item
   * with the old item's speaker counting below zero. A turn on the item moved to stays.
   */
  readonly currentItemChanging = async (tx: SqlExecutor, change: CurrentItemChange): Promise<(() => void) | undefined> => {
    const running = await this.floor.speaking(change.meetingId, tx);
    if (!running || running.itemId === (change.to ?? '')) return undefined;
    if (!(await this.floor.finish(tx, running.id, change.at))) return undefined;
    await this.audit(tx, change.actor, 'floor.turn.ended', change.meetingId, { handId: running.id, userId: running.userId });
    return () => this.live.item(change.meetingId, running.itemId);
  };

  /** Reorders the waiting hands of the current item: `ids` must be exactly the list as it stands. */
  async reorder(meetingId: string, user: User, ids: string[]): Promise<FloorState> {
    this.requireChair(user);
    await this.requireMeeting(meetingId);
    const itemId = (await this.currentItem(meetingId)) ?? '';
    await this.store.db.transaction(async (tx) => {
      const queue = await this.floor.queue(meetingId, itemId, tx);
      const same =
        ids.length === queue.length && new Set(ids).size === ids.length && queue.every((hand) => ids.includes(hand.id));
      if (!same) throw new AppError('QUEUE_CHANGED', 'The list changed meanwhile: reload it and reorder again.');
      for (const [position, id] of ids.entries()) await this.floor.setPosition(tx, id, position + 1);
      await this.audit(tx, user, 'floor.queue.reordered', meetingId, { ...auditItem(itemId), ids });
    });
    this.live.item(meetingId, itemId);
    return this.state(meetingId);
  }

  async setSettings(
    meetingId: string,
    user: User,
    body: { limitSeconds: number; balanceRule?: BalanceRule; itemId?: string },
  ): Promise<FloorState> {
    this.requireChair(user);
    await this.requireMeeting(meetingId);
    const itemId = body.itemId ?? (await this.currentItem(meetingId)) ?? '';
    if (itemId) {
      const { items } = await readAgenda(this.store.documents, meetingId);
      if (!items.some((item) => item.id === itemId))
        throw badRequest('itemId: there is no such item on the agenda.', { field: 'itemId' });
    }
    await this.store.db.transaction(async (tx) => {
      const before = await this.floor.settings(meetingId, itemId, tx);
      const settings = { limitSeconds: body.limitSeconds, balanceRule: body.balanceRule ?? before.balanceRule };
      if (!(await this.floor.saveSettings(tx, meetingId, itemId, settings, user.id, Date.now()))) return;
      await this.audit(tx, user, 'floor.settings', meetingId, { ...auditItem(itemId), from: before, to: settings });
    });
    this.live.item(meetingId, itemId);
    if (!itemId) {
      // The meeting's default: items without settings of their own follow it.
      this.live.meta(meetingId);
      for (const other of await this.floor.itemsWithFloor(meetingId)) if (other) this.live.item(meetingId, other);
    }
    return this.state(meetingId);
  }

  async people(meetingId: string, user: User): Promise<{ id: string; name: string; role: string; group: string }[]> {
    this.requireChair(user);
    const meeting = await this.requireMeeting(meetingId);
    // Only people who may take part in this meeting: never an unconfirmed registrant, nor one of
    // another meeting's public registrants in a MAG meeting.
    return (await this.store.users.list())
      .filter((person) => floorPolicy.takePart(person, meeting))
      .map(({ id, name, role, group }) => ({ id, name, role, group }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Finished and running turns of a meeting (for the pack). */
  turns(meetingId: string): Promise<HandRecord[]> {
    return this.floor.turns(meetingId);
  }

  private async pick(
    tx: SqlExecutor,
    meetingId: string,
    itemId: string,
    queue: HandRecord[],
    rule: BalanceRule,
    now: number,
  ): Promise<HandRecord | undefined> {
    const first = queue[0];
    if (!first || first.pointOfOrder || rule === 'none') return first;
    const balance = await this.floor.balance(meetingId, { itemId }, now, tx);
    const weight = (hand: HandRecord) => balance[hand.group] ?? { turns: 0, seconds: 0 };
    // The queue is in order, so the first hand of the least-spoken group wins ties.
    return queue.reduce((best, hand) => {
      const a = weight(hand);
      const b = weight(best);
      return a.turns < b.turns || (a.turns === b.turns && a.seconds < b.seconds) ? hand : best;
    }, first);
  }

  /**
   * Whether the speaker takes part online, as they checked in today (the chair's list said
   * "online" for someone in the room who raised their own hand). Not checked in: a hand raised
   * from the board is online, a person the chair adds is in the room (that is why they are added).
   * Read inside the transaction that raises the hand: only that person's check-in for the
   * meeting's day, as it stands when the hand goes on the list.
   */
  private async remote(tx: SqlExecutor, meetingId: string, userId: string, forSomeone: boolean, now: number): Promise<boolean> {
    const timeZone = await this.attendance.timeZone(meetingId, tx);
    if (timeZone === undefined) throw notFound('The meeting');
    const mode = await this.attendance.modeOn(meetingId, userId, meetingDay(timeZone, now), tx);
    return mode ? mode === 'online' : !forSomeone;
  }

  private async currentItem(meetingId: string): Promise<string | null> {
    return (await this.run.state(meetingId)).currentItem;
  }

  private async timeZone(meetingId: string): Promise<string> {
    const meeting = await this.store.meetings.byId(meetingId);
    if (!meeting) throw notFound('The meeting');
    return meeting.timezone;
  }

  private requireChair(user: User): void {
    if (!floorPolicy.runFloor(user)) throw forbidden('Only the chair or the secretariat may run the floor.');
  }

  private async requireMeeting(meetingId: string): Promise<Meeting> {
    const meeting = await this.store.meetings.byId(meetingId);
    if (!meeting) throw notFound('The meeting');
    return meeting;
  }

  private audit<D extends object>(
    tx: SqlExecutor,
    user: User,
    action: AuditAction,
    meetingId: string,
    detail: D & ListedDetail<D>,
  ): Promise<void> {
    return this.store.audit.record<D>({ actorId: user.id, action, subject: `meeting:${meetingId}`, detail }, tx);
  }
}
