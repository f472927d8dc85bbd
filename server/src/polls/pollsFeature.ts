/**
 * Live polls, elections and MAG Working Groups: routes, the `polls` and `workingGroups` maps of
 * `live:{meetingId}`, and their part of the demo consultation.
 */
import type { Feature } from '../feature.ts';
import { seedDemoWorkingGroups } from '../workingGroups/demoWorkingGroups.ts';
import { recordElectionWinners } from '../workingGroups/elections.ts';
import { workingGroupRoutes } from '../workingGroups/workingGroupRoutes.ts';
import { WorkingGroupStore } from '../workingGroups/workingGroupStore.ts';
import { seedDemoPolls } from './demoPolls.ts';
import { pollRoutes } from './pollRoutes.ts';
import { PollsLive } from './pollsLive.ts';
import { PollStore } from './pollStore.ts';
import { SecretBatches } from './secretBatches.ts';

export const pollsFeature: Feature = {
  name: 'polls',
  async register(context) {
    const polls = new PollStore(context.store.db, context.store.audit);
    new SecretBatches(context.store.db, polls).install();
    const groups = new WorkingGroupStore(context.store.db, context.store.audit);
    polls.onClosed(recordElectionWinners(groups));
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
