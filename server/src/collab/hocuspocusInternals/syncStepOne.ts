/**
 * Contact: replaces `MessageReceiver.prototype.readSyncMessage` of Hocuspocus 4.7 (public in the
 * typings, but Connection constructs its MessageReceiver inline, so there is no way to hand it
 * another) with one that answers sync step 1 from a SyncReplyCache for the documents registered
 * here; every other sync message, and every document not registered, takes Hocuspocus's own path.
 *
 * Why (issue #13, finding 4): Hocuspocus answers each sync step 1 with readSyncStep1, that is
 * Y.encodeStateAsUpdate of the whole document, per request: 100 sockets syncing one large
 * document sent 682 MB and pushed a bystander's edit p99 from 5.8 ms to 1,003 ms. Hocuspocus has
 * no hook that may answer a sync message. The answer here is byte for byte Hocuspocus's (checked
 * at start-up on a scratch document, see syncStepOneProblems): only who encodes it changes.
 * It is also where the size of an answer is known, so the person's budget of answer bytes
 * (socketCaps.ts, through the connection's context) is asked and charged here.
 */
import { type Connection, Document, IncomingMessage, MessageReceiver, OutgoingMessage } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep1, messageYjsSyncStep2 } from 'y-protocols/sync';
import * as Y from 'yjs';
import type { SocketContext } from '../context.ts';
import { canSendInParts, STREAM_CHUNK_BYTES } from '../socketWrites.ts';
import { SyncReplyCache } from '../syncReplyCache.ts';

/** WebSocket.OPEN. */
const WS_OPEN = 1;

type ReadSyncMessage = MessageReceiver['readSyncMessage'];

/** Hocuspocus's own method, taken before anything replaces it. */
const hocuspocusReadSyncMessage: ReadSyncMessage = MessageReceiver.prototype.readSyncMessage;

const caches = new WeakMap<Document, SyncReplyCache>();
let installed = false;

/** From now on sync step 1 for `document` is answered from `cache` (until the document is destroyed). */
export function answerSyncRequestsFrom(document: Document, cache: SyncReplyCache): void {
  if (!installed) {
    MessageReceiver.prototype.readSyncMessage = readSyncMessage;
    installed = true;
  }
  cache.track(document);
  caches.set(document, cache);
}

/**
 * Hocuspocus's readSyncMessage, step 1 only, with the update taken from the cache: the same
 * beforeSync call with the same payload, the server's own step 1, then the step 2, to the same
 * recipient (`reply`, else the connection). Hocuspocus writes the step 2 into the message's
 * encoder and `apply` sends it afterwards; here it is sent at once: a large one to a socket of the
 * WebSocket route as one message in parts, what the encoder already has (address and type) with the step's
 * header, then the cached update itself, written a piece per event-loop turn (no copy of the
 * update: the copy was the largest cost of S12's flood in a profile, 11 % of the event loop, and
 * one answer written at once held up everyone's frames); to anything else, as one buffer (one
 * copy instead of lib0's three).
 * Synchronous when there is no connection, as Hocuspocus's is (it awaits only beforeSync).
 */
function readSyncMessage(
  this: MessageReceiver,
  message: IncomingMessage,
  document: Document,
  connection?: Connection,
  reply?: (message: Uint8Array) => void,
  requestFirstSync = true,
): Promise<0 | 1 | 2> {
  const cache = caches.get(document);
  if (!cache || decoding.peekVarUint(message.decoder) !== messageYjsSyncStep1) {
    return hocuspocusReadSyncMessage.call(this, message, document, connection, reply, requestFirstSync);
  }
  const type = message.readVarUint() as 0;
  const answer = (): 0 => {
    // The person's budget of answer bytes (socketCaps.ts): when it is spent the socket is closed
    // by the route, as for too many requests, and nothing is encoded or sent.
    const budget = (connection?.context as SocketContext | undefined)?.syncReplies;
    if (budget && !budget.admit()) return type;
    const update = cache.updateFor(document, message.readVarUint8Array());
    const messageAddress = connection?.messageAddress ?? document.name;
    let step1: Uint8Array | undefined;
    if (reply && requestFirstSync) {
      step1 = new OutgoingMessage(messageAddress).createSyncReplyMessage().writeFirstSyncStepFor(document).toUint8Array();
      reply(step1);
    } else if (connection) {
      step1 = new OutgoingMessage(messageAddress).createSyncMessage().writeFirstSyncStepFor(document).toUint8Array();
      connection.send(step1);
    }
    const head = step2Head(message.toUint8Array(), update);
    const socket = connection?.webSocket;
    if (!reply && canSendInParts(socket) && socket.readyState === WS_OPEN && update.byteLength > STREAM_CHUNK_BYTES) {
      // The cached update itself, written a piece per turn after the head (socketWrites.ts).
      socket.sendInParts([head, update]);
    } else {
      const step2 = joined(head, update);
      if (reply) reply(step2);
      else connection?.send(step2);
    }
    budget?.spent(head.byteLength + update.byteLength + (step1?.byteLength ?? 0));
    return type;
  };
  if (connection) {
    return connection.callbacks.beforeSync(connection, { type, payload: message.peekVarUint8Array() }).then(answer);
  }
  try {
    return Promise.resolve(answer());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** `head` (the address and message type, as `apply` wrote them), then the start of sync step 2 carrying `update`. */
function step2Head(head: Uint8Array, update: Uint8Array): Uint8Array {
  const step = encoding.createEncoder();
  encoding.writeVarUint(step, messageYjsSyncStep2);
  encoding.writeVarUint(step, update.byteLength);
  return joined(head, encoding.toUint8Array(step));
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const frame = new Uint8Array(a.byteLength + b.byteLength);
  frame.set(a, 0);
  frame.set(b, a.byteLength);
  return frame;
}

/**
 * The frames a step 1 frame makes `apply` send, in order, when read by `read` on a fresh
 * receiver with `reply` as the recipient: what `read` sends, then what it left in the message's
 * encoder beyond the address and type (which `apply` sends after it).
 */
function framesOf(read: ReadSyncMessage, document: Document, stateVector: Uint8Array): Uint8Array[] {
  const request = encoding.createEncoder();
  encoding.writeVarUint(request, messageYjsSyncStep1);
  encoding.writeVarUint8Array(request, stateVector);
  const message = new IncomingMessage(encoding.toUint8Array(request));
  // As `apply` leaves it: the address and the message type already written.
  message.writeVarString(document.name);
  const empty = message.length;
  message.writeVarUint(0);
  const frames: Uint8Array[] = [];
  void read.call(new MessageReceiver(message), message, document, undefined, (frame) => frames.push(frame), true);
  return message.length > empty + 1 ? [...frames, message.toUint8Array()] : frames;
}

const sameBytes = (a: Uint8Array[], b: Uint8Array[]): boolean =>
  a.length === b.length && a.every((bytes, index) => Buffer.compare(bytes, b[index]!) === 0);

/**
 * The replacement answers byte for byte as Hocuspocus does, fresh and from the cache, for an
 * empty and a partial state vector of a scratch document with deletions by two clients.
 */
export function syncStepOneProblems(): string[] {
  if (typeof hocuspocusReadSyncMessage !== 'function' || hocuspocusReadSyncMessage.length < 2) {
    return ['MessageReceiver.prototype.readSyncMessage is not a method taking (message, document, ...)'];
  }
  const source = String(hocuspocusReadSyncMessage);
  if (!source.includes('readSyncStep1(message.decoder, message.encoder, document)')) {
    return ['MessageReceiver.readSyncMessage no longer answers step 1 with readSyncStep1 into the message encoder'];
  }
  const document = new Document('sync-step-one-check');
  const other = new Y.Doc();
  try {
    document.getText('body').insert(0, 'The chair opens the meeting.');
    const partial = Y.encodeStateVector(document);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(document));
    other.getText('body').insert(4, 'vice ');
    other.getText('body').delete(0, 3);
    Y.applyUpdate(document, Y.encodeStateAsUpdate(other, partial));
    document.getMap('notes').set('quorum', 12);
    const cache = new SyncReplyCache();
    const problems: string[] = [];
    for (const stateVector of [new Uint8Array([0]), partial]) {
      const expected = framesOf(hocuspocusReadSyncMessage, document, stateVector);
      const hits = cache.stats().hits;
      caches.set(document, cache);
      cache.track(document);
      const fresh = framesOf(readSyncMessage, document, stateVector);
      const cached = framesOf(readSyncMessage, document, stateVector);
      caches.delete(document);
      if (cache.stats().hits === hits) problems.push('the sync reply cache did not answer a repeated sync step 1');
      if (!sameBytes(expected, fresh) || !sameBytes(expected, cached)) {
        problems.push("the cached answer to sync step 1 is not byte-equal to Hocuspocus's own");
      }
    }
    return [...new Set(problems)];
  } finally {
    other.destroy();
    document.destroy();
  }
}
