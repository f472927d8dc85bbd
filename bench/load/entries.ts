/**
 * The clients a load generator holds, by index: shared by the generator and its handler
 * modules (replay, polls), which generator.ts itself imports.
 */
import type { BenchClient } from './client.ts';
import type { Tracker } from './tracker.ts';

export interface ClientSpec {
  index: number;
  url: string;
  docName: string;
  token: string;
  localAddress?: string;
  /** Keep and apply a Y.Doc (writers, and viewers whose text is checked). */
  apply: boolean;
  /** Fixed Yjs client id for a writer, so that the harness knows whose edits are whose. */
  clientId?: number;
  /** Send an awareness state after connecting, as the provider does. */
  awareness?: boolean;
}

export interface Entry {
  spec: ClientSpec;
  client: BenchClient;
  tracker: Tracker;
}

export const entries = new Map<number, Entry>();
