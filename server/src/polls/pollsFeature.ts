/**
 * Live polls, elections and MAG Working Groups: routes, the `polls`, `pollCounts` and `workingGroups` maps of
 * `live:{meetingId}`, and their part of the demo consultation.
 */
import { LIVE_POLL_COUNTS_MAP, LIVE_POLLS_MAP } from '../../../shared/schemas/polls.ts';
import { LIVE_WORKING_GROUPS_MAP } from '../../../shared/schemas/workingGroups.ts';
import type { Feature } from '../feature.ts';
import { pollQuorum } from '../floor/pollQuorum.ts';
import { closeOpenPolls } from '../meetings/closeOpenPolls.ts';
import { seedDemoWorkingGroups } from '../workingGroups/demoWorkingGroups.ts';
import { workingGroupRoutes } from '../workingGroups/workingGroupRoutes.ts';
import { seedDemoPolls } from './demoPolls.ts';
import { POLL_MIGRATIONS } from './migrations.ts';
import { pollRoutes } from './pollRoutes.ts';
import { createPollServices, NO_PROJECTIONS } from './pollServices.ts';
import { PollsLive } from './pollsLive.ts';
import { SECRET_BATCH_MIGRATIONS } from './secretBatches.ts';

export const pollsFeature: Feature = {
  name: 'polls',
  migrations: [...POLL_MIGRATIONS, ...SECRET_BATCH_MIGRATIONS],
  liveMaps: [LIVE_POLLS_MAP, LIVE_POLL_COUNTS_MAP, LIVE_WORKING_GROUPS_MAP],
  async register(context) {
    const services = createPollServices(context.store, context.notify, (sources) => {
      const live = new PollsLive(context.live, sources);
      live.registerSources();
      return live;
    });
    const quorum = pollQuorum(context.store);
    services.polls.onCreated((tx, id, input) => quorum.created(tx, id, input.requiresQuorum ?? false));
    services.polls.onOpening(quorum.opening);
    services.polls.onClosed(quorum.closed);
    context.meetings.onArchive(closeOpenPolls(context.store, services.pollStore, services.polls));
    await context.http.register(pollRoutes, { service: services.polls });
    await context.http.register(workingGroupRoutes, { service: services.groups });
  },
  async seedDemo(context) {
    const services = createPollServices(context.store, context.notify, () => NO_PROJECTIONS);
    // Groups first: elections refer to them.
    await seedDemoWorkingGroups(context, services);
    await seedDemoPolls(context, services);
  },
};
