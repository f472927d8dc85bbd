/** S1: 50 editors on one agenda, 5 edits/s each. */
import { BARE, plenarySpecs, startServer } from '../lib/context.ts';
import type { Measurement } from '../lib/results.ts';
import { allPassed, find, measureEach, ms, type Scenario, typingMeasurement } from './scenario.ts';
import { runTyping, type TypingConfig } from './typing.ts';

export const s1: Scenario = {
  id: 'S1',
  title: '50 editors on one agenda, 5 edits/s each',
  target: 'edit-to-remote-apply p99 ≤ 10 ms, and ≤ 1.2× the bare Hocuspocus p99',
  async run(options) {
    const config: TypingConfig = {
      clients: 50,
      writers: 50,
      ratePerSec: 5,
      durationMs: options.quick ? 4_000 : 60_000,
      warmupMs: options.quick ? 1_000 : 5_000,
      keepEvery: 1,
      generators: 1,
      connectRate: 0,
      tokensOverHttp: true,
    };
    const measurements: Measurement[] = [];
    for (const spec of [BARE, ...plenarySpecs(options)]) {
      measurements.push(
        await measureEach(options, () => startServer(options, spec), async (server) => typingMeasurement(spec.label, await runTyping(options, [server], config)), spec.label),
      );
    }
    const bare = find(measurements, BARE.label)?.latency?.p99;
    const plenary = find(measurements, 'Plenary')?.latency?.p99;
    const met = bare !== undefined && plenary !== undefined ? plenary <= 10 && plenary <= 1.2 * bare : null;
    return {
      setup: `${config.clients} clients on one agenda, all typing one character per edit at ${config.ratePerSec}/s each into their own paragraph, with a caret (awareness) update per edit; ${config.durationMs / 1000} s, the first ${config.warmupMs / 1000} s not measured; tokens from POST /api/collab-token.`,
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
