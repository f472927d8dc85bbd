/** Every scenario, in the order the harness runs them. */
import { s1 } from './s1Editors.ts';
import { s2 } from './s2Crowd.ts';
import { s3 } from './s3Idle.ts';
import { s4 } from './s4Replay.ts';
import { s5 } from './s5Concurrent.ts';
import { s6 } from './s6ColdLoad.ts';
import { s7 } from './s7Poll.ts';
import { s8 } from './s8ScaleOut.ts';
import { s9 } from './s9Durability.ts';
import { s10 } from './s10Floor.ts';
import { s11 } from './s11Hammer.ts';
import { s12 } from './s12SyncFlood.ts';
import { s13 } from './s13SlowLink.ts';
import { s14 } from './s14LightMeeting.ts';
import { s15 } from './s15Memory.ts';
import { s16 } from './s16Mentions.ts';
import type { Scenario } from './scenario.ts';

export const SCENARIOS: Scenario[] = [s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15, s16];
