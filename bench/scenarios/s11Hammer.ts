/** S11: bystanders' edit latency while one person hammers a large document with sync requests and version diffs. */

import { bystanderRows, QUIET } from './bystanders.ts';
import { allPassed, find, ms, type Scenario } from './scenario.ts';

export const s11: Scenario = {
  id: 'S11',
  title: 'bystander latency while one user hammers sync/diffs',
  target: 'bystanders’ edit-to-remote-apply p99 ≤ 100 ms while one person hammers',
  async run(options) {
    // One observer: the per-person socket cap (20) of sockets, each asking for the whole document
    // every 2 s (10 a second in all, under the per-person budget of 120 per 10 s), and a diff of
    // the whole log every 500 ms (issue #13: 40 diffs in 20 s).
    const abuse = {
      people: 1,
      socketsPerPerson: 20,
      syncEveryMs: 2_000,
      diffEveryMs: 500,
      seedTransactions: options.quick ? 1_000 : 6_000,
      seedInsertsPer: 10,
    };
    const measurements = await bystanderRows(options, abuse);
    const p99 = find(measurements, 'Plenary')?.latency?.p99;
    const quiet = find(measurements, QUIET)?.latency?.p99;
    return {
      setup: `10 writers typing 5 edits/s each among 20 clients on one agenda; meanwhile one observer holds ${abuse.socketsPerPerson} sockets on a large agenda of another meeting (${abuse.seedTransactions} edits of ${abuse.seedInsertsPer} notes at scattered places, each in the log), each socket asking for the whole document every ${abuse.syncEveryMs / 1000} s, and asks for a diff from the version named before those edits to now every ${abuse.diffEveryMs} ms. "${QUIET}" is the same typing without the observer.`,
      latencyLabel: 'bystander edit → applied on every other client',
      measurements,
      met: p99 !== undefined ? p99 <= 100 && allPassed(measurements) : null,
      verdict:
        p99 === undefined ? 'not measured' : `Plenary p99 ${ms(p99)} while hammered (target ≤ 100 ms); ${ms(quiet)} without.`,
      notes: [],
    };
  },
};
