/** The services of polls and working groups over their stores, wired together (the feature and the demo seed share this). */
import type { PollDto } from '../../../shared/schemas/polls.ts';
import type { Notifier } from '../notifications/notify.ts';
import type { Store } from '../storage/store.ts';
import { WorkingGroupService } from '../workingGroups/workingGroupService.ts';
import { WorkingGroupStore } from '../workingGroups/workingGroupStore.ts';
import { type PollProjections, PollService } from './pollService.ts';
import type { Poll } from './pollStore.ts';
import { PollStore } from './pollStore.ts';
import { SecretBatches } from './secretBatches.ts';

/** What the live projection is built from: the stores, and the poll as the service shows it. */
export interface PollProjectionSources {
  pollStore: PollStore;
  groupStore: WorkingGroupStore;
  /** PollService.view: the display read path (an open secret poll shows its published snapshot). */
  view(poll: Poll): Promise<PollDto>;
}

export interface PollServices {
  pollStore: PollStore;
  groupStore: WorkingGroupStore;
  polls: PollService;
  groups: WorkingGroupService;
}

/** Nothing to project: the demo seed commits before any live document loads, and documents read the store when they do. */
export const NO_PROJECTIONS: PollProjections = { poll: () => {}, group: () => {} };

export function createPollServices(
  store: Store,
  notify: Notifier,
  live: (sources: PollProjectionSources) => PollProjections,
): PollServices {
  const pollStore = new PollStore(store.db);
  const groupStore = new WorkingGroupStore(store.db);
  // The projections read polls through the service, which is built with them: `view` is called
  // only after a commit, by when `polls` exists.
  const projections = live({ pollStore, groupStore, view: (poll) => polls.view(poll) });
  const batches = new SecretBatches(store.db, pollStore);
  const polls = new PollService({ store, polls: pollStore, groups: groupStore, live: projections, notify, batches });
  const groups = new WorkingGroupService({ store, groups: groupStore, polls, pollStore, live: projections, notify });
  // An election's ballot is taken in the poll's opening transaction, its winners recorded in the closing one.
  polls.onOpening(groups.onPollOpening);
  polls.onClosed(groups.onPollClosed);
  return { pollStore, groupStore, polls, groups };
}
