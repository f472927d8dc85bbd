/**
 * Polls and working groups in `live:{meetingId}`: the `polls` map (per poll id, the poll as
 * `GET /api/polls/:id` shows it: status, ballots, and the tally when visible), with the counts
 * (ballots, tally, byGroup, rounds, quota) kept in the `pollCounts` map under the same key and
 * written in the same transaction (a tally while a vote goes on is then a small message for each
 * viewer, not the whole poll again), and the `workingGroups` map (per group id, as `GET /api/meetings/:meetingId/working-groups` shows it).
 *
 * Every write goes through LiveProjection.project, which recomputes the entry from the store and
 * coalesces: however many ballots arrive, a poll's entry is written a few times a second at most,
 * so thousands of viewers get a few small messages a second, not one per vote. With several
 * instances, the others hear of each write and reload the map from the shared store.
 */

import { LIVE_POLL_COUNTS_MAP, LIVE_POLLS_MAP, POLL_COUNT_FIELDS } from '../../../shared/schemas/polls.ts';
import { LIVE_WORKING_GROUPS_MAP } from '../../../shared/schemas/workingGroups.ts';
import type { LiveProjection } from '../live/liveProjection.ts';
import type { WorkingGroupStore } from '../workingGroups/workingGroupStore.ts';
import type { PollProjectionSources } from './pollServices.ts';
import type { PollStore } from './pollStore.ts';

export class PollsLive {
  private readonly live: LiveProjection;
  private readonly polls: PollStore;
  private readonly groups: WorkingGroupStore;
  /** The poll as PollService shows it (an open secret poll: its published snapshot). */
  private readonly view: PollProjectionSources['view'];

  constructor(live: LiveProjection, sources: PollProjectionSources) {
    this.live = live;
    this.polls = sources.pollStore;
    this.groups = sources.groupStore;
    this.view = sources.view;
  }

  /** Declares how both maps are filled when a meeting's live document loads. */
  registerSources(): void {
    this.live.split(LIVE_POLLS_MAP, LIVE_POLL_COUNTS_MAP, POLL_COUNT_FIELDS);
    this.live.source(LIVE_POLLS_MAP, async (meetingId) => {
      const polls = await this.polls.listByMeeting(meetingId);
      return Object.fromEntries(await Promise.all(polls.map(async (poll) => [poll.id, await this.view(poll)] as const)));
    });
    this.live.source(LIVE_WORKING_GROUPS_MAP, async (meetingId) => {
      const groups = await this.groups.listByMeeting(meetingId);
      return Object.fromEntries(groups.map((group) => [group.id, group]));
    });
  }

  /** Recomputes a poll's entry (removes it when the poll no longer exists). Call after commit. */
  poll(meetingId: string, pollId: string): void {
    this.live.project(meetingId, LIVE_POLLS_MAP, pollId, async () => {
      const poll = await this.polls.byId(pollId);
      return poll ? this.view(poll) : undefined;
    });
  }

  group(meetingId: string, groupId: string): void {
    this.live.project(meetingId, LIVE_WORKING_GROUPS_MAP, groupId, () => this.groups.view(groupId));
  }
}
