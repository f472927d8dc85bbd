/**
 * Contact: replaces the private `Document.broadcast` of Hocuspocus 4.7, through which every
 * update, awareness and stateless message of a document reaches its connections.
 *
 * Why (bench/IMPROVEMENTS.md, row 4 and "Fan-out to a large audience"): Hocuspocus encodes a
 * broadcast once per run of connections sharing an address, but every session-aware provider has
 * an address of its own, so one message to a thousand viewers was encoded a thousand times (4.2 %
 * of S1); and writing one message to 5,000 viewers took 66 to 350 ms of socket writes in one turn
 * (S7), so every ballot waited behind it. See collab/broadcasts.ts for what replaces it. Upstream PR #1130
 * added flush delays, not this.
 */
import type { Connection, Document } from '@hocuspocus/server';
import { Document as HocuspocusDocument } from '@hocuspocus/server';

export type Broadcast = (encode: (address: string) => Uint8Array, filter?: (connection: Connection) => boolean) => void;

export function replaceBroadcast(document: Document, broadcast: Broadcast): void {
  const target = document as unknown as { broadcast?: Broadcast };
  if (typeof target.broadcast !== 'function') {
    throw new Error('Hocuspocus Document has no private broadcast to replace (see docs/upgrading-hocuspocus.md)');
  }
  target.broadcast = broadcast;
}

export function documentBroadcastProblems(): string[] {
  const broadcast = (HocuspocusDocument.prototype as unknown as { broadcast?: unknown }).broadcast;
  if (typeof broadcast !== 'function') return ['Document.prototype.broadcast is not a method'];
  if (broadcast.length !== 2) return ['Document.prototype.broadcast no longer takes (encode, filter)'];
  return [];
}
