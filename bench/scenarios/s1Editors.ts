/** S1: 50 editors on one agenda, 5 edits/s each. */
import { BARE, plenarySpecs } from '../lib/context.ts';
import { allPassed, find, ms, type Scenario, typingRows } from './scenario.ts';
import type { TypingConfig } from './typing.ts';

/** S1's load, also S9's: 50 writers typing 5 edits/s each; tokens asked over HTTP as a browser does. */
export function editorsLoad(quick: boolean): TypingConfig {
  return {
    clients: 50,
    writers: 50,
    ratePerSec: 5,
    durationMs: quick ? 1_500 : 20_000,
    warmupMs: quick ? 250 : 3_000,
    keepEvery: 1,
    generators: 1,
    connectRate: 0,
    tokensOverHttp: true,
  };
}

export const s1: Scenario = {
  id: 'S1',
  title: '50 editors on one agenda, 5 edits/s each',
  target: 'edit-to-remote-apply p99 ≤ 10 ms, and ≤ 1.2× the bare Hocuspocus p99',
  async run(options) {
    const config = editorsLoad(options.quick);
    const rounds = options.quick ? 1 : 3;
    const measurements = await typingRows(options, [BARE, ...plenarySpecs(options)], config, rounds);
    const bare = find(measurements, BARE.label)?.latency?.p99;
    const plenary = find(measurements, 'Plenary')?.latency?.p99;
    const met = bare !== undefined && plenary !== undefined ? plenary <= 10 && plenary <= 1.2 * bare : null;
    return {
      setup: `${config.clients} clients on one agenda, all typing one character per edit at ${config.ratePerSec}/s each into their own paragraph, with a caret (awareness) update per edit; ${rounds > 1 ? `${rounds} rounds of ` : ''}${config.durationMs / 1000} s${rounds > 1 ? ' per server, alternating between servers, each round on a fresh server' : ''}, the first ${config.warmupMs / 1000} s of each not measured; tokens from POST /api/collab-token.`,
      latencyLabel: 'edit → applied on every other client',
      measurements,
      met: met && allPassed(measurements),
      verdict:
        plenary === undefined || bare === undefined
          ? 'not measured'
          : `Plenary p99 ${ms(plenary)} (target ≤ 10 ms), ${(plenary / bare).toFixed(2)}× bare (${ms(bare)}; target ≤ 1.2×).`,
      notes: [],
    };
  },
};
