/** The cycle timeline and per-person calendar feeds. */
import { CallStore } from '../calls/callStore.ts';
import type { Feature } from '../feature.ts';
import { timelineRoutes } from './timelineRoutes.ts';
import { TimelineService } from './timelineService.ts';
import { TimelineStore } from './timelineStore.ts';

export const timelineFeature: Feature = {
  name: 'timeline',
  async register({ http, store }) {
    const timeline = new TimelineStore(store.db);
    const service = new TimelineService(store, timeline, new CallStore(store.db));
    await http.register(timelineRoutes, { store, service, timeline });
  },
};
