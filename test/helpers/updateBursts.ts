/**
 * A writer's burst of updates as S4 sends them: one single-character edit per update, each its own
 * frame, written to the socket in one go (corked), so that the server reads them together.
 */
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { updateFrame } from './rawClient.ts';

/** Updates that type `text` into the Y.Text `field`, one character each, from a fresh client. */
export function typingUpdates(text: string, field = 'burst', clientId = 4_242_424): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const target = doc.getText(field);
  for (const character of text) target.insert(target.length, character);
  return updates;
}

/** The update that appends `text` to the Y.Text `t` of `doc` (the store tests' documents). */
export function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  doc.getText('t').insert(doc.getText('t').length, text);
  doc.off('update', capture);
  return update!;
}

/** Sends each update as its own sync update frame, all in one write to the socket. */
export function sendTogether(socket: WebSocket, document: string, updates: Uint8Array[]): void {
  const tcp = (socket as unknown as { _socket: Duplex })._socket;
  tcp.cork();
  for (const update of updates) socket.send(updateFrame(document, update));
  tcp.uncork();
}

/** Whether a frame from the server is a "saved" acknowledgement (sync status 1). */
export function isSavedAcknowledgement(frame: Uint8Array): boolean {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarString(decoder);
  return decoding.readVarUint(decoder) === 8 && decoding.readVarUint(decoder) === 1;
}
