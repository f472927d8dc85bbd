/**
 * Meeting events that other features act on, without the meetings feature knowing them: when a
 * meeting is archived, the polls feature closes its open polls (see closeOpenPolls); when the
 * current agenda item changes, the floor ends a turn that belonged to the item left.
 */
import type { SqlExecutor } from '../storage/db.ts';
import type { User } from '../users/userStore.ts';

export type ArchiveHook = (meetingId: string, actorId: string) => Promise<void>;

/** A change of the current item (`null`: none), as the meeting record commits it. */
export interface CurrentItemChange {
  meetingId: string;
  from: string | null;
  to: string | null;
  actor: User;
  at: number;
}

/**
 * Runs inside the transaction that changes the current item, so that the change and what follows
 * from it commit together (or not at all); returns what to do once it has committed (project to
 * the live document), if anything.
 */
export type CurrentItemHook = (tx: SqlExecutor, change: CurrentItemChange) => Promise<(() => void) | undefined>;

export class MeetingLifecycle {
  private readonly archiveHooks: ArchiveHook[] = [];
  private readonly currentItemHooks: CurrentItemHook[] = [];

  onArchive(hook: ArchiveHook): void {
    this.archiveHooks.push(hook);
  }

  onCurrentItem(hook: CurrentItemHook): void {
    this.currentItemHooks.push(hook);
  }

  /** Runs every hook; one failing does not stop the others (the meeting is archived already). */
  async archived(meetingId: string, actorId: string): Promise<unknown[]> {
    const failures: unknown[] = [];
    for (const hook of this.archiveHooks) {
      try {
        await hook(meetingId, actorId);
      } catch (error) {
        failures.push(error);
      }
    }
    return failures;
  }

  /** Inside the change's transaction: a hook that throws rolls the change back. Returns the after-commit steps. */
  async currentItemChanging(tx: SqlExecutor, change: CurrentItemChange): Promise<(() => void)[]> {
    const after: (() => void)[] = [];
    for (const hook of this.currentItemHooks) {
      const then = await hook(tx, change);
      if (then) after.push(then);
    }
    return after;
  }
}
