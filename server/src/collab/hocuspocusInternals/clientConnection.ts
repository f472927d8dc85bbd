/**
 * Contact: reads Hocuspocus 4.7's private `ClientConnection.documentConnections` (the established
 * connection per message address) and writes its `lastMessageReceivedAt` (the idle timeout); reads
 * the private `Connection.messageQueue` (whether messages wait; for collab/updateBatches.ts,
 * bench/IMPROVEMENTS.md row 19).
 *
 * Why (bench/IMPROVEMENTS.md, row 8, commits 096c5a7 and e6929a2): Hocuspocus's MessageReceiver
 * reads every awareness message into a scratch Y.Doc, and a new Y.Doc draws its GUID through
 * WebCrypto (32 calls of about 6 µs): 15–21 % of S2 and 17 % of S3 (every idle client renews its
 * awareness every 15 s); gone from the profile after. collab/presenceIdentity.ts handles awareness frames of established connections
 * itself, which needs the connection a frame is for, and must keep the idle timeout fed.
 */
import { Connection, type Document, type Hocuspocus } from '@hocuspocus/server';

interface ClientConnectionInternals {
  documentConnections?: Record<string, Connection>;
  lastMessageReceivedAt: number;
}

/** The established document connection for a frame's address (with or without its session part). */
export function establishedConnection(client: object, address: string): Connection | undefined {
  const connections = (client as ClientConnectionInternals).documentConnections;
  if (!connections) return undefined;
  const separator = address.indexOf('\u0000');
  return connections[address] ?? connections[separator < 0 ? address : address.slice(0, separator)];
}

/** What Hocuspocus does for each message it reads: the connection is not idle. */
export function markMessageReceived(client: object): void {
  (client as ClientConnectionInternals).lastMessageReceivedAt = Date.now();
}

/**
 * Whether a document connection still has messages of its own queue to handle (Hocuspocus 4.7's
 * private `Connection.messageQueue`): collab/updateBatches.ts applies a batch of updates itself
 * only when nothing received before them is still waiting there.
 */
export function hasQueuedMessages(connection: Connection): boolean {
  return (connection as unknown as { messageQueue: unknown[] }).messageQueue.length > 0;
}

export function connectionQueueProblems(document: Document): string[] {
  const socket = { send() {}, close() {}, readyState: 1 };
  const request = { url: '/', headers: new Headers() } as unknown as Request;
  const connection = new Connection(socket, request, document, 'internals-check', {});
  try {
    const queue = (connection as unknown as { messageQueue?: unknown }).messageQueue;
    return Array.isArray(queue) && queue.length === 0 ? [] : ['Connection has no messageQueue array'];
  } finally {
    document.removeConnection(connection);
  }
}

export function clientConnectionProblems(scratch: Hocuspocus): string[] {
  const socket = { send() {}, close() {}, readyState: 1 };
  const request = { url: '/', headers: new Headers() } as unknown as Request;
  const client = scratch.handleConnection(socket, request) as unknown as Record<string, unknown> & {
    handleClose(): void;
  };
  try {
    const problems: string[] = [];
    if (typeof client.documentConnections !== 'object' || client.documentConnections === null) {
      problems.push('ClientConnection has no documentConnections record');
    }
    if (typeof client.lastMessageReceivedAt !== 'number') problems.push('ClientConnection has no lastMessageReceivedAt');
    return problems;
  } finally {
    client.handleClose();
  }
}
