/**
 * Meeting events that other features act on, without the meetings feature knowing them: when a
 * meeting is archived, the polls feature closes its open polls (see closeOpenPolls).
 */
export type ArchiveHook = (meetingId: string, actorId: string) => Promise<void>;

export class MeetingLifecycle {
  private readonly archiveHooks: ArchiveHook[] = [];

  onArchive(hook: ArchiveHook): void {
    this.archiveHooks.push(hook);
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
}
