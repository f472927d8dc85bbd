/**
 * Looks at every frame a socket sends before Hocuspocus does, and closes the socket on one that
 * is malformed, of an unknown type, or part of a flood. Document updates are not counted: a bulk
 * writer is legitimate, and their growth is bounded by the document quota (documentQuota.ts).
 * What is counted is the chatter that costs the server work without changing anything: awareness,
 * awareness queries, stateless messages, and above all sync step 1, whose answer is computed
 * from the whole document.
 */
import * as decoding from 'lib0/decoding';
import { CLOSE_EVENTS } from '../../../shared/closeEvents.ts';

/** RFC 6455 1008, Policy Violation: the frame or the pace is not acceptable. */
export const POLICY_VIOLATION = CLOSE_EVENTS.policyViolation;

export interface FrameGuardLimits {
  /** The window over which frames are counted, in milliseconds. */
  windowMs: number;
  /** Awareness, queries, stateless and other non-update frames per window. */
  chatterPerWindow: number;
  /** Sync step 1 frames (each answered with a diff of the whole document) per window. */
  syncRequestsPerWindow: number;
}

export const DEFAULT_FRAME_LIMITS: FrameGuardLimits = {
  windowMs: 10_000,
  chatterPerWindow: 1_000,
  syncRequestsPerWindow: 60,
};

const SYNC = 0;
const SYNC_REPLY = 4;
const SYNC_STEP_1 = 0;
/** The message types of the Hocuspocus protocol a client may send (6, BroadcastStateless, is server-only). */
const CLIENT_TYPES = new Set([0, 1, 2, 3, 4, 5, 7, 9, 10]);

export type FrameVerdict = 'ok' | 'malformed' | 'unknown-type' | 'flood';

export class FrameGuard {
  private windowStart = Date.now();
  private chatter = 0;
  private syncRequests = 0;
  private readonly limits: FrameGuardLimits;
  /** Whether the last frame checked was a sync step 1 (for the per-person budget, socketCaps.ts). */
  lastWasSyncRequest = false;

  constructor(limits: FrameGuardLimits = DEFAULT_FRAME_LIMITS) {
    this.limits = limits;
  }

  check(frame: Uint8Array): FrameVerdict {
    let type: number;
    let step = -1;
    this.lastWasSyncRequest = false;
    try {
      // A lone Pong (type 10) has no document address.
      if (frame.length === 1 && frame[0] === 10) return 'ok';
      const decoder = decoding.createDecoder(frame);
      decoding.readVarString(decoder);
      type = decoding.readVarUint(decoder);
      if (type === SYNC || type === SYNC_REPLY) step = decoding.readVarUint(decoder);
    } catch {
      return 'malformed';
    }
    if (!CLIENT_TYPES.has(type)) return 'unknown-type';
    if ((type === SYNC || type === SYNC_REPLY) && step !== SYNC_STEP_1) return 'ok'; // an update
    const now = Date.now();
    if (now - this.windowStart > this.limits.windowMs) {
      this.windowStart = now;
      this.chatter = 0;
      this.syncRequests = 0;
    }
    this.lastWasSyncRequest = step === SYNC_STEP_1;
    if (step === SYNC_STEP_1) return ++this.syncRequests > this.limits.syncRequestsPerWindow ? 'flood' : 'ok';
    return ++this.chatter > this.limits.chatterPerWindow ? 'flood' : 'ok';
  }
}
