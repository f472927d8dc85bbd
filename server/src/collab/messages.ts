/**
 * Reading the Hocuspocus wire format where the server needs to look inside a frame before
 * Hocuspocus handles it: `varString(document) varUint(type) …`, and for a sync message
 * `varUint(step) varUint8Array(update)`.
 */
import * as decoding from 'lib0/decoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_SYNC_REPLY = 4;
export const MESSAGE_STATELESS = 5;
/** The server's answer to a client's update: saved (1) or not (0). */
export const MESSAGE_SYNC_STATUS = 8;
const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

/** The message type of a frame (after its document address). Throws on a malformed frame. */
export function messageType(frame: Uint8Array): number {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarString(decoder);
  return decoding.readVarUint(decoder);
}

/**
 * The Yjs update a frame carries (sync step 2 or update), or null for every other kind of
 * frame. Throws on a malformed frame.
 */
export function documentUpdateOf(frame: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return null;
  const step = decoding.readVarUint(decoder);
  if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return null;
  return decoding.readVarUint8Array(decoder);
}

/** Whether a frame is a sync step 2: the one a client sends in reply to the server's step 1. */
export function isSyncStepTwo(frame: Uint8Array): boolean {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  return (type === MESSAGE_SYNC || type === MESSAGE_SYNC_REPLY) && decoding.readVarUint(decoder) === SYNC_STEP_2;
}
