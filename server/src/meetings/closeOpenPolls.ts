/**
 * What archiving a meeting does to its polls: each open poll is closed as a moderator would close
 * it (the store records winners of an election through its close hooks), then projected.
 */
import type { PollsLive } from '../polls/pollsLive.ts';
import type { PollStore } from '../polls/pollStore.ts';
import type { ArchiveHook } from './meetingLifecycle.ts';

export function closeOpenPolls(polls: PollStore, live: PollsLive): ArchiveHook {
  return async (meetingId, actorId) => {
    for (const poll of await polls.listByMeeting(meetingId)) {
      if (poll.status !== 'open') continue;
      const { poll: closed } = await polls.close(poll.id, actorId);
      live.poll(meetingId, closed.id);
      if (closed.workingGroupId) live.group(meetingId, closed.workingGroupId);
    }
  };
}
