/**
 * Cycle administration: meetings created, changed, archived and deleted by the secretariat,
 * calls for proposals, and the guard that keeps archived meetings read-only everywhere (HTTP
 * writes and collaborative documents). Registered first, so that its guard covers the routes of
 * every feature after it.
 */
import { isParticipant } from '../../../shared/roles.ts';
import { LIVE_MEETING_STATUS_MAP } from '../../../shared/schemas/meetings.ts';
import { callRoutes } from '../calls/callRoutes.ts';
import { CallService } from '../calls/callService.ts';
import type { Feature } from '../feature.ts';
import { seedDemoCalls } from './demoCalls.ts';
import { installMeetingGuard } from './meetingGuard.ts';
import { canReadMeeting } from './meetingPolicy.ts';
import { meetingRoutes } from './meetingRoutes.ts';
import { MeetingScope } from './meetingScope.ts';
import { MeetingService } from './meetingService.ts';
import { MEETING_MIGRATIONS } from './migrations.ts';

export const meetingsFeature: Feature = {
  name: 'meetings',
  migrations: MEETING_MIGRATIONS,
  liveMaps: [LIVE_MEETING_STATUS_MAP],
  documentKinds: [
    // The agenda: secretariat, chair and members write; observers read.
    {
      kind: 'agenda',
      access: (store) => async (user, meetingId) =>
        (await store.meetings.byId(meetingId)) ? (isParticipant(user.role) ? 'write' : 'read') : null,
    },
    // The live projection (server/src/live/): only the server writes it.
    { kind: 'live', access: (store) => async (_user, meetingId) => ((await store.meetings.byId(meetingId)) ? 'read' : null) },
  ],
  async register({ http, store, access, live, meetings: lifecycle, agendaDays, log }) {
    const scope = new MeetingScope(store.db);
    const calls = new CallService(store);
    const service = new MeetingService({ store, scope, access, live, lifecycle, agendaDays, log });

    // Open pages learn the meeting's status from its live document (an archive hides their writing controls).
    live.source(LIVE_MEETING_STATUS_MAP, async (meetingId) => {
      const status = await service.liveStatus(meetingId);
      return status ? { [meetingId]: status } : {};
    });

    installMeetingGuard(http, { scope, calls });
    // An archived meeting's agenda and proposal bodies are read-only for everyone.
    access.readOnlyWhen(async (documentName) => {
      const meetingId = await scope.meetingOfDocument(documentName);
      return meetingId !== undefined && (await store.meetings.isArchived(meetingId)) === true;
    });

    // A meeting's documents (agenda, live projection, proposals) open only to who may read the meeting.
    access.readableWhen(async (user, documentName) => {
      if (!user.publicOnly) return true; // everyone else reads every meeting: no query per connection
      const meetingId = await scope.meetingOfDocument(documentName);
      const meeting = meetingId === undefined ? undefined : await store.meetings.byId(meetingId);
      return meeting !== undefined && canReadMeeting(user, meeting);
    });

    await http.register(meetingRoutes, { service });
    await http.register(callRoutes, { service: calls });
  },
  seedDemo: seedDemoCalls,
};
