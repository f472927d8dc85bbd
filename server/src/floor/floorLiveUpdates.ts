/**
 * What the floor's services ask of the live projection after a commit. A separate interface so
 * that the services do not import FloorLive, which reads from them (no import cycle).
 */
export interface FloorLiveUpdates {
  /** After a change to an item's list or turns: the item, the speaker and the day's balance. */
  item(meetingId: string, itemId: string): void;
  /** The count of questions waiting for approval. */
  meta(meetingId: string): void;
  question(meetingId: string, questionId: string): void;
}
