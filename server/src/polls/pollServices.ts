/** The services of polls and working groups over their stores, wired together (the feature and the demo seed share this). */
import type { Notifier } from '../notifications/notify.ts';
import type { Store } from '../storage/store.ts';
import { WorkingGroupService } from '../workingGroups/workingGroupService.ts';
import { WorkingGroupStore } from '../workingGroups/workingGroupStore.ts';
import { type PollProjections, PollService } from './pollService.ts';
import { PollStore } from './pollStore.ts';

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
  live: (stores: { pollStore: PollStore; groupStore: WorkingGroupStore }) => PollProjections,
): PollServices {
  const pollStore = new PollStore(store.db);
  const groupStore = new WorkingGroupStore(store.db);
  const projections = live({ pollStore, groupStore });
  const polls = new PollService({ store, polls: pollStore, groups: groupStore, live: projections, notify });
  const groups = new WorkingGroupService({ store, groups: groupStore, polls, live: projections });
  // An election's winners are recorded in the poll's closing transaction.
  polls.onClosed(groups.onPollClosed);
  return { pollStore, groupStore, polls, groups };
}
