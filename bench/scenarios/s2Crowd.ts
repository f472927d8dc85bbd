/** S2: 1,000 clients on one agenda, 100 of them typing. */
import { BARE, plenarySpecs } from '../lib/context.ts';
import { allPassed, find, ms, type Scenario, typingRows } from './scenario.ts';
import type { TypingConfig } from './typing.ts';

export const s2: Scenario = {
  id: 'S2',
  title: '1,000 clients on one agenda, 100 of them typing',
  target: 'p99 ≤ 50 ms, event-loop delay p99 ≤ 20 ms, no dropped clients',
  async run(options) {
    const config: TypingConfig = options.quick
      ? {
          clients: 100,
          writers: 10,
          ratePerSec: 5,
          durationMs: 1_500,
          warmupMs: 250,
          keepEvery: 5,
          generators: 2,
          connectRate: 0,
          tokensOverHttp: false,
        }
      : {
          clients: 1000,
          writers: 100,
          ratePerSec: 5,
          durationMs: 15_000,
          warmupMs: 3_000,
          keepEvery: 10,
          generators: 2,
          connectRate: 500,
          tokensOverHttp: false,
        };
    const rounds = options.quick ? 1 : 2;
    const measurements = await typingRows(options, [BARE, ...plenarySpecs(options)], config, rounds);
    const plenary = find(measurements, 'Plenary');
    const p99 = plenary?.latency?.p99;
    const eld = plenary?.server_?.eventLoopP99Ms;
    const dropped = plenary?.checks.find((check) => check.name === 'no client dropped');
    const met = p99 !== undefined && eld !== undefined ? p99 <= 50 && eld <= 20 && dropped?.ok === true : null;
    return {
      setup: `${config.clients} clients on one agenda; ${config.writers} of them type one character per edit at ${config.ratePerSec}/s with a caret update each; all receive everything. ${rounds > 1 ? `${rounds} rounds of ` : ''}${config.durationMs / 1000} s${rounds > 1 ? ' per server, alternating' : ''}, the first ${config.warmupMs / 1000} s of each not measured. Arrival times kept on every writer and every ${config.keepEvery}th viewer; every client is checked for every edit. ${config.generators} load-generator processes.`,
      latencyLabel: 'edit → applied on other clients',
      measurements,
      met: met && allPassed(measurements),
      verdict:
        p99 === undefined
          ? 'not measured'
          : `Plenary p99 ${ms(p99)} (target ≤ 50 ms), event-loop delay p99 ${ms(eld)} (target ≤ 20 ms), ${dropped?.ok ? 'no client dropped' : 'clients dropped'}.`,
      notes: [],
    };
  },
};
