/**
 * Live polls, elections and MAG Working Groups: routes, the `polls` and `workingGroups` maps of
 * `live:{meetingId}`, and their part of the demo consultation.
 */
import type { Feature } from '../feature.ts';
import { pollQuorum } from '../floor/pollQuorum.ts';
import { seedDemoWorkingGroups } from '../workingGroups/demoWorkingGroups.ts';
import { recordElectionWinners } from '../workingGroups/elections.ts';
import { workingGroupRoutes } from '../workingGroups/workingGroupRoutes.ts';
import { WorkingGroupStore } from '../workingGroups/workingGroupStore.ts';
import { seedDemoPolls } from './demoPolls.ts';
import { pollRoutes } from './pollRoutes.ts';
import { PollsLive } from './pollsLive.ts';
import { PollStore } from './pollStore.ts';

export const pollsFeature: Feature = {
  name: 'polls',
  async register(context) {
    const polls = new PollStore(context.store.db, context.store.audit);
    const groups = new WorkingGroupStore(context.store.db, context.store.audit);
    polls.onClosed(recordElectionWinners(groups));
    const quorum = pollQuorum(context.store);
    polls.onCreated((tx, id, input) => quorum.created(tx, id, input.requiresQuorum ?? false));
    polls.onOpening(quorum.opening);
    polls.onClosed(quorum.closed);
    const live = new PollsLive(context.live, polls, groups);
    live.registerSources();
    await context.http.register(pollRoutes, { store: context.store, polls, groups, live });
    await context.http.register(workingGroupRoutes, { store: context.store, polls, groups, live });
  },
  async seedDemo(context) {
    // Groups first: elections refer to them.
    await seedDemoWorkingGroups(context);
    await seedDemoPolls(context);
  },
};
