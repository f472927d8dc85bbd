/**
 * The floor of a meeting: the speakers' list per agenda item with server-timed turns and the
 * balance across stakeholder groups, attendance and quorum, and audience questions. Projected
 * into the `floor` and `questions` maps of `live:{meetingId}`.
 */
import { LIVE_FLOOR_MAP, LIVE_QUESTIONS_MAP } from '../../../shared/schemas/floor.ts';
import type { Feature } from '../feature.ts';
import { RunService } from '../meetingRecord/run/runService.ts';
import { AttendanceService } from './attendanceService.ts';
import { AttendanceStore } from './attendanceStore.ts';
import { FloorLive } from './floorLive.ts';
import { floorRoutes } from './floorRoutes.ts';
import { FloorService } from './floorService.ts';
import { FloorStore } from './floorStore.ts';
import { FLOOR_MIGRATIONS } from './migrations.ts';
import { pollQuorum } from './pollQuorum.ts';
import { questionRoutes } from './questionRoutes.ts';
import { QuestionService } from './questionService.ts';
import { QuestionStore } from './questionStore.ts';

export const floorFeature: Feature = {
  name: 'floor',
  migrations: FLOOR_MIGRATIONS,
  liveMaps: [LIVE_FLOOR_MAP, LIVE_QUESTIONS_MAP],
  async register({ http, store, live, meetings }) {
    const floorStore = new FloorStore(store.db);
    const attendanceStore = new AttendanceStore(store.db);
    // Only read here (the current item); the meeting record's own RunService writes it.
    const run = new RunService({ store, live });
    const floorLive = new FloorLive(live);
    const floor = new FloorService({ store, floor: floorStore, run, live: floorLive, attendance: attendanceStore });
    const questions = new QuestionService({
      store,
      questions: new QuestionStore(store.db),
      attendance: attendanceStore,
      floor: floorStore,
      run,
      live: floorLive,
    });
    // Moving on from an item ends the turn running on it, in the move's own transaction.
    meetings.onCurrentItem(floor.currentItemChanging);
    floorLive.floor = floor;
    floorLive.questions = questions;
    floorLive.registerSources();
    const attendance = new AttendanceService({ store, attendance: attendanceStore });
    await http.register(floorRoutes, { floor, attendance, quorum: pollQuorum(store) });
    await http.register(questionRoutes, { service: questions });
  },
};
