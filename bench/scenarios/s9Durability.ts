/**
 * S9: the cost of durability. The S1 load on Plenary as it is (every update appended to the store
 * before it is applied and acknowledged) and on the same build with the append switched off
 * (a benchmark-only switch in bench/servers/plenaryServer.ts), in the same run.
 */
import { BARE, PLENARY } from '../lib/context.ts';
import type { ServerSpec } from '../lib/servers.ts';
import { allPassed, find, ms, type Scenario, typingRows } from './scenario.ts';
import type { TypingConfig } from './typing.ts';

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
      durationMs: options.quick ? 4_000 : 20_000,
      warmupMs: options.quick ? 1_000 : 3_000,
      keepEvery: 1,
      generators: 1,
      connectRate: 0,
      tokensOverHttp: false,
    };
    const off: ServerSpec = { ...PLENARY, label: NO_DURABILITY };
    // A quick run compares the two Plenary rows only.
    const specs = options.quick ? [PLENARY, off] : [BARE, PLENARY, off];
    const rounds = options.quick ? 1 : 3;
    const measurements = await typingRows(options, specs, config, rounds, {
      prepare: async (server, spec) => {
        if (spec === off) await server.child.call('setDurability', { on: false });
      },
      adjust: (outcome, spec) => {
        if (spec === off) outcome.checks = outcome.checks.filter((check) => !check.name.startsWith('the store'));
      },
    });
    const withAppend = find(measurements, PLENARY.label)?.latency;
    const withoutAppend = find(measurements, NO_DURABILITY)?.latency;
    const added = withAppend && withoutAppend ? withAppend.p99 - withoutAppend.p99 : undefined;
    return {
      setup: `The S1 load (${config.clients} writers × ${config.ratePerSec} edits/s, caret updates, ${rounds > 1 ? `${rounds} alternating rounds of ` : ''}${config.durationMs / 1000} s) on Plenary with and without the append to the store (SQLite, WAL) before each update is applied and acknowledged. Without it the store check does not apply.`,
      latencyLabel: 'edit → applied on every other client',
      measurements,
      met: added === undefined ? null : added <= 1 && allPassed(measurements),
      verdict: added === undefined ? 'not measured' : `durability adds ${ms(added)} at p99 (${ms(withAppend!.p99)} on, ${ms(withoutAppend!.p99)} off; target ≤ 1 ms), ${ms(withAppend!.p50 - withoutAppend!.p50)} at p50.`,
      notes: ['Latency differences of a millisecond are within the noise of a shared machine; the server CPU per edit of both rows shows the cost more steadily.'],
    };
  },
};
