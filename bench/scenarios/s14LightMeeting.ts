/**
 * S14: the usual meeting, where a few type and many watch: 50 clients on one agenda, 10 of them
 * typing 5 edits/s each. At this load the server is mostly idle, so any fixed cost on the path of
 * one message (a check, a deferred flush, a timer) shows in the median rather than drowning in
 * queueing: the target is Plenary within 1.1× bare Hocuspocus at p50 and at p99.
 */
import { BARE, plenarySpecs } from '../lib/context.ts';
import { editorsLoad } from './s1Editors.ts';
import { allPassed, find, ms, type Scenario, typingRows } from './scenario.ts';
import type { TypingConfig } from './typing.ts';

/** S1's load with 10 of the 50 clients typing (also S16's typing). */
export function lightMeetingLoad(quick: boolean): TypingConfig {
  return { ...editorsLoad(quick), writers: 10 };
}

export const s14: Scenario = {
  id: 'S14',
  title: 'A light meeting: 50 clients on one agenda, 10 of them typing 5 edits/s each',
  target: 'edit-to-remote-apply p50 and p99 each ≤ 1.1× bare Hocuspocus',
  async run(options) {
    const config = lightMeetingLoad(options.quick);
    const rounds = options.quick ? 1 : 3;
    const measurements = await typingRows(options, [BARE, ...plenarySpecs(options)], config, rounds);
    const bare = find(measurements, BARE.label)?.latency;
    const plenary = find(measurements, 'Plenary')?.latency;
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    const met = bare && plenary ? plenary.p50 <= 1.1 * bare.p50 && plenary.p99 <= 1.1 * bare.p99 : null;
    return {
      setup: `${config.clients} clients on one agenda, ${config.writers} of them typing one character per edit at ${config.ratePerSec}/s each into their own paragraph, with a caret (awareness) update per edit, the others watching; ${rounds > 1 ? `${rounds} rounds of ` : ''}${config.durationMs / 1000} s${rounds > 1 ? ' per server, alternating between servers, each round on a fresh server' : ''}, the first ${config.warmupMs / 1000} s of each not measured; tokens from POST /api/collab-token.`,
      latencyLabel: 'edit → applied on every other client',
      measurements,
      met: met && allPassed(measurements),
      verdict:
        !bare || !plenary
          ? 'not measured'
          : `Plenary p50 ${ms(plenary.p50)}, ${ratio(plenary.p50, bare.p50)}× bare (${ms(bare.p50)}); p99 ${ms(plenary.p99)}, ${ratio(plenary.p99, bare.p99)}× bare (${ms(bare.p99)}); target ≤ 1.1× at both.`,
      notes: [],
    };
  },
};
