/**
 * The start-up check: every private shape of Hocuspocus (and ws) that this folder relies on is
 * there, or the server refuses to start with a message naming what changed. Nothing here falls
 * back silently: a missing shape would quietly cost the measured gains (or correctness).
 */
import { Document, Hocuspocus } from '@hocuspocus/server';
import { awarenessListenerProblems } from './awarenessListener.ts';
import { clientConnectionProblems, connectionQueueProblems } from './clientConnection.ts';
import { documentBroadcastProblems } from './documentBroadcast.ts';
import { documentFlushProblems } from './documentFlush.ts';
import { hookDispatchProblems } from './hookDispatch.ts';
import { redisExtensionProblems } from './redisExtension.ts';
import { storeDebounceProblems } from './storeDebounce.ts';
import { syncStepOneProblems } from './syncStepOne.ts';
import { HOCUSPOCUS_VERSION_CHECKED } from './version.ts';
import { wsTcpSocketProblems } from './wsTcpSocket.ts';

export class HocuspocusInternalsChanged extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `Plenary relies on private parts of @hocuspocus/server ${HOCUSPOCUS_VERSION_CHECKED} that are not as expected:\n` +
        problems.map((problem) => `  - ${problem}`).join('\n') +
        '\nRefusing to start. See docs/upgrading-hocuspocus.md.',
    );
    this.name = 'HocuspocusInternalsChanged';
    this.problems = problems;
  }
}

/** Every problem found, on scratch objects made for the purpose (nothing is left running). */
export function hocuspocusInternalsProblems(): string[] {
  const scratch = new Hocuspocus({ quiet: true });
  const document = new Document('internals-check');
  try {
    return [
      ...hookDispatchProblems(scratch),
      ...storeDebounceProblems(scratch),
      ...documentFlushProblems(document),
      ...documentBroadcastProblems(),
      ...awarenessListenerProblems(document),
      ...clientConnectionProblems(scratch),
      ...connectionQueueProblems(document),
      ...wsTcpSocketProblems(),
      ...redisExtensionProblems(),
      ...syncStepOneProblems(),
    ];
  } finally {
    document.destroy();
  }
}

let checked = false;

/** Throws HocuspocusInternalsChanged when a shape is missing; runs once per process. */
export function assertHocuspocusInternals(): void {
  if (checked) return;
  const problems = hocuspocusInternalsProblems();
  if (problems.length > 0) throw new HocuspocusInternalsChanged(problems);
  checked = true;
}
