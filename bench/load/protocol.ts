/**
 * The Hocuspocus 4 wire format, as @hocuspocus/provider 4.7 speaks it: every frame starts with
 * the document's address (`name` or, with session awareness, `name\0sessionId`) and a message
 * type; sync messages carry y-protocols' steps.
 */
import * as encoding from 'lib0/encoding';

export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
export const MSG_QUERY_AWARENESS = 3;
export const MSG_SYNC_REPLY = 4;
export const MSG_STATELESS = 5;
export const MSG_CLOSE = 7;
export const MSG_SYNC_STATUS = 8;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export const AUTH_TOKEN = 0;
export const AUTH_DENIED = 1;
export const AUTH_OK = 2;

/** What the provider sends as its version; the server only stores it. */
export const PROVIDER_VERSION = '4.7.0';

/** An update with nothing in it: what a client with no document replies to the server's step 1. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

export function authFrame(address: string, token: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, address);
  encoding.writeVarUint(encoder, MSG_AUTH);
  encoding.writeVarUint(encoder, AUTH_TOKEN);
  encoding.writeVarString(encoder, token);
  encoding.writeVarString(encoder, PROVIDER_VERSION);
  return encoding.toUint8Array(encoder);
}

export function syncFrame(address: string, step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, address);
  encoding.writeVarUint(encoder, MSG_SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** One client's awareness state, encoded as y-protocols does. */
export function awarenessFrame(address: string, clientId: number, clock: number, state: unknown): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, address);
  encoding.writeVarUint(encoder, MSG_AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
  return encoding.toUint8Array(encoder);
}

export function closeFrame(address: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, address);
  encoding.writeVarUint(encoder, MSG_CLOSE);
  return encoding.toUint8Array(encoder);
}
