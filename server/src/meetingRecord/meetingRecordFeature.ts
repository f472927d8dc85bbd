/**
 * The meeting record: structured agenda items (the schema is shared/richText.ts), the current
 * item while the meeting runs, action items, the agenda's version history and the meeting pack.
 */
import { LIVE_ACTIONS_MAP, LIVE_MEETING_MAP } from '../../../shared/schemas/meetingRecord.ts';
import type { Feature } from '../feature.ts';
import { actionRoutes } from './actions/actionRoutes.ts';
import { ActionService } from './actions/actionService.ts';
import { seedMeetingRecord } from './demoRecord.ts';
import { MEETING_RECORD_MIGRATIONS } from './migrations.ts';
import { packRoutes } from './pack/packRoutes.ts';
import { runRoutes } from './run/runRoutes.ts';
import { RunService } from './run/runService.ts';
import { DIFF_SNAPSHOT_MIGRATIONS } from './versions/diffRunner.ts';
import { versionRoutes } from './versions/versionRoutes.ts';
import { VersionService } from './versions/versionService.ts';

/** How often the server looks for agendas due an automatic version. */
const AUTO_VERSION_CHECK_MS = 5 * 60 * 1000;

export const meetingRecordFeature: Feature = {
  name: 'meetingRecord',
  migrations: [...MEETING_RECORD_MIGRATIONS, ...DIFF_SNAPSHOT_MIGRATIONS],
  liveMaps: [LIVE_ACTIONS_MAP, LIVE_MEETING_MAP],
  async register({ http, store, collab, live, log, config, notify, meetings }) {
    const actions = new ActionService({ store, live, notify });
    const run = new RunService({ store, live, lifecycle: meetings });
    const versions = new VersionService({
      store,
      collab,
      notify,
      diffLimits: { perMeeting: config.diffsPerMeeting, timeoutMs: config.diffTimeoutMs },
    });

    live.source(LIVE_ACTIONS_MAP, (meetingId) => actions.liveEntries(meetingId));
    live.source(LIVE_MEETING_MAP, (meetingId) => run.liveEntries(meetingId));

    await http.register(actionRoutes, { service: actions });
    await http.register(runRoutes, { service: run });
    await http.register(versionRoutes, { service: versions });
    await http.register(packRoutes, { store, actions, run, origin: config.publicOrigins[0]! });

    const timer = setInterval(() => {
      versions.autoVersions().catch((error: unknown) => log.error({ err: error }, 'automatic agenda versions failed'));
    }, AUTO_VERSION_CHECK_MS);
    timer.unref();
    http.addHook('onClose', async () => clearInterval(timer));
  },
  seedDemo: seedMeetingRecord,
};
