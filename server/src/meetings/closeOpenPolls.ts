/**
 * What archiving a meeting does to its polls: each open poll is closed as the archiving
 * secretariat would close it, through the poll service (which records an election's winners in
 * the closing transaction and projects the result).
 */
import type { PollService } from '../polls/pollService.ts';
import type { PollStore } from '../polls/pollStore.ts';
import type { Store } from '../storage/store.ts';
import type { ArchiveHook } from './meetingLifecycle.ts';

export function closeOpenPolls(store: Store, pollStore: PollStore, polls: PollService): ArchiveHook {
  return async (meetingId, actorId) => {
    const actor = await store.users.byId(actorId);
    if (!actor) return;
    for (const poll of await pollStore.listByMeeting(meetingId)) {
      if (poll.status === 'open') await polls.close(actor, poll.id);
    }
  };
}
