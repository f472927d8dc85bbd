/**
 * S9: the cost of durability. The S1 load on Plenary as it is (every update appended to the store
 * before it is applied and acknowledged) and on the same build with the append switched off
 * (a benchmark-only switch in bench/servers/plenaryServer.ts), in the same run.
 */
import { BARE, PLENARY, startServer } from '../lib/context.ts';
import type { Measurement } from '../lib/results.ts';
import { allPassed, find, measureEach, ms, type Scenario, typingMeasurement } from './scenario.ts';
import { runTyping, type TypingConfig } from './typing.ts';

const NO_DURABILITY = 'Plenary, append-before-acknowledge off';

export const s9: Scenario = {
  id: 'S9',
  title: 'Cost of durability: append-before-acknowledge on vs off',
  target: '≤ 1 ms added at p99',
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
      tokensOverHttp: false,
    };
    const measurements: Measurement[] = [];
    const runs = [[BARE.label, true], [PLENARY.label, true], [NO_DURABILITY, false]] as const;
    // A quick run compares the two Plenary rows only.
    for (const [label, durable] of options.quick ? runs.slice(1) : runs) {
      const spec = label === BARE.label ? BARE : { ...PLENARY, label };
      measurements.push(
        await measureEach(
          options,
          async () => {
            const server = await startServer(options, spec);
            if (!durable) await server.child.call('setDurability', { on: false });
            return server;
          },
          async (server) => {
            const outcome = await runTyping(options, [server], config);
            if (!durable) outcome.checks = outcome.checks.filter((check) => !check.name.startsWith('the store'));
            return typingMeasurement(label, outcome);
          },
          label,
        ),
      );
    }
    const on = find(measurements, PLENARY.label)?.latency;
    const off = find(measurements, NO_DURABILITY)?.latency;
    const added = on && off ? on.p99 - off.p99 : undefined;
    return {
      setup: `The S1 load (${config.clients} writers × ${config.ratePerSec} edits/s, caret updates, ${config.durationMs / 1000} s) on Plenary with and without the append to the store (SQLite, WAL) before each update is applied and acknowledged. Without it the store check does not apply.`,
      latencyLabel: 'edit → applied on every other client',
      measurements,
      met: added === undefined ? null : added <= 1 && allPassed(measurements),
      verdict: added === undefined ? 'not measured' : `durability adds ${ms(added)} at p99 (${ms(on!.p99)} on, ${ms(off!.p99)} off; target ≤ 1 ms), ${ms(on!.p50 - off!.p50)} at p50.`,
      notes: ['Latency differences of a millisecond are within the noise of a shared machine; the server CPU per edit of both rows shows the cost more steadily.'],
    };
  },
};
