/**
 * The floor and the questions in `live:{meetingId}` (see shared/schemas/floor.ts for the keys).
 * Every write is a projection recomputed from the store after commit; clients cannot write.
 * Questions waiting for approval and hidden ones are not in the document (moderators fetch them
 * over HTTP; the `meta` entry tells them how many wait).
 */
import { LIVE_FLOOR_MAP, LIVE_QUESTIONS_MAP } from '../../../shared/schemas/floor.ts';
import type { LiveProjection } from '../live/liveProjection.ts';
import type { FloorLiveUpdates } from './floorLiveUpdates.ts';
import type { FloorService } from './floorService.ts';
import type { QuestionService } from './questionService.ts';

export const itemKey = (itemId: string): string => `item:${itemId}`;

export class FloorLive implements FloorLiveUpdates {
  private readonly live: LiveProjection;
  floor!: FloorService;
  questions!: QuestionService;

  constructor(live: LiveProjection) {
    this.live = live;
  }

  registerSources(): void {
    this.live.source(LIVE_FLOOR_MAP, async (meetingId) => {
      const entries: Record<string, unknown> = {};
      const speaking = await this.floor.speakingView(meetingId);
      if (speaking) entries.speaking = speaking;
      for (const itemId of new Set(['', ...(await this.floor.itemsWithFloor(meetingId))])) {
        entries[itemKey(itemId)] = await this.floor.itemView(meetingId, itemId);
      }
      entries.day = await this.floor.dayBalance(meetingId);
      entries.meta = await this.questions.meta(meetingId);
      return entries;
    });
    this.live.source(LIVE_QUESTIONS_MAP, async (meetingId) => {
      const visible = await this.questions.publicList(meetingId);
      return Object.fromEntries(visible.map((question) => [question.id, question]));
    });
  }

  /** After a change to an item's list or turns: the item, the speaker and the day's balance. */
  item(meetingId: string, itemId: string): void {
    this.live.project(meetingId, LIVE_FLOOR_MAP, itemKey(itemId), () => this.floor.itemView(meetingId, itemId));
    this.live.project(meetingId, LIVE_FLOOR_MAP, 'speaking', () => this.floor.speakingView(meetingId));
    this.live.project(meetingId, LIVE_FLOOR_MAP, 'day', () => this.floor.dayBalance(meetingId));
  }

  meta(meetingId: string): void {
    this.live.project(meetingId, LIVE_FLOOR_MAP, 'meta', () => this.questions.meta(meetingId));
  }

  question(meetingId: string, questionId: string): void {
    this.live.project(meetingId, LIVE_QUESTIONS_MAP, questionId, () => this.questions.publicView(questionId));
    this.meta(meetingId);
  }
}
